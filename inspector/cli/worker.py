"""`inspector worker` (a Celery worker for programmes) and `inspector services` (private Redis + PostgreSQL)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from inspector.cli._common import UsageProblem
from inspector.cli._group import cli
from inspector.settings import DistributedSettings


def parse_settings(pairs: tuple[str, ...], **given: float | int | None) -> DistributedSettings:
    """DistributedSettings from --set field=value pairs and explicit options."""
    import dataclasses

    fields = {f.name: f for f in dataclasses.fields(DistributedSettings)}
    values: dict[str, object] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        name = name.strip().replace("-", "_")
        if not sep or name not in fields:
            raise UsageProblem(
                f"--set {pair!r}: use field=value with a field of DistributedSettings ({', '.join(fields)})"
            )
        kind = type(getattr(DistributedSettings(), name))
        try:
            values[name] = kind(raw)
        except ValueError:
            raise UsageProblem(f"--set {pair!r}: {name} takes a {kind.__name__}") from None
    values.update({k: v for k, v in given.items() if v is not None})
    settings = DistributedSettings(**values)  # type: ignore[arg-type]
    if settings.visibility_timeout_s <= settings.task_time_limit_s:
        raise UsageProblem(
            f"--visibility-timeout ({settings.visibility_timeout_s:g} s) must be longer than --time-limit "
            f"({settings.task_time_limit_s:g} s): Redis would hand a running audit to a second worker"
        )
    return settings


def check_broker(url: str) -> None:
    """One clear line when the broker cannot be reached (Celery itself would retry silently for ever)."""
    if not url.startswith(("redis://", "rediss://", "redis+socket://")):
        raise UsageProblem(f"--broker {url!r}: a Redis URL is needed (redis://host:6379/0)")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5).ping()
    except redis.RedisError as exc:
        raise UsageProblem(f"cannot reach the broker {url}: {exc}") from None


def open_checked_store(db_url: str):  # noqa: ANN201 — a Store
    from inspector.store.db import StoreError, open_store

    try:
        return open_store(db_url)
    except StoreError as exc:
        raise UsageProblem(str(exc)) from None


@cli.command()
@click.option("--broker", envvar="INSPECTOR_BROKER", required=True, help="Redis URL (redis://host:6379/0).")
@click.option("--db", "db_url", envvar="INSPECTOR_DB", required=True, help="The shared store (postgresql+psycopg://…).")
@click.option("--concurrency", "-c", type=int, default=None, help="Tasks at once (default 4).")
@click.option("--queues", "-Q", default=None, help="Queues to consume (default: audits and samples).")
@click.option("--name", "-n", default=None, help="Worker name (default inspector-<pid>@<host>).")
@click.option("--pool", type=click.Choice(["prefork", "threads", "solo"]), default="prefork", show_default=True)
@click.option("--time-limit", type=float, default=None, help="Hard limit of one task in seconds (default 7200).")
@click.option("--visibility-timeout", type=float, default=None, help="Redis redelivery after (default 10800).")
@click.option("--soft-shutdown", type=float, default=None, help="SIGTERM: seconds to finish (default 60).")
@click.option("--loglevel", default="INFO", show_default=True)
@click.option("--set", "overrides", multiple=True, help="Any DistributedSettings field: --set stale_after_s=30.")
def worker(
    broker: str,
    db_url: str,
    concurrency: int | None,
    queues: str | None,
    name: str | None,
    pool: str,
    time_limit: float | None,
    visibility_timeout: float | None,
    soft_shutdown: float | None,
    loglevel: str,
    overrides: tuple[str, ...],
) -> None:
    """Run programme tasks from the broker (site audits, availability samples, probe follow-ups).

    SIGTERM: running tasks get --soft-shutdown seconds to finish; what is left goes back to the queue
    for another worker and resumes there from its stored frontier."""
    settings = parse_settings(
        overrides,
        concurrency=concurrency,
        task_time_limit_s=time_limit,
        visibility_timeout_s=visibility_timeout,
        soft_shutdown_s=soft_shutdown,
    )
    check_broker(broker)
    open_checked_store(db_url)  # migrated once, before the pool forks
    # SIGTERM as a cold shutdown with a soft timeout (Celery's mechanism; read when billiard is imported).
    os.environ.setdefault("REMAP_SIGTERM", "SIGQUIT")
    from inspector.distributed.app import make_app

    app = make_app(broker, db_url, settings)
    argv = [
        "worker",
        f"--loglevel={loglevel}",
        f"--concurrency={settings.concurrency}",
        f"--queues={queues or ','.join((settings.queue, settings.samples_queue))}",
        f"--hostname={name or f'inspector-{os.getpid()}@%h'}",
        f"--pool={pool}",
        "--without-mingle",
        "--without-gossip",
    ]
    app.worker_main(argv)


@cli.group()
def services() -> None:
    """Private Redis and PostgreSQL servers in a directory, for a machine that has none yet."""


def _servers(directory: Path, redis_port: int, pg_port: int, install: bool = False):  # noqa: ANN202
    from inspector.distributed.localservers import PostgresServer, RedisServer

    return (
        RedisServer(directory / "redis", port=redis_port, install=install),
        PostgresServer(directory / "postgres", port=pg_port, install=install),
    )


@services.command("start")
@click.option(
    "--dir", "directory", type=click.Path(path_type=Path), default=Path(".inspector-services"), show_default=True
)
@click.option("--redis-port", type=int, default=6390, show_default=True)
@click.option("--pg-port", type=int, default=55433, show_default=True)
def services_start(directory: Path, redis_port: int, pg_port: int) -> None:
    """Start Redis (append-only, so queued tasks survive a restart) and PostgreSQL on 127.0.0.1.

    Installs Debian's redis-server and postgresql first when they are missing and this runs as root."""
    from inspector.distributed.localservers import ServiceError

    redis_server, pg = _servers(directory, redis_port, pg_port, install=True)
    try:
        for server in (redis_server, pg):
            if server.running():
                click.echo(f"{type(server).__name__} already listening on port {server.port}", err=True)
            else:
                server.start()
    except ServiceError as exc:
        raise UsageProblem(str(exc)) from None
    click.echo(f"--broker {redis_server.url} --db {pg.url}")
    click.echo(f"export INSPECTOR_BROKER={redis_server.url} INSPECTOR_DB={pg.url}")


@services.command("stop")
@click.option(
    "--dir", "directory", type=click.Path(path_type=Path), default=Path(".inspector-services"), show_default=True
)
@click.option("--redis-port", type=int, default=6390, show_default=True)
@click.option("--pg-port", type=int, default=55433, show_default=True)
def services_stop(directory: Path, redis_port: int, pg_port: int) -> None:
    """Stop the servers `services start` started (their data stays in --dir)."""
    from inspector.distributed.localservers import ServiceError

    for server in _servers(directory, redis_port, pg_port):
        try:
            if server.running():
                server.stop()
                click.echo(f"stopped {type(server).__name__} on port {server.port}")
        except ServiceError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
