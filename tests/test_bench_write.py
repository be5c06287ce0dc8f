"""bench/store_write.py runs on both stores (a small size, so the benchmark cannot rot)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from graph.settings import REPO_ROOT


@pytest.mark.parametrize("backend", ["embedded", "neo4j"])
def test_the_write_benchmark_runs(backend, request):
    """On Neo4j, the session's (`--neo4j-uri`, which the benchmark wipes)."""
    args, env = [], dict(os.environ)
    if backend == "neo4j":
        uri, password = request.getfixturevalue("neo4j_uri_password")
        request.addfinalizer(request.getfixturevalue("neo4j_store").wipe)  # what the benchmark wrote
        args, env["HELSEGRAF_NEO4J_PASSWORD"] = ["--neo4j-uri", uri], password
    out = subprocess.run([sys.executable, str(REPO_ROOT / "bench" / "store_write.py"), "--nodes", "300",
                          "--sample", "40", "--backend", backend, *args],
                         capture_output=True, text=True, timeout=600, cwd=REPO_ROOT, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    assert re.search(r"write\(\): 300 nodes \+ 600 relationships in [\d.]+s", out.stdout), out.stdout
    assert re.search(r"40 nodes: batched UNWIND .* batched is [\d.]+x faster", out.stdout), out.stdout
    if backend == "neo4j":
        assert "backend: Neo4j Kernel 5.26" in out.stdout
