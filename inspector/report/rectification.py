"""The 整改清单 (rectification list): one row per counted finding, the form an agency works through.

序号, 网站名称, 主办单位, 地区/层级, 问题类型（否决/扣分/待复核）, 指标, 问题描述, 问题网址, 证据,
整改建议, 整改期限, 责任人, 整改情况 — the last three left blank for the agency. Information rows stay
out. The same rows feed the HTML section, the XLSX sheet and ``rectification.csv``.
"""

from __future__ import annotations

from typing import Any

from inspector.model import Finding, Verdict
from inspector.report.i18n import pick, text
from inspector.report.remediation import advice
from inspector.report.wording import evidence_text

COLUMNS = (
    ("no", "序号", "No."),
    ("site", "网站名称", "Website"),
    ("agency", "主办单位", "Sponsor"),
    ("level", "地区/层级", "Region / level"),
    ("kind", "问题类型（否决/扣分/待复核）", "Type (veto / deduction / review)"),
    ("item", "指标", "Indicator"),
    ("message", "问题描述", "Finding"),
    ("url", "问题网址", "URL"),
    ("evidence", "证据", "Evidence"),
    ("advice", "整改建议", "How to fix"),
    ("deadline", "整改期限", "Deadline"),
    ("owner", "责任人", "Responsible"),
    ("status", "整改情况", "Status"),
)
LEVELS = {
    "national": ("国家级", "national"),
    "province": ("省级", "province"),
    "provincial": ("省级", "province"),
    "city": ("市级", "city"),
    "prefecture": ("市级", "city"),
    "county": ("县级", "county"),
    "district": ("区级", "district"),
    "township": ("乡镇级", "township"),
    "department": ("部门", "department"),
}
KINDS = {"veto": ("否决", "veto"), "deduction": ("扣分", "deduction"), "review": ("待复核", "review")}
_ORDER = {"veto": 0, "review": 1, "deduction": 2}


def kind_of(f: Finding) -> str | None:
    """veto | deduction | review for a finding the agency must act on; None for information."""
    if f.severity in ("veto", "deduction"):
        return f.severity
    if f.severity == "review":  # 待人工复核: a veto-strength finding that is not certain (issue 14)
        return "review"
    return None


def header(lang: str) -> list[str]:
    return [zh if lang == "zh" else en for _, zh, en in COLUMNS]


def site_facts(v: Verdict, lang: str) -> dict[str, str]:
    run = v.run or {}
    level = str(run.get("level") or "")
    pair = LEVELS.get(level.lower())
    region = str(run.get("region") or "")
    shown_level = pick(*pair, lang) if pair else level
    return {
        "site": v.name or v.site,
        "agency": str(run.get("agency") or run.get("sponsor") or ""),
        "level": " ".join(x for x in (region, shown_level) if x),
    }


def item_label(v: Verdict, f: Finding, lang: str) -> str:
    titles = {it.item: pick(it.title_zh, it.title_en, lang) for it in v.items}
    title = titles.get(f.item or "", "")
    return " ".join(x for x in (f.item or f.check, title) if x)


def rows(verdicts: list[Verdict], lang: str = "zh") -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for v in verdicts:
        facts = site_facts(v, lang)
        counted = [(kind_of(f), f) for f in v.findings]
        ordered = sorted(((k, f) for k, f in counted if k), key=lambda kf: _ORDER[kf[0]])
        for kind, f in ordered:
            msg = pick(f.message_zh, f.message_en, lang)
            if f.column and f.column not in msg:
                msg += f"（{text('column', lang)}：{f.column}）" if lang == "zh" else f" (column: {f.column})"
            out.append(
                {
                    "no": len(out) + 1,
                    **facts,
                    "kind": pick(*KINDS[kind], lang),
                    "kind_code": kind,
                    "item": item_label(v, f, lang),
                    "message": msg,
                    "url": f.url or "",
                    "evidence": evidence_text(f, lang),
                    "advice": advice(f, lang).as_text(lang),
                    "deadline": "",
                    "owner": "",
                    "status": "",
                    "key": f.key,
                    "site_url": v.site,
                }
            )
    return out


def as_table(verdicts: list[Verdict], lang: str = "zh") -> list[list[Any]]:
    """Header and rows, in the column order of the exchange form."""
    keys = [k for k, _, _ in COLUMNS]
    return [header(lang)] + [[r[k] for k in keys] for r in rows(verdicts, lang)]
