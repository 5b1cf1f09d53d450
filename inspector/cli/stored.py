"""`inspector rejudge|history`: work on stored audits without touching the site."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from inspector.cli._common import (
    UsageProblem,
    exit_code_for,
    parse_formats,
    print_table,
)
from inspector.cli._group import cli
from inspector.settings import (
    DEFAULT_DB_URL,
    DEFAULT_FORMATS,
    DEFAULT_LANG,
    DEFAULT_PROFILE,
    DEFAULT_REPORT_DIR,
)


@cli.command()
@click.argument("audit_id", type=int)
@click.option("--db", "db_url", default=DEFAULT_DB_URL, show_default=True)
@click.option("--profile", default=DEFAULT_PROFILE, show_default=True, help="Profile id or TOML file.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path(DEFAULT_REPORT_DIR), show_default=True)
@click.option("--format", "formats", default=DEFAULT_FORMATS, show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default=DEFAULT_LANG, show_default=True)
def rejudge(audit_id: int, db_url: str, profile: str, out_dir: Path, formats: str, lang: str) -> None:
    """Judge a stored audit again (e.g. with another profile) without touching the site."""
    from inspector.judge import judge
    from inspector.profile import ProfileError, load_profile
    from inspector.report import write_reports
    from inspector.store.db import StoreError, open_store

    try:
        prof = load_profile(profile)
        store = open_store(db_url)
        artifacts = store.load_artifacts(audit_id)
    except (ProfileError, StoreError) as exc:
        raise UsageProblem(str(exc)) from None
    verdict = judge(artifacts, prof, lang)
    verdict.run = {
        "profile_title_zh": prof.title_zh,
        "profile_title_en": prof.title_en,
        "as_of": artifacts.as_of.isoformat(),
        "pages": len(artifacts.pages),
        "lang": lang,
        "rejudged_audit": audit_id,
        "probes": artifacts.probes,
    }
    fmt = parse_formats(formats)
    written = write_reports([verdict], out_dir, fmt, lang=lang, templates=None)
    print_table([verdict], lang)
    for kind, path in sorted(written.items()):
        click.echo(f"{kind}: {path}")
    sys.exit(exit_code_for([verdict]))


# --------------------------------------------------------------------------------------- history
@cli.command()
@click.argument("site")
@click.option("--db", "db_url", default=DEFAULT_DB_URL, show_default=True)
def history(site: str, db_url: str) -> None:
    """Verdicts and scores of a site over time."""
    from inspector.store.db import StoreError, open_store

    try:
        store = open_store(db_url)
    except StoreError as exc:
        raise UsageProblem(str(exc)) from None
    rows = store.history(site)
    if not rows:
        raise UsageProblem(f"no audits of {site} in {db_url}")
    for r in rows:
        score = "—" if r["score"] is None else f"{r['score']:g}"
        click.echo(
            f"#{r['audit_id']:<5} {r['finished_at']:%Y-%m-%d %H:%M}  as-of {r['as_of'][:10]}  {r['verdict']:13} {score:>6}  "
            f"vetoes {r['vetoes']}  deductions {r['deductions']}"
        )
