"""A small real cluster for the fault tests: private Redis and PostgreSQL, worker processes, helpers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from inspector.distributed.localservers import PostgresServer, RedisServer, ServiceError

REPO = Path(__file__).resolve().parents[2]

# Short clocks so a lost worker is noticed in seconds (the defaults are hours, see DistributedSettings).
FAST = {"stale_after_s": 15, "heartbeat_s": 2, "retry_backoff_max_s": 2, "limiter_lease_s": 30}
TIME_LIMIT_S = 150  # far above a 20-page sample audit (≈ 10 s alone, ≈ 60 s on a machine shared by 40 processes)
VISIBILITY_S = 160  # a killed worker's task comes back after this (must exceed the time limit)


def start_redis(tmp: Path) -> RedisServer:
    try:
        return RedisServer(tmp / "redis").start()
    except ServiceError as exc:
        pytest.skip(f"no redis-server on this machine ({exc}); CI's .ci/run installs Debian's")


def start_postgres(tmp: Path) -> PostgresServer:
    try:
        return PostgresServer(tmp / "pg").start()
    except ServiceError as exc:
        pytest.skip(f"no PostgreSQL on this machine ({exc}); CI's .ci/run installs Debian's")


def fresh_database(server_url: str) -> str:
    """A new empty database on the server; its URL."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:10]}"
    plain = server_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + f"/{name}"


class Worker:
    """`inspector worker` as its own process group (so kill -9 takes the pool with it, like a lost machine)."""

    def __init__(
        self, name: str, broker: str, db: str, log_dir: Path, concurrency: int = 1, extra: tuple[str, ...] = ()
    ):
        self.name = f"{name}@test"
        self.log = log_dir / f"{name}.log"
        cmd = [
            sys.executable,
            "-m",
            "inspector.cli",
            "worker",
            "--broker",
            broker,
            "--db",
            db,
            "-c",
            str(concurrency),
            "-n",
            self.name,
            "--time-limit",
            str(TIME_LIMIT_S),
            "--visibility-timeout",
            str(VISIBILITY_S),
            "--soft-shutdown",
            "3",
            "--loglevel",
            "INFO",
            *[a for k, v in FAST.items() for a in ("--set", f"{k}={v}")],
            *extra,
        ]
        self.fh = open(self.log, "w")  # noqa: SIM115 — closed in stop()
        self.proc = subprocess.Popen(
            cmd, cwd=REPO, stdout=self.fh, stderr=subprocess.STDOUT, start_new_session=True, env={**os.environ}
        )

    def kill9(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=10)

    def term(self, timeout_s: float = 30) -> int:
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=timeout_s)

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                self.term(20)
            except subprocess.TimeoutExpired:
                self.kill9()
        try:  # pool processes of a worker killed while busy
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.fh.close()

    def text(self) -> str:
        return self.log.read_text(errors="replace")


def wait_for(what: str, predicate: Callable[[], object], timeout_s: float, every_s: float = 0.2) -> object:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every_s)
    raise AssertionError(f"timed out after {timeout_s:g} s waiting for {what}")
