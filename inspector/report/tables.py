"""Spreadsheets inspection teams exchange: CSV (one table each) and XLSX (汇总 summary, 整改清单
rectification list, 问题清单 counted findings, 信息提示 information).

Cells that a spreadsheet would run as a formula (text starting with = + - @ …) are prefixed with an
apostrophe: audited sites are untrusted and CSV injection is the spreadsheet's XSS.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Literal

from inspector.model import Finding, Verdict
from inspector.report import rectification
from inspector.report.i18n import pick, text
from inspector.report.wording import evidence_text
from inspector.safetext import strip_controls

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# 整改清单 column widths (序号 narrow; description, evidence and advice wide; the agency's three wide enough to fill in)
RECT_WIDTHS = {1: 6, 2: 18, 3: 18, 4: 10, 5: 10, 6: 20, 7: 40, 8: 30, 9: 40, 10: 50, 11: 12, 12: 12, 13: 24}


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = strip_controls(value)  # site text with control characters: XLSX refuses them (IllegalCharacterError)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def summary_header(lang: str = "zh") -> list[str]:
    keys = (
        "site",
        "verdict",
        "score",
        "vetoes",
        "deductions",
        "stale_columns",
        "blank_columns",
        "broken_links",
        "median_reply_days",
        "not_inspected",
        "as_of",
        "profile",
    )
    names = [text(k, lang) for k in keys]
    return ["site_name" if lang == "en" else "网站名称", *names]


def summary_row(v: Verdict, lang: str = "zh") -> list[Any]:
    return [
        v.name or "",
        v.site,
        text(f"verdict.{v.verdict}", lang),
        v.score,
        len(v.vetoes),
        round(sum(f.points for f in v.deductions), 2),
        v.stats.get("stale_columns"),
        v.stats.get("blank_columns"),
        v.stats.get("broken_links"),
        v.stats.get("median_reply_days"),
        v.not_inspected_reason or "",
        v.as_of,
        v.profile,
    ]


def findings_header(lang: str = "zh") -> list[str]:
    keys = (
        "site",
        "item",
        "severity.veto",
        "points",
        "provisional",
        "clause",
        "check",
        "rule",
        "column",
        "url",
        "evidence",
    )
    names = [text(k, lang) for k in keys]
    names[2] = "severity" if lang == "en" else "类别"
    names.insert(10, "message" if lang == "en" else "问题描述")
    return names


def finding_row(v: Verdict, f: Finding, lang: str = "zh") -> list[Any]:
    return [
        v.site,
        f.item or "",
        text(f"severity.{f.severity}", lang),
        f.points if f.severity in ("deduction", "bonus") else None,
        "" if f.official else text("provisional", lang),
        f.clause,
        f.check,
        f.rule or "",
        f.column or "",
        f.url or "",
        pick(f.message_zh, f.message_en, lang),
        evidence_text(f, lang),
    ]


def write_csv(
    verdicts: list[Verdict],
    path: Path,
    *,
    kind: Literal["summary", "findings", "rectification"] = "summary",
    lang: str = "zh",
) -> Path:
    """One row per site (``summary``), per finding (``findings``) or per item to fix (``rectification``,
    the 整改清单); UTF-8 with BOM so Excel reads Chinese."""
    path = Path(path)
    if kind == "summary":
        rows = [summary_header(lang)] + [summary_row(v, lang) for v in verdicts]
    elif kind == "findings":
        rows = [findings_header(lang)] + [finding_row(v, f, lang) for v in verdicts for f in v.findings]
    elif kind == "rectification":
        rows = rectification.as_table(verdicts, lang)
    else:
        raise ValueError(f"unknown CSV kind {kind!r}: use summary, findings or rectification")
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        for row in rows:
            writer.writerow([_cell(c) for c in row])
    return path


def write_xlsx(verdicts: list[Verdict], path: Path, *, lang: str = "zh") -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    path = Path(path)
    wb = Workbook()
    summary = wb.active
    summary.title = "汇总" if lang == "zh" else "Summary"
    rect = wb.create_sheet("整改清单" if lang == "zh" else "Rectification")
    findings = wb.create_sheet("问题清单" if lang == "zh" else "Findings")
    info = wb.create_sheet("信息提示" if lang == "zh" else "Information")
    counted = [(v, f) for v in verdicts for f in v.findings if rectification.kind_of(f)]
    noted = [(v, f) for v in verdicts for f in v.findings if not rectification.kind_of(f)]
    rect_table = rectification.as_table(verdicts, lang)
    for sheet, header, rows in (
        (summary, summary_header(lang), [summary_row(v, lang) for v in verdicts]),
        (rect, rect_table[0], rect_table[1:]),
        (findings, findings_header(lang), [finding_row(v, f, lang) for v, f in counted]),
        (info, findings_header(lang), [finding_row(v, f, lang) for v, f in noted]),
    ):
        sheet.append(header)
        for row in rows:
            sheet.append([_cell(c) for c in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        widths = RECT_WIDTHS if sheet is rect else {}
        for i, _ in enumerate(header, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = widths.get(i, 18)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(path)
    return path
