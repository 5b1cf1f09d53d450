"""Personal data in published text: resident ID numbers, mobile numbers, bank-card numbers.

Only values that validate are reported — an ID needs its GB 11643 check digit and a plausible
birth date, a card its Luhn digit and a card-issuer prefix — so order numbers and document codes do
not show up. Masked values (1101**********1234, 138****1234) never match because the mask breaks
the digit run. Values leave this module MASKED: neither signals nor reports store a full number.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

_ID = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{5})((?:18|19|20)\d{2})(\d{2})(\d{2})(\d{3})([0-9Xx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9A-Za-z.])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![0-9A-Za-z])")
# Plain 16–19 digit runs, or groups of four (6222 0202 0000 0000 006); no free-form separators,
# which made the pattern backtrack on long digit-heavy pages.
_CARD = re.compile(r"(?<![0-9A-Za-z])(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)(?![0-9A-Za-z])")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# Card issuer prefixes seen on Chinese cards: UnionPay 62, Visa 4, Mastercard 51–55/2, JCB 35.
_CARD_PREFIX = re.compile(r"^(62|4|5[1-5]|2[2-7]|35)")
# A number whose own clause is labelled as a contact line (电话/举报电话/联系电话/热线/传真 …, possibly
# after another number: "举报电话：0791-8888888、13912345678") is the office's published contact.
_CONTACT = re.compile(
    r"电\s*话|手机|热线|传真|联系|举报|投诉|咨询|监督|值班|办公|座机|客服|服务台|tel|phone|fax|mobile",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[。；;！？!?\n]")
CONTACT_WINDOW = 30  # characters before the number searched for a contact label, within its clause


def contact_labelled(text: str, start: int) -> bool:
    """Whether the number at ``start`` sits in a clause labelled as a contact line."""
    before = text[max(0, start - CONTACT_WINDOW) : start]
    cut = [m.end() for m in _CLAUSE_END.finditer(before)]
    return bool(_CONTACT.search(before[cut[-1] :] if cut else before))


def id_checksum_ok(number: str) -> bool:
    """GB 11643-1999 check digit of an 18-character resident ID."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == number[17].upper()


def luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) < 12:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def mask(value: str) -> str:
    """Keep the first 4 and last 4 characters (3 + 4 for mobiles): 1101**********1234, 138****1234."""
    v = re.sub(r"[ -]", "", value)
    if len(v) == 11 and v.startswith("1"):
        return v[:3] + "****" + v[-4:]
    return v[:4] + "*" * (len(v) - 8) + v[-4:]


def _plausible_birth(year: str, month: str, day: str, today: date | None) -> bool:
    try:
        born = date(int(year), int(month), int(day))
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= (today or date.today())


def find_pii(text: str, today: date | None = None, context_chars: int = 12) -> list[dict[str, Any]]:
    """Unmasked personal numbers in ``text``: ``{kind, masked, start, end, context}`` (context masked too)."""
    if not text:
        return []
    out: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int, value: str, **extra: Any) -> None:
        out.append({"kind": kind, "masked": mask(value), "start": start, "end": end, **extra})
        taken.append((start, end))

    for m in _ID.finditer(text):
        value = m.group(0)
        if id_checksum_ok(value) and _plausible_birth(m.group(2), m.group(3), m.group(4), today):
            add("id_number", m.start(), m.end(), value)
    for m in _CARD.finditer(text):
        value = re.sub(r"[ -]", "", m.group(0))
        if any(s <= m.start() < e for s, e in taken) or not 16 <= len(value) <= 19:
            continue
        if _CARD_PREFIX.match(value) and luhn_ok(value) and len(set(value)) > 2:
            add("bank_card", m.start(), m.end(), value)
    for m in _MOBILE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        value = "".join(m.groups())
        if len(set(value[3:])) <= 2:
            continue  # 15000000000: an amount or a placeholder, not a subscriber number
        add("mobile", m.start(), m.end(), value, contact=contact_labelled(text, m.start()))
    out.sort(key=lambda x: x["start"])
    # Contexts are cut from a copy with EVERY value masked, so a neighbour's number never leaks.
    masked_text, shift, new_pos = [], 0, []
    cursor = 0
    for h in out:
        masked_text.append(text[cursor : h["start"]])
        start = h["start"] + shift
        masked_text.append(h["masked"])
        shift += len(h["masked"]) - (h["end"] - h["start"])
        new_pos.append((start, h["end"] + shift))
        cursor = h["end"]
    masked_text.append(text[cursor:])
    safe = "".join(masked_text)
    for h, (s, e) in zip(out, new_pos):
        h["context"] = re.sub(r"\s+", " ", safe[max(0, s - context_chars) : e + context_chars])
    return out


# ----------------------------------------------------------------------------- attachments


def attachment_text(path: str | Path) -> tuple[str, str | None]:
    """Plain text of an attachment and a note when it could not be read (never raises on bad files)."""
    p = Path(path)
    suffix = p.suffix.lower()
    try:
        if suffix == ".xlsx":
            return _xlsx_text(p), None
        if suffix == ".docx":
            return _docx_text(p), None
        if suffix == ".pdf":
            if shutil.which("pdftotext") is None:
                return "", "pdftotext (poppler-utils) not installed: PDF not read"
            res = subprocess.run(
                ["pdftotext", "-q", "-enc", "UTF-8", str(p), "-"], capture_output=True, timeout=60, check=False
            )
            if res.returncode != 0:
                return "", f"pdftotext failed (exit {res.returncode})"
            return res.stdout.decode("utf-8", "replace"), None
        if suffix in (".xls", ".doc"):
            return "", f"{suffix} (legacy binary Office format) not read: convert to {suffix}x to inspect"
        if suffix in (".txt", ".csv"):
            return p.read_text(encoding="utf-8", errors="replace"), None
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, subprocess.TimeoutExpired) as exc:
        return "", f"attachment could not be read: {type(exc).__name__}: {exc}"
    return "", f"unsupported attachment type {suffix or '(none)'}"


def _xlsx_text(p: Path) -> str:
    from openpyxl import load_workbook  # a declared dependency; imported late because it is slow

    wb = load_workbook(p, read_only=True, data_only=True)
    lines = []
    try:
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                cells = [_cell(c) for c in row if c is not None]
                if cells:
                    lines.append("\t".join(cells))
    finally:
        wb.close()
    return "\n".join(lines)


def _cell(c: object) -> str:
    # Excel stores long ID numbers typed as numbers as floats: 1.10101199003071e+17 loses digits, but
    # an int cell keeps them; print ints without ".0".
    if isinstance(c, float) and c.is_integer():
        return str(int(c))
    return str(c)


def _docx_text(p: Path) -> str:
    with zipfile.ZipFile(p) as z:
        xml = z.read("word/document.xml").decode("utf-8", "replace")
    xml = re.sub(r"</w:p>", "\n", xml)
    xml = re.sub(r"<w:tab/>", "\t", xml)
    return re.sub(r"<[^>]+>", "", xml)


def scan_attachment(path: str | Path, today: date | None = None) -> dict[str, Any]:
    """PII in one attachment: ``{path, hits, note}``; xls/doc are skipped with a note."""
    text, note = attachment_text(path)
    return {"path": str(path), "hits": find_pii(text, today), "note": note}
