"""V6 服务不实用 — no 办事服务 at all (veto), and service guides missing key elements (deduction).

(1) CONFIRMED: a site with no service offering is vetoed. A service entry that leads to a page
    with no service item (only "暂无办事服务事项") offers nothing either.
(2) PARTIAL: 办事指南 should carry the key elements (事项名称, 设定依据, 申请条件, 办理材料, 办理地点,
    办理时间, 联系电话, 办理流程 — UCAP's list); the official counts are not confirmed, so guides
    missing ``min_missing`` or more elements are a provisional deduction (rule ``guide_elements``).
"""

from __future__ import annotations

import re

from checks._site import home_links, home_url
from inspector.check import Check, CheckContext, NotApplicable
from inspector.model import Evidence, Finding, Page, SiteArtifacts

_SERVICE = re.compile(r"办事服务|政务服务|网上办事|办事大厅|一网通办|便民服务|在线办事|办事指南|网上办|我要办|办件")
_EMPTY = re.compile(r"暂无(?:办事|服务|相关)?(?:服务)?(?:事项|信息|内容|数据)")
_GUIDE_TITLE = re.compile(r"办事指南|服务指南|办理指南")
ELEMENTS = ("事项名称", "设定依据", "申请条件", "办理材料", "办理地点", "办理时间", "联系电话", "办理流程")
_ALIASES = {
    "办理材料": ("申请材料", "办理材料", "所需材料"),
    "设定依据": ("设定依据", "法律依据", "办理依据"),
    "申请条件": ("申请条件", "受理条件", "办理条件"),
    "联系电话": ("联系电话", "咨询电话", "咨询方式"),
}


def _page(a: SiteArtifacts, url: str) -> Page | None:
    for p in a.pages:
        if url in (p.url, p.final_url):
            return p
    return None


def _offers_nothing(page: Page) -> bool:
    """A service page that says there is nothing and links to no guide or item."""
    text = page.visible_text or ""
    guide_links = [lk for lk in page.links if lk.tag == "a" and (_GUIDE_TITLE.search(lk.text) or "指南" in lk.text)]
    return bool(_EMPTY.search(text)) and not guide_links


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    if a.home is None or not (a.home.links or a.home.text or a.columns):
        raise NotApplicable("首页未能获取", "the home page was not fetched")
    columns = [c for c in a.columns if c.type == "service"]
    # An entry is a short label (办事服务, 网上办事大厅), not a news title that mentions 政务服务.
    links = [link for link in home_links(a) if _SERVICE.search(link.text) and len(link.text.strip()) <= 10]
    url = home_url(a)
    if not columns and not links:
        few = len(home_links(a)) < int(ctx.param("min_home_links", 20))
        return [
            Finding(
                check="service-offering",
                rule="no_service",
                url=url,
                message_zh="未找到办事服务栏目或入口",
                message_en="no online-service (办事服务) column or entry found",
                evidence=[Evidence(url=url, data={"columns": len(a.columns), "home_links": len(home_links(a))})],
                certainty="possible" if few else "certain",
                certainty_reason=(
                    "首页链接很少（导航可能由脚本生成），无法确定没有办事服务 / few home links (a script-built menu?): cannot be sure"
                    if few
                    else "首页及栏目中均无办事服务入口 / neither the home page nor the column map has a service entry"
                ),
            )
        ]
    entries = [p for p in (_page(a, lk.url) for lk in links) if p is not None and p.ok]
    if entries and all(_offers_nothing(p) for p in entries) and not any(c.items for c in columns):
        first = entries[0]
        return [
            Finding(
                check="service-offering",
                rule="no_service",
                url=first.final_url or first.url,
                message_zh="办事服务入口页面没有任何办事事项",
                message_en="the service entry lists no service at all",
                certainty="certain",
                certainty_reason="办事服务入口页面已打开，显示无任何办事事项 / the service page was fetched and lists nothing",
                evidence=[
                    Evidence(url=p.final_url or p.url, snippet=(_EMPTY.search(p.visible_text or "") or [""])[0])
                    for p in entries[:3]
                ],
            )
        ]
    return _guides(a, int(ctx.param("min_missing")))


def _guides(a: SiteArtifacts, min_missing: int) -> list[Finding]:
    findings = []
    for p in a.pages:
        if not p.ok or not _GUIDE_TITLE.search(p.title or "") or not p.visible_text:
            continue
        text = p.visible_text
        missing = [e for e in ELEMENTS if not any(alias in text for alias in _ALIASES.get(e, (e,)))]
        if len(missing) >= min_missing:
            findings.append(
                Finding(
                    check="service-offering",
                    rule="guide_elements",
                    url=p.final_url or p.url,
                    message_zh=f"办事指南《{p.title}》缺少{len(missing)}类要素：{'、'.join(missing)}",
                    message_en=f"service guide '{p.title}' lacks {len(missing)} key elements: {', '.join(missing)}",
                    evidence=[Evidence(url=p.final_url or p.url, snippet=p.title, data={"missing": missing})],
                    certainty="likely",
                    certainty_reason="按要素名称在指南页文字中查找，别称可能未覆盖 / element names searched in the guide text",
                )
            )
    return findings


CHECK = Check(
    id="service-offering",
    title_zh="提供办事服务，办事指南要素齐全",
    title_en="Online services offered, service guides complete",
    failure_zh="服务不实用：无办事服务或办事指南要素缺失",
    failure_en="Services not practical: no online services, or guides missing key elements",
    clause="单项否决 6",
    requires=("home", "columns", "pages"),
    run=run,
    defaults={"min_missing": 4, "min_home_links": 20},
)
