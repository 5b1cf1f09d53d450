"""Bytes → text for Chinese sites: header charset, BOM, <meta charset>, then detection.

GB2312 and GBK pages are decoded as GB18030 (a superset: pages declared GB2312 routinely contain
GBK-only characters such as 镕 or 堃), Big5 as Big5-HKSCS. A declared charset that does not decode
cleanly is not trusted: mojibake in an artifact would poison every content check downstream.
"""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.IGNORECASE)

# Superset each legacy Chinese charset decodes into.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "x-euc-tw": "big5hkscs",
    "utf8": "utf-8",
    "unicode": "utf-8",
}
# Servers (Tomcat, old IIS) default to Latin-1 in the header while the page itself declares GBK.
_WEAK_HEADER = {"iso8859-1", "ascii", "cp1252"}  # codecs.lookup names


def _canonical(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def header_charset(content_type: str | None) -> str | None:
    m = _HEADER_CHARSET.search(content_type or "")
    return m.group(1) if m else None


def meta_charset(body: bytes) -> str | None:
    m = _META_CHARSET.search(body[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def _try(body: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, encoding name used). Never raises; falls back to GB18030 with replacement characters."""
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", "replace"), "utf-8"
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return body.decode("utf-16", "replace"), "utf-16"
    header = _canonical(header_charset(content_type))
    meta = _canonical(meta_charset(body))
    candidates: list[str] = []
    if header and header not in _WEAK_HEADER:
        candidates.append(header)
    if meta:
        candidates.append(meta)
    # UTF-8 decodes strictly only when it really is UTF-8; then GB18030, the common legacy charset.
    candidates += ["utf-8", "gb18030"]
    for enc in dict.fromkeys(candidates):
        text = _try(body, enc)
        if text is not None:
            return text, enc
    try:  # charset-normalizer for the rest (Big5 undeclared, broken mixes)
        from charset_normalizer import from_bytes

        best = from_bytes(body[:200_000]).best()
        if best is not None and best.encoding:
            return body.decode(best.encoding, "replace"), best.encoding
    except Exception:  # noqa: BLE001, S110 — detection is best effort
        pass
    enc = candidates[0]
    return body.decode(enc, "replace"), enc


# C0 controls other than layout whitespace, DEL, C1 controls and the replacement character: what a
# decoded binary file is full of and a web page never contains.
_BINARY_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def looks_binary(text: str, sample: int = 20_000, threshold: float = 0.05) -> bool:
    """Random bytes served as text/html: more than 5% of the first characters are controls or U+FFFD."""
    head = text[:sample]
    return bool(head) and len(_BINARY_CHARS.findall(head)) > threshold * len(head)
