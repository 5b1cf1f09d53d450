"""Footer identity marks of a government site (rules §6) and their validators.

网站标识码, ICP备案号, 公网安备 number, the 党政机关 badge (conac.cn), 主办单位, 联系方式, and the national
纠错 entry. Each mark records where it was read (``IdentityMarks.sources``):

- ``footer-text`` / ``page-text``: the visible text (footer blocks first, then the whole page);
- ``jiucuo-script`` / ``jiucuo-link`` / ``jiucuo-image``: the 网站标识码 carried by the national 纠错
  entry (``<script id="_jiucuo_" sitecode=…>``), when the footer does not print it;
- ``link`` / ``script`` / ``document-write``: the badge as a link, a script, or a script written by
  ``document.write(unescape("%3Cspan id='_ideConac'…"))``;
- ``image-link``: a 公安备案 shown only as an image linking to its record (the record number is kept);
- ``rendered:<source>`` / ``iframe:<source>``: read from the rendered home page or the footer's frame
  (see ``merge_identity``), where the raw page lacks the footer.

The meta ``SiteIDCode`` is the CMS's claim and stays apart (``site_code_meta``): ``site_code`` is what
the page shows. Formats beyond "present" are partly unconfirmed (rules §6): the validators accept the
observed formats and say nothing stricter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

from inspector.extract.find_errors import find_errors_entry
from inspector.extract.footer_marks import (
    PROVINCES,
    icp_in,
    normalise,
    psb_digits,
    psb_in,
    site_code_in,
    sponsor_in,
)
from inspector.extract.html import ParsedHTML, absolute
from inspector.extract.scripted import scripted_marks
from inspector.model import IdentityMarks

__all__ = [
    "PROVINCES",
    "extract_identity",
    "footer_text",
    "merge_identity",
    "valid_badge",
    "valid_icp",
    "valid_psb",
    "valid_site_code",
]

_PHONE = re.compile(r"(?<!\d)(?:0\d{2,3}[-\s]?\d{7,8}(?:-\d{1,5})?|1[3-9]\d{9}|12345)(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ADDRESS = re.compile(r"(?:地址|通讯地址|联系地址)\s*:\s*([^\s|｜]{4,60})")
_FOOTER_CSS = "footer, [id*=foot], [class*=foot], [id*=bottom], [class*=bottom], [class*=copyright], [id*=copyright]"
_FOOTER_WORDS = re.compile(r"ICP|版权所有|主办|标识码|公网安备|Copyright|©", re.IGNORECASE)
_FOOTER_NAME = re.compile(r"foot|bottom|dibu|copyright|banquan|(?:^|[/_.-])bq(?:[/_.-]|$)", re.IGNORECASE)
_CONTENT_LINKS = 20
_RECORD_PARAMS = ("recordcode", "RecordID", "recordid", "recordCode")
_FILING_IMAGE = re.compile(r"(?:^|/)(?:beian|gaba|batb|bah|ba|icp)(?:[_-]?\d{0,3})\.(?:gif|png|jpe?g)$", re.IGNORECASE)

_VALID_SITE_CODE = re.compile(r"^(?:\d{10}|[Bb][Mm]\d{8})$")
_VALID_ICP = re.compile(rf"^[{PROVINCES}]ICP备\d{{6,10}}号(?:-\d+)?$")


def valid_site_code(code: str | None) -> bool:
    """10 characters: 10 digits (local sites) or bm + 8 digits (State Council departments)."""
    return bool(code) and bool(_VALID_SITE_CODE.match(code.strip()))  # type: ignore[union-attr]


def valid_icp(icp: str | None) -> bool:
    return bool(icp) and bool(_VALID_ICP.match(re.sub(r"\s", "", icp)))  # type: ignore[arg-type]


def valid_psb(psb: str | None) -> bool:
    """A 14-digit 公安 record number (the national platform's format since 2016; an assumption, rules §6),
    shown with its 公网安备 words or as the record the footer's image links to."""
    return len(psb_digits(psb)) == 14


def valid_badge(url: str | None) -> bool:
    return bool(url) and "conac.cn" in url  # type: ignore[operator]


def footer_text(doc: ParsedHTML) -> str:
    """Text of the footer-like blocks; the page's last 4000 visible characters when none is marked."""
    parts: list[str] = []
    for node in doc.css(_FOOTER_CSS):
        text = node.text(separator="\n")
        if text and text.strip() and text not in parts:
            parts.append(text)
    text = "\n".join(parts)
    if not _FOOTER_WORDS.search(text):  # no block is marked as the footer: the page's end is
        text += "\n" + doc.visible_text[-4000:]
    return normalise(text)


def extract_identity(doc: ParsedHTML) -> IdentityMarks:
    marks = IdentityMarks(site_name=doc.meta.get("SiteName") or None, site_domain=doc.meta.get("SiteDomain") or None)
    page_text = normalise(doc.visible_text)
    foot = footer_text(doc)
    scripted = scripted_marks(doc)

    def put(name: str, value: str | None, source: str | None) -> None:
        if value and source:
            setattr(marks, name, value)
            marks.sources[name] = source

    def in_text(name: str, find: Callable[[str], str | None]) -> None:
        value = find(foot)
        put(name, value, "footer-text")
        if value is None:
            put(name, find(page_text), "page-text")

    in_text("site_code", site_code_in)
    if marks.site_code is None:
        put("site_code", scripted.site_code, scripted.site_code_source)
    marks.site_code_source = marks.sources.get("site_code")
    marks.site_code_meta = (doc.meta.get("SiteIDCode") or "").strip() or None

    in_text("icp", icp_in)
    in_text("psb", psb_in)
    if marks.psb is None:
        put("psb", _psb_record_link(doc), "image-link")
    put("badge", scripted.badge, scripted.badge_source)
    sponsor = sponsor_in(foot, footer=True)
    put("sponsor", sponsor, "footer-text")
    if sponsor is None:
        put("sponsor", sponsor_in(page_text, footer=False), "page-text")
    entry = find_errors_entry(doc, scripted)
    if entry:
        put("find_errors", *entry)
    if marks.icp is None or marks.psb is None:
        marks.filing_image = _filing_image(doc)
    marks.contact = _contact(doc, foot)
    marks.footer = footer_kind(doc, foot, marks)
    return marks


_TEXT_MARKS = ("site_code", "icp", "psb", "badge", "sponsor", "contact", "find_errors")


def merge_identity(raw: IdentityMarks, other: IdentityMarks, origin: str) -> IdentityMarks:
    """``raw`` with the marks it lacks taken from ``other`` (the rendered page or the footer's frame);
    each taken mark's source is prefixed with ``origin`` ("rendered", "iframe")."""
    merged = replace(raw, sources=dict(raw.sources))
    for name in _TEXT_MARKS:
        if getattr(merged, name) is None and getattr(other, name) is not None:
            setattr(merged, name, getattr(other, name))
            merged.sources[name] = f"{origin}:{other.sources.get(name, 'text')}"
    merged.site_code_source = merged.sources.get("site_code")
    if merged.filing_image is None and (merged.icp is None or merged.psb is None):
        merged.filing_image = other.filing_image
    return merged


def footer_kind(doc: ParsedHTML, foot: str, marks: IdentityMarks) -> str:
    """static (the raw page prints its footer), iframe (a frame holds it), script (an empty footer box or a
    script at the end of the page builds it), none (no footer, no sign of one)."""
    shown = any(marks.sources.get(m, "").endswith("-text") for m in ("site_code", "icp", "psb", "sponsor"))
    if shown or _FOOTER_WORDS.search(foot):
        return "static"
    for node in doc.css("iframe[src], frame[src]"):
        if _FOOTER_NAME.search(node.attributes.get("src") or ""):
            return "iframe"
    for node in doc.css(_FOOTER_CSS):
        if not (node.text() or "").strip() and node.tag not in ("span", "img", "a"):
            return "script"
    for node in doc.css("script[src]"):
        if _FOOTER_NAME.search(urlsplit(node.attributes.get("src") or "").path):
            return "script"
    # A page with content but no footer, ending in scripts: one of them may write the footer. A splash
    # or redirect page of a few links has no footer to build.
    if sum(1 for link in doc.links if link.tag == "a") < _CONTENT_LINKS:
        return "none"
    body = doc.tree.body
    tail = (body.html or "")[-3000:] if body is not None else ""
    return "script" if "<script" in tail.lower() else "none"


def _psb_record_link(doc: ParsedHTML) -> str | None:
    """The 公安 record number of a footer image linking to its record page (beian.gov.cn, a province's
    RecView.aspx), when no 公网安备 words are shown."""
    for node in doc.css("a[href]"):
        href = node.attributes.get("href") or ""
        if not re.search(r"recordcode|recordid", href, re.IGNORECASE):
            continue
        query = parse_qs(urlsplit(href).query)
        for key in _RECORD_PARAMS:
            value = (query.get(key) or [""])[0]
            if re.fullmatch(r"\d{6,16}", value):
                return value
    return None


def _filing_image(doc: ParsedHTML) -> str | None:
    for node in doc.css("img[src]"):
        src = node.attributes.get("src") or ""
        if _FILING_IMAGE.search(urlsplit(src).path):
            parent = node.parent
            if parent is not None and parent.tag == "a" and "recordcode" in (parent.attributes.get("href") or ""):
                continue
            return absolute(doc.base_url or doc.url, src)
    return None


def _contact(doc: ParsedHTML, foot: str) -> str | None:
    for pattern in (_PHONE, _EMAIL):
        m = pattern.search(foot)
        if m and not (pattern is _PHONE and _looks_like_filing(foot, m)):
            return m.group(0)
    m = _ADDRESS.search(foot)
    if m:
        return m.group(1)
    for link in doc.links:
        if link.url.startswith("mailto:"):
            return link.url
        if "联系我们" in link.text:
            return f"联系我们 {link.url}"
    return None


def _looks_like_filing(text: str, m: re.Match[str]) -> bool:
    """A digit run inside an ICP/公网安备 number or a 标识码 is not a phone number."""
    before = text[max(0, m.start() - 8) : m.start()]
    return "备" in before or "码" in before or "ICP" in before
