"""Command line: `inspector audit|demo|checks|profiles|inspect-page|sample-sites|probe|schedule|history`.

Exit codes: 0 every site passed; 1 a site failed (or a --fail-on gate tripped); 2 usage or
configuration error; 3 a site could not be inspected (and none failed). Errors are one line,
never a traceback (set INSPECTOR_DEBUG=1 to see one).
"""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from inspector import __version__

EXIT_PASS, EXIT_FAIL, EXIT_USAGE, EXIT_NOT_INSPECTED = 0, 1, 2, 3


class UsageProblem(click.ClickException):
    exit_code = EXIT_USAGE


def _as_of(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        raise UsageProblem(f"--as-of must be a date like 2026-11-16 (got {value!r})") from None
    return value


def _check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in url.strip():
        raise UsageProblem(f"not an http(s) URL: {url!r} (example: https://www.example.gov.cn/)")
    return url.strip()


def exit_code_for(verdicts: list[Any]) -> int:
    values = {v.verdict for v in verdicts}
    if "fail" in values:
        return EXIT_FAIL
    if "not_inspected" in values:
        return EXIT_NOT_INSPECTED
    return EXIT_PASS


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gov-inspector")
def cli() -> None:
    """gov-inspector — inspect government websites against published rules (国办秘函〔2019〕19号 …)."""


# --------------------------------------------------------------------------------------- audit
def _audit_options(f):  # noqa: ANN001, ANN202 — click decorator plumbing
    opts = [
        click.option("--profile", default="cn-gov-2019", show_default=True, help="Profile id or TOML file."),
        click.option("--as-of", "as_of", help="Inspection date YYYY-MM-DD (default: now)."),
        click.option(
            "--out",
            "out_dir",
            type=click.Path(path_type=Path),
            default=Path("reports"),
            show_default=True,
            help="Report directory.",
        ),
        click.option("--json", "json_file", type=click.Path(path_type=Path), help="Also write all verdicts here."),
        click.option(
            "--format",
            "formats",
            default="html,json",
            show_default=True,
            help="Comma list of html,json,junit,csv,xlsx,pdf.",
        ),
        click.option("--max-pages", type=int, default=150, show_default=True, help="Page budget per site."),
        click.option("--max-depth", type=int, default=3, show_default=True, help="Link depth from the home page."),
        click.option(
            "--db",
            "db_url",
            default="sqlite:///inspector.db",
            show_default=True,
            help="SQLAlchemy URL (sqlite:///file.db or postgresql+psycopg://…).",
        ),
        click.option(
            "--plan",
            "plan_file",
            type=click.Path(path_type=Path),
            help="Plan file with per-site overrides (column types, board URLs …).",
        ),
        click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True),
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
        click.option("--concurrency", type=int, default=4, show_default=True, help="Sites audited at once."),
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
) -> int:
    from inspector.audit import AuditOptions, run_audit
    from inspector.plan import PlanError, load_plan
    from inspector.profile import ProfileError, load_profile
    from inspector.report import gating, write_reports
    from inspector.store.db import StoreError

    urls = [_check_url(u) for u in urls]
    as_of = _as_of(as_of)
    fmt = {f.strip() for f in formats.split(",") if f.strip()}
    unknown = fmt - {"html", "json", "junit", "csv", "xlsx", "pdf"}
    if unknown:
        raise UsageProblem(f"unknown --format {', '.join(sorted(unknown))} (use html,json,junit,csv,xlsx,pdf)")
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
    written = write_reports(verdicts, out_dir, fmt, lang=lang, templates=templates)
    if json_file:
        from inspector.report import batch_to_json

        json_file.parent.mkdir(parents=True, exist_ok=True)
        json_file.write_text(json.dumps(batch_to_json(verdicts), ensure_ascii=False, indent=2), encoding="utf-8")
    _print_table(verdicts, lang)
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


def _print_table(verdicts: list[Any], lang: str) -> None:
    from rich.console import Console
    from rich.table import Table

    zh = lang == "zh"
    label = {
        "pass": "合格" if zh else "pass",
        "fail": "不合格" if zh else "FAIL",
        "not_inspected": "未能检查" if zh else "not inspected",
    }
    table = Table(title="检查结论" if zh else "Verdicts")
    for col in (
        ("站点" if zh else "site"),
        ("结论" if zh else "verdict"),
        ("得分" if zh else "score"),
        ("否决项" if zh else "vetoes"),
        ("扣分项" if zh else "deductions"),
    ):
        table.add_column(col)
    for v in verdicts:
        vetoes = sorted({f.item or f.check for f in v.vetoes})
        colour = {"pass": "green", "fail": "red"}.get(v.verdict, "yellow")
        table.add_row(
            f"{v.name or ''} {v.site}".strip(),
            f"[{colour}]{label.get(v.verdict, v.verdict)}[/{colour}]",
            "—" if v.score is None else f"{v.score:g}",
            ", ".join(vetoes) or (v.not_inspected_reason or "—"),
            str(len(v.deductions)),
        )
    Console(width=160 if not sys.stdout.isatty() else None).print(table)


# --------------------------------------------------------------------------------------- demo
@cli.command()
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("reports"), show_default=True)
@click.option("--db", "db_url", default="sqlite:///reports/demo.db", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--scenario", "scenarios", multiple=True, help="Sample scenarios to audit (default: a mix).")
@click.option("--format", "formats", default="html,json,junit,csv,xlsx,pdf", show_default=True)
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
            profile="cn-gov-2019",
            as_of=sorted(days)[0],
            out_dir=out_dir,
            json_file=out_dir / "verdicts.json",
            formats=formats,
            max_pages=200,
            max_depth=3,
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


# --------------------------------------------------------------------------------------- catalogue
@cli.command("checks")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
def list_checks(lang: str) -> None:
    """List the installed checks: id, title, clause, and severity in the default profile."""
    from inspector.check import registry
    from inspector.profile import load_profile

    prof = load_profile("cn-gov-2019")
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
def inspect_page_cmd(target: str, as_of: str | None, encoding: str | None) -> None:
    """Print as JSON what the gatherer extracts from one page (file path or URL)."""
    from inspector.inspect_page import inspect_target

    as_of = _as_of(as_of)
    day = datetime.strptime(as_of, "%Y-%m-%d").date() if as_of else datetime.now().date()
    try:
        data = inspect_target(target, day, encoding=encoding)
    except (OSError, ValueError) as exc:
        raise UsageProblem(str(exc)) from None
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


# --------------------------------------------------------------------------------------- rejudge
@cli.command()
@click.argument("audit_id", type=int)
@click.option("--db", "db_url", default="sqlite:///inspector.db", show_default=True)
@click.option("--profile", default="cn-gov-2019", show_default=True, help="Profile id or TOML file.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("reports"), show_default=True)
@click.option("--format", "formats", default="html,json", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
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
    fmt = {f.strip() for f in formats.split(",") if f.strip()}
    written = write_reports([verdict], out_dir, fmt, lang=lang, templates=None)
    _print_table([verdict], lang)
    for kind, path in sorted(written.items()):
        click.echo(f"{kind}: {path}")
    sys.exit(exit_code_for([verdict]))


# --------------------------------------------------------------------------------------- history
@cli.command()
@click.argument("site")
@click.option("--db", "db_url", default="sqlite:///inspector.db", show_default=True)
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


# --------------------------------------------------------------------------------------- probes
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
@click.option("--db", "db_url", default="sqlite:///inspector.db", show_default=True)
@click.option("--really-send", is_flag=True, help="Actually submit (only to sites with opt_in = true).")
@click.option("--evidence-dir", type=click.Path(path_type=Path), default=Path("probe-evidence"), show_default=True)
@click.option(
    "--interactive",
    is_flag=True,
    help="Show a captcha image and ask for its answer instead of marking the probe 'needs a person'.",
)
@click.option("--json", "as_json", is_flag=True)
def probe_send(
    plan_file: Path, db_url: str, really_send: bool, evidence_dir: Path, interactive: bool, as_json: bool
) -> None:
    """Submit one probe per opted-in site (idempotent: a retry never submits twice)."""
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
    )
    if not really_send:
        click.echo("dry run: nothing was submitted (add --really-send to submit to opted-in sites)")
    _echo_rows(rows, as_json)


@probe.command("follow")
@click.argument("plan_file", type=click.Path(path_type=Path))
@click.option("--db", "db_url", default="sqlite:///inspector.db", show_default=True)
@click.option("--json", "as_json", is_flag=True)
def probe_follow(plan_file: Path, db_url: str, as_json: bool) -> None:
    """Look for replies to open probes; judge latency, quality and disclosure."""
    from inspector.probe.service import follow_probes

    _echo_rows(_probe_call(follow_probes, plan_file, db_url), as_json)


@probe.command("status")
@click.option("--db", "db_url", default="sqlite:///inspector.db", show_default=True)
@click.option("--json", "as_json", is_flag=True)
def probe_status_cmd(db_url: str, as_json: bool) -> None:
    """Every probe with its timeline: planned → sent → answered/overdue → disclosed or not."""
    from inspector.probe.service import probe_status

    rows = _probe_call(probe_status, db_url)
    if not rows:
        click.echo("no probes recorded")
    _echo_rows(rows, as_json)


# --------------------------------------------------------------------------------------- schedule
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
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
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
    results = asyncio.run(sched.run_due())
    for slot, state, detail in results:
        click.echo(f"{slot.due_at:%Y-%m-%d %H:%M:%S} {slot.kind:12} {slot.site} {state} {detail}")
    if not results:
        click.echo("nothing due")
    sys.exit(EXIT_FAIL if any(state == "failed" for _, state, _ in results) else EXIT_PASS)


@schedule.command("run")
@click.argument("plan_file", type=click.Path(path_type=Path))
@click.option("--db", "db_url", default=None, help="Override the plan's database URL.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
def schedule_run(plan_file: Path, db_url: str | None, lang: str) -> None:
    """Long-running scheduler; stop with Ctrl-C or SIGTERM (state is kept in the store)."""
    import asyncio

    sched = _scheduler(plan_file, db_url, lang)
    click.echo(f"scheduler started for {len(sched.plan.sites)} sites; next slot {sched.next_due()}")
    asyncio.run(sched.run_forever(on_event=click.echo))
    click.echo("scheduler stopped")


# --------------------------------------------------------------------------------------- sample sites
@cli.group("sample-sites")
def sample_sites() -> None:
    """The bundled simulated government sites with planted defects."""


@sample_sites.command("list")
def sample_list() -> None:
    from inspector.samplesites import list_scenarios

    for name, desc in list_scenarios():
        click.echo(f"{name:18} {desc}")


@sample_sites.command("serve")
@click.option("--scenario", default="clean", show_default=True)
@click.option("--port", type=int, default=0, help="Port of the portal (others follow).")
@click.option("--param", "params", multiple=True, help="Scenario parameter key=value (repeatable).")
def sample_serve(scenario: str, port: int, params: tuple[str, ...]) -> None:
    from inspector.samplesites import list_scenarios, serve_forever

    if scenario not in dict(list_scenarios()):
        raise UsageProblem(f"unknown scenario {scenario!r}; `inspector sample-sites list` shows them")
    serve_forever(scenario, port, _params(params))


@sample_sites.command("manifest")
@click.option("--scenario", default="clean", show_default=True)
def sample_manifest(scenario: str) -> None:
    from inspector.samplesites import list_scenarios, manifest_for

    if scenario not in dict(list_scenarios()):
        raise UsageProblem(f"unknown scenario {scenario!r}; `inspector sample-sites list` shows them")
    click.echo(json.dumps(manifest_for(scenario), ensure_ascii=False, indent=2))


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for p in pairs:
        if "=" not in p:
            raise UsageProblem(f"--param needs key=value (got {p!r})")
        k, v = p.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def main() -> None:
    debug = bool(os.environ.get("INSPECTOR_DEBUG"))
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        click.echo(f"error: {exc.format_message()}", err=True)
        sys.exit(EXIT_USAGE if exc.exit_code in (1, 2) else exc.exit_code)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        if debug:
            raise
        click.echo(f"error: {type(exc).__name__}: {exc} (set INSPECTOR_DEBUG=1 for details)", err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_PASS)


if __name__ == "__main__":
    main()
