"""Reports: HTML (site and batch), JSON, JUnit XML, CSV/XLSX, PDF, and CI gating — all from Verdicts.

from inspector.report import render_site_html, write_reports, gate
"""

from __future__ import annotations

from inspector.report.gating import GateError, GateResult, gate, parse_fail_on
from inspector.report.html import ReportError, render_batch_html, render_site_html
from inspector.report.json_out import (
    SCHEMA_VERSION,
    ReportFormatError,
    batch_from_json,
    batch_to_json,
    verdict_from_json,
    verdict_to_json,
)
from inspector.report.junit import render_junit
from inspector.report.pdf import PdfUnavailable, write_pdf
from inspector.report.tables import write_csv, write_xlsx
from inspector.report.writer import FORMATS, site_slug, write_reports

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "GateError",
    "GateResult",
    "PdfUnavailable",
    "ReportError",
    "ReportFormatError",
    "batch_from_json",
    "batch_to_json",
    "gate",
    "parse_fail_on",
    "render_batch_html",
    "render_junit",
    "render_site_html",
    "site_slug",
    "verdict_from_json",
    "verdict_to_json",
    "write_csv",
    "write_pdf",
    "write_reports",
    "write_xlsx",
]
