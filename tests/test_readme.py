"""The README is the user's manual: it must match the code."""

from __future__ import annotations

import re

from graph.settings import REPO_ROOT, Settings

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme_table_and_no_other():
    documented = set(re.findall(r"^\| `(HELSEGRAF_[A-Z0-9_]+)` \|", README, re.M))
    actual = {f"HELSEGRAF_{name.upper()}" for name in Settings.model_fields}
    assert documented == actual


def test_two_setup_commands():
    block = re.search(r"## Set-up: two commands\s+```sh\n(.*?)```", README, re.S).group(1)
    commands = [l.split("#")[0].strip() for l in block.splitlines() if l.strip()]
    assert commands == ["make run", "make test"]


def test_ci_runs_make_test():
    assert "make test" in (REPO_ROOT / ".ci" / "run").read_text()
