"""The per-site audit, orchestrated: gather (``inspector.gather``) → judge (``inspector.judge``) → store.

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
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.exc import SQLAlchemyError

from inspector import __version__
from inspector.asyncutil import run_sync
from inspector.gather.site import crawl_settings, drop_frontier, gather_site
from inspector.judge import as_of_instant, judge
from inspector.model import SiteArtifacts, Verdict, to_jsonable
from inspector.plan import Plan, SitePlan
from inspector.profile import Profile
from inspector.settings import MAX_DEPTH, MAX_PAGES, SITE_CONCURRENCY, GatherSettings
from inspector.store.db import Store, open_store
from inspector.store.leases import release_active
from inspector.store.reviews import remembered_decisions
from inspector.timeutil import cst_now

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
    gather_settings: GatherSettings = field(default_factory=GatherSettings)

    def site_plan(self, url: str) -> SitePlan:
        found = self.plan.site(url) if self.plan else None
        return found or SitePlan(url=url, name=self.site_names.get(url))

    def emit(self, event: str, **data: Any) -> None:
        if self.progress is not None:
            self.progress(event, **data)


def run_audit(urls: list[str], options: AuditOptions, *, db_url: str) -> list[Verdict]:
    """Audit several sites concurrently; returns verdicts in the order of ``urls``.

    A ``user:password@`` in a URL (or a plan's site URL) is taken out here: the site is known, stored and
    reported by its URL without credentials, which the fetcher sends to that host only."""
    from inspector.crawl.credentials import split_credentials

    store = open_store(db_url)
    clean, credentials = [], dict(options.plan.credentials) if options.plan else {}
    for raw in urls:
        url, auth = split_credentials(raw)
        if auth is not None:
            credentials[urlsplit(url).netloc.lower()] = auth
        clean.append(url)
    return run_sync(_run_all(clean, options, store, credentials))


def make_fetcher(options: AuditOptions, urls: list[str] | None = None) -> Any:
    """A Fetcher whose per-page extraction adds dates and security signals while the body is in memory.

    One fetcher serves every site of a run: its connection limit and browser-page pool are global."""
    from urllib.parse import urlsplit

    from inspector.crawl import Fetcher
    from inspector.extract.enrich import enrich_page

    as_of = as_of_instant(options.as_of)
    settings = crawl_settings(options)
    if options.render == "always" and urls:
        settings = settings.replace(render_hosts=[urlsplit(u).netloc.lower() for u in urls])
    return Fetcher(settings, extract=lambda page, doc: enrich_page(page, as_of, doc), clock=cst_now)


async def _run_all(
    urls: list[str], options: AuditOptions, store: Store, credentials: dict[str, tuple[str, str]] | None = None
) -> list[Verdict]:
    from inspector.store.leases import heartbeats

    as_of = as_of_instant(options.as_of)
    run_id = store.start_run(
        options.profile.id,
        as_of.isoformat(),
        __version__,
        {"urls": urls, "max_pages": options.max_pages, "render": options.render},
    )
    sem = asyncio.Semaphore(max(1, options.concurrency))
    async with make_fetcher(options, urls) as fetcher, heartbeats(store):
        fetcher.credentials.update(credentials or {})

        async def one(url: str) -> Verdict:
            async with sem:
                return await _isolated(url, options, store, run_id, fetcher)

        try:
            verdicts = await asyncio.gather(*(one(u) for u in urls))
        except BaseException:
            store.finish_run(run_id, status="interrupted")
            raise
    store.finish_run(run_id)
    return list(verdicts)


async def _isolated(url: str, options: AuditOptions, store: Store, run_id: int, fetcher: Any) -> Verdict:
    """One site of a batch: whatever happens to it, the other sites are audited and reported."""
    from inspector.store.leases import AuditBusy

    try:
        return await audit_site(url, options, store=store, run_id=run_id, fetcher=fetcher)
    except AuditBusy as exc:
        log.warning("%s", exc)
        return unaudited_verdict(url, options, "busy", str(exc))
    except Exception as exc:  # noqa: BLE001 — a crashed audit is that site's result, not the batch's end
        log.exception("audit of %s failed", url)
        return unaudited_verdict(url, options, "audit_failed", f"{type(exc).__name__}: {exc}"[:300])


def unaudited_verdict(url: str, options: AuditOptions, reason: str, detail: str) -> Verdict:
    """The verdict of a site whose audit did not run to its end: not inspected, with the reason."""
    a = SiteArtifacts(site=url, as_of=as_of_instant(options.as_of), not_inspected=reason, not_inspected_detail=detail)
    verdict = judge(a, options.profile, options.lang)
    verdict.run = {"as_of": a.as_of.isoformat(), "version": __version__, "lang": options.lang, "audit_id": None}
    options.emit("site_done", site=url, verdict=verdict.verdict, score=None)
    return verdict


async def audit_site(url: str, options: AuditOptions, *, store: Store, run_id: int, fetcher: Any) -> Verdict:
    """Audit one site. Raises AuditBusy when another live process is auditing it now."""
    from inspector.crawl.site import CrawlAborted
    from inspector.store.db import fail_audit
    from inspector.store.leases import claim_audit, release_audit

    lease = claim_audit(store, run_id, url)
    try:
        return await _audit(url, options, store, lease.audit_id, lease.resumed, fetcher)
    except (CrawlAborted, SQLAlchemyError):
        _quietly(release_audit, store, lease.audit_id)  # infrastructure: resumable from its frontier later
        raise
    except Exception as exc:
        fail_audit(store, lease.audit_id, f"{type(exc).__name__}: {exc}")
        raise
    except BaseException:  # cancelled, interrupted: the next run resumes it
        _quietly(release_audit, store, lease.audit_id)
        raise
    finally:
        release_active(lease.audit_id)


def _quietly(fn: Callable[..., Any], *args: Any) -> None:
    try:
        fn(*args)
    except SQLAlchemyError:
        log.warning("could not release audit %s (the store is unavailable)", args[-1])


async def _gather_within_limit(
    url: str, options: AuditOptions, site: SitePlan, store: Store, audit_id: int, fetcher: Any
) -> SiteArtifacts:
    """gather_site under the audit's wall-clock limit (CrawlSettings.max_audit_s) and network scope."""
    from inspector.crawl import errors, netpolicy

    limit = crawl_settings(options, site).max_audit_s
    deadline = asyncio.timeout(limit)
    try:
        with netpolicy.site_scope(url):
            async with deadline:
                return await gather_site(url, options, site=site, store=store, audit_id=audit_id, fetcher=fetcher)
    except TimeoutError:
        if not deadline.expired():
            raise
        log.warning("audit of %s stopped: time limit of %g s reached", url, limit)
        return SiteArtifacts(
            site=url,
            as_of=as_of_instant(options.as_of),
            not_inspected=errors.NOT_FINISHED,
            not_inspected_detail=f"limit reached: the audit took longer than {limit:g} s (max_audit_s); not judged",
        )


async def _audit(url: str, options: AuditOptions, store: Store, audit_id: int, resumed: bool, fetcher: Any) -> Verdict:
    started = time.monotonic()
    wall = cst_now()  # one clock: China Standard Time, whatever the machine's zone
    site = options.site_plan(url)
    if site.name:
        store.site_id(url, site.name)
    options.emit("site_start", site=url, resumed=bool(resumed), audit_id=audit_id)
    artifacts = await _gather_within_limit(url, options, site, store, audit_id, fetcher)
    options.emit("checks", site=url)
    verdict = judge(artifacts, options.profile, options.lang, decisions=remembered_decisions(store, url, audit_id))
    page_name = verdict.name
    verdict.name = site.name or verdict.name  # the plan names the site; the page's own name stays in run
    from inspector.gather.evidence import capture_evidence

    await capture_evidence(verdict, artifacts, options, fetcher)
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
        "site_title": page_name,
        "agency": site.agency or (artifacts.identity.sponsor if artifacts.identity else None),
        "level": site.level,
    }
    from inspector.history import compare, trend, trend_point

    verdict.run["changes"] = compare(store.previous_verdict(url, before_audit=audit_id), verdict)
    verdict.run["trend"] = trend(store.history(url, limit=30)) + [
        trend_point(verdict.as_of, verdict.score, verdict.verdict, verdict.stats)
    ]
    store.finish_audit(audit_id, verdict, _summary(artifacts))
    drop_frontier(store, audit_id)
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
            "extra": a.extra,
            "history": a.history,
            "probes": a.probes,
            "plan": a.plan,
        }
    )
