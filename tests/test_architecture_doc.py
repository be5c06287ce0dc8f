"""docs/ARCHITECTURE.md cannot rot silently: every repository path it names exists, every name it
pins to a Python module (`path.py` `name`) is defined there, and the README points at it."""

from __future__ import annotations

import re

from graph.settings import REPO_ROOT

DOC_PATH = REPO_ROOT / "docs" / "ARCHITECTURE.md"
DOC = DOC_PATH.read_text(encoding="utf-8")
SPANS = re.findall(r"`([^`\n]+)`", DOC)
FILE_ENDINGS = (".py", ".md", ".toml", ".yml", ".yaml", ".ttl", ".cypher", ".graphql", ".js", ".mjs", ".json")


def _is_path(span: str) -> bool:
    """A repository path: no spaces, no URL or IRI template, not outside the repository."""
    if " " in span or ":" in span or span.startswith(("/", "{", "../", "-")):
        return False
    return "/" in span or span.endswith(FILE_ENDINGS)


PATHS = sorted({s for s in SPANS if _is_path(s)})


def test_the_doc_names_paths():
    assert len(PATHS) > 50, PATHS  # the extraction below still finds what it should check


def test_every_path_the_doc_names_exists():
    missing = [p for p in PATHS if not (any(REPO_ROOT.glob(p)) if "*" in p else (REPO_ROOT / p).exists())]
    assert not missing, f"docs/ARCHITECTURE.md names paths that do not exist: {missing}"


def _defines(source: str, name: str) -> bool:
    return re.search(rf"^\s*(?:def|class)\s+{re.escape(name)}\b|^\s*{re.escape(name)}\s*[:=]", source, re.M) is not None


def test_every_name_pinned_to_a_module_is_defined_there():
    pairs = re.findall(r"`([\w/]+\.py)` `([A-Za-z_][\w.]*)(?:\(\))?`", DOC)
    assert len(pairs) > 20, pairs
    missing = []
    for path, name in pairs:
        source = (REPO_ROOT / path).read_text(encoding="utf-8")
        if not all(_defines(source, part) for part in name.split(".")):
            missing.append(f"{path} {name}")
    assert not missing, f"docs/ARCHITECTURE.md names what these modules do not define: {missing}"


def test_the_readme_points_at_the_doc_in_the_repository():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/ARCHITECTURE.md" in readme
    assert "(see `../shared/design/ARCHITECTURE.md`)" not in readme
