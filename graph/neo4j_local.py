"""A local Neo4j 5.26 Community without Docker: the launcher in graph/neo4j_launcher/ (Java, the
embedded DBMS with Bolt on 127.0.0.1) run as a child process. The tests, `make neo4j` and the
CLI share this module.

    with LocalNeo4j(data_dir, password) as neo4j:   # port 0: a free one
        settings = Settings(backend="neo4j", neo4j_uri=neo4j.uri, neo4j_password=password)

    with local_store(data_dir) as store:            # the same, a random password, a store set up
        ...

The password reaches the JVM in its environment (HELSEGRAF_NEO4J_PASSWORD), never in argv.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import selectors
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.errors import StoreUnavailable
from graph.settings import REPO_ROOT

LAUNCHER_JAR = REPO_ROOT / "graph" / "neo4j_launcher" / "target" / "neo4j-launcher.jar"
READY = re.compile(r"neo4j ready (bolt://\S+) version (\S+)")
# Neo4j sizes its heap from the machine's memory unless told; 1 GB holds the corpus many times over
JAVA_OPTIONS = ("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC")
# For a short-lived Neo4j (the test suite's): the quick JIT only. It starts in about half the time
# and plans a statement it has not seen faster; a long run (a benchmark, `make neo4j`) keeps the
# default, whose optimising JIT pays off later.
QUICK_START = ("-XX:TieredStopAtLevel=1",)


def unavailable_reason() -> str | None:
    """Why the local Neo4j cannot start here, or None if it can."""
    if shutil.which("java") is None:
        return "no `java` on PATH for the local Neo4j"
    if not LAUNCHER_JAR.exists():
        return f"the local Neo4j is not built ({LAUNCHER_JAR.relative_to(REPO_ROOT)}): run `make neo4j-launcher`"
    return None


class LocalNeo4j:
    """One launcher process: `start()` waits for its ready line, `stop()` sends SIGTERM."""

    def __init__(self, data_dir: Path, password: str, port: int = 0, host: str = "127.0.0.1",
                 java_options: tuple[str, ...] = JAVA_OPTIONS):
        self.java_options = java_options
        self.data_dir = Path(data_dir).resolve()
        self.password = password
        self.port = port
        self.uri: str | None = None
        self.version: str | None = None
        self.process: subprocess.Popen | None = None
        self._timed_out = False

    @property
    def error_log(self) -> Path:
        return self.data_dir / "launcher.err"

    def start(self, timeout: float = 180.0) -> str:
        """Start Neo4j and return its Bolt URI once it accepts connections."""
        reason = unavailable_reason()
        if reason:
            raise StoreUnavailable(reason)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "HELSEGRAF_NEO4J_PASSWORD": self.password}
        with open(self.error_log, "wb") as err:
            self.process = subprocess.Popen(
                ["java", *self.java_options, "-jar", str(LAUNCHER_JAR), str(self.data_dir), str(self.port)],
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err, env=env,
                start_new_session=True)  # a Ctrl-C in the terminal reaches us, and we stop it cleanly
        line = self._ready_line(timeout)
        match = READY.fullmatch(line.strip()) if line else None
        if not match:
            self.stop()
            raise StoreUnavailable(f"local Neo4j did not start: {line.strip() if line else self._error()}")
        self.uri, self.version = match.groups()
        return self.uri

    def _ready_line(self, timeout: float) -> str | None:
        assert self.process and self.process.stdout
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as sel:
            sel.register(self.process.stdout, selectors.EVENT_READ)
            while (left := deadline - time.monotonic()) > 0:
                if sel.select(left):
                    line = self.process.stdout.readline().decode("utf-8", "replace")
                    return line or None  # '' is end of output: the process ended
        self._timed_out = True
        return None

    def _error(self) -> str:
        """The launcher's one-line error, or what else is known."""
        if self._timed_out:
            return f"no ready line within the timeout (log: {self.data_dir / 'logs' / 'debug.log'})"
        try:
            lines = self.error_log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        except OSError:
            lines = []
        return lines[-1] if lines else f"the launcher exited with code {self.process.poll() if self.process else '?'}"

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 60.0) -> None:
        """SIGTERM (Neo4j checkpoints and closes its stores), then SIGKILL if it hangs."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()
        self.process = None

    def __enter__(self) -> "LocalNeo4j":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


@contextmanager
def local_store(data_dir: Path, uri: str | None = None) -> Iterator["Neo4jStore"]:  # noqa: F821
    """A local Neo4j in ``data_dir/neo4j`` with a random password and a Neo4jStore on it, set up;
    both stopped on exit (the benchmarks' way to run on Neo4j). Given `uri`, the Neo4j already
    running there instead (its password in HELSEGRAF_NEO4J_PASSWORD), left running on exit."""
    from graph.neo4j_store import Neo4jStore
    from graph.settings import Settings
    with contextlib.ExitStack() as stack:
        if uri:
            password = os.environ.get("HELSEGRAF_NEO4J_PASSWORD", "")
            if not password:
                raise SystemExit(f"a Neo4j at {uri} needs its password in HELSEGRAF_NEO4J_PASSWORD")
        else:
            password = secrets.token_hex(12)
            uri = stack.enter_context(LocalNeo4j(Path(data_dir) / "neo4j", password)).uri
        store = Neo4jStore(Settings(data_dir=data_dir, backend="neo4j", neo4j_uri=uri, neo4j_password=password))
        stack.callback(store.close)
        store.setup()
        yield store


def main(argv: list[str] | None = None) -> int:
    """`make neo4j`: run the local Neo4j in the foreground until Ctrl-C or SIGTERM."""
    import argparse
    import sys
    parser = argparse.ArgumentParser(prog="python -m graph.neo4j_local",
                                     description="Run a local Neo4j 5.26 Community (Bolt on 127.0.0.1).")
    parser.add_argument("--data-dir", type=Path, default=Path("var") / "neo4j")
    parser.add_argument("--port", type=int, default=7687)
    args = parser.parse_args(argv)
    password = os.environ.get("HELSEGRAF_NEO4J_PASSWORD", "")
    if len(password) < 8:
        print("error: set HELSEGRAF_NEO4J_PASSWORD (8 characters or more) first", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even where a shell started us ignoring it
    neo4j = LocalNeo4j(args.data_dir, password, args.port)
    try:
        neo4j.start()
        print(f"neo4j {neo4j.version} ready at {neo4j.uri} (data in {neo4j.data_dir}); Ctrl-C stops it", flush=True)
        while neo4j.running():
            time.sleep(1)
        print(f"error: Neo4j exited: {neo4j._error()}", file=sys.stderr)
        return 1
    except StoreUnavailable as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        neo4j.stop()


if __name__ == "__main__":
    raise SystemExit(main())
