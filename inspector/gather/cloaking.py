"""Fetch each URL as a browser, as search spiders and as a search visitor; diff what they get.

Rules §11.2: hacked sites serve spam only to spiders (Baiduspider, Sogou, 360Spider, Googlebot) or
redirect visitors whose Referer is a search results page. The fetch callable is the crawler's
(``fetch(url, *, user_agent=None, referer=None) -> Page``, sync or async); this module only decides
which identities to present, and ``inspector.extract.security.cloaking.diff_variants`` judges.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from inspector.extract.security.cloaking import diff_variants

BROWSER_UA = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
)
SPIDER_UAS = {
    "baiduspider": "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
    "sogou": "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
    "360spider": "Mozilla/5.0 (compatible; 360Spider; +http://www.so.com/help/help_3_2.html)",
    "googlebot": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
}


def search_referer(query: str) -> str:
    return f"https://www.baidu.com/s?wd={quote(query)}"


async def _call(fetch: Callable[..., Any], url: str, **kw: Any) -> Any:
    try:
        result = fetch(url, **kw)
        if inspect.isawaitable(result):
            result = await result
        return result
    except Exception as exc:  # noqa: BLE001 — one failed variant must not lose the others
        return {"error": f"{type(exc).__name__}: {exc}"}


async def gather_cloaking(
    urls: list[str], fetch: Callable[..., Any], *, browser_ua: str = BROWSER_UA, query: str | None = None
) -> list[dict[str, Any]]:
    """One diff per URL: ``{"url", "baseline", "cloaked", "reasons", "variants", …}``."""
    out: list[dict[str, Any]] = []
    for url in urls:
        names = ["browser", *SPIDER_UAS, "search-referer"]
        calls = [_call(fetch, url, user_agent=browser_ua)]
        calls += [_call(fetch, url, user_agent=ua) for ua in SPIDER_UAS.values()]
        calls.append(_call(fetch, url, user_agent=browser_ua, referer=search_referer(query or url)))
        results = await asyncio.gather(*calls)
        fetched = {n: r for n, r in zip(names, results) if not isinstance(r, dict)}
        errors = {n: r["error"] for n, r in zip(names, results) if isinstance(r, dict)}
        if "browser" not in fetched:
            out.append(
                {
                    "url": url,
                    "error": errors.get("browser", "browser fetch failed"),
                    "cloaked": False,
                    "reasons": [],
                    "variants": {},
                    "fetch_errors": errors,
                }
            )
            continue
        diff = diff_variants(fetched)
        out.append({"url": url, **diff, "fetch_errors": errors})
    return out
