"""政策解读 — policy documents should link to their interpretation (解读) (扣分指标 发布解读).

A crawled page is a policy document when it belongs to a policy column (its URL is an item of a
column typed ``policy``, or its ColumnName meta classifies as policy). It passes when it links to a
解读 page, or an interpretation column lists an item naming its title.
"""

from __future__ import annotations

import re

from inspector.check import Check, CheckContext, NotApplicable
from inspector.extract.columns import classify_column
from inspector.model import Evidence, Finding, Page, SiteArtifacts

_CORE = re.compile(r"^(关于)?|(的)?(通知|意见|办法|决定|规定|方案)$")


def policy_pages(a: SiteArtifacts) -> list[Page]:
    policy_urls = {i.url for c in a.columns if c.type == "policy" for i in c.items if i.url}
    list_urls = {c.url for c in a.columns if c.url}
    out = []
    for p in a.pages:
        # A document, not the column's list page: it is an item, or an article with a publication date.
        if not p.ok or p.url in list_urls or p.final_url in list_urls:
            continue
        if (p.title or "").strip() == p.meta.get("ColumnName", "").strip():  # the column's own page
            continue
        column_name = p.meta.get("ColumnName", "")
        if (
            p.url in policy_urls
            or (p.final_url and p.final_url in policy_urls)
            or (column_name and classify_column(column_name) == "policy")
        ):
            out.append(p)
    return out


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    pages = policy_pages(a)
    if not pages:
        raise NotApplicable("未采集到政策文件页面", "no policy-document page was crawled")
    interpretations = [i.title for c in a.columns if c.type == "interpretation" for i in c.items]
    findings = []
    # Navigation to the 政策解读 column is on every page; only a link to an interpretation counts.
    column_urls = {c.url for c in a.columns if c.url}
    column_names = {c.name for c in a.columns}
    for p in pages:
        if any(
            "解读" in link.text
            and link.text.strip() not in column_names
            and link.url not in column_urls
            and not link.url.rstrip("/").endswith(("/index.html", "/index.htm"))
            for link in p.links
        ):
            continue
        core = _CORE.sub("", (p.title or "").split("_")[0].strip())
        # The whole title: documents of one government share long prefixes ("…人民政府关于进一步加强…").
        if len(core) >= 6 and any(core in t for t in interpretations):
            continue
        findings.append(
            Finding(
                check="policy-interpretation",
                url=p.final_url or p.url,
                column=p.meta.get("ColumnName"),
                message_zh=f"政策文件“{p.title}”未关联解读",
                message_en=f"policy document “{p.title}” links no interpretation",
                evidence=[
                    Evidence(
                        url=p.final_url or p.url,
                        snippet=p.title,
                        dates=[p.published] if p.published else [],
                        data={"links": len(p.links)},
                    )
                ],
                certainty="likely",
                certainty_reason="页面无解读链接，解读栏目中也未找到同名条目 / no 解读 link, no interpretation item with its title",
            )
        )
    return findings


CHECK = Check(
    id="policy-interpretation",
    title_zh="政策文件均关联解读",
    title_en="Policy documents link their interpretation",
    failure_zh="政策文件未关联解读",
    failure_en="Policy documents without an interpretation",
    clause="扣分指标 发布解读·政策解读",
    requires=("pages", "columns"),
    run=run,
)
