"""搜索功能 — the site search exists and finds a recent known title (扣分指标 功能设计).

The probe (``inspector.gather.search``) finds the box however the site offers it (form, script-submitted
box, frame, hosted widget) and queries it with the newest item title. Findings:

- ``missing``: no search box on the home page (nor in its header/search frames). Certain when nothing
  suggests an unseen box; possible when the header is built by script or frames could not be read;
- ``broken``: the results page failed (HTTP error, fetch error): likely (a one-off outage is possible);
- ``not_found``: the results page does not list the title: likely (the index may lag by hours).

A hosted widget (Baidu 站内搜索) or a box in an unreadable frame cannot be queried without a browser:
not judged.
"""

from __future__ import annotations

from inspector.check import Check, CheckContext, NotApplicable
from inspector.model import Evidence, Finding, SiteArtifacts
from inspector.probe.text import TOKEN_RE

_NOT_QUERYABLE = {
    "search_widget": (
        "站内搜索由第三方脚本提供，无法直接查询",
        "the site search is a hosted widget that cannot be queried",
    ),
    "search_unreadable": ("站内搜索位于无法读取的框架中", "the search box sits in a frame that could not be read"),
}


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    s = a.search
    if s is None:
        raise NotApplicable("未进行站内搜索测试", "the site search was not probed")
    if s.error in _NOT_QUERYABLE:
        zh, en = _NOT_QUERYABLE[s.error]
        raise NotApplicable(zh, f"{en} ({s.note})" if s.note else en)
    evidence = [
        Evidence(
            url=s.results_url or s.form_url,
            snippet=s.query or "",
            data={
                "found": s.found,
                "result_count": s.result_count,
                "error": s.error,
                "kind": s.kind,
                "field": s.field,
                "note": s.note,
            },
        )
    ]
    if s.error == "no_search_form":
        return [
            Finding(
                check="site-search",
                rule="missing",
                url=s.form_url or a.site,
                message_zh="首页未找到站内搜索",
                message_en="no site-search form on the home page",
                evidence=evidence,
                certainty="possible" if s.note else "certain",
                certainty_reason=s.note or "the home page has no search form, script-submitted box or search frame",
            )
        ]
    if s.error:
        return [
            Finding(
                check="site-search",
                rule="broken",
                url=s.results_url,
                message_zh=f"站内搜索不可用（{s.error}）",
                message_en=f"site search failed ({s.error})",
                evidence=evidence,
                certainty="likely",
                certainty_reason="one query failed; an outage of the moment is possible",
            )
        ]
    if s.found:
        return []
    if s.found is None:
        raise NotApplicable("站内搜索结果未能判断", "the search result could not be judged")
    if s.query and TOKEN_RE.search(s.query):  # the title of this tool's own probe message: never the site's fault
        raise NotApplicable(
            "搜索测试用词是本工具的测试留言标题，不据此扣分",
            "the query was this tool's own probe message, not site content",
        )
    return [
        Finding(
            check="site-search",
            rule="not_found",
            url=s.results_url,
            message_zh=f"站内搜索搜不到最新信息“{s.query}”",
            message_en=f"site search does not find the recent title “{s.query}”",
            evidence=evidence,
            certainty="likely",
            certainty_reason="the results page lists no link with the title; a search index may lag",
        )
    ]


CHECK = Check(
    id="site-search",
    title_zh="站内搜索可用且能搜到最新信息",
    title_en="Site search works and finds recent content",
    failure_zh="站内搜索不可用或搜不到最新信息",
    failure_en="Site search missing or does not find recent content",
    clause="扣分指标 功能设计·搜索功能",
    requires=("search",),
    run=run,
)
