"""Every crawler setting in one place, with its default and what it means (Scrapy's default_settings).

A site's plan entry may override any field by name (``CrawlSettings.from_mapping``); unknown names
are an error rather than silently ignored, because a misspelt politeness setting is a real risk.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    _version = version("gov-inspector")
except PackageNotFoundError:  # a source checkout that was never installed
    _version = "0.1.0"

DEFAULT_USER_AGENT = f"gov-inspector/{_version} (+https://github.com/gov-inspector/gov-inspector)"


@dataclass
class CrawlSettings:
    # --- identity -------------------------------------------------------------------------------
    user_agent: str = DEFAULT_USER_AGENT  # honest and identifiable: webmasters can find who we are
    accept_language: str = "zh-CN,zh;q=0.9,en;q=0.5"

    # --- robots.txt ------------------------------------------------------------------------------
    ignore_robots: bool = False  # explicit per-site override, for audits the site owner authorised
    robots_agent: str = "gov-inspector"  # the token matched against robots.txt User-agent lines
    max_crawl_delay_s: float = 10.0  # a robots Crawl-delay above this is capped (we would never finish)

    # --- politeness and concurrency -----------------------------------------------------------------
    per_host_concurrency: int = 4  # requests in flight to one host
    per_host_delay_s: float = 0.1  # minimum gap between two request starts on one host
    max_connections: int = 64  # global connection limit for the whole process (all sites)
    retry_times: int = 2  # retries after 429/503 (only those: other failures are facts to report)
    retry_backoff_s: float = 2.0  # wait after a 429/503 without Retry-After (doubles per retry)
    max_retry_after_s: float = 60.0  # a longer Retry-After is not waited for: the fetch is recorded as failed

    # --- timeouts and sizes ------------------------------------------------------------------------
    timeout_s: float = 15.0  # whole-request budget; 15 s is the national rule for a failed visit
    connect_timeout_s: float = 10.0
    max_redirects: int = 10
    max_page_bytes: int = 8 * 1024 * 1024  # bodies above this are cut and the fetch marked too_large
    link_check_bytes: int = 64 * 1024  # body read when link-checking (enough to spot a soft 404)

    # --- scope and budgets -------------------------------------------------------------------------
    max_depth: int = 3  # home page = 0
    max_pages: int = 2000  # HTML pages fetched per site
    max_link_checks: int = 20000  # link targets checked per site (beyond: not checked, counted in stats)
    extra_hosts: list[str] = field(default_factory=list)  # hosts (or host:port) inside the site besides its domain
    check_external_links: bool = True
    follow_meta_refresh: bool = True  # a home page that is only <meta refresh> to the real portal
    sitemap: bool = True  # read sitemap.xml (and robots Sitemap:) to seed the frontier
    max_found_on: int = 20  # referring pages remembered per link (memory bound)
    keep_page_links: bool = True  # keep Page.links in CrawlResult.pages (False: bounded memory for huge sites)

    # --- crawler-trap defences ---------------------------------------------------------------------
    max_url_length: int = 512
    max_path_segments: int = 12
    max_segment_repeats: int = 2  # /a/b/a/b/a → a segment (or run) repeated more than this is a trap
    calendar_year_range: tuple[int, int] = (1990, 2)  # (min year, years ahead of today)
    max_calendar_urls: int = 60  # URLs per calendar-like pattern (dates in path or query)
    session_params: tuple[str, ...] = (
        "jsessionid",
        "phpsessid",
        "aspsessionid",
        "sessionid",
        "session_id",
        "sid",
        "cfid",
        "cftoken",
    )
    tracking_params: tuple[str, ...] = (
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "utm_term",
        "utm_content",
        "spm",
        "from",
        "fbclid",
        "gclid",
        "_t",
        "timestamp",
        "t_",
        "random",
        "rnd",
    )

    # --- browser -----------------------------------------------------------------------------------
    browser_pages: int = 4  # open pages in the shared browser (no gain beyond 4 on 2 cores)
    render_wait: str = "load"  # Playwright wait_until for rendered pages
    render_hosts: list[str] = field(default_factory=list)  # hosts always rendered (content built by script)
    auto_render: bool = True  # render a page whose HTML body is an empty script shell

    def replace(self, **changes: Any) -> CrawlSettings:
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_mapping(cls, values: dict[str, Any] | None) -> CrawlSettings:
        """Settings from a plan entry; unknown keys raise a ValueError naming them."""
        values = dict(values or {})
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown crawl setting(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return cls(**values)
