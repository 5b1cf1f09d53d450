"""V3 首页不更新 — no new information on the home page within 2 weeks.

The newest dated item shown on the home page must be at most ``window_days`` old. Items without a
visible date count as not updated (2015 table note). A navigation-only home page (no item lists) is
judged on its level-2 pages, i.e. the first-level columns' list pages.
"""

from __future__ import annotations

from checks._site import content_seen, home_items, home_url, item_evidence, newest
from inspector.check import Check, CheckContext, NotApplicable
from inspector.model import Finding, SiteArtifacts


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    if a.home is None or not (a.home.ok or a.home.text):
        raise NotApplicable("首页未能获取", "the home page was not fetched")
    window = int(ctx.param("window_days"))
    today = ctx.today
    items = home_items(a, today)
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
