"""The per-site audit: gather → artifacts → checks → verdict, stored as it goes.

``audit_site`` is the self-contained unit of work: it needs a URL, options, a store and a
fetcher, so a distributed worker can run it as one task. ``run_audit`` runs many of them in one
process with a shared fetcher (global connection limit, one browser-page pool).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from inspector import __version__
from inspector.asyncutil import run_sync
from inspector.judge import as_of_instant, judge
from inspector.model import Page, SiteArtifacts, Verdict, to_jsonable
from inspector.plan import Plan, SitePlan
from inspector.profile import Profile
from inspector.settings import MAX_DEPTH, MAX_PAGES, SITE_CONCURRENCY
from inspector.store.db import Store, open_store
from inspector.timeutil import cst_naive, cst_now

log = logging.getLogger(__name__)

Progress = Callable[..., None]


@dataclass
class AuditOptions:
    profile: Profile
    as_of: str | None = None  # YYYY-MM-DD; None = now
    max_pages: int = MAX_PAGES
    max_depth: int = MAX_DEPTH
    render: str = "auto"  # auto | never | always
    ignore_robots: bool = False
    lang: str = "zh"
    plan: Plan | None = None
    site_names: dict[str, str] = field(default_factory=dict)
    concurrency: int = SITE_CONCURRENCY
    screenshots: bool = True
    cloaking: bool = True
    screenshot_dir: Path | None = None
    progress: Progress | None = None
    fetch_settings: dict[str, Any] = field(default_factory=dict)  # extra CrawlSettings fields

    def site_plan(self, url: str) -> SitePlan:
        found = self.plan.site(url) if self.plan else None
        return found or SitePlan(url=url, name=self.site_names.get(url))

    def emit(self, event: str, **data: Any) -> None:
        if self.progress is not None:
            self.progress(event, **data)


def run_audit(urls: list[str], options: AuditOptions, *, db_url: str) -> list[Verdict]:
    """Audit several sites concurrently; returns verdicts in the order of ``urls``."""
    store = open_store(db_url)
    return run_sync(_run_all(urls, options, store))


def make_fetcher(options: AuditOptions, urls: list[str] | None = None) -> Any:
    """A Fetcher whose per-page extraction adds dates and security signals while the body is in memory.

    One fetcher serves every site of a run: its connection limit and browser-page pool are global."""
    from urllib.parse import urlsplit

    from inspector.crawl import Fetcher
    from inspector.extract.enrich import enrich_page

    as_of = as_of_instant(options.as_of)
    settings = _settings(options)
    if options.render == "always" and urls:
        settings = settings.replace(render_hosts=[urlsplit(u).netloc.lower() for u in urls])
    return Fetcher(settings, extract=lambda page, doc: enrich_page(page, as_of, doc), clock=cst_now)


async def _run_all(urls: list[str], options: AuditOptions, store: Store) -> list[Verdict]:
    as_of = as_of_instant(options.as_of)
    run_id = store.start_run(
        options.profile.id,
        as_of.isoformat(),
        __version__,
        {"urls": urls, "max_pages": options.max_pages, "render": options.render},
    )
    sem = asyncio.Semaphore(max(1, options.concurrency))
    async with make_fetcher(options, urls) as fetcher:

        async def one(url: str) -> Verdict:
            async with sem:
                return await audit_site(url, options, store=store, run_id=run_id, fetcher=fetcher)

        try:
            verdicts = await asyncio.gather(*(one(u) for u in urls))
        except BaseException:
            store.finish_run(run_id, status="interrupted")
            raise
    store.finish_run(run_id)
    return list(verdicts)


def _settings(options: AuditOptions, site: SitePlan | None = None) -> Any:
    from inspector.settings import CrawlSettings

    kw: dict[str, Any] = {
        "max_pages": options.max_pages,
        "max_depth": options.max_depth,
        "ignore_robots": options.ignore_robots or bool(site and site.ignore_robots),
    }
    if options.plan:
        kw.update({k: v for k, v in options.plan.politeness.items() if k in CrawlSettings.__dataclass_fields__})
    if options.render == "never":
        kw["auto_render"] = False
    kw.update(options.fetch_settings)
    if site and site.max_pages:
        kw["max_pages"] = site.max_pages
    return CrawlSettings(**kw)


async def audit_site(url: str, options: AuditOptions, *, store: Store, run_id: int, fetcher: Any) -> Verdict:
    started = time.monotonic()
    wall = datetime.now()
    site = options.site_plan(url)
    resumed = store.unfinished_audit(url)
    audit_id = resumed or store.start_audit(run_id, url)
    if site.name:
        store.site_id(url, site.name)
    options.emit("site_start", site=url, resumed=bool(resumed))
    artifacts = await gather_site(url, options, site=site, store=store, audit_id=audit_id, fetcher=fetcher)
    options.emit("checks", site=url)
    verdict = judge(artifacts, options.profile, options.lang)
    if site.name:
        verdict.name = site.name if not verdict.name else f"{site.name} · {verdict.name}"
    verdict.run = {
        "profile_title_zh": options.profile.title_zh,
        "profile_title_en": options.profile.title_en,
        "as_of": artifacts.as_of.isoformat(),
        "started_at": wall.replace(microsecond=0).isoformat(),
        "duration_s": round(time.monotonic() - started, 1),
        "pages": len(artifacts.pages),
        "version": __version__,
        "lang": options.lang,
        "audit_id": audit_id,
        "resumed": bool(resumed),
        "crawl": artifacts.stats,
        "probes": artifacts.probes,
    }
    from inspector.history import compare, trend

    verdict.run["changes"] = compare(store.previous_verdict(url, before_audit=audit_id), verdict)
    verdict.run["trend"] = trend(store.history(url, limit=30)) + [
        {
            "as_of": verdict.as_of,
            "score": verdict.score,
            "verdict": verdict.verdict,
            **{k: verdict.stats.get(k) for k in ("stale_columns", "broken_links", "median_reply_days")},
        }
    ]
    store.finish_audit(audit_id, verdict, _summary(artifacts))
    frontier = frontier_file(store, audit_id)
    for suffix in ("", "-wal", "-shm"):  # the audit is complete: its frontier is no longer needed
        Path(str(frontier) + suffix).unlink(missing_ok=True)
    try:
        frontier.parent.rmdir()  # only when no other audit is still running beside it
    except OSError:
        pass
    options.emit("site_done", site=url, verdict=verdict.verdict, score=verdict.score)
    return verdict


def _summary(a: SiteArtifacts) -> dict[str, Any]:
    """What is kept of the artifacts besides page rows: enough to re-judge without the site."""
    return to_jsonable(
        {
            "site": a.site,
            "as_of": a.as_of,
            "columns": a.columns,
            "boards": a.boards,
            "identity": a.identity,
            "search": a.search,
            "network": a.network,
            "cloaking": a.cloaking,
            "stats": a.stats,
            "not_inspected": a.not_inspected,
            "not_inspected_detail": a.not_inspected_detail,
            "gathered": a.gathered,
            "history": a.history,
            "probes": a.probes,
            "plan": a.plan,
        }
    )


class _SiteFetch:
    """The fetch callable gatherers get: one site's budget, a small cache, progress events."""

    def __init__(self, fetcher: Any, options: AuditOptions, site: str, budget: int = 400, cache_size: int = 64):
        self.fetcher, self.options, self.site = fetcher, options, site
        self.budget = budget
        self.cache: dict[tuple[str, bool, str | None, str | None], Page] = {}
        self.cache_size = cache_size
        self.count = 0

    async def __call__(
        self, url: str, *, render: bool = False, user_agent: str | None = None, referer: str | None = None
    ) -> Page:
        key = (url, render, user_agent, referer)
        if key in self.cache:
            return self.cache[key]
        if self.count >= self.budget:
            return Page(url=url, final_url=url, error="budget", error_detail="per-site fetch budget reached")
        self.count += 1
        page = await self.fetcher.fetch(url, render=render, user_agent=user_agent, referer=referer)
        if len(self.cache) >= self.cache_size:
            self.cache.pop(next(iter(self.cache)))
        self.cache[key] = page
        self.options.emit("fetch", site=self.site, url=url)
        return page


async def gather_site(
    url: str, options: AuditOptions, *, site: SitePlan, store: Store, audit_id: int, fetcher: Any
) -> SiteArtifacts:
    from inspector.crawl import SqliteFrontier, crawl_site, sample_availability

    as_of = as_of_instant(options.as_of)
    a = SiteArtifacts(site=url, as_of=as_of, plan=site.overrides())

    # One availability sample per audit (the week-long V2 rule needs the scheduler's samples too).
    sample = await sample_availability(url, fetcher=fetcher)
    sample.at = cst_naive(sample.at) or cst_now()
    store.add_availability(url, sample)
    end = max(as_of, sample.at)
    a.availability = store.availability(url, end - timedelta(days=7), end)
    a.gathered.append("availability")

    async def on_page(page: Page) -> None:
        store.add_page(audit_id, page, body=page.text)
        options.emit("page", site=url, url=page.url, status=page.status, error=page.error)

    frontier_path = frontier_file(store, audit_id)
    crawl = await crawl_site(
        url, _settings(options, site), fetcher=fetcher, on_page=on_page, frontier=SqliteFrontier(frontier_path)
    )
    a.stats = dict(crawl.stats)
    a.stats["traps"] = crawl.traps
    if crawl.not_inspected or crawl.home is None:
        a.not_inspected = crawl.not_inspected or "unreachable"
        a.not_inspected_detail = crawl.not_inspected_detail
        return a
    a.home, a.pages, a.link_checks = crawl.home, crawl.pages, crawl.link_checks
    store.add_link_checks(audit_id, crawl.link_checks)
    a.gathered += ["home", "pages", "link_checks"]

    fetch = _SiteFetch(fetcher, options, url)
    overrides = site.overrides()
    await _gather_content(a, fetch, overrides, options)
    for page in await _sample_key_pages(a, fetch):
        store.add_page(audit_id, page, body=page.text)
        page.text = None
        a.pages.append(page)
    a.history = _history(store.previous_artifacts(url, before_audit=audit_id))
    a.probes = _probe_timelines(store, url)
    a.gathered += ["history", "probes"]
    return a


def _probe_timelines(store: Store, site_url: str) -> list[dict[str, Any]]:
    """This site's probes from the ledger (same database): planned → sent → answered/overdue → disclosed."""
    from inspector.probe.service import probe_status

    try:
        rows = probe_status(store.engine.url.render_as_string(hide_password=False))
    except Exception:  # no ledger yet, or an older schema: the audit goes on without probes
        log.exception("probe ledger could not be read")
        return []
    out = []
    for r in rows:
        if (r.get("site") or "").rstrip("/") != site_url.rstrip("/"):
            continue
        states = [{"state": e["state"], "at": e["at"], "evidence": e.get("detail")} for e in r.get("timeline") or []]
        out.append(
            {
                "token": r["token"],
                "channel": r.get("channel_url"),
                "state": r.get("state"),
                "tracking_code": r.get("tracking_code"),
                "judgement": r.get("judgement"),
                "disclosed": r.get("disclosed"),
                "screenshot": r.get("screenshot"),
                "states": states,
            }
        )
    return out


def _history(previous: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Item dates of the previous audit: the forged-date check compares them with today's."""
    if not previous:
        return []
    items = [
        {"url": it.get("url"), "date": (it.get("date") or {}).get("value"), "column": col.get("name")}
        for col in previous.get("columns") or []
        for it in col.get("items") or []
        if it.get("url") and it.get("date")
    ]
    return [{"as_of": previous.get("as_of"), "items": items}]


def frontier_file(store: Store, audit_id: int) -> Path:
    """Where an audit's crawl frontier lives until it finishes: beside a SQLite store, else in the cache."""
    db = store.engine.url
    if db.get_backend_name() == "sqlite" and db.database and db.database != ":memory:":
        base = Path(db.database).resolve().parent / (Path(db.database).name + ".frontier")
    else:
        import os

        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "gov-inspector" / "frontier"
    base.mkdir(parents=True, exist_ok=True)
    return base / f"audit-{audit_id}.sqlite"


async def _gather_content(
    a: SiteArtifacts, fetch: _SiteFetch, overrides: dict[str, Any], options: AuditOptions
) -> None:
    """Columns, identity, boards, search, network facts, cloaking, screenshot — each on its own."""
    from inspector.crawl.network import network_facts
    from inspector.extract.html import parse_html
    from inspector.extract.identity import extract_identity
    from inspector.gather.attachments import scan_attachments
    from inspector.gather.boards import gather_boards
    from inspector.gather.cloaking import gather_cloaking
    from inspector.gather.columns import map_columns, probe_search

    home = a.home
    assert home is not None
    home_doc = parse_html(home.text or "", home.final_url or home.url)
    today = a.as_of.date()

    async def step(name: str, coro: Any) -> Any:
        options.emit("phase", site=a.site, phase=name)
        try:
            result = await coro
        except Exception as exc:  # a gatherer bug must cost one artifact, not the audit
            log.exception("gathering %s failed for %s", name, a.site)
            a.stats.setdefault("gather_errors", {})[name] = repr(exc)
            return None
        a.gathered.append(name)
        return result

    a.identity = extract_identity(home_doc)
    a.gathered.append("identity")
    columns = await step("columns", map_columns(home, fetch, today, overrides=overrides.get("columns") or {}))
    a.columns = columns or []
    boards = await step(
        "boards", gather_boards(home, a.pages, fetch, a.as_of, overrides={"boards": overrides.get("boards") or []})
    )
    a.boards = boards or []
    recent = _recent_title(a)
    if recent:
        a.search = await step("search", probe_search(home, home_doc, recent, fetch))
    a.network = await step("network", network_facts(home.final_url or home.url))
    attachments = await step("attachments", scan_attachments(a, fetch.fetcher, today))
    a.stats["attachments_read"] = len(attachments or [])
    if options.cloaking:
        targets = [home.final_url or home.url] + [p.final_url or p.url for p in a.pages[1:4] if p.ok]
        a.cloaking = await step("cloaking", gather_cloaking(targets, fetch)) or []
    if options.render != "never":
        await _rendered_home(a, fetch, options, step)


async def _rendered_home(a: SiteArtifacts, fetch: _SiteFetch, options: AuditOptions, step: Any) -> None:
    """One visit of the home page in Chromium: the evidence screenshot, and the hidden links only a
    browser sees (computed styles, boxes, links inserted by script)."""
    from inspector.extract.security.hidden_links import rendered_hidden_links_async

    home = a.home
    assert home is not None
    shot = None
    if options.screenshots and options.screenshot_dir:
        import hashlib

        shot = options.screenshot_dir / f"home-{hashlib.sha1(a.site.encode()).hexdigest()[:10]}.png"
    raw = home.text

    async def inspect(page: Any) -> Any:
        return await rendered_hidden_links_async(page, raw)

    rendered = await step(
        "rendered", fetch.fetcher.screenshot(home.final_url or home.url, str(shot) if shot else None, inspect=inspect)
    )
    if rendered is None or rendered.error:
        return
    if shot is not None and shot.exists():
        home.screenshot = str(shot)
    found = rendered.signals.get("inspected") or []
    security = home.signals.setdefault("security", {})
    hidden = security.setdefault("hidden_links", [])
    known = {(h.get("url"), h.get("technique")) for h in hidden}
    for h in found:
        if (h.get("url"), h.get("technique")) not in known and not any(k[0] == h.get("url") for k in known):
            hidden.append({**h, "source": h.get("source") or "rendered"})


KEY_PAGES_PER_COLUMN = 6
_GUIDE = ("办事指南", "服务指南", "指南")


async def _sample_key_pages(a: SiteArtifacts, fetch: _SiteFetch) -> list[Page]:
    """Pages some checks must see whatever the crawl budget reached: the newest policy documents
    (do they link their 解读?) and the service guides behind the 办事服务 entry (are they complete?)."""
    have = {p.url for p in a.pages} | {p.final_url for p in a.pages if p.final_url}
    want: list[str] = []
    for col in a.columns:
        if col.type == "policy":
            newest = sorted(col.dated_items, key=lambda i: i.date.value, reverse=True)  # type: ignore[union-attr]
            want += [i.url for i in newest[:KEY_PAGES_PER_COLUMN] if i.url]
    for p in [a.home, *a.pages]:
        if p is not None and p.ok and ("办事" in (p.title or "") or "服务" in (p.title or "")):
            want += [lk.url for lk in p.links if lk.tag == "a" and any(g in lk.text for g in _GUIDE)][:20]
    out = []
    for u in dict.fromkeys(want):
        if u not in have:
            page = await fetch(u)
            if page.error != "budget":
                out.append(page)
    return out


def _recent_title(a: SiteArtifacts) -> str | None:
    """A recent, distinctive item title to look for with the site search."""
    best = None
    for col in a.columns:
        for item in col.items:
            if item.date and len(item.title) >= 6 and (best is None or item.date.value > best.date.value):
                best = item
    return best.title if best else None
