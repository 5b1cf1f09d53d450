"""The text forms of the footer identity marks: 网站标识码, ICP备案, 公安备案, 主办单位.

Every pattern needs the mark's own keyword next to its number, so a phone number, a badge id
(``CA…``) or a search vendor's ``siteCode`` is never read as a mark. Values are reported the way the
page shows them, normalised: full-width characters → ASCII, whitespace and the label's colon dropped
(``京公网安备 11010102000001号`` → ``京公网安备11010102000001号``; ``京ICP备14005922号－1`` →
``京ICP备14005922号-1``). A malformed mark is still reported as shown (``京ICP14006156``,
``京ICP备09079694``) so the check can say what is wrong with it.
"""

from __future__ import annotations

import re

# Province abbreviations of filing numbers, both forms where a province has two (川/蜀, 贵/黔, 云/滇,
# 甘/陇, 陕/秦): 工信部 ICP filings use the first, 公安 filings and older footers either.
PROVINCES = "京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀贵黔云滇藏陕秦甘陇青宁新"

_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xA0: 0x20, 0x2014: 0x2D, 0x2013: 0x2D}


def normalise(text: str) -> str:
    """Full-width ASCII → ASCII; ideographic and non-breaking spaces → spaces; dashes → ``-``."""
    return text.translate(_FULLWIDTH)


# 网站标识码 / 政府网站标识码: 10 characters (10 digits, or bm + 8 digits); shorter or longer codes are
# captured too, to be reported as malformed. Only the bm prefix is a site code's: CA… is a badge id.
_SITE_CODE = re.compile(r"(?:网站)?标识码\s*[:]?\s*((?:bm|BM)?\d{4,12})(?![\dA-Za-z-])")

# ICP备案: <省>ICP备<digits>号[-n]; the 备 or 号 may be missing on a careless footer (then malformed).
# ICP证 is a commercial operating licence: still an ICP mark (never a 标识码), taken when no 备 exists.
_ICP = re.compile(rf"([{PROVINCES}]?)\s*ICP\s*(备案?|证)?\s*[:]?\s*(\d{{5,10}})\s*(号)?(?:\s*-\s*(\d{{1,3}}))?")

# 公安备案: <省>公网安备<digits>号, or the short <省>公备<digits>, or a label (公安机关备案号：<digits>).
_PSB = re.compile(
    rf"([{PROVINCES}]?)\s*(公网安备案?|公安网备案?|公备)(号|编号)?\s*[:]?\s*(\d{{6,16}})\s*(号)?"
    r"|(公安机关备案号|公安备案号|公安网备案号|公安局备案号)\s*[:]?\s*(\d{6,16})\s*(号)?"
)

# 主办单位: labelled (主办单位：X, 主办：X, 主办方：X, 主 办：X) anywhere; unlabelled ("X主办") on a
# footer line only (with 版权/承办/技术支持/ICP beside it), where a news title cannot be.
_SPONSOR_LABEL = re.compile(r"(?:主办单位|主办方|主\s?办)\s*[:]\s*([^\s|,，。;；©()（）<>]{2,40})")
_SPONSOR_SUFFIX = re.compile(r"(?:^|[\s|])(?:本网站?由|由)?([\u4e00-\u9fa5]{4,30}?)主办(?=[\s,，、|]|$)")
_FOOTER_LINE = re.compile(r"版权|承办|技术支持|ICP|网站标识码|Copyright", re.IGNORECASE)
_SPONSOR_STOP = re.compile(r"(承办|协办|版权所有|技术支持|运行维护|地址|电话|联系|备案|ICP|网站标识码).*$")


def site_code_in(text: str) -> str | None:
    m = _SITE_CODE.search(text)
    return m.group(1) if m else None


def icp_in(text: str) -> str | None:
    """The ICP filing shown in ``text`` (a 备 filing before a 证 licence)."""
    best: str | None = None
    for m in _ICP.finditer(text):
        province, kind, number, hao, suffix = m.groups()
        value = f"{province}ICP{kind or ''}{number}{hao or ''}" + (f"-{suffix}" if suffix else "")
        if kind and kind.startswith("备"):
            return value
        best = best or value
    return best


def psb_in(text: str) -> str | None:
    m = _PSB.search(text)
    if not m:
        return None
    if m.group(2):
        province, word, label, number, hao = m.group(1, 2, 3, 4, 5)
        return f"{province}{word}{label or ''}{number}{hao or ''}"
    return f"{m.group(6)}{m.group(7)}{m.group(8) or ''}"


def psb_digits(psb: str | None) -> str:
    return "".join(re.findall(r"\d", psb or ""))


def sponsor_in(text: str, footer: bool) -> str | None:
    m = _SPONSOR_LABEL.search(text)
    if m:
        value = _SPONSOR_STOP.sub("", m.group(1))
        if len(value) >= 2:
            return value
    if not footer:
        return None
    for line in text.splitlines():
        if not _FOOTER_LINE.search(line):
            continue
        m = _SPONSOR_SUFFIX.search(line)
        if m and not m.group(1).endswith(("承", "协", "开")):
            return m.group(1)
    return None
