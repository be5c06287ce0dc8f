"""The extraction pipeline's version: a digest of the code and data that decide what a document
loads as (the loaders and their learned proposal model, the domain model and the registry). Each
loaded document records it, so that `helsegraf load` extracts again a file that has not changed
when the way it is read has."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
_INPUTS = ("loaders/*.py", "loaders/models/*.json", "schema/model.py", "schema/ids.py", "schema/registry.py", "schema/registry/*.yaml")


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    digest = hashlib.sha256()
    for pattern in _INPUTS:
        for path in sorted(_ROOT.glob(pattern)):
            digest.update(path.relative_to(_ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
