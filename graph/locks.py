"""An exclusive advisory lock on a file: one holder at a time, others wait."""

from __future__ import annotations

import fcntl
from contextlib import contextmanager
from pathlib import Path
from typing import Callable


@contextmanager
def file_lock(path: Path, on_wait: Callable[[], None] | None = None):
    """Hold the lock on `path`; if another process holds it, call `on_wait` once, then wait."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait()
            fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)
