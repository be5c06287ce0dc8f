"""The code checks `make check` runs (ruff, lint-imports; configured in pyproject.toml) pass on a copy
of the tree and fail once a violation is planted in the copy (the tree itself is never touched)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PACKAGES = ["schema", "loaders", "graph", "api", "queries", "bench", "tests"]


@pytest.fixture
def tree(tmp_path) -> Path:
    """The Python files of the repository's packages (as git knows them) and pyproject.toml."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", *PACKAGES],
                            cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    for name in [n for n in listed if n.endswith(".py")] + ["pyproject.toml"]:
        if (REPO / name).exists():  # a file deleted in the work tree but not yet in the index
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, tmp_path / name)
    return tmp_path


def run(tool: str, cwd: Path) -> subprocess.CompletedProcess:
    args = {"ruff": ["check", "--no-cache", "."], "lint-imports": ["--no-cache"]}[tool]
    return subprocess.run([str(BIN / tool), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def plant(root: Path, module: str, line: str) -> None:
    path = root / (module.replace(".", "/") + ".py")
    path.write_text(path.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")


@pytest.mark.parametrize("module, line, rule", [
    ("loaders.pipeline", "def f():\n    return undefined_name", "F821"),  # a name that does not exist
    ("graph.store", "import shutil", "F401"),                             # an import nobody uses
    ("api.app", "def f(x=[]):\n    return x", "B006"),                    # a shared mutable default
    ("schema.ids", "try:\n    pass\nexcept:\n    pass", "E722"),           # a bare except
])
def test_ruff_fails_on_a_planted_bug(tree, module, line, rule):
    before = run("ruff", tree)
    assert before.returncode == 0, before.stdout
    plant(tree, module, line)
    out = run("ruff", tree)
    assert out.returncode == 1
    assert rule in out.stdout and module.replace(".", "/") + ".py" in out.stdout


@pytest.mark.parametrize("module, line, broken, shown", [
    ("schema.model", "import loaders.pipeline", "layers", "schema.model -> loaders.pipeline"),  # schema: nothing of ours
    ("loaders.pipeline", "import graph.store", "layers", "loaders.pipeline -> graph.store"),  # independent
    ("graph.store", "import api.app", "layers", "graph.store -> api.app"),  # graph is below api
    ("api.app", "import bench.load_test", "layers", "api.app -> bench.load_test"),  # product code never imports bench
    ("api.app", "import tests.support.server", "product code never imports the tests",
     "api.app -> tests.support.server"),
    ("tests.test_app", "import bench.load_test", "tests import bench/ only to test a benchmark",
     "tests.test_app -> bench.load_test"),
    ("graph.store", "def f():\n    import graph.falkordb_store", "no import cycles",  # the port and a backend
     "No cycles are allowed in graph."),
    ("api.rdf.dataset", "import api.rdf.graph", "no import cycles",  # the description and the exporter
     "No cycles are allowed in api.rdf."),
])
def test_lint_imports_fails_on_a_planted_violation(tree, module, line, broken, shown):
    before = run("lint-imports", tree)
    assert before.returncode == 0, before.stdout
    plant(tree, module, line)
    out = run("lint-imports", tree)
    assert out.returncode == 1
    flat = " ".join(out.stdout.split())  # it wraps long lines
    assert f"{broken}" in flat and "BROKEN" in flat
    assert shown in flat  # the planted import, found in the copy (not in the installed tree)
