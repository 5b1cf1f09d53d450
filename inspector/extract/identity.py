"""Footer identity marks of a government site (rules §6) and their validators.

网站标识码, ICP备案号, 公网安备 number, the 党政机关 badge (conac.cn), 主办单位 and 联系方式. Formats
beyond "present" are partly unconfirmed (rules §6): the validators accept the observed formats and
say nothing stricter.
"""

from __future__ import annotations

import re

from inspector.extract.dates import normalize_text
from inspector.extract.html import ParsedHTML, clean_text
from inspector.model import IdentityMarks

# Province abbreviations used in ICP filings (工信部备案).
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"

_SITE_CODE = re.compile(r"(?:网站)?标识码\s*[:：]?\s*([A-Za-z]{0,2}\d{4,10})(?![\dA-Za-z])")
_ICP = re.compile(rf"([{PROVINCES}]?ICP备\s*\d{{6,10}}\s*号(?:\s*-\s*\d+)?)")
_PSB = re.compile(rf"([{PROVINCES}][^\s\d]{{0,3}}?公网安备\s*\d{{10,16}}\s*号?)")
_SPONSOR = re.compile(r"(?:主办单位|主办方|主\s*办)\s*[:：]\s*([^\s|｜,，。;；©\u3000]{2,40})")
_PHONE = re.compile(r"(?<!\d)(?:0\d{2,3}[-－\s]?\d{7,8}(?:-\d{1,5})?|1[3-9]\d{9}|12345)(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ADDRESS = re.compile(r"(?:地址|通讯地址|联系地址)\s*[:：]\s*([^\s|｜]{4,60})")
_FOOTER_HINT = re.compile(r"foot|bottom|copyright|banquan|bq", re.IGNORECASE)
_BADGE_HOSTS = ("conac.cn",)

_VALID_SITE_CODE = re.compile(r"^(?:\d{10}|[A-Za-z]{2}\d{8})$")
_VALID_ICP = re.compile(rf"^[{PROVINCES}]ICP备\d{{6,10}}号(?:-\d+)?$")
_VALID_PSB = re.compile(rf"^[{PROVINCES}]公网安备\d{{14}}号$")


def valid_site_code(code: str | None) -> bool:
    """10 characters: 10 digits (local sites) or 2 letters + 8 digits (bm… for State Council departments)."""
    return bool(code) and bool(_VALID_SITE_CODE.match(code.strip()))  # type: ignore[union-attr]


def valid_icp(icp: str | None) -> bool:
    return bool(icp) and bool(_VALID_ICP.match(re.sub(r"\s", "", icp)))  # type: ignore[arg-type]


def valid_psb(psb: str | None) -> bool:
    """``<省>公网安备<14 digits>号`` (the 14-digit format is an assumption, rules §6)."""
    return bool(psb) and bool(_VALID_PSB.match(re.sub(r"\s", "", psb)))  # type: ignore[arg-type]


def valid_badge(url: str | None) -> bool:
    return bool(url) and any(h in url for h in _BADGE_HOSTS)  # type: ignore[operator]


def footer_text(doc: ParsedHTML) -> str:
    """Text of the footer-like blocks; the page's last 4000 visible characters when none is marked."""
    parts: list[str] = []
    for node in doc.css("footer, [id*=foot], [class*=foot], [id*=bottom], [class*=bottom], [class*=copyright]"):
        text = node.text(separator="\n")
        if text and text not in parts:
            parts.append(text)
    text = "\n".join(parts)
    if not text.strip():
        text = doc.visible_text[-4000:]
    return normalize_text(text).replace("\u3000", " ")


def extract_identity(doc: ParsedHTML) -> IdentityMarks:
    marks = IdentityMarks(site_name=doc.meta.get("SiteName") or None, site_domain=doc.meta.get("SiteDomain") or None)
    page_text = normalize_text(doc.visible_text).replace("\u3000", " ")
    foot = footer_text(doc)

    meta_code = (doc.meta.get("SiteIDCode") or "").strip()
    if meta_code:
        marks.site_code, marks.site_code_source = meta_code, "meta"
    else:
        m = _SITE_CODE.search(foot) or _SITE_CODE.search(page_text)
        if m:
            marks.site_code, marks.site_code_source = m.group(1), "footer"

    m = _ICP.search(foot) or _ICP.search(page_text)
    if m:
        marks.icp = re.sub(r"\s", "", m.group(1))
    m = _PSB.search(foot) or _PSB.search(page_text)
    if m:
        marks.psb = clean_text(m.group(1))

    marks.badge = _badge(doc)

    m = _SPONSOR.search(foot) or _SPONSOR.search(page_text)
    if m:
        marks.sponsor = m.group(1)

    marks.contact = _contact(doc, foot)
    return marks


def _badge(doc: ParsedHTML) -> str | None:
    for link in doc.links:
        if any(h in link.url for h in _BADGE_HOSTS):
            return link.url
    # The badge is often injected by a conac script into <span id="_ideConac">.
    for node in doc.css("script[src]"):
        src = node.attributes.get("src") or ""
        if any(h in src for h in _BADGE_HOSTS):
            return src
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
    """A digit run inside an ICP/公网安备 number is not a phone number."""
    before = text[max(0, m.start() - 8) : m.start()]
    return "备" in before or "码" in before
