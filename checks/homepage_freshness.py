"""V3 首页不更新 — no new information on the home page within 2 weeks.

The newest dated item shown on the home page must be at most ``window_days`` old. Items without a
visible date count as not updated (2015 table note). A navigation-only home page (no item lists) is
judged on its level-2 pages, i.e. the first-level columns' list pages.
"""

from __future__ import annotations

from datetime import date

from checks._site import content_seen, home_items, home_links, home_url, item_evidence, newest
from inspector.check import Check, CheckContext, NotApplicable
from inspector.extract.column_dates import newest_reading
from inspector.extract.columns import undated_home_items
from inspector.extract.dates import url_date
from inspector.extract.html import parse_html
from inspector.model import Certainty, ColumnItem, Finding, SiteArtifacts


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    if a.home is None or not (a.home.ok or a.home.text):
        raise NotApplicable("首页未能获取", "the home page was not fetched")
    window = int(ctx.param("window_days"))
    today = ctx.today
    items = home_items(a, today)
    if not items and a.home.text:  # lists shown without dates count as not updated (2015 table note)
        items = undated_home_items(parse_html(a.home.text, home_url(a)), today) or items
    where, where_en = "首页", "home page"
    if not items:
        level2 = [c for c in a.columns if c.level == 1 and not c.on_home and content_seen(c)]
        items = [i for c in level2 for i in c.items]
        where, where_en = "首页（导航页）的二级页面", "level-2 pages of the navigation-only home page"
        if not items and not level2 and a.home.text is None and not a.home.signals and not a.columns:
            raise NotApplicable("未采集首页内容", "home page content was not gathered")
    latest, future = newest(items or [], today)
    url = home_url(a)
    if latest is not None and (today - latest.date.value).days <= window:  # type: ignore[union-attr]
        return []
    undated = sum(1 for i in items or [] if i.date is None)
    certainty, why = _certainty(latest, items or [], a, today, window)
    if latest is None:
        msg_zh = f"{where}未发现带发布日期的信息（{len(items or [])}条信息，{undated}条无日期，视为未更新）"
        msg_en = (
            f"no dated item on the {where_en} ({len(items or [])} items, {undated} undated: counted as not updated)"
        )
        age = None
    else:
        age = (today - latest.date.value).days  # type: ignore[union-attr]
        msg_zh = f"{where}最新信息为{latest.date.value}（{age}天前），超过{window}天未更新"  # type: ignore[union-attr]
        msg_en = f"newest item on the {where_en} is dated {latest.date.value} ({age} days ago), over {window} days"  # type: ignore[union-attr]
    return [
        Finding(
            check="homepage-freshness",
            url=url,
            message_zh=msg_zh,
            message_en=msg_en,
            certainty=certainty,
            certainty_reason=why,
            evidence=[
                item_evidence(
                    latest,
                    url,
                    age_days=age,
                    window_days=window,
                    items=len(items or []),
                    undated=undated,
                    future_dated=len(future),
                )
            ],
        )
    ]


def _certainty(
    latest: ColumnItem | None, items: list[ColumnItem], a: SiteArtifacts, today: date, window: int
) -> tuple[Certainty, str]:
    """A stale verdict is certain only on a list date shown with its year; dates in the home page's
    links that are newer than the window make a "no dated item" verdict merely possible."""
    linked = [d for d in (url_date(lk.url) for lk in home_links(a) if lk.tag == "a") if d and d.value <= today]
    fresh_link = max((d.value for d in linked), default=None)
    if latest is None or latest.date is None:
        if fresh_link is not None and (today - fresh_link).days <= window:
            return "possible", f"no date is shown on the home page, but its links carry dates up to {fresh_link}"
        return "likely", "no item on the home page shows a date we could read (dates may be drawn or scripted)"
    d = latest.date
    if d.source != "list_line":
        return "likely", f"the newest date comes from the {d.source.replace('_', ' ')}, not from a list line"
    if d.year_implied:  # read as late as it can be: a stale verdict stands unless another reading is newer
        other = newest_reading(items, today)
        if other is not None and other > d.value:
            return "likely", f"dates shown without a year could also be read as late as {other}"
    return "certain", f"newest date read on a home-page list line: {d.raw}"


CHECK = Check(
    id="homepage-freshness",
    title_zh="首页2周内有信息更新",
    title_en="Home page updated within 2 weeks",
    failure_zh="首页不更新：监测2周内首页无信息更新",
    failure_en="Home page not updated for 2 weeks",
    clause="单项否决 3",
    requires=("home", "columns"),
    run=run,
    defaults={"window_days": 14},
)
