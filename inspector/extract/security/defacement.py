"""Defacement and abandonment markers: maintenance pages, "hacked by" banners, the site's own marks.

A page IS a maintenance notice or a defacement banner when the marker sits in its title or the page
has little else on it; an article that merely mentions 网站维护 or "defaced by" is not one.
Language is no evidence: government sites publish English and other editions. Replaced content is
judged by the check against the site's other pages (site name, identity marks, shared navigation);
this module records whether the page carries identity marks (``marks``). ``cjk_share`` stays as a
plain figure for the report.
"""

from __future__ import annotations

import re
from typing import Any

MAINTENANCE = (
    "升级改版中",
    "改版升级中",
    "网站改版中",
    "网站升级中",
    "系统升级中",
    "网站维护中",
    "系统维护中",
    "正在维护",
    "维护升级中",
    "临时关闭",
    "暂停访问",
    "暂停服务",
    "网站已关闭",
    "网站已停止运行",
    "该网站已关停",
    "网站建设中",
    "under maintenance",
    "under construction",
    "site is temporarily unavailable",
)
HACKED = re.compile(
    r"hacked\s+by|defaced\s+by|h[a4]ck[e3]d\s+by|pwned\s+by|your\s+security\s+is\s+(?:low|down)", re.IGNORECASE
)
# Chinese banners are also words a news article may use; they count only on a short page or the title.
HACKED_ZH = ("黑客到此一游", "此站已被黑", "网站已被黑", "被黑客入侵")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LETTER = re.compile(r"[A-Za-z\u0400-\u04ff\u0600-\u06ff\u0e00-\u0e7f\uac00-\ud7af\u3040-\u30ff]")
SHORT_PAGE = 600  # characters of visible text: below this a maintenance marker is the page's message
# The footer marks every government page carries (rules §6): filing numbers and the site code.
MARKS = re.compile(r"ICP备|ICP证|公网安备|网站标识码|网站识别码|政府网站标识码")


def defacement_signals(title: str, visible_text: str) -> dict[str, Any]:
    """``{maintenance: [...], hacked: [...], cjk_share, letters, marks}`` for one page."""
    text = visible_text or ""
    short = len(text) < SHORT_PAGE
    maintenance = sorted(
        {m for m in MAINTENANCE if m.lower() in (title or "").lower() or (short and m.lower() in text.lower())}
    )
    hacked = {m.group(0) for m in HACKED.finditer((title or "") + "\n" + (text[:20_000] if short else ""))}
    hacked |= {m for m in HACKED_ZH if m in (title or "") or (short and m in text)}
    sample = text[:20_000]
    cjk = len(_CJK.findall(sample))
    letters = len(_LETTER.findall(sample))
    share = cjk / (cjk + letters) if cjk + letters else None
    return {
        "maintenance": maintenance,
        "hacked": sorted(hacked),
        "cjk_share": share,
        "letters": cjk + letters,
        "marks": bool(MARKS.search(text[-5000:] + text[:3000])),
    }
