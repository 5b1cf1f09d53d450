"""`inspector checks|profiles|inspect-page`: what is installed, and what the gatherer sees on one page."""

from __future__ import annotations

import json
from datetime import datetime

import click

from inspector.cli._common import (
    UsageProblem,
    as_of_day,
)
from inspector.cli._group import cli
from inspector.settings import (
    DEFAULT_LANG,
    DEFAULT_PROFILE,
)


@cli.command("checks")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=DEFAULT_LANG)
def list_checks(lang: str) -> None:
    """List the installed checks: id, title, clause, and severity in the default profile."""
    from inspector.check import registry
    from inspector.profile import load_profile

    prof = load_profile(DEFAULT_PROFILE)
    for cid, c in sorted(registry().items()):
        items = [it for it in prof.items if it.check == cid]
        sev = "/".join(sorted({it.severity for it in items})) or "info"
        title = c.title_zh if lang == "zh" else c.title_en
        click.echo(f"{cid:24} {sev:10} {c.clause}  {title}")


@cli.command()
def profiles() -> None:
    """List the built-in profiles."""
    from inspector.profile import builtin_profiles, load_profile

    for name in sorted(builtin_profiles()):
        p = load_profile(name)
        vetoes = sum(1 for i in p.items if i.severity == "veto")
        click.echo(f"{name:16} {len(p.items)} items ({vetoes} veto)  {p.title_zh}")


@cli.command("inspect-page")
@click.argument("target")
@click.option("--as-of", "as_of", help="Date YYYY-MM-DD for year-less dates (default: today).")
@click.option("--encoding", default=None, help="Encoding of a local file (default: detect).")
@click.option("--judge", is_flag=True, help="Also run the page-level checks on this page alone (why was it flagged?).")
def inspect_page_cmd(target: str, as_of: str | None, encoding: str | None, judge: bool = False) -> None:
    """Print as JSON what the gatherer extracts from one page (file path or URL)."""
    from inspector.inspect_page import inspect_target

    as_of = as_of_day(as_of)
    day = datetime.strptime(as_of, "%Y-%m-%d").date() if as_of else datetime.now().date()
    try:
        data = inspect_target(target, day, encoding=encoding, judge=judge)
    except (OSError, ValueError) as exc:
        raise UsageProblem(str(exc)) from None
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
