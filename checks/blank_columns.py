"""V4c 空白栏目 — a column with no items, or only a "暂无信息" placeholder (≥ 5 ⇒ veto).

A column whose page carries an explanatory note (本栏目暂无…；原因…) is "explained" (2015 guidance for
信息公开目录, an inference for 2019): reported as information, not scored. A list page that needs
JavaScript and could not be rendered is not judged.
"""

from __future__ import annotations

from checks._site import content_seen, unique_columns
from inspector.check import Check, CheckContext, NotApplicable
from inspector.model import Certainty, Evidence, Finding, SiteArtifacts


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    seen = [c for c in unique_columns(a.columns) if content_seen(c) and c.error is None]
    if not seen:
        raise NotApplicable("未读取到任何栏目页面", "no column page was read")
    placeholders = tuple(ctx.param("placeholder_words") or ())
    findings: list[Finding] = []
    for c in seen:
        real = [i for i in c.items if not any(w in i.title for w in placeholders) and i.title.strip()]
        if real:
            continue
        evidence = Evidence(
            url=c.url,
            snippet=c.note or c.blank_text or "",
            data={"items": len(c.items), "pages_seen": c.pages_seen, "placeholder": c.blank_text},
        )
        if c.note:
            findings.append(
                Finding(
                    check="blank-columns",
                    rule="explained",
                    level="info",
                    url=c.url,
                    column=c.name,
                    message_zh=f"栏目“{c.name}”无内容，但已说明：{c.note}",
                    message_en=f"column “{c.name}” is empty but carries an explanatory note",
                    evidence=[evidence],
                )
            )
            continue
        shown = f"（显示“{c.blank_text}”）" if c.blank_text else ""
        certainty: Certainty
        if c.blank_text:
            certainty, why = "certain", f"the list page shows the placeholder “{c.blank_text}”"
        else:  # a list a script would build is marked needs_render and not judged here
            certainty, why = "certain", "the list page holds no item, and no script on it builds a list"
        findings.append(
            Finding(
                check="blank-columns",
                rule="blank",
                url=c.url,
                column=c.name,
                certainty=certainty,
                certainty_reason=why,
                message_zh=f"空白栏目：“{c.name}”无任何信息{shown}",
                message_en=f"blank column: “{c.name}” has no items"
                + (f" (shows “{c.blank_text}”)" if c.blank_text else ""),
                evidence=[evidence],
            )
        )
    return findings


CHECK = Check(
    id="blank-columns",
    title_zh="无空白栏目",
    title_en="No blank columns",
    failure_zh="空白栏目",
    failure_en="Blank columns",
    clause="单项否决 4（3）",
    requires=("columns",),
    run=run,
    defaults={"placeholder_words": ["暂无信息", "暂无数据", "暂无内容", "没有相关信息", "暂无记录"]},
)
