"""`inspector recheck AUDIT_ID`: re-inspect only an audit's open items and mark each fixed or still open."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from inspector.cli._common import EXIT_FAIL, EXIT_NOT_INSPECTED, EXIT_PASS, UsageProblem, as_of_day
from inspector.cli._group import cli
from inspector.settings import DEFAULT_DB_URL, DEFAULT_LANG, DEFAULT_PROFILE, DEFAULT_REPORT_DIR


@cli.command()
@click.argument("audit_id", type=int)
@click.option("--db", "db_url", default=DEFAULT_DB_URL, show_default=True)
@click.option("--profile", default=DEFAULT_PROFILE, show_default=True, help="Profile id or TOML file.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path(DEFAULT_REPORT_DIR), show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default=DEFAULT_LANG, show_default=True)
@click.option("--as-of", "as_of", help="Recheck date YYYY-MM-DD (default: now).")
@click.option("--delay", type=float, default=None, help="Seconds between two requests to one host (default 0.1).")
def recheck(
    audit_id: int, db_url: str, profile: str, out_dir: Path, lang: str, as_of: str | None, delay: float | None
) -> None:
    """Visit only the pages, columns and messages of AUDIT_ID's open items; write recheck-AUDIT_ID.html/.json/.csv.

    Exit 0 when every item is fixed, 1 when one is still open, 3 when some could not be rechecked."""
    from inspector.asyncutil import run_sync
    from inspector.audit import AuditOptions, make_fetcher
    from inspector.profile import ProfileError, load_profile
    from inspector.recheck import recheck_audit
    from inspector.report.recheck_report import write_recheck
    from inspector.store.db import StoreError, open_store

    as_of = as_of_day(as_of)
    try:
        prof = load_profile(profile)
        store = open_store(db_url)
    except (ProfileError, StoreError) as exc:
        raise UsageProblem(str(exc)) from None
    options = AuditOptions(
        profile=prof, as_of=as_of, fetch_settings={"per_host_delay_s": delay} if delay is not None else {}
    )

    async def run():  # noqa: ANN202
        async with make_fetcher(options) as fetcher:
            return await recheck_audit(audit_id, store, prof, fetcher, as_of=as_of, lang=lang)

    try:
        result = run_sync(run())
    except StoreError as exc:
        raise UsageProblem(str(exc)) from None
    written = write_recheck(result, out_dir, lang=lang)
    s = result.summary
    zh = lang == "zh"
    click.echo(
        (
            f"复查 #{audit_id}（{result.name}）：已整改 {s['fixed']}，未整改 {s['open']}，未能复查 {s['not_rechecked']}（共{s['items']}项）"
        )
        if zh
        else f"recheck of #{audit_id} ({result.name}): {s['fixed']} fixed, {s['open']} still open, {s['not_rechecked']} not rechecked of {s['items']}"
    )
    for kind, path in sorted(written.items()):
        click.echo(f"{kind}: {path}")
    sys.exit(EXIT_FAIL if s["open"] else EXIT_NOT_INSPECTED if s["not_rechecked"] else EXIT_PASS)
