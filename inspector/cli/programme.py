"""`inspector programme run|status|list|resume|report`: a plan's sites as one programme, on workers or here."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from inspector.cli._common import (
    EXIT_FAIL,
    EXIT_NOT_INSPECTED,
    EXIT_PASS,
    UsageProblem,
    as_of_day,
    exit_code_for,
    parse_formats,
    print_table,
)
from inspector.cli._group import cli
from inspector.settings import DEFAULT_DB_URL, DEFAULT_LANG, SITE_CONCURRENCY, DistributedSettings


@cli.group()
def programme() -> None:
    """A plan's sites as one programme: one task per site audit, availability sample and probe follow-up."""


def _store(db_url: str):  # noqa: ANN202 — a Store
    from inspector.cli.worker import open_checked_store

    return open_checked_store(db_url)


def _kinds(tasks: str) -> tuple[str, ...]:
    from inspector.distributed.dispatch import KINDS

    kinds = tuple(k.strip() for k in tasks.split(",") if k.strip())
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise UsageProblem(f"--tasks {tasks!r}: use a comma list of {', '.join(KINDS)}")
    return kinds


@programme.command("run")
@click.argument("plan_file", type=click.Path(path_type=Path))
@click.option("--broker", default=None, help="Redis URL of the workers' broker (default: the plan's broker:).")
@click.option("--db", "db_url", default=None, help="The store the workers use (default: the plan's db:).")
@click.option("--detach", is_flag=True, help="Return once the tasks are on the queue.")
@click.option("--tasks", "tasks", default="audit,probes", show_default=True, help="audit, availability, probes.")
@click.option("--as-of", "as_of", help="Inspection date YYYY-MM-DD (default: today).")
@click.option(
    "--out", "out_dir", type=click.Path(path_type=Path), default=None, help="Report directory (plan's output)."
)
@click.option("--format", "formats", default="html,json", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default=DEFAULT_LANG, show_default=True)
@click.option("--max-pages", type=int, default=None, help="Page budget per site.")
@click.option("--delay", type=float, default=None, help="Seconds between two requests to one host.")
@click.option("--name", default="", help="A name for the programme (default: the plan file's).")
@click.option("--concurrency", type=int, default=SITE_CONCURRENCY, show_default=True, help="Without a broker.")
@click.option("--no-screenshots", is_flag=True, help="Skip the home-page screenshots (no browser needed).")
def programme_run(
    plan_file: Path,
    broker: str | None,
    db_url: str | None,
    detach: bool,
    tasks: str,
    as_of: str | None,
    out_dir: Path | None,
    formats: str,
    lang: str,
    max_pages: int | None,
    delay: float | None,
    name: str,
    concurrency: int,
    no_screenshots: bool,
) -> None:
    """Audit every site of PLAN_FILE as one programme; the batch report is written after the last audit.

    With a broker (--broker or the plan's broker:) each task goes to the workers (`inspector worker`);
    without one everything runs in this process."""
    from inspector.distributed.dispatch import ProgrammeRequest, create_programme
    from inspector.plan import PlanError, load_plan
    from inspector.profile import ProfileError

    try:
        plan = load_plan(plan_file)
    except PlanError as exc:
        raise UsageProblem(str(exc)) from None
    broker = broker or plan.broker
    db_url = db_url or plan.db
    req = ProgrammeRequest(
        plan=plan,
        kinds=_kinds(tasks),
        as_of=as_of_day(as_of),
        lang=lang,
        formats=tuple(sorted(parse_formats(formats))),
        output=str(out_dir) if out_dir else None,
        name=name,
        max_pages=max_pages,
        screenshots=not no_screenshots,
        fetch_settings={"per_host_delay_s": delay} if delay is not None else {},
    )
    store = _store(db_url)
    if broker:
        from inspector.cli.worker import check_broker
        from inspector.distributed.dispatch import submit

        check_broker(broker)
        try:
            pid, sent = submit(store, req, broker_url=broker)
        except (ProfileError, PlanError) as exc:
            raise UsageProblem(str(exc)) from None
        click.echo(f"programme {pid}: {sent} tasks queued on {_safe_url(broker)}")
        click.echo(f"  inspector programme status {pid} --db {_safe_url(db_url)}")
        if detach:
            sys.exit(EXIT_PASS)
        sys.exit(_wait(store, pid))
    try:
        pid, _ = create_programme(store, req)
    except (ProfileError, PlanError) as exc:
        raise UsageProblem(str(exc)) from None
    click.echo(f"programme {pid}: running in this process (no broker)")
    sys.exit(_run_here(store, pid, concurrency))


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 — a redis:// URL SQLAlchemy does not know: hide a password by hand
        if "@" in url and "://" in url:
            scheme, rest = url.split("://", 1)
            return f"{scheme}://***@{rest.split('@', 1)[1]}"
        return url


def _run_here(store: Any, pid: int, concurrency: int) -> int:
    from inspector.asyncutil import run_sync
    from inspector.distributed.dispatch import run_local
    from inspector.progress import make_progress

    progress = make_progress()
    try:
        run_sync(run_local(store, pid, concurrency=concurrency, progress=progress))
    finally:
        progress.close()
    return _finish(store, pid)


def _wait(store: Any, pid: int) -> int:
    from inspector.distributed.monitor import Watcher
    from inspector.store.programme import ProgrammeStore

    ps = ProgrammeStore(store)
    try:
        Watcher(ps, pid).wait()
    except KeyboardInterrupt:
        click.echo(f"stopped watching; the workers go on (inspector programme status {pid})", err=True)
        return 130
    # The report is published by the worker that stored the last audit; give it a moment.
    import time

    deadline = time.monotonic() + 60
    while ps.get(pid)["report_state"] in ("pending", "publishing") and time.monotonic() < deadline:  # type: ignore[index]
        if not ps.counts(pid).get("audit"):
            break
        time.sleep(0.5)
    return _finish(store, pid)


def _finish(store: Any, pid: int) -> int:
    from inspector.distributed.work import Programme, WorkContext, programme_verdicts
    from inspector.store.programme import ProgrammeStore

    ps = ProgrammeStore(store)
    row = ps.get(pid)
    assert row is not None
    prog = Programme.from_row(row)
    verdicts = programme_verdicts(WorkContext(store, "cli"), prog)
    if verdicts:
        print_table(verdicts, prog.lang)
    failed = [t for t in ps.tasks(pid) if t["state"] == "failed"]
    for t in failed:
        click.echo(f"failed: {t['kind']} {t['site']}: {t['reason']}", err=True)
    click.echo(f"batch report: {row['report_state']} {row['report_detail']}")
    code = exit_code_for(verdicts) if verdicts else EXIT_PASS
    if failed and code == EXIT_PASS:
        code = EXIT_NOT_INSPECTED
    return code


@programme.command("status")
@click.argument("programme_id", type=int)
@click.option("--db", "db_url", default=DEFAULT_DB_URL, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable.")
@click.option("--stale-after", type=float, default=None, help="Seconds without heartbeat before a task is lost.")
def programme_status(programme_id: int, db_url: str, as_json: bool, stale_after: float | None) -> None:
    """Each task queued / running / done / failed (with reasons), the batch report, the workers' heartbeats."""
    from inspector.distributed.monitor import print_status, status
    from inspector.store.programme import ProgrammeStore

    settings = DistributedSettings(stale_after_s=stale_after) if stale_after else DistributedSettings()
    try:
        data = status(ProgrammeStore(_store(db_url)), programme_id, settings)
    except LookupError as exc:
        raise UsageProblem(str(exc)) from None
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))
    else:
        print_status(data)
    states = {t["state"] for t in data["tasks"]}
    sys.exit(EXIT_FAIL if "failed" in states else EXIT_PASS)


@programme.command("list")
@click.option("--db", "db_url", default=DEFAULT_DB_URL, show_default=True)
@click.option("--limit", type=int, default=20, show_default=True)
def programme_list(db_url: str, limit: int) -> None:
    """The latest programmes of this store."""
    from inspector.safetext import one_line
    from inspector.store.programme import ProgrammeStore

    ps = ProgrammeStore(_store(db_url))
    rows = ps.runs(limit)
    if not rows:
        click.echo("no programme yet")
    for r in rows:
        counts = ps.counts(r["id"])
        done = sum(v.get("done", 0) for v in counts.values())
        total = sum(sum(v.values()) for v in counts.values())
        click.echo(
            f"{r['id']:>5}  {r['state']:<8} {done}/{total} tasks  {r['created_at']:%Y-%m-%d %H:%M}  "
            f"{one_line(r['name'] or r['key'])}"
        )


@programme.command("resume")
@click.argument("programme_id", type=int)
@click.option("--broker", default=None, help="Redis URL (default: the programme's plan broker:).")
@click.option("--db", "db_url", default=DEFAULT_DB_URL, show_default=True)
@click.option("--detach", is_flag=True)
@click.option("--concurrency", type=int, default=SITE_CONCURRENCY, show_default=True, help="Without a broker.")
def programme_resume(programme_id: int, broker: str | None, db_url: str, detach: bool, concurrency: int) -> None:
    """Put every task that is not done back to work (failed ones included): on the queue again, or here.

    Safe to run at any time: a task already done or running is not done twice."""
    from inspector.distributed.dispatch import resume
    from inspector.distributed.work import Programme
    from inspector.store.programme import ProgrammeStore

    store = _store(db_url)
    row = ProgrammeStore(store).get(programme_id)
    if row is None:
        raise UsageProblem(f"no programme {programme_id} in this database")
    broker = broker or Programme.from_row(row).plan.broker
    if broker:
        from inspector.cli.worker import check_broker

        check_broker(broker)
        sent = resume(store, programme_id, broker_url=broker)
        click.echo(f"programme {programme_id}: {sent} tasks queued again")
        sys.exit(EXIT_PASS if detach else _wait(store, programme_id))
    resume(store, programme_id, broker_url=None)
    sys.exit(_run_here(store, programme_id, concurrency))


@programme.command("report")
@click.argument("programme_id", type=int)
@click.option("--db", "db_url", default=DEFAULT_DB_URL, show_default=True)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None, help="Default: the programme's.")
@click.option("--format", "formats", default=None, help="Default: the programme's formats.")
def programme_report(programme_id: int, db_url: str, out_dir: Path | None, formats: str | None) -> None:
    """Write the programme's batch report again from the store (e.g. on a machine without the workers' disk)."""
    from inspector.distributed.work import Programme, WorkContext, programme_verdicts
    from inspector.report import write_reports
    from inspector.store.programme import ProgrammeStore

    store = _store(db_url)
    row = ProgrammeStore(store).get(programme_id)
    if row is None:
        raise UsageProblem(f"no programme {programme_id} in this database")
    prog = Programme.from_row(row)
    verdicts = programme_verdicts(WorkContext(store, "cli"), prog)
    if not verdicts:
        raise UsageProblem(f"programme {programme_id} has no finished audit yet")
    fmt = parse_formats(formats) if formats else set(prog.options.get("formats") or ["html", "json"])
    written = write_reports(verdicts, out_dir or prog.output, fmt, lang=prog.lang)
    for kind, path in sorted(written.items()):
        click.echo(f"{kind}: {path}")
