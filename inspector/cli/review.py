"""`inspector review AUDIT_ID`: what needs a person, and recording the person's decision.

    inspector review 12                                  # list what needs review (with each KEY)
    inspector review 12 --confirm KEY [--by NAME]        # it vetoes from now on
    inspector review 12 --dismiss KEY --why TEXT         # not a defect; remembered for the site

A decision is stored (who, when, why), the audit's verdict is scored again and its reports written
again; a dismissal is remembered for the site and finding key, so the next audit shows the finding as
"dismissed earlier" instead of raising it again. The store API is ``inspector.store.reviews``.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

import click

from inspector.cli._common import UsageProblem, exit_code_for, parse_formats, print_table
from inspector.cli._group import cli
from inspector.settings import DEFAULT_DB_URL, DEFAULT_FORMATS, DEFAULT_LANG, DEFAULT_REPORT_DIR


def _who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return "unknown"


@cli.command()
@click.argument("audit_id", type=int)
@click.option("--db", "db_url", default=DEFAULT_DB_URL, show_default=True)
@click.option("--confirm", "confirm", multiple=True, metavar="KEY", help="Confirm the finding(s) with this key.")
@click.option("--dismiss", "dismiss", multiple=True, metavar="KEY", help="Dismiss the finding(s) with this key.")
@click.option("--why", default="", help="Why (required with --dismiss; shown in the next audits).")
@click.option("--by", "by", default=None, help="Who decides (default: the login name).")
@click.option("--profile", default=None, help="Profile id or TOML file to score with (default: the audit's).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path(DEFAULT_REPORT_DIR), show_default=True)
@click.option("--format", "formats", default=DEFAULT_FORMATS, show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default=DEFAULT_LANG, show_default=True)
def review(
    audit_id: int,
    db_url: str,
    confirm: tuple[str, ...],
    dismiss: tuple[str, ...],
    why: str,
    by: str | None,
    profile: str | None,
    out_dir: Path,
    formats: str,
    lang: str,
) -> None:
    """List the findings of an audit that need review, or confirm / dismiss them."""
    from inspector.profile import ProfileError, load_profile
    from inspector.store.db import StoreError, open_store
    from inspector.store.reviews import ReviewError, Reviews

    try:
        reviews = Reviews(open_store(db_url))
        prof = load_profile(profile) if profile else None
        if not confirm and not dismiss:
            _list(reviews, audit_id, lang)
            return
        if dismiss and not why.strip():
            raise UsageProblem("--dismiss needs --why TEXT: the reason is shown in the next audits")
        verdict = None
        for key in confirm:
            verdict = reviews.decide(audit_id, key, "confirmed", by=by or _who(), why=why, profile=prof)
        for key in dismiss:
            verdict = reviews.decide(audit_id, key, "dismissed", by=by or _who(), why=why, profile=prof)
    except (ReviewError, StoreError, ProfileError) as exc:
        raise UsageProblem(str(exc)) from None
    assert verdict is not None
    from inspector.report import write_reports

    written = write_reports([verdict], out_dir, parse_formats(formats), lang=lang, templates=None)
    print_table([verdict], lang)
    left = len(verdict.reviews)
    click.echo(f"recorded; {left} finding(s) still need review" if left else "recorded; nothing left to review")
    for kind, path in sorted(written.items()):
        click.echo(f"{kind}: {path}")
    sys.exit(exit_code_for([verdict]))


def _list(reviews, audit_id: int, lang: str) -> None:  # noqa: ANN001 — inspector.store.reviews.Reviews
    verdict = reviews.verdict(audit_id)
    pending = verdict.reviews
    zh = lang == "zh"
    click.echo(
        f"audit #{audit_id} {verdict.site}: {verdict.verdict} {verdict.score}; "
        + (f"待人工复核 {len(pending)} 项" if zh else f"{len(pending)} finding(s) need review")
    )
    for f in pending:
        click.echo(f"\n  KEY {f.key}")
        click.echo(f"    {f.item or f.check} [{f.certainty}] {f.message_zh if zh else f.message_en}")
        if f.certainty_reason:
            click.echo(f"    {'理由' if zh else 'why not certain'}: {f.certainty_reason}")
    decided = [f for f in verdict.findings if f.review]
    if decided:
        click.echo("\n" + ("已有决定：" if zh else "decided:"))
        for f in decided:
            r = f.review or {}
            click.echo(f"  {r.get('state')} by {r.get('by')} at {r.get('at')}: {f.key} — {r.get('why', '')}")
    if pending:
        click.echo(
            f"\ninspector review {audit_id} --confirm KEY | --dismiss KEY --why TEXT"
            + (
                " （确认后单项否决；排除后下次检查不再计入）"
                if zh
                else " (a confirmed one vetoes; a dismissed one is remembered)"
            )
        )
