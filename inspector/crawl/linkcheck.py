"""Link checking: every link target once per audit, whoever links to it, with a cache.

Internal pages the crawler fetches anyway are judged from that fetch (no second request);
everything else — external sites, images, attachments, pages beyond the budget — gets one GET
that reads at most ``link_check_bytes`` of an HTML body (enough to recognise a soft 404 or a
firewall page) and nothing of an attachment.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from inspector.crawl import errors
from inspector.crawl.decode import decode_html
from inspector.crawl.fetch import Fetcher, Response
from inspector.crawl.urls import dedup_key
from inspector.extract.html import clean_text
from inspector.model import LinkCheck, LinkOutcome, Page

_ERROR_OUTCOME: dict[str, LinkOutcome] = {
    errors.DNS: "dns",
    errors.TLS: "tls",
    errors.CONNECT: "connect",
    errors.TIMEOUT: "timeout",
    errors.TOO_MANY_REDIRECTS: "too_many_redirects",
    errors.BLOCKED: "blocked",
    errors.ROBOTS: "skipped",
    errors.BAD_URL: "broken",
    errors.PRIVATE_ADDRESS: "skipped",  # refused by the network policy: not a fact about the link
    errors.HTTP_5XX: "server_error",
    errors.OTHER: "connect",
}


def outcome_for_status(status: int | None) -> LinkOutcome:
    if status is None:
        return "connect"
    if status in (401, 403):
        return "forbidden"
    if status == 429:
        return "blocked"  # still rate-limited after our retries
    if status >= 500:
        return "server_error"
    if status >= 400:
        return "broken"
    return "ok"


def outcome_for_page(page: Page) -> tuple[LinkOutcome, str]:
    """(outcome, detail) for a target the crawler fetched as a page."""
    if page.error in (None, errors.NOT_HTML, errors.TOO_LARGE, errors.HTTP_4XX):
        outcome = outcome_for_status(page.status)
        if outcome == "ok" and page.signals.get("soft404"):
            return "soft404", f"HTTP {page.status} but the page says it does not exist: {page.title[:80]}"
        return outcome, f"HTTP {page.status}"
    return _ERROR_OUTCOME.get(page.error, "connect"), page.error_detail


def outcome_for_response(r: Response) -> tuple[LinkOutcome, str]:
    if r.error:
        return _ERROR_OUTCOME.get(r.error, "connect"), r.error_detail
    outcome = outcome_for_status(r.status)
    if r.body and r.is_html and outcome in ("ok", "forbidden", "server_error"):
        html, _ = decode_html(r.body, r.content_type)
        tree = LexborHTMLParser(html)
        node = tree.css_first("title")
        title = clean_text(node.text()) if node is not None else ""
        text = clean_text(tree.body.text(separator=" ")) if tree.body is not None else ""
        if errors.looks_blocked(r.status, title, text):
            return "blocked", f"firewall page (HTTP {r.status}): {title[:80]}"
        if outcome == "ok" and r.status == 200 and errors.looks_soft404(title, text):
            return "soft404", f"HTTP 200 but the page says it does not exist: {title[:80] or text[:80]}"
    return outcome, f"HTTP {r.status}"


class LinkChecker:
    """Owns the audit's link records; ``note`` while crawling, ``check``/``judge_from_page`` to decide."""

    def __init__(self, fetcher: Fetcher, max_found_on: int = 20):
        self.fetcher = fetcher
        self.max_found_on = max_found_on
        self.records: dict[str, LinkCheck] = {}  # dedup_key(url) → record (record.url = first URL seen)
        self.checked = 0  # GETs spent on link checks (budget: settings.max_link_checks)

    def note(
        self, url: str, found_on: str, *, tag: str, text: str, on_home: bool, internal: bool, key: str | None = None
    ) -> LinkCheck:
        key = key or dedup_key(url)
        rec = self.records.get(key)
        if rec is None:
            rec = self.records[key] = LinkCheck(
                url=url, outcome="", found_on=[found_on], on_home=on_home, internal=internal, tag=tag, text=text
            )
            return rec
        if found_on not in rec.found_on and len(rec.found_on) < self.max_found_on:
            rec.found_on.append(found_on)
        rec.on_home = rec.on_home or on_home
        if not rec.text and text:
            rec.text = text
        if rec.tag != "a" and tag == "a":  # a page link is the more telling description
            rec.tag = tag
        return rec

    def judge_from_page(self, page: Page) -> LinkCheck | None:
        rec = self.records.get(dedup_key(page.url))
        if rec is not None:
            rec.outcome, rec.detail = outcome_for_page(page)
            rec.status = page.status
        return rec

    async def check(self, key: str) -> LinkCheck:
        rec = self.records[key]
        url = rec.url
        if rec.outcome:
            return rec
        referer = rec.found_on[0] if rec.found_on else None
        if not await self.fetcher.allowed(url):
            rec.outcome, rec.detail = "skipped", "disallowed by robots.txt"
            return rec
        r = await self.fetcher.get(
            url,
            max_bytes=self.fetcher.settings.link_check_bytes,
            referer=referer,
            read_body=lambda x: x.is_html or not x.content_type,
        )
        rec.status = r.status
        rec.outcome, rec.detail = outcome_for_response(r)
        return rec
