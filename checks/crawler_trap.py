"""Crawler traps the crawler detected and cut (calendars, repeating paths, session ids …).

Not a rule of the national indicators: information for the webmaster, because the same infinite
URL spaces trap search engines and waste the site's own capacity. Reads ``SiteArtifacts.stats["traps"]``.
"""

from __future__ import annotations

from inspector.check import Check, CheckContext, NotApplicable
from inspector.model import Evidence, Finding, SiteArtifacts

KIND_ZH = {
    "calendar": "无限日历",
    "repeating_segments": "路径重复循环",
    "deep_path": "路径层级过深",
    "long_url": "网址过长",
    "session_id": "会话标识（每次访问生成新网址）",
    "redirect_loop": "重定向循环",
    "page_links_cut": "单页链接过多，超出部分未跟踪",
    "page_too_deep": "页面嵌套过深，超出部分已展平",
    "page_links_sampled": "单页新链接过多，仅抽样检查",
}


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    if "traps" not in a.stats:
        raise NotApplicable("未进行全站抓取", "the site was not crawled")
    findings = []
    for trap in a.stats["traps"]:
        kind = trap.get("kind", "")
        examples = trap.get("examples") or []
        findings.append(
            Finding(
                check="crawler-trap",
                rule=kind,
                level="info",
                url=examples[0] if examples else None,
                message_zh=f"发现爬虫陷阱（{KIND_ZH.get(kind, kind)}）：{trap.get('pattern', '')}，已截断{trap.get('cut', 0)}个网址",
                message_en=f"crawler trap ({kind}) at {trap.get('pattern', '')}: {trap.get('cut', 0)} URLs cut",
                evidence=[Evidence(url=u, data={"kind": kind, "pattern": trap.get("pattern")}) for u in examples],
                certainty="likely",
                certainty_reason="由网址模式识别 / recognised from URL patterns",
            )
        )
    return findings


CHECK = Check(
    id="crawler-trap",
    title_zh="未发现爬虫陷阱",
    title_en="No crawler traps found",
    failure_zh="存在爬虫陷阱（无限网址空间）",
    failure_en="Crawler traps (infinite URL spaces) found",
    clause="信息提示（非考核指标）",
    requires=("stats",),
    run=run,
)
