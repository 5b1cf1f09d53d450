"""Spreadsheets inspection teams exchange: CSV (one table) and XLSX (汇总 summary + 问题清单 findings).

Cells that a spreadsheet would run as a formula (text starting with = + - @ …) are prefixed with an
apostrophe: audited sites are untrusted and CSV injection is the spreadsheet's XSS.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Literal

from inspector.model import Finding, Verdict
from inspector.report.i18n import pick, text

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
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


def _evidence_text(f: Finding) -> str:
    parts = []
    for e in f.evidence:
        bits = [e.url or "", e.snippet]
        bits += [f"{d.value.isoformat()} ({d.source})" for d in e.dates]
        parts.append(" | ".join(b for b in bits if b))
    return "\n".join(parts)


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
        _evidence_text(f),
    ]


def write_csv(
    verdicts: list[Verdict], path: Path, *, kind: Literal["summary", "findings"] = "summary", lang: str = "zh"
) -> Path:
    """One row per site (``summary``) or per finding (``findings``); UTF-8 with BOM so Excel reads Chinese."""
    path = Path(path)
    if kind == "summary":
        rows = [summary_header(lang)] + [summary_row(v, lang) for v in verdicts]
    elif kind == "findings":
        rows = [findings_header(lang)] + [finding_row(v, f, lang) for v in verdicts for f in v.findings]
    else:
        raise ValueError(f"unknown CSV kind {kind!r}: use summary or findings")
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
    findings = wb.create_sheet("问题清单" if lang == "zh" else "Findings")
    for sheet, header, rows in (
        (summary, summary_header(lang), [summary_row(v, lang) for v in verdicts]),
        (findings, findings_header(lang), [finding_row(v, f, lang) for v in verdicts for f in v.findings]),
    ):
        sheet.append(header)
        for row in rows:
            sheet.append([_cell(c) for c in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for i, _ in enumerate(header, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = 18
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(path)
    return path
