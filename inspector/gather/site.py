"""The gather stage's driver: availability sample, crawl, then the table of gatherers, for one site.

``gather_site`` is the only entry point ``inspector.audit`` uses; it returns ``SiteArtifacts`` with
``gathered`` listing what was produced and ``stats["gather_errors"]`` what failed (and why), so that
judging can tell "not gathered" from "gathered and empty".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

from inspector.judge import as_of_instant
from inspector.model import Page, SiteArtifacts
from inspector.settings import GatherSettings
from inspector.timeutil import cst_naive, cst_now

if TYPE_CHECKING:
    from inspector.audit import AuditOptions
    from inspector.extract.html import ParsedHTML
    from inspector.plan import SitePlan
    from inspector.store.db import Store

log = logging.getLogger(__name__)


class NotGathered(Exception):
    """Raised by a gatherer that has nothing to gather (not an error): the artifact stays absent."""


class SiteFetch:
    """The fetch callable gatherers get: one site's budget, a small cache, progress events."""

    def __init__(self, fetcher: Any, options: AuditOptions, site: str, settings: GatherSettings | None = None):
        settings = settings or GatherSettings()
        self.fetcher, self.options, self.site = fetcher, options, site
        self.budget = settings.fetch_budget
        self.cache: dict[tuple[str, bool, str | None, str | None], Page] = {}
        self.cache_size = settings.fetch_cache
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


@dataclass
class GatherContext:
    """What a gatherer may use: the artifacts so far, the site's budgeted fetch, options and store."""

    a: SiteArtifacts
    fetch: SiteFetch
    options: AuditOptions
    store: Store
    audit_id: int
    overrides: dict[str, Any] = field(default_factory=dict)  # the site's plan entry
    settings: GatherSettings = field(default_factory=GatherSettings)
    _home_doc: ParsedHTML | None = None

    @property
    def fetcher(self) -> Any:
        """The shared crawler (its politeness and network policy apply)."""
        return self.fetch.fetcher

    @property
    def home(self) -> Page:
        assert self.a.home is not None  # gatherers run only after a successful crawl
        return self.a.home

    @property
    def home_doc(self) -> ParsedHTML:
        if self._home_doc is None:
            from inspector.extract.html import parse_html

            self._home_doc = parse_html(self.home.text or "", self.home.final_url or self.home.url)
        return self._home_doc

    @property
    def today(self) -> date:
        return self.a.as_of.date()


async def gather_site(
    url: str, options: AuditOptions, *, site: SitePlan, store: Store, audit_id: int, fetcher: Any
) -> SiteArtifacts:
    from inspector.crawl import StoreFrontier, crawl_site, sample_availability

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

    crawl = await crawl_site(
        url,
        crawl_settings(options, site),
        fetcher=fetcher,
        on_page=on_page,
        frontier=StoreFrontier(store, audit_id),
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

    settings = options.gather_settings
    ctx = GatherContext(
        a=a,
        fetch=SiteFetch(fetcher, options, url, settings),
        options=options,
        store=store,
        audit_id=audit_id,
        overrides=site.overrides(),
        settings=settings,
    )
    await run_gatherers(ctx)
    return a


async def run_gatherers(ctx: GatherContext) -> None:
    """Run the declared table in order; a failure costs the gatherer's own artifact, never the audit."""
    from inspector.gather import gatherers

    a = ctx.a
    for g in gatherers():
        if g.when is not None and not g.when(ctx):
            continue
        missing = [n for n in g.needs if n not in a.gathered]
        if missing:
            a.stats.setdefault("gather_errors", {})[g.step] = f"needs {', '.join(missing)}, which were not gathered"
            continue
        ctx.options.emit("phase", site=a.site, phase=g.step)
        try:
            value = await g.run(ctx)
        except NotGathered as why:
            a.stats.setdefault("gather_skipped", {})[g.step] = str(why)
            continue
        except SQLAlchemyError:
            raise  # the store is down: not a gatherer bug; the audit stops and is retried (inspector.distributed)
        except Exception as exc:  # a gatherer bug must cost one artifact, not the audit
            log.exception("gathering %s failed for %s", g.step, a.site)
            a.stats.setdefault("gather_errors", {})[g.step] = f"{type(exc).__name__}: {exc}"
            continue
        if g.artifact:
            if g.artifact in SiteArtifacts.__dataclass_fields__:
                setattr(a, g.artifact, value)
            else:
                a.extra[g.artifact] = value
        a.gathered.append(g.artifact or g.step)


def crawl_settings(options: AuditOptions, site: SitePlan | None = None) -> Any:
    """The crawler's settings for one site: defaults ← plan politeness ← CLI options ← site entry."""
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


def drop_frontier(store: Store, audit_id: int) -> None:
    """The audit is complete: its frontier (rows in the store, see ``StoreFrontier``) is no longer needed."""
    from inspector.crawl import StoreFrontier

    StoreFrontier(store, audit_id).drop()
