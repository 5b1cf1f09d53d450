"""`inspector audit` and `inspector demo`: crawl, judge and report one or more sites."""

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
    check_url,
    exit_code_for,
    parse_formats,
    print_table,
)
from inspector.cli._group import cli
from inspector.report.writer import FORMATS
from inspector.settings import (
    DEFAULT_DB_URL,
    DEFAULT_FORMATS,
    DEFAULT_LANG,
    DEFAULT_PROFILE,
    DEFAULT_REPORT_DIR,
    DEMO_DB_URL,
    MAX_DEPTH,
    MAX_PAGES,
    SITE_CONCURRENCY,
)


def _audit_options(f):  # noqa: ANN001, ANN202 — click decorator plumbing
    opts = [
        click.option("--profile", default=DEFAULT_PROFILE, show_default=True, help="Profile id or TOML file."),
        click.option("--as-of", "as_of", help="Inspection date YYYY-MM-DD (default: now)."),
        click.option(
            "--out",
            "out_dir",
            type=click.Path(path_type=Path),
            default=Path(DEFAULT_REPORT_DIR),
            show_default=True,
            help="Report directory.",
        ),
        click.option("--json", "json_file", type=click.Path(path_type=Path), help="Also write all verdicts here."),
        click.option(
            "--format",
            "formats",
            default=DEFAULT_FORMATS,
            show_default=True,
            help="Comma list of html,json,junit,csv,xlsx,pdf.",
        ),
        click.option("--max-pages", type=int, default=MAX_PAGES, show_default=True, help="Page budget per site."),
        click.option(
            "--max-depth", type=int, default=MAX_DEPTH, show_default=True, help="Link depth from the home page."
        ),
        click.option(
            "--db",
            "db_url",
            default=DEFAULT_DB_URL,
            show_default=True,
            help="SQLAlchemy URL (sqlite:///file.db or postgresql+psycopg://…).",
        ),
        click.option(
            "--plan",
            "plan_file",
            type=click.Path(path_type=Path),
            help="Plan file with per-site overrides (column types, board URLs …).",
        ),
        click.option("--lang", type=click.Choice(["zh", "en"]), default=DEFAULT_LANG, show_default=True),
        click.option(
            "--templates",
            type=click.Path(path_type=Path, file_okay=False),
            help="Directory of report templates overriding the built-in ones.",
        ),
        click.option(
            "--render",
            type=click.Choice(["auto", "never", "always"]),
            default="auto",
            show_default=True,
            help="When to render pages in Chromium.",
        ),
        click.option("--ignore-robots", is_flag=True, help="Authorised audit: do not obey robots.txt."),
        click.option(
            "--allow-private",
            is_flag=True,
            help="Let the crawler reach loopback/private/link-local addresses other than the site's own.",
        ),
        click.option(
            "--fail-on",
            "fail_on",
            multiple=True,
            help="Extra CI gate: veto | score:<N> | new (with --baseline). Repeatable.",
        ),
        click.option(
            "--baseline",
            type=click.Path(path_type=Path, dir_okay=False),
            help="Earlier verdicts JSON for --fail-on new.",
        ),
        click.option(
            "--concurrency", type=int, default=SITE_CONCURRENCY, show_default=True, help="Sites audited at once."
        ),
        click.option(
            "--delay",
            type=float,
            default=None,
            help="Seconds between two requests to one host (default 0.1; 0 for your own staging site).",
        ),
        click.option(
            "--user-agent",
            "user_agent",
            default=None,
            help="User-Agent to announce (default: gov-inspector/<version> with the project URL).",
        ),
    ]
    for o in reversed(opts):
        f = o(f)
    return f


@cli.command()
@click.argument("urls", nargs=-1, required=True)
@_audit_options
def audit(urls: tuple[str, ...], **kw: Any) -> None:
    """Audit one or more sites and write reports."""
    sys.exit(_run_audit(list(urls), **kw))


def _run_audit(
    urls: list[str],
    *,
    profile: str,
    as_of: str | None,
    out_dir: Path,
    json_file: Path | None,
    formats: str,
    max_pages: int,
    max_depth: int,
    db_url: str,
    plan_file: Path | None,
    lang: str,
    templates: Path | None,
    render: str,
    ignore_robots: bool,
    fail_on: tuple[str, ...],
    baseline: Path | None,
    concurrency: int,
    delay: float | None = None,
    user_agent: str | None = None,
    site_names: dict[str, str] | None = None,
    allow_private: bool = False,
) -> int:
    from inspector.audit import AuditOptions, run_audit
    from inspector.plan import PlanError, load_plan
    from inspector.profile import ProfileError, load_profile
    from inspector.report import gating, write_reports
    from inspector.store.db import StoreError

    urls = [check_url(u) for u in urls]
    as_of = as_of_day(as_of)
    fmt = parse_formats(formats)
    try:
        prof = load_profile(profile)
        plan = load_plan(plan_file) if plan_file else None
    except (ProfileError, PlanError) as exc:
        raise UsageProblem(str(exc)) from None
    base = None
    if baseline:
        try:
            base = json.loads(baseline.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageProblem(f"cannot read --baseline {baseline}: {exc}") from None
    try:
        gates = gating.parse_fail_on(list(fail_on))
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None
    if "new" in [g.split(":")[0] for g in fail_on] and base is None:
        raise UsageProblem("--fail-on new needs --baseline previous.json")
    options = AuditOptions(
        profile=prof,
        as_of=as_of,
        max_pages=max_pages,
        max_depth=max_depth,
        render=render,
        ignore_robots=ignore_robots,
        lang=lang,
        plan=plan,
        site_names=site_names or {},
        concurrency=concurrency,
        fetch_settings={
            **({"per_host_delay_s": delay} if delay is not None else {}),
            **({"user_agent": user_agent} if user_agent else {}),
            **({"allow_private": True} if allow_private else {}),
        },
    )
    from inspector.progress import make_progress

    progress = make_progress()
    options.progress = progress
    options.screenshot_dir = out_dir / "screenshots"
    options.screenshot_dir.mkdir(parents=True, exist_ok=True)
    try:
        verdicts = run_audit(urls, options, db_url=db_url)
    except StoreError as exc:
        raise UsageProblem(str(exc)) from None
    finally:
        progress.close()
    written = write_reports(
        verdicts, out_dir, fmt, lang=lang, templates=templates, fail_on=list(fail_on) or None, baseline=base
    )
    if json_file:
        from inspector.report import batch_to_json

        json_file.parent.mkdir(parents=True, exist_ok=True)
        json_file.write_text(json.dumps(batch_to_json(verdicts), ensure_ascii=False, indent=2), encoding="utf-8")
    print_table(verdicts, lang)
    for kind, path in sorted(written.items()):
        click.echo(f"{kind}: {path}")
    code = exit_code_for(verdicts)
    if gates:
        # With explicit gates the build fails on what they name only (e.g. only on new findings);
        # a site that could not be inspected fails every gate.
        result = gating.gate(verdicts, list(fail_on), base)
        for reason in result.reasons:
            click.echo(f"gate: {reason}")
        if code != EXIT_NOT_INSPECTED:
            code = EXIT_FAIL if result.failed else EXIT_PASS
    return code


@cli.command()
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path(DEFAULT_REPORT_DIR), show_default=True)
@click.option("--db", "db_url", default=DEMO_DB_URL, show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default=DEFAULT_LANG, show_default=True)
@click.option("--scenario", "scenarios", multiple=True, help="Sample scenarios to audit (default: a mix).")
@click.option("--format", "formats", default=",".join(sorted(FORMATS)), show_default=True)
def demo(out_dir: Path, db_url: str, lang: str, scenarios: tuple[str, ...], formats: str) -> None:
    """Serve the bundled sample government sites on 127.0.0.1, audit them, write reports, stop them."""
    from contextlib import ExitStack

    from inspector.samplesites import list_scenarios, serve_scenario

    known = dict(list_scenarios())
    chosen = list(scenarios) or [s for s in DEMO_SCENARIOS if s in known]
    for s in chosen:
        if s not in known:
            raise UsageProblem(f"unknown scenario {s!r}; `inspector sample-sites list` shows them")
    out_dir.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        worlds = [stack.enter_context(serve_scenario(s)) for s in chosen]
        days = {w.manifest()["today"] for w in worlds}
        click.echo(f"sample sites: {len(worlds)} scenarios on 127.0.0.1 ({', '.join(chosen)})")
        urls = [w.urls["portal"] for w in worlds]
        names = {w.urls["portal"]: s for w, s in zip(worlds, chosen)}
        code = _run_audit(
            urls,
            profile=DEFAULT_PROFILE,
            as_of=sorted(days)[0],
            out_dir=out_dir,
            json_file=out_dir / "verdicts.json",
            formats=formats,
            max_pages=MAX_PAGES,
            max_depth=MAX_DEPTH,
            db_url=db_url,
            plan_file=None,
            lang=lang,
            templates=None,
            render="auto",
            ignore_robots=False,
            fail_on=(),
            baseline=None,
            concurrency=3,
            site_names=names,
            delay=0.0,  # our own sites on loopback: no need to be polite
        )
    click.echo(f"open {out_dir / 'index.html'}")
    # The demo succeeded if it produced reports; failing verdicts are the point of the demo.
    sys.exit(EXIT_PASS if code in (EXIT_PASS, EXIT_FAIL) else code)


DEMO_SCENARIOS = ["clean", "stale-columns", "unanswered", "broken-links", "hacked", "bad-identity"]
