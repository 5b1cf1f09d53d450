"""Personal numbers: checksums, Luhn, masks, contact lines and attachments."""

from __future__ import annotations

import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest

from inspector.extract.security.pii import (
    attachment_text,
    find_pii,
    id_checksum_ok,
    luhn_ok,
    mask,
    scan_attachment,
)

VALID_ID = "11010519491231002X"  # GB 11643 example number
VALID_CARD = "6222020200000000006"  # 19 digits, UnionPay prefix, Luhn-valid


def test_id_checksum() -> None:
    assert id_checksum_ok(VALID_ID)
    assert id_checksum_ok("110101199003074477")
    assert not id_checksum_ok("110101199003074478")


def test_luhn() -> None:
    assert luhn_ok("4111111111111111") and luhn_ok(VALID_CARD)
    assert not luhn_ok("4111111111111112")


def test_find_valid_values_masked() -> None:
    text = f"申请人张三，身份证号{VALID_ID}，银行卡号{VALID_CARD}，手机 13912345678 已登记。"
    hits = find_pii(text, today=date(2024, 5, 6))
    assert [(h["kind"], h["masked"]) for h in hits] == [
        ("id_number", "1101**********002X"),
        ("bank_card", "6222***********0006"),
        ("mobile", "139****5678"),
    ]
    assert all(VALID_ID not in h["context"] and VALID_CARD not in h["context"] for h in hits)


@pytest.mark.parametrize(
    "text",
    [
        "身份证号1101**********1234",
        "手机138****1234",
        "身份证号110101199003074478",  # bad checksum
        "编号110101199013074475",  # month 13
        "卡号4111111111111112",
        "文号20240506123456789012",
        "电话010-12345678",
        "金额15000000000元",
    ],
)
def test_not_flagged(text: str) -> None:
    assert find_pii(text, today=date(2024, 5, 6)) == []


def test_contact_mobile_is_marked() -> None:
    [hit] = find_pii("联系电话：13912345678")
    assert hit["contact"] is True
    assert mask("13912345678") == "139****5678"


def test_docx_and_xlsx_attachments(tmp_path: Path) -> None:
    docx = tmp_path / "a.docx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr(
            "word/document.xml",
            f"<w:document><w:body><w:p><w:r><w:t>身份证{VALID_ID}</w:t></w:r></w:p></w:body></w:document>",
        )
    assert [h["kind"] for h in scan_attachment(docx)["hits"]] == ["id_number"]
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["姓名", "手机"])
    wb.active.append(["李四", 13912345678])
    xlsx = tmp_path / "b.xlsx"
    wb.save(xlsx)
    assert [h["masked"] for h in scan_attachment(xlsx)["hits"]] == ["139****5678"]


def test_xls_skipped_with_note_and_broken_file(tmp_path: Path) -> None:
    (tmp_path / "a.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    text, note = attachment_text(tmp_path / "a.xls")
    assert text == "" and "not read" in (note or "")
    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    res = scan_attachment(tmp_path / "bad.docx")
    assert res["hits"] == [] and "could not be read" in res["note"]


def test_pdf_attachment(tmp_path: Path) -> None:
    if subprocess.run(["which", "pdftotext"], check=False, capture_output=True).returncode != 0:
        pytest.skip("pdftotext (poppler-utils) not installed")
    import weasyprint  # a dependency of the package (PDF reports)

    pdf = tmp_path / "a.pdf"
    weasyprint.HTML(string=f"<p>ID {VALID_ID}</p>").write_pdf(pdf)
    assert [h["kind"] for h in scan_attachment(pdf)["hits"]] == ["id_number"]
