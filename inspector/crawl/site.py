"""The per-site crawl: breadth first within scope, depth and page budget, checking every link once.

One call is one unit of work (a distributed worker could run it): it needs only a start URL,
settings, a Fetcher (shared across sites for the global connection limit and browser pool) and
optionally a frontier store to resume from. Pages stream out through ``on_page`` as they arrive;
the result keeps them without their bodies.

A hostile page costs its own page, never the crawl: a failure while handling one URL is logged with
that URL, counted in ``stats["worker_errors"]`` and the crawl goes on. A failure to *record* a page
(``on_page`` or the frontier: a full disk, a lost database) ends the crawl at once with
``CrawlAborted`` — an audit that cannot keep its evidence must not pretend to go on, nor hang.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from inspector.crawl import errors, netpolicy
from inspector.crawl.fetch import Fetcher
from inspector.crawl.frontier import FrontierStore
from inspector.crawl.linkcheck import LinkChecker
from inspector.crawl.urls import Scope, TrapGuard, dedup_key, host_key, is_attachment, normalize_url
from inspector.model import Link, LinkCheck, Page
from inspector.settings import CrawlSettings

OnPage = Callable[[Page], Awaitable[None]]
log = logging.getLogger(__name__)
_MAX_ERRORS_KEPT = 20


class CrawlAborted(RuntimeError):
    """The crawl could not record what it fetched (store or frontier failure); the message says where."""


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
        self.worker_errors: list[dict[str, str]] = []  # first failures, with their URL
        self.worker_error_count = 0
        self.sitemaps_skipped: list[str] = []  # robots.txt Sitemap: lines pointing outside the site
        self.links_sampled_out = 0  # link targets of pages over max_page_link_checks left out (sampled)
        self._fatal: asyncio.Future[None] | None = None

    # ------------------------------------------------------------------------------- page handling
    def _discover(self, page: Page, depth: int, is_home: bool) -> tuple[list[tuple[str, int]], list[LinkCheck]]:
        """Note the page's links; queue the internal pages worth fetching. Returns what changed."""
        queued: list[tuple[str, int]] = []
        touched: dict[str, LinkCheck] = {}
        left_out = set() if is_home else self._sample_targets(page)
        for link in page.links:
            if left_out and link.url in left_out:
                continue
            try:
                self._discover_link(link, page, depth, is_home, queued, touched)
            except Exception as exc:  # noqa: BLE001 — a hostile link costs that link, not the page's others
                self._worker_error(f"{page.url} → {link.url[:200]}", exc)
        if not self.s.keep_page_links:
            page.links = []
        return queued, list(touched.values())

    def _sample_targets(self, page: Page) -> set[str]:
        """The new link targets of a page other than the home page beyond ``max_page_link_checks``: a
        deterministic sample (by a hash of each URL, so spread over the page and the same on every run)
        is taken into the crawl and the link checks; the URLs returned are left out, counted and reported
        (``page_links_sampled``). Targets already known from other pages are not counted. Off with 0.
        Returns the page's hrefs (``Link.url``) to leave out."""
        cap = self.s.max_page_link_checks
        if cap <= 0 or len(page.links) <= cap:
            return set()
        new: dict[str, list[str]] = {}  # dedup key of a new target → the hrefs that lead to it
        for link in page.links:
            try:
                url = normalize_url(link.url, self.s)
            except ValueError:
                continue
            key = dedup_key(url)
            if key in new:
                new[key].append(link.url)
            elif key not in self.seen and key not in self.links.records:
                if self.s.check_external_links or self.scope.contains(url):
                    new[key] = [link.url]
        if len(new) <= cap:
            return set()
        ranked = sorted(new, key=lambda k: hashlib.blake2b(k.encode("utf-8"), digest_size=8).digest())
        left_out = {href for key in ranked[cap:] for href in new[key]}
        self.links_sampled_out += len(ranked) - cap
        page.signals.setdefault("limits", {}).update(link_targets=len(new), link_targets_checked=cap)
        self.guard.note_page_limit("page_links_sampled", page.url, len(ranked) - cap)
        return left_out

    def _discover_link(
        self,
        link: Link,
        page: Page,
        depth: int,
        is_home: bool,
        queued: list[tuple[str, int]],
        touched: dict[str, LinkCheck],
    ) -> None:
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
            return
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
            return  # a trap: neither fetched nor counted as a link
        if not internal and not self.s.check_external_links:
            return
        rec = self.links.note(url, page.url, tag=link.tag, text=link.text, on_home=is_home, internal=internal, key=key)
        touched[key] = rec
        if not rec.outcome and key in self.page_outcomes:
            self.links.judge_from_page(self.page_outcomes[key])
        if key in self.seen:
            return
        self.seen.add(key)
        if crawlable and depth + 1 <= self.s.max_depth:
            queued.append((url, depth + 1))
            self.page_queue.put_nowait((url, depth + 1, page.url))
        elif not rec.outcome:
            self.link_queue.put_nowait(key)

    def _worker_error(self, url: str, exc: BaseException) -> None:
        self.worker_error_count += 1
        log.warning("crawl: handling %s failed: %s: %s", url, type(exc).__name__, exc, exc_info=exc)
        if len(self.worker_errors) < _MAX_ERRORS_KEPT:
            self.worker_errors.append({"url": url, "error": f"{type(exc).__name__}: {exc}"[:300]})

    def _note_limits(self, page: Page) -> None:
        """A page over the per-page bounds is reported (crawler-trap check) with what was cut."""
        limits = page.signals.get("limits") or {}
        if limits.get("links_total"):
            self.guard.note_page_limit("page_links_cut", page.url, limits["links_total"] - limits.get("links_kept", 0))
        if limits.get("tags_flattened"):
            self.guard.note_page_limit("page_too_deep", page.url, limits["tags_flattened"])

    async def _finish_page(self, page: Page, depth: int, is_home: bool) -> None:
        page.depth = depth
        self.page_outcomes[dedup_key(page.url)] = page
        queued: list[tuple[str, int]] = []
        touched: list[LinkCheck] = []
        if page.error is None:
            try:
                self._note_limits(page)
                queued, touched = self._discover(page, depth, is_home)
            except Exception as exc:  # noqa: BLE001 — one hostile page must not stop the crawl
                self._worker_error(page.url, exc)
                page.signals["crawl_error"] = f"{type(exc).__name__}: {exc}"[:300]
        rec = self.links.judge_from_page(page)
        if rec is not None:
            touched.append(rec)
        try:
            if self.on_page is not None:
                await self.on_page(page)
            if not is_home:
                page.text = None  # the body went to on_page; memory stays bounded by the page count
            self.pages.append(page)
            if self.frontier is not None:
                await self.frontier.save_page(
                    page, is_home=is_home, queued=queued, links=touched, traps=self.guard.report()
                )
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            raise CrawlAborted(f"could not record {page.url}: {type(exc).__name__}: {exc}"[:400]) from exc

    def _abort(self, exc: BaseException) -> None:
        if self._fatal is not None and not self._fatal.done():
            self._fatal.set_exception(exc)

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
            except asyncio.CancelledError:
                raise
            except CrawlAborted as exc:
                self._abort(exc)
            except Exception as exc:  # noqa: BLE001 — the worker lives on; the URL is reported
                self._worker_error(url, exc)
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
                    try:
                        await self.frontier.save_links([rec])
                    except Exception as exc:
                        raise CrawlAborted(f"could not record the link check of {rec.url}: {exc}"[:400]) from exc
            except asyncio.CancelledError:
                raise
            except CrawlAborted as exc:
                self._abort(exc)
            except Exception as exc:  # noqa: BLE001
                self._worker_error(url, exc)
            finally:
                self.link_queue.task_done()

    async def _drain(self, queue: asyncio.Queue[Any]) -> None:
        """Wait until ``queue`` is done, or raise the failure that aborted the crawl."""
        assert self._fatal is not None
        join = asyncio.ensure_future(queue.join())
        try:
            await asyncio.wait({join, self._fatal}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            join.cancel()
        if self._fatal.done():
            self._fatal.result()  # raises CrawlAborted

    # ------------------------------------------------------------------------------- the crawl
    async def _seed_sitemaps(self, home: Page) -> None:
        origin = f"{home.final_url.split('://')[0]}://{host_key(home.final_url)}"
        sitemaps = self.fetcher.robots.sitemaps(origin) or [origin + "/sitemap.xml"]
        # A robots.txt Sitemap: line may point anywhere; only the site's own sitemaps are read.
        self.sitemaps_skipped = [sm for sm in sitemaps if not self.scope.contains(sm)][:10]
        sitemaps = [sm for sm in sitemaps if self.scope.contains(sm)]
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
                try:
                    await self._seed_sitemaps(home)
                except Exception as exc:  # noqa: BLE001 — a hostile sitemap costs the sitemap only
                    self._worker_error(home.final_url + " (sitemap)", exc)

        page_workers = [
            asyncio.create_task(self._page_worker()) for _ in range(max(1, self.s.per_host_concurrency * 2))
        ]
        link_workers = [
            asyncio.create_task(self._link_worker()) for _ in range(max(2, self.s.per_host_concurrency * 2))
        ]
        self._fatal = asyncio.get_running_loop().create_future()
        try:
            await self._drain(self.page_queue)
            for url in self.over_budget:  # known pages we had no budget for are still link-checked
                known = self.links.records.get(dedup_key(url))
                if known is not None and not known.outcome:
                    self.link_queue.put_nowait(dedup_key(url))
            await self._drain(self.link_queue)
        finally:
            if not self._fatal.done():
                self._fatal.cancel()
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
        scope = netpolicy.current_scope()
        if scope is not None and home.final_url and home.error is None:
            scope.add(home.final_url)  # the policy already let the home page's redirects through
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
            "worker_errors": self.worker_errors,
            "worker_error_count": self.worker_error_count,
            "sitemaps_skipped": self.sitemaps_skipped,
            "links_sampled_out": self.links_sampled_out,
            **blocked_stats(self.pages, self.links.records.values()),
        }


def blocked_stats(pages: list[Page], links: Any) -> dict[str, Any]:
    """What the network policy refused, for the report's notices: browser requests of rendered pages
    (frames, images …), redirects to internal addresses not followed, link targets not contacted."""
    out: list[dict[str, str]] = []
    for p in pages:
        for b in p.signals.get("blocked_requests") or []:
            out.append({"page": p.url, "url": str(b.get("url", "")), "reason": str(b.get("reason", ""))})
        if p.error == errors.PRIVATE_ADDRESS:
            out.append({"page": p.url, "url": p.final_url or p.url, "reason": p.error_detail})
    for r in links:
        if r.outcome == "skipped" and "network policy" in (r.detail or ""):
            out.append({"page": (r.found_on or [""])[0], "url": r.url, "reason": r.detail})
    return {"blocked": out[:_MAX_ERRORS_KEPT], "blocked_count": len(out)}


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
    if netpolicy.current_scope() is not None:
        return await _Crawl(start, settings, fetcher, on_page, frontier).run()
    with netpolicy.site_scope(start):  # a crawl outside an audit: the start URL is the site
        return await _Crawl(start, settings, fetcher, on_page, frontier).run()
