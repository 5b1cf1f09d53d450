"""Rendering with a real browser: one shared Chromium, a bounded pool of open pages.

Browser pages cost ≈ 230 ms CPU each (TOOLCHAIN.md), so the pool is small and shared by every
site the process audits; HTTP does the bulk of the work and the browser only what needs it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from inspector.crawl.browser import find_chromium, launch, new_context


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


class Renderer:
    def __init__(self, pages: int = 4, accept_language: str = "zh-CN"):
        self._pool = asyncio.Semaphore(max(1, pages))
        self._accept_language = accept_language
        self._start_lock = asyncio.Lock()
        self._pw: Any = None
        self._browser: Any = None
        self._contexts: dict[str, Any] = {}

    async def _context(self, user_agent: str) -> Any:
        async with self._start_lock:
            if self._browser is None:
                from playwright.async_api import async_playwright

                info = await asyncio.to_thread(find_chromium)
                self._pw = await async_playwright().start()
                self._browser = await launch(self._pw, info)
            ctx = self._contexts.get(user_agent)
            if ctx is None:
                ctx = await new_context(
                    self._browser,
                    user_agent=user_agent,
                    extra_http_headers={"Accept-Language": self._accept_language},
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
    ) -> Rendered:
        """Visit ``url``; raises Playwright errors (the Fetcher classifies them).

        ``inspect`` runs on the live page (computed styles, boxes) — e.g. the rendered hidden-link
        gatherer — so browser objects never leave the crawler."""
        ctx = await self._context(user_agent)
        async with self._pool:
            page = await ctx.new_page()
            try:
                started = time.perf_counter()
                response = await page.goto(url, referer=referer, timeout=timeout_s * 1000, wait_until=wait_until)
                html = await page.content()
                elapsed = (time.perf_counter() - started) * 1000
                if screenshot:
                    await page.screenshot(path=screenshot, full_page=True)
                inspected = await inspect(page) if inspect is not None else None
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
                )
            finally:
                await page.close()

    async def close(self) -> None:
        for ctx in self._contexts.values():
            try:
                await ctx.close()
            except Exception:  # noqa: BLE001, S110 — closing a crashed browser must not mask the real error
                pass
        if self._browser is not None:
            await self._browser.close()
        if self._pw is not None:
            await self._pw.stop()
        self._browser = self._pw = None
        self._contexts.clear()
