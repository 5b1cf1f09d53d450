"""`inspector probe plan|send|follow|status`: inspection probes through a site's own forms."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from inspector.cli._common import (
    UsageProblem,
)
from inspector.cli._group import cli
from inspector.settings import (
    DEFAULT_DB_URL,
)


@cli.group()
def probe() -> None:
    """Probe messages: submit an inspection probe through a site's own form and follow its reply.

    Dry-run by default; sending needs --really-send AND `opt_in = true` for the site in the plan.
    """


def _probe_call(fn, *args, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
    from inspector.probe.plan import PlanError
    from inspector.store.db import StoreError

    try:
        return fn(*args, **kw)
    except (PlanError, StoreError, OSError) as exc:
        raise UsageProblem(str(exc)) from None


def _echo_rows(rows: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    for r in rows:
        parts = [f"{k}={v}" for k, v in r.items() if v not in (None, "", [], {}) and k not in ("timeline", "content")]
        click.echo("  ".join(parts))
        for e in r.get("timeline") or []:
            click.echo(f"    {e.get('at')}  {e.get('state')}")


@probe.command("plan")
@click.argument("plan_file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True)
def probe_plan(plan_file: Path, as_json: bool) -> None:
    """Show what the probe plan would send, per site (nothing is sent)."""
    from inspector.probe.service import plan_probes

    _echo_rows(_probe_call(plan_probes, plan_file), as_json)


@probe.command("send")
@click.argument("plan_file", type=click.Path(path_type=Path))
@click.option("--db", "db_url", default=DEFAULT_DB_URL, show_default=True)
@click.option("--really-send", is_flag=True, help="Actually submit (only to sites with opt_in = true).")
@click.option("--evidence-dir", type=click.Path(path_type=Path), default=Path("probe-evidence"), show_default=True)
@click.option(
    "--interactive",
    is_flag=True,
    help="Show a captcha image and ask for its answer instead of marking the probe 'needs a person'.",
)
@click.option(
    "--timeout",
    "timeout_s",
    type=click.FloatRange(min=1),
    default=None,
    help="Seconds allowed for each browser step [default: the crawler's browser timeout, 45].",
)
@click.option("--json", "as_json", is_flag=True)
def probe_send(
    plan_file: Path,
    db_url: str,
    really_send: bool,
    evidence_dir: Path,
    interactive: bool,
    timeout_s: float | None,
    as_json: bool,
) -> None:
    """Submit one probe per opted-in site (idempotent: a retry never submits twice).

    A send whose outcome is unknown (no answer, an error or a lost connection after posting) is
    'uncertain': the next send looks for it on the site by its token and sends nothing new to that
    site until it is found or resolved (`inspector probe resolve`)."""
    from inspector.probe.service import send_probes

    def ask(image: str) -> str:
        click.echo(f"captcha image: {Path(image).resolve()} (open it to read the characters)")
        return click.prompt("captcha answer (empty: leave it to later)", default="", show_default=False).strip()

    rows = _probe_call(
        send_probes,
        plan_file,
        db_url,
        really_send=really_send,
        evidence_dir=evidence_dir,
        solve_captcha=ask if interactive else None,
        timeout_s=timeout_s,
    )
    if not really_send:
        click.echo("dry run: nothing was submitted (add --really-send to submit to opted-in sites)")
    _echo_rows(rows, as_json)


@probe.command("follow")
@click.argument("plan_file", type=click.Path(path_type=Path))
@click.option("--db", "db_url", default=DEFAULT_DB_URL, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def probe_follow(plan_file: Path, db_url: str, as_json: bool) -> None:
    """Look for replies to open probes; judge latency, quality and disclosure."""
    from inspector.probe.service import follow_probes

    _echo_rows(_probe_call(follow_probes, plan_file, db_url), as_json)


@probe.command("resolve")
@click.argument("token")
@click.option("--db", "db_url", default=DEFAULT_DB_URL, show_default=True)
@click.option("--stored/--not-stored", required=True, help="Whether the site did store the message (checked by hand).")
@click.option("--note", default="", help="What the person saw (kept in the probe's timeline).")
def probe_resolve(token: str, db_url: str, stored: bool, note: str) -> None:
    """Settle an 'uncertain' probe by hand: --stored (it is on the site) or --not-stored (send again)."""
    from inspector.probe.ledger import LedgerError
    from inspector.probe.service import resolve_probe

    try:
        row = _probe_call(resolve_probe, db_url, token, stored=stored, note=note)
    except LedgerError as exc:
        raise UsageProblem(str(exc)) from None
    click.echo(f"{row['token']}  {row['site']}  state={row['state']}")


@probe.command("status")
@click.option("--db", "db_url", default=DEFAULT_DB_URL, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def probe_status_cmd(db_url: str, as_json: bool) -> None:
    """Every probe with its timeline: planned → sent → answered/overdue → disclosed or not."""
    from inspector.probe.service import probe_status

    rows = _probe_call(probe_status, db_url)
    if not rows:
        click.echo("no probes recorded")
    _echo_rows(rows, as_json)
