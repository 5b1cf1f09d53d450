"""`inspector schedule once|run`: an inspection programme from a plan file."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from inspector.cli._common import (
    EXIT_FAIL,
    EXIT_PASS,
    UsageProblem,
)
from inspector.cli._group import cli
from inspector.settings import DEFAULT_LANG


@cli.group()
def schedule() -> None:
    """Run an inspection programme from a plan file (availability, audits, probes, reports)."""


def _scheduler(plan_file: Path, db_url: str | None, lang: str):  # noqa: ANN202
    from inspector.plan import PlanError, load_plan
    from inspector.schedule import Scheduler, standard_tasks
    from inspector.store.db import StoreError, open_store

    try:
        plan = load_plan(plan_file)
        store = open_store(db_url or plan.db)
    except (PlanError, StoreError) as exc:
        raise UsageProblem(str(exc)) from None
    return Scheduler(plan, store, standard_tasks(plan, store, lang=lang))


@schedule.command("once")
@click.argument("plan_file", type=click.Path(path_type=Path))
@click.option("--db", "db_url", default=None, help="Override the plan's database URL.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=DEFAULT_LANG)
@click.option(
    "--now", "now_iso", default=None, help="Run what is due at this local time (YYYY-MM-DDTHH:MM), e.g. to replay."
)
def schedule_once(plan_file: Path, db_url: str | None, lang: str, now_iso: str | None) -> None:
    """Run everything due now and exit (for system cron and CI)."""
    import asyncio

    sched = _scheduler(plan_file, db_url, lang)
    if now_iso:
        try:
            fixed = datetime.fromisoformat(now_iso)
        except ValueError:
            raise UsageProblem(f"--now must be a local time like 2026-11-17T02:00 (got {now_iso!r})") from None
        sched.now = lambda: fixed
    first = sched.is_first_run()
    results = asyncio.run(sched.run_due())
    for slot, state, detail in results:
        click.echo(f"{slot.due_at:%Y-%m-%d %H:%M:%S} {slot.kind:12} {slot.site} {state} {detail}")
    if not results:
        click.echo(nothing_due_message(sched, plan_file, first))
    sys.exit(EXIT_FAIL if any(state == "failed" for _, state, _ in results) else EXIT_PASS)


def nothing_due_message(sched, plan_file: Path, first: bool) -> str:  # noqa: ANN001 — a Scheduler
    """What `schedule once` says when no slot is due: when the next ones are, and how to run one now."""
    upcoming = sched.upcoming()
    lines = ["nothing due now" + (f" ({sched.now():%Y-%m-%d %H:%M:%S})" if first else "")]
    if first:
        lines.append(
            "first run of this plan on this store: the schedule starts now and nothing earlier is caught up "
            "(run `inspector schedule once` from cron, or keep `inspector schedule run` going)"
        )
    for kind, due in sorted(upcoming.items(), key=lambda kv: kv[1]):
        lines.append(f"  next {kind:12} {due:%Y-%m-%d %H:%M:%S}")
    if "audit" in upcoming:
        lines.append(f"to audit now: inspector schedule once {plan_file} --now {upcoming['audit']:%Y-%m-%dT%H:%M}")
    return "\n".join(lines)


@schedule.command("run")
@click.argument("plan_file", type=click.Path(path_type=Path))
@click.option("--db", "db_url", default=None, help="Override the plan's database URL.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=DEFAULT_LANG)
def schedule_run(plan_file: Path, db_url: str | None, lang: str) -> None:
    """Long-running scheduler; stop with Ctrl-C or SIGTERM (state is kept in the store)."""
    import asyncio

    sched = _scheduler(plan_file, db_url, lang)
    click.echo(f"scheduler started for {len(sched.plan.sites)} sites; next slot {sched.next_due()}")
    asyncio.run(sched.run_forever(on_event=click.echo))
    click.echo("scheduler stopped")
