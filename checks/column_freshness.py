"""V4a/V4b 栏目不更新 — columns not updated within the window of their type.

Rule ``news_policy`` (V4a, ≥ 5 ⇒ veto): news columns (动态/要闻) stale > ``news_days``, and
first-level notice/policy columns (通知公告/政策文件) stale > ``notice_days``/``policy_days``.
Rule ``long_stale`` (V4b, ≥ 10 ⇒ veto): other columns that should be updated — personnel, plans,
interpretations, and notice/policy sub-columns — stale beyond their window. Annual reports,
interaction, service and unclassified columns are not judged for freshness. One finding per column.
"""

from __future__ import annotations

from checks._site import content_seen, item_evidence, newest, unique_columns
from inspector.check import Check, CheckContext, NotApplicable
from inspector.model import Column, Finding, SiteArtifacts

TYPE_ZH = {
    "news": "动态要闻",
    "notice": "通知公告",
    "policy": "政策文件",
    "personnel": "人事信息",
    "plan": "规划计划",
    "interpretation": "政策解读",
}


def rule_and_window(column: Column, ctx: CheckContext) -> tuple[str, int] | None:
    t = column.type
    if t == "news":
        return "news_policy", int(ctx.param("news_days"))
    if t in ("notice", "policy"):
        window = int(ctx.param(f"{t}_days"))
        first_level = column.level <= 1 or not ctx.param("first_level_only")
        return ("news_policy" if first_level else "long_stale"), window
    if t in ("personnel", "plan", "interpretation"):
        return "long_stale", int(ctx.param(f"{t}_days"))
    return None


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    judged = [c for c in unique_columns(a.columns) if content_seen(c) and c.items and rule_and_window(c, ctx)]
    if not judged:
        raise NotApplicable("未采集到需考核更新的栏目", "no column of a type judged for freshness was gathered")
    today = ctx.today
    findings: list[Finding] = []
    for c in judged:
        rule, window = rule_and_window(c, ctx)  # type: ignore[misc]
        latest, _ = newest(c.items, today)
        age = (today - latest.date.value).days if latest else None  # type: ignore[union-attr]
        if age is not None and age <= window:
            continue
        kind = TYPE_ZH.get(c.type, c.type)
        if latest is None:
            zh = f"{kind}栏目“{c.name}”的{len(c.items)}条信息均无发布日期，视为未更新"
            en = f"{c.type} column “{c.name}”: none of its {len(c.items)} items is dated (counted as not updated)"
        else:
            zh = f"{kind}栏目“{c.name}”最新信息为{latest.date.value}，已{age}天未更新（时限{window}天）"  # type: ignore[union-attr]
            en = f"{c.type} column “{c.name}” last updated {latest.date.value}, {age} days ago (window {window} days)"  # type: ignore[union-attr]
        findings.append(
            Finding(
                check="column-freshness",
                rule=rule,
                url=c.url,
                column=c.name,
                message_zh=zh,
                message_en=en,
                evidence=[
                    item_evidence(
                        latest,
                        c.url,
                        column_type=c.type,
                        type_source=c.type_source,
                        level=c.level,
                        age_days=age,
                        window_days=window,
                        items=len(c.items),
                        pages_seen=c.pages_seen,
                    )
                ],
            )
        )
    return findings


CHECK = Check(
    id="column-freshness",
    title_zh="栏目按时更新",
    title_en="Columns updated within their windows",
    failure_zh="栏目不更新",
    failure_en="Columns not updated",
    clause="单项否决 4（1）（2）",
    requires=("columns",),
    run=run,
    defaults={
        "news_days": 14,
        "notice_days": 183,
        "policy_days": 183,
        "personnel_days": 365,
        "plan_days": 365,
        "interpretation_days": 365,
        "first_level_only": True,
    },
)
