"""The per-site crawl: breadth first within scope, depth and page budget, checking every link once.

One call is one unit of work (a distributed worker could run it): it needs only a start URL,
settings, a Fetcher (shared across sites for the global connection limit and browser pool) and
optionally a frontier store to resume from. Pages stream out through ``on_page`` as they arrive;
the result keeps them without their bodies.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from inspector.crawl import errors
from inspector.crawl.fetch import Fetcher
from inspector.crawl.frontier import FrontierStore
from inspector.crawl.linkcheck import LinkChecker
from inspector.crawl.urls import Scope, TrapGuard, dedup_key, host_key, is_attachment, normalize_url
from inspector.model import LinkCheck, Page
from inspector.settings import CrawlSettings

OnPage = Callable[[Page], Awaitable[None]]

# A home page failing in one of these ways means the site could not be inspected at all.
HOME_FAILURES = (*errors.SITE_FAILURES, errors.HTTP_4XX, errors.NOT_HTML, errors.TOO_LARGE, errors.OTHER)
_PAGE_TAGS = ("a", "iframe", "frame")
_LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>", re.IGNORECASE)


@dataclass
class CrawlResult:
    home: Page
    pages: list[Page] = field(default_factory=list)  # every fetched page, home included, text=None but home
    link_checks: list[LinkCheck] = field(default_factory=list)
    not_inspected: str | None = None  # a failure class (errors.SITE_FAILURES) when the home page failed
    not_inspected_detail: str = ""
    stats: dict = field(default_factory=dict)
    traps: list[dict] = field(default_factory=list)


class _Crawl:
    def __init__(
        self,
        start: str,
        settings: CrawlSettings,
        fetcher: Fetcher,
        on_page: OnPage | None,
        frontier: FrontierStore | None,
    ):
        self.s = settings
        self.fetcher = fetcher
        self.on_page = on_page
        self.frontier = frontier
        self.start = start
        self.scope = Scope(start, list(settings.extra_hosts))
        self.guard = TrapGuard(settings, today=fetcher.clock().date())
        self.links = LinkChecker(fetcher, settings.max_found_on)
        self.seen: set[str] = set()
        self.pages: list[Page] = []
        self.page_queue: asyncio.Queue[tuple[str, int, str | None]] = asyncio.Queue()
        self.link_queue: asyncio.Queue[str] = asyncio.Queue()
        self.fetched = 0
        self.budget_exhausted = False
        self.over_budget: list[str] = []  # queued pages the budget left unfetched: link-checked instead
        self.robots_skipped = 0
        self._normalized: dict[str, str] = {}
        self.page_outcomes: dict[str, Page] = {}  # fetched URL → its page: the link verdict without a 2nd GET

    # ------------------------------------------------------------------------------- page handling
    def _discover(self, page: Page, depth: int, is_home: bool) -> tuple[list[tuple[str, int]], list[LinkCheck]]:
        """Note the page's links; queue the internal pages worth fetching. Returns what changed."""
        queued: list[tuple[str, int]] = []
        touched: dict[str, LinkCheck] = {}
        for link in page.links:
            url = self._normalized.get(link.url)
            if url is None:
                try:
                    url = normalize_url(link.url, self.s)
                except ValueError:
                    url = ""
                if len(self._normalized) > 50_000:  # nav and footer links repeat on every page
                    self._normalized.clear()
                self._normalized[link.url] = url
            if not url:
                continue
            key = dedup_key(url)
            internal = self.scope.contains(url)
            crawlable = internal and link.tag in _PAGE_TAGS and not is_attachment(url)
            if internal:
                self.guard.note_link(
                    link.url, url, depth_cut=crawlable and depth + 1 > self.s.max_depth and key not in self.seen
                )
                if crawlable:
                    self.guard.note_chain(page.url, url)
            if crawlable and key not in self.seen and key not in self.links.records and self.guard.check(url):
                continue  # a trap: neither fetched nor counted as a link
            if not internal and not self.s.check_external_links:
                continue
            rec = self.links.note(
                url, page.url, tag=link.tag, text=link.text, on_home=is_home, internal=internal, key=key
            )
            touched[key] = rec
            if not rec.outcome and key in self.page_outcomes:
                self.links.judge_from_page(self.page_outcomes[key])
            if key in self.seen:
                continue
            self.seen.add(key)
            if crawlable and depth + 1 <= self.s.max_depth:
                queued.append((url, depth + 1))
                self.page_queue.put_nowait((url, depth + 1, page.url))
            elif not rec.outcome:
                self.link_queue.put_nowait(key)
        if not self.s.keep_page_links:
            page.links = []
        return queued, list(touched.values())

    async def _finish_page(self, page: Page, depth: int, is_home: bool) -> None:
        page.depth = depth
        self.page_outcomes[dedup_key(page.url)] = page
        queued, touched = self._discover(page, depth, is_home) if page.error is None else ([], [])
        rec = self.links.judge_from_page(page)
        if rec is not None:
            touched.append(rec)
        if self.on_page is not None:
            await self.on_page(page)
        if not is_home:
            page.text = None  # the body went to on_page; memory stays bounded by the page count
        self.pages.append(page)
        if self.frontier is not None:
            await self.frontier.save_page(
                page, is_home=is_home, queued=queued, links=touched, traps=self.guard.report()
            )

    async def _page_worker(self) -> None:
        while True:
            url, depth, referer = await self.page_queue.get()
            try:
                if self.fetched >= self.s.max_pages:
                    self.budget_exhausted = True
                    self.over_budget.append(url)
                    continue
                self.fetched += 1
                page = await self.fetcher.fetch(url, referer=referer)
                if page.error == errors.ROBOTS:
                    self.robots_skipped += 1
                await self._finish_page(page, depth, is_home=False)
            finally:
                self.page_queue.task_done()

    async def _link_worker(self) -> None:
        while True:
            url = await self.link_queue.get()
            try:
                if self.links.checked >= self.s.max_link_checks:
                    continue
                self.links.checked += 1
                rec = await self.links.check(url)
                if self.frontier is not None:
                    await self.frontier.save_links([rec])
            finally:
                self.link_queue.task_done()

    # ------------------------------------------------------------------------------- the crawl
    async def _seed_sitemaps(self, home: Page) -> None:
        origin = f"{home.final_url.split('://')[0]}://{host_key(home.final_url)}"
        sitemaps = self.fetcher.robots.sitemaps(origin) or [origin + "/sitemap.xml"]
        for sm in sitemaps[:3]:
            r = await self.fetcher.get(sm, max_bytes=4 * 1024 * 1024)
            if r.error or r.status != 200:
                continue
            for m in _LOC.finditer(r.body.decode("utf-8", "replace")):
                try:
                    url = normalize_url(m.group(1), self.s)
                except ValueError:
                    continue
                if (
                    dedup_key(url) in self.seen
                    or not self.scope.contains(url)
                    or is_attachment(url)
                    or self.guard.check(url)
                ):
                    continue
                self.seen.add(dedup_key(url))
                self.page_queue.put_nowait((url, 1, None))

    async def run(self) -> CrawlResult:
        started = time.perf_counter()
        requests_before = self.fetcher.requests
        state = await self.frontier.load() if self.frontier is not None else None
        resumed = bool(state and state.home)
        if state and state.home:
            home = state.home
            self.pages = [home, *state.pages]
            self.page_outcomes = {dedup_key(p.url): p for p in self.pages}
            self.seen = {dedup_key(u) for u in state.seen} | set(self.page_outcomes)
            self.fetched = len(state.pages)
            for rec in state.links:
                self.links.records[dedup_key(rec.url)] = rec
            for key_trap in state.traps:
                self.guard.traps[(key_trap["kind"], key_trap["pattern"])] = key_trap
            self._extend_scope(home)
            for url, depth in state.queue:
                self.page_queue.put_nowait((url, depth, None))
            queued = {dedup_key(u) for u, _ in state.queue}
            for key, rec in self.links.records.items():
                if not rec.outcome and key in self.page_outcomes:
                    self.links.judge_from_page(self.page_outcomes[key])
                elif not rec.outcome and key not in queued:
                    self.link_queue.put_nowait(key)
        else:
            self.seen.add(dedup_key(self.start))
            if self.s.ignore_robots:  # the per-site override reaches the shared Fetcher
                self.fetcher.robots_waived.add(host_key(self.start))
            home = await self.fetcher.fetch(self.start)
            if home.error in HOME_FAILURES:
                home.depth = 0
                if self.on_page is not None:
                    await self.on_page(home)
                return CrawlResult(
                    home=home,
                    pages=[home],
                    not_inspected=home.error,
                    not_inspected_detail=home.error_detail or errors.ERROR_ZH.get(home.error, ""),
                    stats=self._stats(started, requests_before, resumed),
                )
            self._extend_scope(home)
            await self._finish_page(home, 0, is_home=True)
            if self.s.sitemap:
                await self._seed_sitemaps(home)

        page_workers = [
            asyncio.create_task(self._page_worker()) for _ in range(max(1, self.s.per_host_concurrency * 2))
        ]
        link_workers = [
            asyncio.create_task(self._link_worker()) for _ in range(max(2, self.s.per_host_concurrency * 2))
        ]
        try:
            await self.page_queue.join()
            for url in self.over_budget:  # known pages we had no budget for are still link-checked
                rec = self.links.records.get(dedup_key(url))
                if rec is not None and not rec.outcome:
                    self.link_queue.put_nowait(dedup_key(url))
            await self.link_queue.join()
        finally:
            for t in page_workers + link_workers:
                t.cancel()
            await asyncio.gather(*page_workers, *link_workers, return_exceptions=True)
        checks = [r for r in self.links.records.values() if r.outcome]
        for r in checks:  # a redirect loop inside the site is a trap for every crawler, not only a dead link
            if r.outcome == "too_many_redirects" and r.internal and "loop" in (r.detail or "").lower():
                self.guard.note_redirect_loop(r.url)
        return CrawlResult(
            home=home,
            pages=self.pages,
            link_checks=checks,
            traps=self.guard.report(),
            stats=self._stats(started, requests_before, resumed),
        )

    def _extend_scope(self, home: Page) -> None:
        # http://x.gov.cn → http://www.x.gov.cn/: the site is where the home page really lives.
        if self.s.ignore_robots and home.final_url:
            self.fetcher.robots_waived.update({host_key(self.start), host_key(home.final_url)})
        if home.final_url and not self.scope.contains(home.final_url):
            self.scope = Scope(self.start, [*self.scope.extra_hosts, host_key(home.final_url)])

    def _stats(self, started: float, requests_before: int, resumed: bool) -> dict:
        outcomes = Counter(r.outcome for r in self.links.records.values() if r.outcome)
        return {
            "pages_fetched": len(self.pages),
            "pages_failed": sum(1 for p in self.pages if p.error),
            "pages_rendered": sum(1 for p in self.pages if p.via == "browser"),
            "links_seen": len(self.links.records),
            "links_checked": sum(outcomes.values()),
            "link_outcomes": dict(outcomes),
            "links_not_checked": sum(1 for r in self.links.records.values() if not r.outcome),
            "robots_skipped": self.robots_skipped,
            "budget_exhausted": self.budget_exhausted,
            "traps_cut": sum(t["cut"] for t in self.guard.report()),
            "requests": self.fetcher.requests - requests_before,
            "duration_s": round(time.perf_counter() - started, 3),
            "resumed": resumed,
        }


async def crawl_site(
    start_url: str,
    settings: CrawlSettings,
    *,
    fetcher: Fetcher,
    on_page: OnPage | None = None,
    frontier: FrontierStore | None = None,
) -> CrawlResult:
    """Crawl one site. Never raises for network problems: an unreachable site comes back not_inspected."""
    try:
        start = normalize_url(start_url, settings)
    except ValueError as exc:
        home = Page(url=start_url, error=errors.BAD_URL, error_detail=str(exc))
        return CrawlResult(home=home, pages=[home], not_inspected=errors.BAD_URL, not_inspected_detail=str(exc))
    return await _Crawl(start, settings, fetcher, on_page, frontier).run()
