"""``inspector recheck AUDIT_ID``: visit only what an audit's open items stand on, and mark each fixed or open.

An agency fixes the items of its 整改清单 and asks for a recheck. The stored artifacts of the audit are
the starting point; only the pages the open items name are fetched again — the home page (identity
marks, home-page freshness), each stale or blank column's list page, each broken link's target, each
message's detail page, each page with injected content — through the crawler. The checks of those
items then run on the refreshed artifacts: an item whose finding is gone is **fixed**, one still
found is **open**, one whose check could not judge (a page that did not load, a week of availability
monitoring) is **not rechecked** — never "fixed" by default.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from inspector.judge import as_of_instant, run_checks
from inspector.model import Finding, LinkCheck, SiteArtifacts, Verdict, from_jsonable, to_jsonable
from inspector.profile import Profile
from inspector.report.rectification import kind_of
from inspector.store.db import Store, StoreError
from inspector.store.tables import Audit

log = logging.getLogger(__name__)

# Checks that read the home page (and its identity marks); checks that read one page they name.
HOME_CHECKS = {
    "homepage-freshness",
    "identity-marks",
    "find-errors-entry",
    "annual-report",
    "gov-domain",
    "interaction-channel",
    "service-offering",
}
PAGE_CHECKS = {"hidden-links", "spam-content", "defacement", "misstatements", "personal-data", "policy-interpretation"}
MESSAGE_CHECKS = {"unanswered-messages", "reply-latency", "brush-off-replies", "result-disclosure"}
# A week of samples decides these; one visit cannot.
NOT_RECHECKABLE = {
    "availability": ("需连续监测1周，复查无法判定", "needs a week of monitoring; a recheck cannot judge it")
}
STATUS_ZH = {"fixed": "已整改", "open": "未整改", "not_rechecked": "未能复查"}
STATUS_EN = {"fixed": "fixed", "open": "still open", "not_rechecked": "not rechecked"}


@dataclass
class RecheckItem:
    key: str
    check: str
    kind: str  # veto | deduction | review
    item: str | None
    message_zh: str
    message_en: str
    url: str | None
    column: str | None
    status: str = "not_rechecked"  # fixed | open | not_rechecked
    note_zh: str = ""
    note_en: str = ""
    now_zh: str = ""  # what the recheck found (the finding's message today), when still open
    now_en: str = ""


@dataclass
class Recheck:
    audit_id: int
    site: str
    name: str
    as_of: str
    items: list[RecheckItem] = field(default_factory=list)
    fetched: int = 0
    id: int | None = None

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)

    @property
    def summary(self) -> dict[str, int]:
        return {s: self.count(s) for s in ("fixed", "open", "not_rechecked")} | {"items": len(self.items)}


def load_audit(store: Store, audit_id: int) -> tuple[Verdict, SiteArtifacts]:
    with store.session() as s:
        audit = s.get(Audit, audit_id)
        if audit is None or audit.verdict_json is None:
            raise StoreError(f"audit {audit_id} not found or not finished")
        stored = dict(audit.verdict_json)
    return from_jsonable(Verdict, stored), store.load_artifacts(audit_id)


async def recheck_audit(
    audit_id: int,
    store: Store,
    profile: Profile,
    fetcher: Any,
    *,
    as_of: str | None = None,
    lang: str = "zh",
) -> Recheck:
    verdict, a = load_audit(store, audit_id)
    open_items = [f for f in verdict.findings if kind_of(f)]
    now = as_of_instant(as_of)
    result = Recheck(audit_id, verdict.site, verdict.name or verdict.site, now.isoformat(timespec="seconds"))
    a.as_of = now
    checks = {f.check for f in open_items}
    fetched = await refresh(a, open_items, fetcher, now)
    result.fetched = fetched
    subset = dataclasses.replace(profile, items=[it for it in profile.items if it.check in checks], extra_checks=[])
    findings, not_judged = run_checks(a, subset, lang)
    still = {f.key: f for f in findings if f.level == "fail"}
    unjudged = {n.check: n for n in not_judged}
    for f in open_items:
        item = RecheckItem(
            key=f.key,
            check=f.check,
            kind=kind_of(f) or "deduction",
            item=f.item,
            message_zh=f.message_zh,
            message_en=f.message_en,
            url=f.url,
            column=f.column,
        )
        if f.check in NOT_RECHECKABLE:
            item.note_zh, item.note_en = NOT_RECHECKABLE[f.check]
        elif f.check in unjudged:
            n = unjudged[f.check]
            item.note_zh, item.note_en = n.reason_zh, n.reason_en
        elif f.key in still:
            item.status = "open"
            item.now_zh, item.now_en = still[f.key].message_zh, still[f.key].message_en
        elif _page_failed(a, f):
            item.note_zh, item.note_en = "复查时页面未能打开", "the page did not load during the recheck"
        else:
            item.status = "fixed"
        result.items.append(item)
    from inspector.store.followups import save_recheck

    result.id = save_recheck(store, audit_id, result.as_of, [to_jsonable(i) for i in result.items], result.summary)
    return result


def _page_failed(a: SiteArtifacts, f: Finding) -> bool:
    failed = a.stats.get("recheck_failed") or []
    return bool(f.url and f.url in failed)


async def refresh(a: SiteArtifacts, findings: list[Finding], fetcher: Any, now: datetime) -> int:
    """Fetch again what the open findings stand on; update the artifacts in place. Returns fetches made."""
    from inspector.extract.html import parse_html
    from inspector.extract.identity import extract_identity

    checks = {f.check for f in findings}
    fetched = 0
    failed: list[str] = []
    a.stats["recheck_failed"] = failed
    if checks & HOME_CHECKS or checks & PAGE_CHECKS:
        home = await fetcher.fetch(a.site)
        fetched += 1
        if home.ok and home.text:
            a.home = home
            a.pages = [home] + [p for p in a.pages if (p.final_url or p.url) not in (home.url, home.final_url)]
            # homepage-freshness reads the fresh page's own blocks (its text), identity-marks the footer
            a.identity = extract_identity(parse_html(home.text, home.final_url or home.url))
        else:
            failed.append(a.site)
    page_urls = {f.url for f in findings if f.check in PAGE_CHECKS and f.url}
    for url in sorted(page_urls):
        page = await fetcher.fetch(url)
        fetched += 1
        if not page.ok:
            failed.append(url)
            continue
        a.pages = [p for p in a.pages if url not in (p.url, p.final_url)] + [page]
    fetched += await _refresh_columns(
        a, [f for f in findings if f.check in ("column-freshness", "blank-columns")], fetcher, now, failed
    )
    fetched += await _refresh_links(a, [f for f in findings if f.check == "broken-links"], fetcher)
    fetched += await _refresh_messages(a, [f for f in findings if f.check in MESSAGE_CHECKS], fetcher, failed)
    return fetched


async def _refresh_columns(
    a: SiteArtifacts, findings: list[Finding], fetcher: Any, now: datetime, failed: list[str]
) -> int:
    from inspector.extract.columns import parse_list_page
    from inspector.extract.html import parse_html

    fetched = 0
    wanted = {f.url for f in findings if f.url}
    for column in a.columns:
        if column.url not in wanted:
            continue
        page = await fetcher.fetch(column.url)
        fetched += 1
        if not page.ok or not page.text:
            failed.append(column.url)  # type: ignore[arg-type]
            continue
        listing = parse_list_page(parse_html(page.text, page.final_url or column.url), now.date())
        column.items = listing.items
        column.pages_seen = 1
        column.blank_text, column.note, column.error = listing.blank_text, listing.note, None
    return fetched


async def _refresh_links(a: SiteArtifacts, findings: list[Finding], fetcher: Any) -> int:
    from inspector.crawl.linkcheck import outcome_for_response

    fetched = 0
    by_url = {lc.url: lc for lc in a.link_checks}
    fresh: list[LinkCheck] = []
    for f in findings:
        old = by_url.get(f.url or "")
        if old is None:
            continue
        r = await fetcher.get(
            old.url, max_bytes=fetcher.settings.link_check_bytes, read_body=lambda x: x.is_html or not x.content_type
        )
        fetched += 1
        outcome, detail = outcome_for_response(r)
        fresh.append(dataclasses.replace(old, outcome=outcome, status=r.status, detail=detail))  # type: ignore[arg-type]
    if findings:  # only the items' links are judged again: the others were not looked at
        a.link_checks = fresh
    return fetched


async def _refresh_messages(a: SiteArtifacts, findings: list[Finding], fetcher: Any, failed: list[str]) -> int:
    from inspector.extract.html import parse_html
    from inspector.extract.messages import parse_detail

    fetched = 0
    wanted = {f.url for f in findings if f.url}
    for board in a.boards:
        for m in board.messages:
            if m.url not in wanted:
                continue
            page = await fetcher.fetch(m.url)
            fetched += 1
            if not page.ok or not page.text:
                failed.append(m.url)  # type: ignore[arg-type]
                continue
            d = parse_detail(parse_html(page.text, page.final_url or m.url), m.url or "")
            for name in ("replied_at", "reply", "unit", "status"):
                value = getattr(d, name, None)
                if value:
                    setattr(m, name, value)
            for name in ("state", "state_source"):
                if getattr(d, name, None):
                    setattr(m, name, getattr(d, name))
    return fetched
