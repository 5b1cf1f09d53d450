"""V4a/V4b 栏目不更新 — columns not updated within the window of their type; every other column judged too.

Rule ``news_policy`` (V4a, ≥ 5 ⇒ veto): news columns (动态/要闻) stale > ``news_days``, and
first-level notice/policy columns (通知公告/政策文件) stale > ``notice_days``/``policy_days``.
Rule ``long_stale`` (V4b, ≥ 10 ⇒ veto): other columns that should be updated — personnel, plans,
interpretations, and notice/policy sub-columns — stale beyond their window.
Rule ``other_stale`` (information, no national window): a column of no known type (``other``) whose
newest item is older than ``other_days`` (default one year) — reported, never scored.
Annual reports, interaction and service columns have no update window and are not judged.

Each finding says how sure it is (``certainty``): a newest date read on a list line is "certain" (a
year-less ``[03-15]`` is read as late as it can be, so a stale verdict on it stands); a year-less list
another reading of which would be newer, a date from the item URL, a one-item column or a column named
only by a link to it (so its type may be wrong) is "likely"; a column where no item shows a date we
could read is "possible". Only certain findings veto (issue 14); the others ask for review.

``column_rows(columns, today, params)`` gives the report one row per column: type, newest date and
where that date came from, the rule and window that applied, and the status.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from checks._site import content_seen, item_evidence, newest, unique_columns
from inspector.check import Check, CheckContext, NotApplicable
from inspector.extract.column_dates import newest_reading
from inspector.model import Certainty, Column, ColumnItem, Finding, SiteArtifacts

TYPE_ZH = {
    "news": "动态要闻",
    "notice": "通知公告",
    "policy": "政策文件",
    "personnel": "人事信息",
    "plan": "规划计划",
    "interpretation": "政策解读",
    "other": "其他",
}
NOT_JUDGED = ("annual_report", "interaction", "service")  # no update window applies
DEFAULTS: dict[str, Any] = {
    "news_days": 14,
    "notice_days": 183,
    "policy_days": 183,
    "personnel_days": 365,
    "plan_days": 365,
    "interpretation_days": 365,
    "other_days": 365,
    "first_level_only": True,
}


def _param(params: Mapping[str, Any], name: str) -> Any:
    return params.get(name, DEFAULTS[name])


def rule_for(column: Column, params: Mapping[str, Any]) -> tuple[str, int] | None:
    """(rule, window in days) that judges the column, or None when no window applies to its type."""
    t = column.type
    if t == "news":
        return "news_policy", int(_param(params, "news_days"))
    if t in ("notice", "policy"):
        window = int(_param(params, f"{t}_days"))
        first_level = column.level <= 1 or not _param(params, "first_level_only")
        return ("news_policy" if first_level else "long_stale"), window
    if t in ("personnel", "plan", "interpretation"):
        return "long_stale", int(_param(params, f"{t}_days"))
    if t == "other":
        return "other_stale", int(_param(params, "other_days"))
    return None


def rule_and_window(column: Column, ctx: CheckContext) -> tuple[str, int] | None:
    return rule_for(column, ctx.params)


def certainty_of(column: Column, latest: ColumnItem | None, today: date) -> tuple[Certainty, str]:
    """How sure a staleness finding on this column is, and why, in plain words.

    A date shown without a year is read as late as it can be (never after ``today``), so it does not
    weaken a staleness verdict unless another reading of the list would make the column newer."""
    if latest is None or latest.date is None:
        return "possible", "none of the column's items shows a date we could read (dates may be drawn or scripted)"
    d = latest.date
    reasons = []
    if d.source != "list_line":
        reasons.append(f"the newest date comes from the {d.source.replace('_', ' ')}, not from a list line")
    other = newest_reading(column.items, today)
    if other is not None and other > d.value:
        reasons.append(f"dates shown without a year could also be read as late as {other}")
    if len(column.items) < 2:
        reasons.append("the column shows a single item")
    if column.name_source == "link" and column.type_source == "dictionary":
        reasons.append("the column is named only by a link to it, so its type may be wrong")
    if reasons:
        return "likely", "; ".join(reasons)
    return "certain", f"newest date read on a list line: {d.raw}" + (
        " (year not shown: read as late as it can be)" if d.year_implied else ""
    )


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    judged = [c for c in unique_columns(a.columns) if content_seen(c) and c.items and rule_for(c, ctx.params)]
    if not judged:
        raise NotApplicable("未采集到需考核更新的栏目", "no column of a type judged for freshness was gathered")
    today = ctx.today
    findings: list[Finding] = []
    for c in judged:
        rule, window = rule_for(c, ctx.params)  # type: ignore[misc]
        latest, _ = newest(c.items, today)
        age = (today - latest.date.value).days if latest and latest.date else None
        if age is not None and age <= window:
            continue
        if rule == "other_stale" and latest is None:
            continue  # an undated list of no known type (links, guides) is not judged as a column
        kind = TYPE_ZH.get(c.type, c.type)
        if latest is None or latest.date is None:
            zh = f"{kind}栏目“{c.name}”的{len(c.items)}条信息均无发布日期，视为未更新"
            en = f"{c.type} column “{c.name}”: none of its {len(c.items)} items is dated (counted as not updated)"
        elif rule == "other_stale":
            zh = f"栏目“{c.name}”最新信息为{latest.date.value}，已{age}天未更新（无国家时限，超过{window}天列为提示）"
            en = f"column “{c.name}” last updated {latest.date.value}, {age} days ago (no national window; over {window})"
        else:
            zh = f"{kind}栏目“{c.name}”最新信息为{latest.date.value}，已{age}天未更新（时限{window}天）"
            en = f"{c.type} column “{c.name}” last updated {latest.date.value}, {age} days ago (window {window} days)"
        certainty, why = certainty_of(c, latest, today)
        findings.append(
            Finding(
                check="column-freshness",
                rule=rule,
                level="info" if rule == "other_stale" else "fail",
                url=c.url,
                column=c.name,
                message_zh=zh,
                message_en=en,
                certainty=certainty,
                certainty_reason=why,
                evidence=[
                    item_evidence(
                        latest,
                        c.url,
                        column_type=c.type,
                        type_source=c.type_source,
                        name_source=c.name_source,
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


def column_rows(columns: list[Column], today: date, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """One row per column for the report: what it is, its newest date and where that date came from.

    Keys: name, url, type, type_source, name_source, level, on_home, items, dated_items, pages_seen,
    newest (ISO date or None), newest_raw, newest_source (list_line | url_path | …), year_implied,
    newest_page (the page the date was read on), newest_title, age_days, rule, window_days, status
    (fresh | stale | no_dates | not_read | not_judged), error.
    """
    params = params or {}
    rows = []
    for c in unique_columns(columns):
        latest, _ = newest(c.items, today)
        d = latest.date if latest else None
        judged = rule_for(c, params)
        age = (today - d.value).days if d else None
        if not content_seen(c):
            status = "not_read"
        elif judged is None:
            status = "not_judged"
        elif d is None:
            status = "no_dates"
        else:
            status = "fresh" if age is not None and age <= judged[1] else "stale"
        rows.append(
            {
                "name": c.name,
                "url": c.url,
                "type": c.type,
                "type_source": c.type_source,
                "name_source": c.name_source,
                "level": c.level,
                "on_home": c.on_home,
                "items": len(c.items),
                "dated_items": len(c.dated_items),
                "pages_seen": c.pages_seen,
                "newest": d.value.isoformat() if d else None,
                "newest_raw": d.raw if d else None,
                "newest_source": d.source if d else None,
                "year_implied": d.year_implied if d else None,
                "newest_page": d.url if d else None,
                "newest_title": latest.title if latest else None,
                "age_days": age,
                "rule": judged[0] if judged else None,
                "window_days": judged[1] if judged else None,
                "status": status,
                "error": c.error,
            }
        )
    return rows


CHECK = Check(
    id="column-freshness",
    title_zh="栏目按时更新",
    title_en="Columns updated within their windows",
    failure_zh="栏目不更新",
    failure_en="Columns not updated",
    clause="单项否决 4（1）（2）",
    requires=("columns",),
    run=run,
    defaults=dict(DEFAULTS),
)
