"""One availability sample: GET the home page as a visitor would, with the 15-second rule.

robots.txt is not consulted: a sample is one visit to the public home page, the very thing the
rule measures, and a site that forbids crawlers is still obliged to open for people.
"""

from __future__ import annotations

from datetime import datetime

from inspector.crawl.fetch import Fetcher
from inspector.model import AvailabilitySample
from inspector.settings import CrawlSettings

RULE_TIMEOUT_S = 15.0  # 单项否决 2: not open within 15 s counts as a failed visit


async def sample_availability(
    url: str, *, fetcher: Fetcher | None = None, timeout_s: float = RULE_TIMEOUT_S, at: datetime | None = None
) -> AvailabilitySample:
    """Never raises; ``ok`` is False on any network failure, 4xx/5xx, or when the page took ≥ timeout_s."""
    if fetcher is None:
        async with Fetcher(CrawlSettings(timeout_s=timeout_s, retry_times=0)) as own:
            return await sample_availability(url, fetcher=own, timeout_s=timeout_s, at=at)
    when = at or fetcher.clock()
    r = await fetcher.get(url, max_bytes=fetcher.settings.max_page_bytes)
    error = r.error
    if error is None and r.status is not None and r.status >= 400:
        error = "http_5xx" if r.status >= 500 else "http_4xx"
    if error is None and r.elapsed_ms >= timeout_s * 1000:
        error = "timeout"
    return AvailabilitySample(
        at=when,
        url=url,
        ok=error is None,
        elapsed_ms=round(r.elapsed_ms, 1),
        status=r.status,
        error=error if error is None else f"{error}: {r.error_detail}".rstrip(": "),
    )
