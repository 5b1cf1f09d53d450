"""The Fetcher: one URL in, one ``Page`` out, politely, never raising for network problems.

Plain HTTP (httpx) does the bulk; ``render=True`` (or a host configured for rendering, or a page
that turns out to be an empty script shell) goes through the shared browser and yields the same
artifact. The HTML is parsed once, with ``inspector.extract.html.parse_html``; further extractors
(dates, identity …) receive that parse through the ``extract`` hook instead of parsing again.
"""

from __future__ import annotations

import asyncio
import base64
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Self
from urllib.parse import urljoin, urlsplit

import httpx

from inspector.crawl import errors, netpolicy
from inspector.crawl.bodies import BodyError, BoundedDecoder
from inspector.crawl.credentials import Credentials
from inspector.crawl.decode import decode_html, looks_binary
from inspector.crawl.politeness import HostLimiter, Politeness, retry_after_seconds
from inspector.crawl.render import Renderer
from inspector.crawl.robots import RobotsCache
from inspector.crawl.urls import host_key
from inspector.extract.html import ParsedHTML, parse_html
from inspector.model import Page
from inspector.settings import CrawlSettings

Extractor = Callable[[Page, ParsedHTML], object]  # its return value is ignored

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_META_REFRESH = re.compile(
    r"""<meta[^>]+http-equiv\s*=\s*["']?refresh["']?[^>]*content\s*=\s*["']?\s*(\d*)\s*;?\s*url\s*=\s*['"]?([^"'>\s]+)""",
    re.IGNORECASE,
)


def _now() -> datetime:
    return datetime.now().astimezone()


@dataclass
class Response:
    """What one HTTP exchange (after redirects) produced, before any HTML handling."""

    url: str
    final_url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    redirects: list[str] = field(default_factory=list)
    elapsed_ms: float = 0.0
    size: int = 0
    error: str | None = None
    error_detail: str = ""
    truncated: bool = False

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def is_html(self) -> bool:
        ct = self.content_type.split(";")[0].strip().lower()
        if ct in _HTML_TYPES:
            return True
        # Servers that send no type at all: sniff.
        return not ct and self.body[:512].lstrip().lower().startswith((b"<!doctype html", b"<html"))


class Fetcher:
    """``async with Fetcher(settings) as f: page = await f.fetch(url)``."""

    def __init__(
        self,
        settings: CrawlSettings | None = None,
        *,
        extract: Extractor | None = None,
        clock: Callable[[], datetime] = _now,
        renderer: Renderer | None = None,
        limiter: HostLimiter | None = None,
    ):
        self.settings = settings or CrawlSettings()
        self.extract = extract
        self.clock = clock
        s = self.settings
        # Per-host limits: this process's own, or a shared one (a cluster-wide limiter, issue 17).
        self.politeness: HostLimiter = limiter or Politeness(
            s.per_host_concurrency, s.per_host_delay_s, s.max_crawl_delay_s
        )
        self.robots = RobotsCache(s.robots_agent, self._download_text)
        self._renderer = renderer
        self._own_renderer = renderer is None
        self._client: httpx.AsyncClient | None = None
        self._robots_applied: set[str] = set()
        self.robots_waived: set[str] = set()  # host[:port]s whose audit is authorised (per-site ignore_robots)
        self.requests = 0  # HTTP requests sent (robots.txt included): for stats and tests
        self.policy = netpolicy.NetworkPolicy(s.allow_private)
        self.credentials: dict[str, Credentials] = {}  # host[:port] → Basic credentials (never in a URL)

    async def __aenter__(self) -> Self:
        s = self.settings
        transport = netpolicy.PolicyTransport(
            self.policy,
            limits=httpx.Limits(max_connections=s.max_connections, max_keepalive_connections=s.max_connections),
            trust_env=False,
        )
        self._client = httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(s.timeout_s, connect=s.connect_timeout_s),
            headers={
                "User-Agent": s.user_agent,
                "Accept-Language": s.accept_language,
                "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
            },
            follow_redirects=False,
            trust_env=False,  # an inspector must see the site, not a corporate proxy's idea of it
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
        if self._renderer is not None and self._own_renderer:
            await self._renderer.close()
            self._renderer = None

    @property
    def renderer(self) -> Renderer:
        if self._renderer is None:
            s = self.settings
            self._renderer = Renderer(
                s.browser_pages,
                accept_language=s.accept_language,
                call_timeout_s=s.browser_timeout_s,
                max_screenshot_px=s.max_screenshot_px,
            )
        return self._renderer

    # ------------------------------------------------------------------------------------ public
    async def fetch(
        self, url: str, *, render: bool = False, referer: str | None = None, user_agent: str | None = None
    ) -> Page:
        page = Page(url=url, final_url=url, fetched_at=self.clock())
        try:
            ua = user_agent or self.settings.user_agent
            if not await self.allowed(url, ua):
                page.error, page.error_detail = errors.ROBOTS, "disallowed by robots.txt"
                return page
            if render or host_key(url) in self.settings.render_hosts:
                return await self._fetch_browser(page, referer, ua)
            await self._fetch_http(page, referer, ua)
            if page.signals.get("script_shell") and self.settings.auto_render:
                return await self._fetch_browser(
                    Page(url=url, final_url=url, fetched_at=page.fetched_at), referer, ua, reason="script_shell"
                )
            return page
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 — a bug here must not abort an audit of hundreds of sites
            page.error, page.error_detail = errors.OTHER, f"{type(exc).__name__}: {exc}"[:300]
            return page

    async def screenshot(
        self,
        url: str,
        path: str | None,
        *,
        user_agent: str | None = None,
        inspect: Callable[[Any], Awaitable[Any]] | None = None,
        prepare: Callable[[Any], Awaitable[Any]] | None = None,
    ) -> Page:
        """Render ``url``; save a full-page PNG at ``path`` (evidence for the report) when given, and
        run ``inspect`` on the live page (its result lands in ``page.signals["inspected"]``).
        ``prepare`` runs before the screenshot (its result: ``page.signals["prepared"]``)."""
        page = Page(url=url, final_url=url, fetched_at=self.clock())
        page = await self._fetch_browser(
            page, None, user_agent or self.settings.user_agent, screenshot=path, inspect=inspect, prepare=prepare
        )
        if page.error is None and path:
            page.screenshot = path
        return page

    async def allowed(self, url: str, user_agent: str | None = None) -> bool:
        parts = urlsplit(url)
        if self.settings.ignore_robots or parts.netloc.lower() in self.robots_waived:
            return True
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return True  # the fetch itself reports bad_url
        origin = f"{parts.scheme}://{parts.netloc}"
        ok = await self.robots.allowed(origin, url, user_agent or self.settings.user_agent)
        host = parts.netloc.lower()
        if host not in self._robots_applied:
            self._robots_applied.add(host)
            self.politeness.apply_crawl_delay(host, self.robots.crawl_delay(origin))
        return ok

    async def get(
        self,
        url: str,
        *,
        max_bytes: int | None = None,
        referer: str | None = None,
        user_agent: str | None = None,
        read_body: Callable[[Response], bool] | None = None,
    ) -> Response:
        """One polite GET following redirects (no robots check: callers decide). Never raises.

        ``read_body(response)`` decides after the headers whether the body is worth reading
        (link checks read HTML only; attachments are judged by their status).
        """
        if self._client is None:
            raise RuntimeError("use `async with Fetcher(...)`")
        s = self.settings
        limit = max_bytes if max_bytes is not None else s.max_page_bytes
        headers = {"User-Agent": user_agent or s.user_agent}
        if referer:
            headers["Referer"] = referer
        resp = Response(url=url, final_url=url)
        current, seen = url, {url}
        # Outside an audit the URL asked for is the site; where its redirects lead is still checked.
        scope = netpolicy.enter_scope([url]) if netpolicy.current_scope() is None else None
        try:
            for _hop in range(s.max_redirects + 1):
                status, hdrs, body, elapsed, truncated = await self._exchange(current, headers, limit, read_body, resp)
                resp.elapsed_ms += elapsed
                resp.status, resp.headers, resp.body, resp.final_url = status, hdrs, body, current
                resp.truncated = truncated
                location = hdrs.get("location")
                if status in (301, 302, 303, 307, 308) and location:
                    nxt = urljoin(current, location.strip())
                    resp.redirects.append(current)
                    if nxt in seen:
                        resp.error, resp.error_detail = errors.TOO_MANY_REDIRECTS, f"redirect loop back to {nxt}"
                        return resp
                    seen.add(nxt)
                    current = nxt
                    continue
                return resp
            resp.error = errors.TOO_MANY_REDIRECTS
            resp.error_detail = f"more than {s.max_redirects} redirects"
        except asyncio.CancelledError:
            raise
        except BodyError as exc:
            resp.error, resp.error_detail = errors.OTHER, str(exc)[:300]
        except Exception as exc:  # noqa: BLE001
            resp.error, resp.error_detail = errors.classify_exception(exc)
            if resp.error == errors.PRIVATE_ADDRESS and resp.redirects:
                resp.final_url = current
                resp.status, resp.body = None, b""
                resp.error_detail = f"redirect to {current} not followed: {resp.error_detail}"[:400]
        finally:
            if scope is not None:
                netpolicy.leave_scope(scope)
        return resp

    # ------------------------------------------------------------------------------------ HTTP
    async def _exchange(
        self,
        url: str,
        headers: dict[str, str],
        limit: int,
        read_body: Callable[[Response], bool] | None,
        resp: Response,
    ) -> tuple[int, dict[str, str], bytes, float, bool]:
        """One request (no redirect following), with per-host politeness and 429/503 backoff."""
        assert self._client is not None
        s = self.settings
        slot = self.politeness.slot(host_key(url))
        auth = self.credentials.get(host_key(url))
        if auth is not None:
            token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
            headers = {**headers, "Authorization": f"Basic {token}"}
        for attempt in range(s.retry_times + 1):
            async with slot:
                started = time.perf_counter()
                self.requests += 1
                async with asyncio.timeout(s.timeout_s):
                    request = self._client.build_request("GET", url, headers=headers)
                    r = await self._client.send(request, stream=True)
                    try:
                        hdrs = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in r.headers.raw}
                        status = r.status_code
                        retry = status in (429, 503) and attempt < s.retry_times
                        body, truncated = b"", False
                        probe = Response(url=url, final_url=url, status=status, headers=hdrs)
                        length = _length(hdrs)
                        if length is not None and length > limit and read_body is None:
                            truncated = True
                        elif (
                            not retry
                            and status not in (301, 302, 303, 307, 308)
                            and (read_body is None or read_body(probe))
                        ):
                            # Decoded here, under the limit, whatever the Content-Encoding stack (no httpx decoding).
                            decoder = BoundedDecoder(
                                hdrs.get("content-encoding"), limit, max_layers=s.max_content_encodings
                            )
                            async for chunk in r.aiter_raw():
                                if decoder.feed(chunk):
                                    break
                            body, truncated = decoder.finish(), decoder.truncated
                    finally:
                        await r.aclose()
                elapsed = (time.perf_counter() - started) * 1000
            if retry:
                wait = retry_after_seconds(hdrs.get("retry-after"), s.retry_backoff_s * (2**attempt))
                if wait <= s.max_retry_after_s:
                    slot.pause(wait)  # the whole host waits, not just this request
                    continue
            return status, hdrs, body, elapsed, truncated
        raise AssertionError("unreachable")

    async def _download_text(self, url: str) -> tuple[int | None, str]:
        r = await self.get(url, max_bytes=512 * 1024)
        if r.error or r.status is None:
            return None, ""
        return r.status, r.body.decode("utf-8", "replace")

    async def _fetch_http(self, page: Page, referer: str | None, ua: str) -> None:
        s = self.settings
        url = page.url
        hops_left = 2 if s.follow_meta_refresh else 0
        redirects: list[str] = []
        while True:
            r = await self.get(url, referer=referer, user_agent=ua, read_body=lambda x: x.is_html or not x.content_type)
            redirects += r.redirects
            self._fill_response(page, r, redirects)
            if page.error or r.body == b"" or not r.is_html:
                if page.error is None and r.status is not None:
                    if r.status >= 500:
                        page.error, page.error_detail = errors.HTTP_5XX, f"HTTP {r.status}"
                    elif r.status >= 400:
                        page.error, page.error_detail = errors.HTTP_4XX, f"HTTP {r.status}"
                    elif not r.is_html:
                        page.error, page.error_detail = errors.NOT_HTML, page.content_type or "no content type"
                return
            html, encoding = decode_html(r.body, r.content_type)
            page.encoding = encoding
            if looks_binary(html):
                page.error = errors.NOT_HTML
                page.error_detail = f"binary content served as {page.content_type or 'HTML'}: not a web page"
                return
            target = _meta_refresh(html, r.final_url) if hops_left and r.status == 200 else None
            if target and target != r.final_url and target not in redirects:
                hops_left -= 1
                redirects.append(r.final_url)
                url = target
                continue
            self._fill_html(page, html)
            self._judge_content(page)
            return

    def _fill_response(self, page: Page, r: Response, redirects: list[str]) -> None:
        page.final_url = r.final_url
        page.status = r.status
        page.headers = r.headers
        page.content_type = r.content_type
        page.redirects = list(redirects)
        page.elapsed_ms = round(page.elapsed_ms + r.elapsed_ms, 1)
        page.size = len(r.body) if r.body else (_length(r.headers) or 0)
        page.via = "http"
        page.error, page.error_detail = r.error, r.error_detail
        if page.error is None and r.truncated:
            page.error, page.error_detail = errors.TOO_LARGE, f"larger than {self.settings.max_page_bytes} bytes"

    def _fill_html(self, page: Page, html: str) -> None:
        s = self.settings
        doc = parse_html(html, page.final_url or page.url, max_links=s.max_page_links, max_depth=s.max_parse_depth)
        if doc.limits:
            page.signals["limits"] = dict(doc.limits)
        page.text = html
        page.title = doc.title
        page.meta = doc.meta
        page.links = doc.links
        page.forms = doc.forms
        page.visible_text = doc.visible_text
        if self.extract is not None:
            self.extract(page, doc)
        if (
            page.via == "http"
            and len(page.visible_text) < 40
            and "<script" in html[:200_000].lower()
            and sum(1 for link in page.links if link.tag == "a") < 3
        ):
            page.signals["script_shell"] = True

    def _judge_content(self, page: Page) -> None:
        """Status-level verdicts that need the text: firewall pages, 5xx, soft 404s."""
        status = page.status or 0
        if errors.looks_blocked(status, page.title, page.visible_text):
            page.error, page.error_detail = errors.BLOCKED, f"firewall page (HTTP {status}): {page.title[:80]}"
        elif status >= 500:
            page.error, page.error_detail = errors.HTTP_5XX, f"HTTP {status}"
        elif status >= 400:
            page.error, page.error_detail = errors.HTTP_4XX, f"HTTP {status}"
        elif status == 200 and errors.looks_soft404(page.title, page.visible_text):
            page.signals["soft404"] = True

    # ------------------------------------------------------------------------------------ browser
    async def _fetch_browser(
        self,
        page: Page,
        referer: str | None,
        ua: str,
        *,
        reason: str = "requested",
        screenshot: str | None = None,
        inspect: Callable[[Any], Awaitable[Any]] | None = None,
        prepare: Callable[[Any], Awaitable[Any]] | None = None,
    ) -> Page:
        from inspector.crawl.browser import BrowserMissing

        page.via = "browser"
        page.signals["rendered_because"] = reason
        scope = netpolicy.current_scope() or netpolicy.SiteScope([page.url])

        async def guard(url: str) -> str | None:  # the browser's requests obey the same network policy
            return await self.policy.check_url(url, scope)

        try:
            r = await self.renderer.render(
                page.url,
                user_agent=ua,
                referer=referer,
                timeout_s=self.settings.timeout_s,
                wait_until=self.settings.render_wait,
                screenshot=screenshot,
                inspect=inspect,
                guard=guard,
                credentials=self.credentials,
                prepare=prepare,
            )
        except asyncio.CancelledError:
            raise
        except BrowserMissing as exc:
            page.error, page.error_detail = errors.OTHER, str(exc)
            return page
        except Exception as exc:  # noqa: BLE001
            page.error, page.error_detail = errors.classify_browser_error(exc)
            return page
        page.final_url, page.status, page.headers = r.final_url, r.status, r.headers
        page.content_type = r.headers.get("content-type", "")
        page.redirects, page.elapsed_ms = r.redirects, round(r.elapsed_ms, 1)
        page.size = len(r.html.encode("utf-8"))
        page.encoding = "utf-8"  # the DOM is already text: the browser did the decoding
        self._fill_html(page, r.html)
        page.signals.pop("script_shell", None)
        if r.blocked:
            page.signals["blocked_requests"] = r.blocked[:20]
        if r.inspected is not None:
            page.signals["inspected"] = r.inspected
        if r.prepared is not None:
            page.signals["prepared"] = r.prepared
        self._judge_content(page)
        return page


def _length(headers: dict[str, str]) -> int | None:
    value = headers.get("content-length", "").strip()
    return int(value) if value.isascii() and value.isdigit() else None


def _meta_refresh(html: str, base: str) -> str | None:
    m = _META_REFRESH.search(html[:8192])
    if not m or (m.group(1) and int(m.group(1)) > 5):
        return None
    return urljoin(base, m.group(2).strip())
