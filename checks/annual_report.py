"""政府网站工作年度报表 — last year's report published by 31 January (国办函〔2018〕12号).

Looked for on the home page (links) and in annual-report columns and crawled pages: a title naming
the previous year and 网站…年度报表. Before 1 February the report is not yet due: not judged.
"""

from __future__ import annotations

import re

from checks._site import home_links, home_url
from inspector.check import Check, CheckContext, NotApplicable
from inspector.model import Evidence, Finding, SiteArtifacts

_REPORT = re.compile(r"网站.{0,10}年度.{0,4}报表|网站工作年报")


def is_report(title: str, year: int) -> bool:
    t = title.replace(" ", "")
    return str(year) in t and bool(_REPORT.search(t))


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    today = ctx.today
    due_month, due_day = ctx.param("due_month"), ctx.param("due_day")
    if (today.month, today.day) <= (int(due_month), int(due_day)):
        raise NotApplicable(
            f"{today.year - 1}年度报表尚未到发布期限（{due_month}月{due_day}日）",
            f"the {today.year - 1} report is not due before {due_month}/{due_day}",
        )
    if a.home is None:
        raise NotApplicable("首页未能获取", "the home page was not fetched")
    year = today.year - 1
    candidates: list[tuple[str, str | None]] = [(link.text, link.url) for link in home_links(a)]
    for c in a.columns:
        candidates += [(i.title, i.url) for i in c.items]
    candidates += [(p.title, p.final_url or p.url) for p in a.pages if p.title]
    if any(is_report(title, year) for title, _ in candidates):
        return []
    url = home_url(a)
    return [
        Finding(
            check="annual-report",
            url=url,
            message_zh=f"未找到{year}年度政府网站工作年度报表",
            message_en=f"no {year} annual website report (政府网站工作年度报表) found",
            evidence=[Evidence(url=url, data={"year": year, "titles_searched": len(candidates)})],
            certainty="likely" if any(c.type == "annual_report" and c.pages_seen for c in a.columns) else "possible",
            certainty_reason="在首页链接、栏目条目和已抓取页面标题中均未找到；未抓取的页面中可能存在 / not among the titles read; pages not crawled may hold it",
        )
    ]


CHECK = Check(
    id="annual-report",
    title_zh="按时发布政府网站工作年度报表",
    title_en="Annual website report published by 31 January",
    failure_zh="未按时发布政府网站工作年度报表（1月31日前）",
    failure_en="Annual website report not published by 31 January",
    clause="国办函〔2018〕12号",
    requires=("home", "columns", "pages"),
    run=run,
    defaults={"due_month": 1, "due_day": 31},
)
