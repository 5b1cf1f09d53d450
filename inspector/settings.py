"""Every default in one place, with what it means (in the spirit of Scrapy's ``default_settings``).

- Run defaults (store, profile, page budget, report formats …): the module constants below; the CLI,
  the plan parser and the demo take their defaults from here and nowhere else.
- ``CrawlSettings``: the crawler (identity, robots, politeness, timeouts, budgets, trap defences,
  browser). A plan's ``politeness`` table may override any field by name; an unknown name is an error.
- ``GatherSettings``: the limits of the site gatherers that run after the crawl (columns, boards,
  attachments, key pages).
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

CONTACT_URL = "https://github.com/gov-inspector/gov-inspector"
# The one User-Agent the crawler announces: honest and identifiable, webmasters can find who we are.
DEFAULT_USER_AGENT = f"gov-inspector/{_version} (+{CONTACT_URL})"
# Probes fill a site's own forms in Chromium: a browser-like UA that still says it is an inspection probe.
PROBE_USER_AGENT = f"Mozilla/5.0 (X11; Linux x86_64) gov-inspector-probe/{_version} (+{CONTACT_URL})"

# --- run defaults -------------------------------------------------------------------------------
DEFAULT_DB_URL = "sqlite:///inspector.db"  # the embedded store; postgresql+psycopg://… for teams
DEFAULT_PROFILE = "cn-gov-2019"  # the national indicators (国办秘函〔2019〕19号)
DEFAULT_LANG = "zh"  # reports are read in Chinese first
DEFAULT_REPORT_DIR = "reports"
DEFAULT_FORMATS = "html,json"  # `inspector audit`; the demo writes every format
MAX_PAGES = 200  # HTML pages crawled per site (CLI, plan, demo)
MAX_DEPTH = 3  # link depth from the home page
SITE_CONCURRENCY = 4  # sites audited at once in one process
HTMLDATE_MAX_CHARS = 1_500_000  # a page is cut to this before htmldate reads it (bounds its time)
DEMO_DB_URL = "sqlite:///reports/demo.db"
# Per-page parse bounds (inspector.extract.html): beyond them a page costs the same, and says it was cut.
PAGE_MAX_LINKS = 1000  # links kept per page (a portal's site map has a few hundred; 100k is hostile)
PAGE_MAX_DEPTH = 1000  # element nesting kept when parsing (Chromium stops nesting at 512)


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
    max_content_encodings: int = 3  # Content-Encoding layers decoded (gzip, gzip, … beyond: refused)
    max_page_links: int = PAGE_MAX_LINKS  # links of one page taken into the crawl; the rest is cut and reported
    max_parse_depth: int = PAGE_MAX_DEPTH  # element nesting parsed; deeper markup is flattened and reported
    max_audit_s: float = 3600.0  # wall-clock limit of one site's audit: beyond it "not finished: limit reached"
    browser_timeout_s: float = 45.0  # any single browser step (launch, visit, screenshot, inspection)
    max_screenshot_px: int = 12000  # full-page screenshots are cut at this height

    # --- network policy ---------------------------------------------------------------------------
    allow_private: bool = False  # connect to loopback/private/link-local/metadata addresses not the site's own

    # --- scope and budgets -------------------------------------------------------------------------
    max_depth: int = MAX_DEPTH  # home page = 0
    max_pages: int = MAX_PAGES  # HTML pages fetched per site
    max_link_checks: int = 20000  # link targets checked per site (beyond: not checked, counted in stats)
    # New link targets one page (not the home page) brings into the crawl and the link checks; beyond it a
    # deterministic sample (by URL hash) is taken and the page reported (page_links_sampled). 0: no cap.
    max_page_link_checks: int = 200
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


@dataclass
class GatherSettings:
    """Limits of the site gatherers that run after the crawl (one instance per audit)."""

    fetch_budget: int = 400  # extra fetches per site for columns, boards, search, key pages …
    fetch_cache: int = 64  # pages kept in the gatherers' small per-site cache
    key_pages_per_column: int = 6  # newest policy documents fetched to look for their 解读
    service_guides: int = 20  # guides fetched behind a 办事服务 page
    max_boards: int = 12  # message boards read per site
    board_detail_concurrency: int = 8  # message detail pages fetched at once
    # Boards have a budget of their own (not fetch_budget): every list page first, then detail pages,
    # pending and unknown rows first; what it could not read is reported as rows/details not read.
    board_budget: int = 6000  # fetches per site for message boards (a 2,000-message board needs ~2,100)
    board_candidates: int = 40  # channel links looked at per site (a message titled 咨询… is not a board)
    board_article_sample: int = 6  # detail pages read to decide that a list without message evidence is articles
    evidence_screenshots: int = 12  # evidence pages shot in Chromium after judging (veto/deduction findings)
    max_attachments: int = 20  # xlsx/docx/pdf attachments read for personal data
    attachment_bytes: int = 8 * 1024 * 1024  # attachments above this are not read

    def replace(self, **changes: Any) -> GatherSettings:
        return dataclasses.replace(self, **changes)


@dataclass
class DistributedSettings:
    """Programmes on Celery + Redis (``inspector worker`` / ``inspector programme``; see docs/scale.md)."""

    queue: str = "inspector"  # audits and probe follow-ups
    samples_queue: str = "inspector.samples"  # availability samples: short, due at their time, own queue
    concurrency: int = 4  # audits at once per worker process pool (I/O bound: a site answers slowly)
    task_time_limit_s: float = 7200.0  # hard limit of one task (an audit stops itself at max_audit_s before)
    visibility_timeout_s: float = 10800.0  # Redis redelivers an unacknowledged task after this: > the time limit
    soft_shutdown_s: float = 60.0  # SIGTERM: running tasks get this long to finish, then are handed back
    heartbeat_s: float = 5.0  # task and worker heartbeats in the store
    stale_after_s: float = 30.0  # a running task without a heartbeat this long is taken over (its worker died)
    max_infra_retries: int = 20  # retries after database/broker errors (a site that is down is a result)
    retry_backoff_max_s: float = 300.0  # exponential backoff of those retries, capped here
    limiter_lease_s: float = 120.0  # a host slot held by a dead worker frees itself after this
    report_stale_s: float = 600.0  # a batch report claimed by a publisher that died is taken over after this
    max_lost: int = 3  # a task lost this many times (its worker killed each time) is recorded failed

    def replace(self, **changes: Any) -> DistributedSettings:
        return dataclasses.replace(self, **changes)
