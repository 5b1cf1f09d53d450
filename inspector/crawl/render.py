"""Rendering with a real browser: one shared Chromium, a bounded pool of open pages.

Browser pages cost ≈ 230 ms CPU each (TOOLCHAIN.md), so the pool is small and shared by every
site the process audits; HTTP does the bulk of the work and the browser only what needs it.

Every browser call is bounded (``call_timeout_s``): a page that never finishes loading, a script that
never returns or a screenshot of an endless page cannot hold an audit. A render as a whole is bounded
too: the visit by its own timeout (+5 s), then content, prepare, screenshot and inspection share one
``call_timeout_s`` between them. Every request the page makes goes through ``guard`` (the crawler's
network policy) by request interception.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

from inspector.crawl.browser import find_chromium, launch, new_context

log = logging.getLogger(__name__)
T = TypeVar("T")
Guard = Callable[[str], Awaitable[str | None]]  # url → why it must not be requested, or None


@dataclass
class Rendered:
    url: str
    final_url: str
    status: int | None
    headers: dict[str, str] = field(default_factory=dict)
    html: str = ""
    redirects: list[str] = field(default_factory=list)
    elapsed_ms: float = 0.0
    inspected: Any = None  # what an ``inspect`` callback returned from the live page
    prepared: Any = None  # what a ``prepare`` callback returned (run before the screenshot)
    blocked: list[dict[str, str]] = field(default_factory=list)  # requests the guard refused


class Renderer:
    def __init__(
        self,
        pages: int = 4,
        accept_language: str = "zh-CN",
        *,
        call_timeout_s: float = 45.0,
        max_screenshot_px: int = 12000,
    ):
        self.call_timeout_s = call_timeout_s
        self.max_screenshot_px = max_screenshot_px
        self._pool = asyncio.Semaphore(max(1, pages))
        self._accept_language = accept_language
        self._start_lock = asyncio.Lock()
        self._pw: Any = None
        self._browser: Any = None
        self._contexts: dict[str, Any] = {}

    async def _bounded(self, call: Awaitable[T], what: str, timeout_s: float | None = None) -> T:
        try:
            return await asyncio.wait_for(call, timeout_s or self.call_timeout_s)
        except TimeoutError:
            raise TimeoutError(f"browser {what}: Timeout after {timeout_s or self.call_timeout_s:g} s") from None

    async def _context(self, user_agent: str) -> Any:
        async with self._start_lock:
            if self._browser is None:
                from playwright.async_api import async_playwright

                info = await asyncio.to_thread(find_chromium)
                self._pw = await self._bounded(async_playwright().start(), "start")
                self._browser = await self._bounded(launch(self._pw, info), "launch")
            ctx = self._contexts.get(user_agent)
            if ctx is None:
                ctx = await self._bounded(
                    new_context(
                        self._browser,
                        user_agent=user_agent,
                        extra_http_headers={"Accept-Language": self._accept_language},
                    ),
                    "new context",
                )
                self._contexts[user_agent] = ctx
            return ctx

    async def render(
        self,
        url: str,
        *,
        user_agent: str,
        referer: str | None = None,
        timeout_s: float = 15.0,
        wait_until: str = "load",
        screenshot: str | None = None,
        inspect: Callable[[Any], Awaitable[Any]] | None = None,
        guard: Guard | None = None,
        credentials: Mapping[str, tuple[str, str]] | None = None,
        prepare: Callable[[Any], Awaitable[Any]] | None = None,
    ) -> Rendered:
        """Visit ``url``; raises Playwright errors (the Fetcher classifies them) and TimeoutError.

        ``inspect`` runs on the live page (computed styles, boxes) — e.g. the rendered hidden-link
        gatherer — so browser objects never leave the crawler. ``guard`` decides every request the
        page makes (frames, images, scripts, redirects); ``credentials`` (host[:port] → user, password)
        are sent as Basic authentication to their own host only."""
        ctx = await self._context(user_agent)
        blocked: list[dict[str, str]] = []
        async with self._pool:
            page = await self._bounded(ctx.new_page(), "new page")
            try:
                page.set_default_timeout(self.call_timeout_s * 1000)
                if guard is not None or credentials:
                    await self._bounded(
                        page.route(
                            "**/*",
                            _interceptor(
                                guard,
                                credentials or {},
                                blocked,
                                {"user-agent": user_agent, "accept-language": self._accept_language},
                            ),
                        ),
                        "route",
                    )
                started = time.perf_counter()
                response = await self._bounded(
                    page.goto(url, referer=referer, timeout=timeout_s * 1000, wait_until=wait_until),
                    "visit",
                    timeout_s + 5,
                )
                # Everything after the visit shares one budget (call_timeout_s): a hostile page whose every
                # step is slow (100k links: content, screenshot, inspection) cannot take a bound per step.
                end = time.monotonic() + self.call_timeout_s

                def left() -> float:
                    return max(0.5, end - time.monotonic())

                html = await self._bounded(page.content(), "content", left())
                elapsed = (time.perf_counter() - started) * 1000
                # e.g. outline the evidence element so that the screenshot shows it (inspector.gather.evidence)
                prepared = await self._bounded(prepare(page), "prepare", left()) if prepare is not None else None
                if screenshot:
                    await self._bounded(self._screenshot(page, screenshot), "screenshot", left())
                inspected = await self._bounded(inspect(page), "inspection", left()) if inspect is not None else None
                redirects: list[str] = []
                status, headers = None, {}
                if response is not None:
                    status = response.status
                    headers = response.headers  # no extra round trip (all_headers() costs one)
                    req = response.request.redirected_from
                    while req is not None:
                        redirects.insert(0, req.url)
                        req = req.redirected_from
                return Rendered(
                    url=url,
                    final_url=page.url,
                    status=status,
                    headers=headers,
                    html=html,
                    redirects=redirects,
                    elapsed_ms=elapsed,
                    inspected=inspected,
                    prepared=prepared,
                    blocked=blocked,
                )
            finally:
                try:
                    await self._bounded(page.close(), "close", 10)
                except Exception as exc:  # noqa: BLE001 — a page that will not close must not hide the result
                    log.warning("browser page for %s did not close: %s", url, exc)

    async def _screenshot(self, page: Any, path: str) -> None:
        """A full-page picture, cut at ``max_screenshot_px`` (a page with 100k links is metres long)."""
        height = await page.evaluate(
            "() => Math.max(document.documentElement ? document.documentElement.scrollHeight : 0,"
            " document.body ? document.body.scrollHeight : 0)"
        )
        if isinstance(height, int | float) and height > self.max_screenshot_px:
            width = (page.viewport_size or {}).get("width", 1280)
            clip = {"x": 0, "y": 0, "width": width, "height": self.max_screenshot_px}
            await page.screenshot(path=path, full_page=True, clip=clip)
        else:
            await page.screenshot(path=path, full_page=True)

    async def close(self) -> None:
        for ctx in self._contexts.values():
            try:
                await self._bounded(ctx.close(), "close context", 10)
            except Exception:  # noqa: BLE001, S110 — closing a crashed browser must not mask the real error
                pass
        try:
            if self._browser is not None:
                await self._bounded(self._browser.close(), "close", 15)
            if self._pw is not None:
                await self._bounded(self._pw.stop(), "stop", 15)
        except Exception as exc:  # noqa: BLE001
            log.warning("browser did not stop cleanly: %s", exc)
        self._browser = self._pw = None
        self._contexts.clear()


def _interceptor(
    guard: Guard | None,
    credentials: Mapping[str, tuple[str, str]],
    blocked: list[dict[str, str]],
    identity: dict[str, str],
) -> Callable[[Any, Any], Awaitable[None]]:
    async def handle(route: Any, request: Any) -> None:
        url = request.url
        try:
            reason = await guard(url) if guard is not None else None
            if reason:
                blocked.append({"url": url, "reason": reason})
                await route.abort("blockedbyclient")
                return
            auth = credentials.get(urlsplit(url).netloc.lower()) if credentials else None
            # The hop is fetched by Playwright, not Chromium: it must still say who we are.
            headers = {**request.headers, **identity}
            if auth is not None:
                token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
                headers["authorization"] = f"Basic {token}"
            # Chromium follows redirects without asking again: fetch this hop ourselves, look where it leads.
            response = await route.fetch(headers=headers, max_redirects=0)
            location = response.headers.get("location")
            if guard is not None and 300 <= response.status < 400 and location:
                target = urljoin(url, location)
                reason = await guard(target)
                if reason:
                    blocked.append({"url": target, "reason": f"redirect from {url} not followed: {reason}"})
                    await route.abort("blockedbyclient")
                    return
            await route.fulfill(response=response)
        except Exception as exc:  # noqa: BLE001 — the page closed under us: nothing left to decide
            log.debug("request interception of %s: %s", url, exc)

    return handle
