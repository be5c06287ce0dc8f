"""A `helsegraf serve` of its own, for the tests and the benchmarks: a free loopback port, a wait
until /health answers, and the whole server (corpus loaded, stopped with its store afterwards)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

import httpx

REPO_ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base: str, proc: subprocess.Popen | None = None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        try:
            r = httpx.get(f"{base}/health", timeout=2, trust_env=False)
            if r.status_code == 200:
                return
            last = f"HTTP {r.status_code} {r.text[:200]}"
        except httpx.HTTPError as e:
            last = f"{type(e).__name__}"
        time.sleep(0.1)
    raise RuntimeError(f"{base}/health did not answer 200 within {timeout}s ({last})")


@contextlib.contextmanager
def spawned_server(data_dir: Path | None = None, load_corpus: bool = True, log: Path | None = None,
                   env: dict[str, str] | None = None) -> Iterator[str]:
    """`helsegraf serve` on a free loopback port with HELSEGRAF_DATA_DIR=data_dir (a new temp dir
    when None) where the default corpus was loaded (unless `load_corpus` is false) and any other
    settings in `env`; yields the base URL; stops the server and the embedded store afterwards.
    If the server does not come up, the error ends with the tail of `log`."""
    own = data_dir is None
    data_dir = Path(tempfile.mkdtemp(prefix="hgload")) if own else Path(data_dir)
    env = {**os.environ, **(env or {}), "HELSEGRAF_DATA_DIR": str(data_dir)}
    cli = [sys.executable, "-m", "api.cli"]
    proc = None
    try:
        if load_corpus:
            out = subprocess.run(cli + ["load"], env=env, cwd=REPO_ROOT, capture_output=True, text=True,
                                 timeout=300)
            if out.returncode != 0:
                raise RuntimeError(f"helsegraf load failed: {out.stderr.strip()}")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        sink = open(log, "w") if log else subprocess.DEVNULL
        proc = subprocess.Popen(cli + ["serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                                cwd=REPO_ROOT, stdout=sink, stderr=subprocess.STDOUT)
        try:
            wait_healthy(base, proc)
        except RuntimeError as e:
            tail = Path(log).read_text(errors="replace")[-2000:] if log else ""
            raise RuntimeError(f"{e}\n{tail}".rstrip()) from None
        yield base
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        subprocess.run(cli + ["store", "stop"], env=env, cwd=REPO_ROOT, capture_output=True, timeout=60)
        if own:
            shutil.rmtree(data_dir, ignore_errors=True)
