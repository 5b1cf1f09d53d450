"""Private Redis and PostgreSQL servers in a directory (Debian's ``redis-server`` and ``postgresql``).

``inspector services start --dir DIR`` uses them so that a fresh machine has a broker and a shared
store in one command; the fault tests and the programme benchmark start their own on private ports
(and restart them mid-programme). Nothing here is needed when you point ``--broker`` and ``--db`` at
servers you already run.

Redis runs with ``appendonly yes`` (every write fsynced once a second, and on shutdown), so a restart
keeps the queued tasks. PostgreSQL refuses to run as root: as root it runs as the ``postgres`` user.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


class ServiceError(RuntimeError):
    """A server binary is missing or did not start; the message says what to do."""


def _free_port(preferred: int | None = None) -> int:
    if preferred:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", preferred))
                return preferred
            except OSError:
                pass
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_port(port: int, timeout_s: float, alive: bool = True) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                up = True
        except OSError:
            up = False
        if up == alive:
            return True
        time.sleep(0.05)
    return False


def _wait_redis(port: int, timeout_s: float) -> bool:
    """Until Redis answers PING with PONG (after a restart it first loads its append-only file)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1.0) as s:
                s.sendall(b"PING\r\n")
                if s.recv(64).startswith(b"+PONG"):
                    return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


def _apt_install(package: str) -> bool:
    """As root on Debian/Ubuntu: install ``package`` (once); False when that is not possible here."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, check=False)
    res = subprocess.run(["apt-get", "install", "-y", "-qq", package], env=env, capture_output=True, check=False)
    return res.returncode == 0


def redis_binary(install: bool = False) -> str:
    found = shutil.which("redis-server")
    if not found and install and _apt_install("redis-server"):
        found = shutil.which("redis-server")
    if not found:
        raise ServiceError("redis-server not found: apt-get install redis-server (or point --broker at a Redis)")
    return found


def postgres_bindir(install: bool = False) -> Path:
    def find() -> Path | None:
        dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(Path(d).parent.name or 0))
        for d in reversed(dirs):
            if (Path(d) / "initdb").exists():
                return Path(d)
        initdb = shutil.which("initdb")
        return Path(initdb).parent if initdb else None

    found = find()
    if found is None and install and _apt_install("postgresql"):
        found = find()
    if found is None:
        raise ServiceError("PostgreSQL not found: apt-get install postgresql (or point --db at a PostgreSQL)")
    return found


@dataclass
class RedisServer:
    """``redis-server`` on 127.0.0.1:port with its data (AOF) in ``directory``."""

    directory: Path
    port: int = 0
    install: bool = False

    def __post_init__(self) -> None:
        self.directory = Path(self.directory).resolve()
        self.port = self.port or _free_port()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def running(self) -> bool:
        return _wait_port(self.port, 0.2)

    def start(self, timeout_s: float = 20.0) -> RedisServer:
        binary = redis_binary(self.install)
        self.directory.mkdir(parents=True, exist_ok=True)
        cmd = [
            binary,
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(self.directory),
            "--appendonly",
            "yes",
            "--appendfsync",
            "everysec",
            "--save",
            "",
            "--daemonize",
            "yes",
            "--pidfile",
            str(self.directory / "redis.pid"),
            "--logfile",
            str(self.directory / "redis.log"),
            "--protected-mode",
            "yes",
        ]
        res = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if res.returncode != 0 or not _wait_redis(self.port, timeout_s):
            raise ServiceError(f"redis-server did not start on port {self.port}: {self._log_tail() or res.stderr}")
        return self

    def stop(self, timeout_s: float = 20.0) -> None:
        """Shut down cleanly (the append-only file is flushed: queued tasks survive a restart)."""
        pid = self._pid()
        if pid:
            try:
                os.kill(pid, 15)  # SIGTERM: redis saves and exits
            except ProcessLookupError:
                pass
        _wait_port(self.port, timeout_s, alive=False)
        deadline = time.monotonic() + timeout_s
        while pid and time.monotonic() < deadline and _alive(pid):
            time.sleep(0.05)

    def restart(self, down_s: float = 0.0) -> None:
        self.stop()
        time.sleep(down_s)
        self.start()

    def _pid(self) -> int | None:
        try:
            return int((self.directory / "redis.pid").read_text().strip())
        except (OSError, ValueError):
            return None

    def _log_tail(self) -> str:
        try:
            return " ".join((self.directory / "redis.log").read_text(errors="replace").splitlines()[-3:])
        except OSError:
            return ""


@dataclass
class PostgresServer:
    """A private PostgreSQL cluster in ``directory`` on 127.0.0.1:port (trust auth, user ``postgres``)."""

    directory: Path
    port: int = 0
    install: bool = False

    def __post_init__(self) -> None:
        self.directory = Path(self.directory).resolve()
        self.port = self.port or _free_port()

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    @property
    def home(self) -> Path:
        """Where the cluster lives: ``directory``, or (as root, when the postgres user cannot reach it) a
        directory of its own under /tmp whose path is kept in ``directory/pg-home``."""
        pointer = self.directory / "pg-home"
        if pointer.exists():
            return Path(pointer.read_text().strip())
        if os.geteuid() != 0 or self._run(["test", "-w", str(self.directory)]).returncode == 0:
            return self.directory
        import tempfile

        home = Path(tempfile.mkdtemp(prefix="gi-pg-", dir="/tmp"))
        shutil.chown(home, "postgres")
        pointer.write_text(str(home))
        return home

    @property
    def data(self) -> Path:
        return self.home / "data"

    def _run(self, args: list[str]) -> subprocess.CompletedProcess[str]:
        if os.geteuid() == 0:  # PostgreSQL refuses root: run as the postgres user Debian's package creates
            quoted = " ".join(f"'{a}'" for a in args)
            return subprocess.run(
                ["su", "postgres", "-s", "/bin/sh", "-c", quoted], capture_output=True, text=True, check=False
            )
        return subprocess.run(args, capture_output=True, text=True, check=False)

    def running(self) -> bool:
        return _wait_port(self.port, 0.2)

    def start(self, timeout_s: float = 60.0) -> PostgresServer:
        bindir = postgres_bindir(self.install)
        self.directory.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres")
        home = self.home
        if not (self.data / "PG_VERSION").exists():
            res = self._run([str(bindir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres"])
            if res.returncode != 0:
                raise ServiceError(f"initdb failed in {self.data}: {res.stderr.strip()[-300:]}")
        opts = f"-p {self.port} -k {home} -c listen_addresses=127.0.0.1 -c max_connections=200"
        res = self._run(
            [str(bindir / "pg_ctl"), "-D", str(self.data), "-o", opts, "-l", str(home / "log"), "-w", "start"]
        )
        if res.returncode != 0 or not _wait_port(self.port, timeout_s):
            raise ServiceError(f"PostgreSQL did not start on port {self.port}: {res.stderr.strip()[-300:]}")
        return self

    def stop(self, mode: str = "fast") -> None:
        bindir = postgres_bindir()
        self._run([str(bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"])
        _wait_port(self.port, 20, alive=False)

    def restart(self, down_s: float = 0.0) -> None:
        self.stop()
        time.sleep(down_s)
        self.start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


__all__ = ["PostgresServer", "RedisServer", "ServiceError", "postgres_bindir", "redis_binary"]
