"""forged-dates (伪造发稿日期): item dates that follow the crawl date instead of the publication.

Two signs (rules §10, 2018 Q1 bulletin: every news item showing the visiting day's date):
- ``same_day``: in a column, at least ``min_share`` of ≥ ``min_items`` dated items carry exactly the
  audit day;
- ``tracks_crawl``: an item URL seen in an earlier run (``SiteArtifacts.history``) dated that run's
  day now carries this run's day — its date moved forward with the crawl. At least
  ``min_moved_items`` such items are needed, so one legitimately re-dated article does not veto.

``history`` entries: ``{"as_of": ISO datetime, "items": [{"url", "date", "column"?}]}`` per earlier
run (flat ``{"url", "date", "as_of"}`` rows are accepted too).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from inspector.check import Check, CheckContext, NotApplicable
from inspector.model import DateEvidence, Evidence, Finding, SiteArtifacts


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.fromisoformat(str(value)).date()
    except (TypeError, ValueError):
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            return None


def _earlier_items(history: list[dict[str, Any]]) -> dict[str, tuple[date, date]]:
    """URL → (earlier run's day, the date the item carried then)."""
    out: dict[str, tuple[date, date]] = {}
    for run in history:
        items = run.get("items")
        rows: list[dict[str, Any]] = items if isinstance(items, list) else [run]
        run_day = _day(run.get("as_of"))
        for row in rows:
            day, seen = _day(row.get("date")), _day(row.get("as_of")) or run_day
            if row.get("url") and day and seen:
                out[row["url"]] = (seen, day)
    return out


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    if not a.columns:
        raise NotApplicable("未采集到栏目条目，无法判断发稿日期", "no column items were gathered")
    today = ctx.today
    min_items, min_share = int(ctx.param("min_items", 5)), float(ctx.param("min_share", 0.8))
    findings: list[Finding] = []
    for col in a.columns:
        dated = col.dated_items
        same = [i for i in dated if i.date.value == today]  # type: ignore[union-attr]
        if len(dated) >= min_items and len(same) / len(dated) >= min_share:
            older = [i for i in same if (d := _url_day(i.url)) is not None and (today - d).days > 7]
            sure = len(older) >= max(2, len(same) // 2)
            findings.append(
                Finding(
                    check="forged-dates",
                    url=col.url,
                    column=col.name,
                    rule="same_day",
                    message_zh=f"栏目“{col.name}”{len(dated)} 条信息中有 {len(same)} 条发布日期均为检查当天 {today}",
                    message_en=f"Column '{col.name}': {len(same)} of {len(dated)} items are dated the audit day {today}",
                    certainty="certain" if sure else "likely",
                    certainty_reason=(
                        f"{len(older)}条信息网址中的日期早于显示的发布日期（当天） / the URLs date {len(older)} items earlier"
                        if sure
                        else "栏目当天发布多条信息也可能属实，需对比两次检查或网址日期 / a busy day is possible: needs a second audit or URL dates"
                    ),
                    evidence=[
                        Evidence(
                            url=col.url,
                            snippet="；".join(i.title for i in same[:5]),
                            dates=[i.date for i in same[:10] if i.date],
                        )
                    ],
                )
            )
    earlier = _earlier_items(a.history)
    moved: list[tuple[Any, Any, tuple[date, date]]] = []
    for col in a.columns:
        for item in col.dated_items:
            prev = earlier.get(item.url or "")
            if prev is None:
                continue
            seen, old_date = prev
            # Dated its crawl day then, dated this crawl day now: the date follows the crawler.
            if old_date == seen and item.date.value == today and today > seen:  # type: ignore[union-attr]
                moved.append((col, item, prev))
    if len(moved) >= int(ctx.param("min_moved_items", 2)):
        for col, item, (seen, old_date) in moved:
            findings.append(
                Finding(
                    check="forged-dates",
                    url=item.url,
                    column=col.name,
                    rule="tracks_crawl",
                    message_zh=f"“{item.title}”的发布日期随检查日期变化：{seen} 抓取时为 {old_date}，本次为 {item.date.value}",
                    message_en=f"'{item.title}' changes its date with the crawl: {old_date} when crawled on {seen}, now {item.date.value}",
                    certainty="certain",
                    certainty_reason="两次检查中同一网址的日期都等于抓取当天 / the same URL carried each crawl's own day",
                    evidence=[
                        Evidence(
                            url=item.url,
                            snippet=item.title,
                            dates=[DateEvidence(value=old_date, source="list_line", raw=f"seen {seen}"), item.date],
                        )
                    ],
                )
            )
    findings += _redated_copies(a, int(ctx.param("redated_min_days", 180)))
    return findings


# "新华社北京2017年10月18日电" / "（人民日报 2017年10月18日 01 版）": the agency's own date of the story.
_DATELINE = re.compile(
    r"(新华社|中新社|人民日报|央视网?|光明日报|经济日报|中国新闻网|人民网)[^。\n]{0,12}?"
    r"(\d{4})年(\d{1,2})月(\d{1,2})日(?:电|讯|\s*\d{0,2}\s*版)"
)


_REPOST = re.compile(r"回顾|重温|旧文|再读|资料|历史|学习|往期|原载")


def _url_day(url: str | None) -> date | None:
    """The date a CMS put in the item URL (/202610/t20261026_1.html, /2026-10/26/…), when there is one."""
    m = re.search(r"t(20\d{2})(\d{2})(\d{2})_", url or "") or re.search(r"/(20\d{2})-?(\d{2})/(\d{2})/", url or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


_STATED_SOURCES = frozenset({"publish_label", "list_line"})


def _redated_copies(a: SiteArtifacts, min_days: int) -> list[Finding]:
    """旧稿重发: an agency story whose own dateline is far older than the date the site gives it."""
    out: list[Finding] = []
    for page in ([a.home] if a.home else []) + a.pages:
        if page is None or page.published is None or not page.visible_text:
            continue
        m = _DATELINE.search(page.visible_text[:6000])
        if not m:
            continue
        try:
            original = date(int(m.group(2)), int(m.group(3)), int(m.group(4)))
        except ValueError:
            continue
        gap = (page.published.value - original).days
        if gap >= min_days:
            repost = bool(_REPOST.search(page.title or ""))
            # The site's own date must be one it states (发布时间 label, list line): a CMS PubDate can be
            # the regeneration time, and a dateline/htmldate/URL winner is our reading, not its claim.
            stated = page.published.source in _STATED_SOURCES
            if repost:
                why = "标题表明是回顾或转载 / the title says it is a look back or a repost"
            elif not stated:
                why = (
                    f"网站日期取自{page.published.source}，并非页面标注的发布时间 / the site's date was read from "
                    f"{page.published.source}, not a stated publication date"
                )
            else:
                why = f"稿件电头日期{original}比发布日期早{gap}天，且未标明回顾或转载 / the dateline is {gap} days older, not marked as a repost"
            out.append(
                Finding(
                    check="forged-dates",
                    rule="redated_copy",
                    url=page.final_url or page.url,
                    message_zh=f"{m.group(1)}{original}的稿件以新日期{page.published.value}发布（相差{gap}天），疑似旧稿重发、伪造发稿日期",
                    message_en=f"a {m.group(1)} story of {original} is published as of {page.published.value} ({gap} days later)",
                    certainty="certain" if stated and not repost else "likely",
                    certainty_reason=why,
                    evidence=[
                        Evidence(
                            url=page.final_url or page.url,
                            snippet=m.group(0),
                            dates=[DateEvidence(value=original, source="body_text", raw=m.group(0)), page.published],
                        )
                    ],
                )
            )
    return out


CHECK = Check(
    id="forged-dates",
    title_zh="未发现伪造发稿日期",
    title_en="No forged publication dates",
    failure_zh="伪造发稿日期（日期随访问日期变化）",
    failure_en="Forged publication dates (dates follow the visiting day)",
    clause="国办秘函〔2019〕19号 单项否决 1（5）",
    requires=("columns", "history", "home", "pages"),
    run=run,
    defaults={"min_items": 5, "min_share": 0.8, "min_moved_items": 2, "redated_min_days": 180},
)
