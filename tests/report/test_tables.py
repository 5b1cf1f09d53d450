"""CSV and XLSX: one row per site / per finding, Chinese readable by Excel, no formula injection."""

from __future__ import annotations

import csv

import pytest
from hostile import hostile_finding
from openpyxl import load_workbook
from report_builders import site_verdict

from inspector.report import write_csv, write_xlsx


def _rows(path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_summary_csv(tmp_path, failing, passing, unreachable):
    path = write_csv([failing, passing, unreachable], tmp_path / "s.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel opens Chinese CSV correctly
    header, *rows = _rows(path)
    assert header[:4] == ["网站名称", "网站", "结论", "得分"]
    assert [r[2] for r in rows] == ["不合格", "合格", "未能检查"]
    assert rows[0][3] == "98.0" and rows[0][4] == "1"
    assert "域名无法解析" in rows[2][10]


def test_findings_csv(tmp_path, failing):
    header, *rows = _rows(write_csv([failing], tmp_path / "f.csv", kind="findings", lang="en"))
    assert len(rows) == len(failing.findings) == 4
    assert header[2] == "severity" and rows[0][1] == "V3" and rows[0][2] == "Veto"
    assert "2024-05-06 (date on the list page)" in rows[0][-1]  # the report's language, not the code
    assert rows[1][4] == "provisional"


def test_unknown_csv_kind(tmp_path, failing):
    with pytest.raises(ValueError, match="summary, findings or rectification"):
        write_csv([failing], tmp_path / "x.csv", kind="everything")


def test_formula_injection_is_neutralised(tmp_path, profile):
    bad = hostile_finding()
    bad.message_zh = bad.message_en = '=HYPERLINK("http://evil.example","点我")'
    v = site_verdict(profile, [bad])
    rows = _rows(write_csv([v], tmp_path / "f.csv", kind="findings"))
    assert rows[1][10].startswith("'=HYPERLINK")
    ws = load_workbook(write_xlsx([v], tmp_path / "x.xlsx"))["问题清单"]
    assert ws.cell(row=2, column=11).value.startswith("'=")
    assert ws.cell(row=2, column=11).data_type == "s"


def test_xlsx_sheets(tmp_path, failing, passing):
    wb = load_workbook(write_xlsx([failing, passing], tmp_path / "r.xlsx"))
    assert wb.sheetnames == ["汇总", "整改清单", "问题清单", "信息提示"]
    summary = wb["汇总"]
    assert summary.max_row == 3 and summary["C2"].value == "不合格" and summary["D2"].value == 98
    findings = wb["问题清单"]  # counted findings only: information rows have their own sheet
    counted = [f for v in (failing, passing) for f in v.findings if f.severity != "info"]
    info = [f for v in (failing, passing) for f in v.findings if f.severity == "info"]
    assert counted and info
    assert findings.max_row == 1 + len(counted) and wb["信息提示"].max_row == 1 + len(info)
    assert findings["B2"].value == "V3"
