"""The home page's entry to the State Council's 我为政府网站找错 platform (功能设计).

Recognised, in this order:

- the national 纠错 script (``<script id="_jiucuo_" sitecode=… src=…/exposure/jiucuo.js>``, from
  pucha.kaipuyun.cn, zfwzgl.www.gov.cn or a local copy), also when ``document.write`` writes it, and its
  rendered form (``<img onclick="Link('…')" …jiucuo.png>``);
- a link to the platform: ``…/exposure/jiucuo.html?site_code=…``, ``…/errorInfo/jcInfo/…``,
  ``www.gov.cn/c125533/…``, ``www.gov.cn/zhuanti/zfwzjc/…``, ``www.gov.cn/fuwu/zfwzjc/…``;
- a link whose text (or image alt) says 我为政府网站找错 / 政府网站找错.

A site's own 纠错 page (``我要纠错`` to /n_wyjc.html, ``页面纠错`` to errorReport.jsp) is not the
national entry.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from inspector.extract.html import ParsedHTML, absolute
from inspector.extract.scripted import Scripted, hidden, scripted_marks
from inspector.model import Link

ENTRY_TEXT = ("我为政府网站找错", "政府网站找错")
_PLATFORM_URL = re.compile(
    r"/exposure/jiucuo|/errorInfo/jcInfo|pucha\.kaipuyun\.cn|zfwzgl\.www\.gov\.cn"
    r"|^(?:www\.)?gov\.cn/(?:c125533/|zhuanti/zfwzjc|fuwu/zfwzjc|zfwzjc)",
    re.IGNORECASE,
)


def is_entry(url: str, text: str) -> bool:
    """Whether one link is the national 找错 entry."""
    if any(t in text.replace(" ", "") for t in ENTRY_TEXT):
        return True
    parts = urlsplit(url)
    return bool(_PLATFORM_URL.search(parts.netloc + parts.path))


def entry_in_links(links: list[Link]) -> tuple[str, str] | None:
    """(url, how) of the first entry among crawled links (script src, links and image alts)."""
    for link in links:
        path = urlsplit(link.url).path.lower()
        if link.tag == "script" and path.endswith("jiucuo.js"):
            return link.url, "jiucuo-script"
        if link.tag in ("a", "img") and is_entry(link.url, link.text):
            return link.url, "link" if link.tag == "a" else "image"
    return None


def find_errors_entry(doc: ParsedHTML, scripted: Scripted | None = None) -> tuple[str, str] | None:
    """(url, how) of the page's 找错 entry; how = jiucuo-script | jiucuo-link | jiucuo-image |
    document-write | link."""
    scripted = scripted or scripted_marks(doc)
    if scripted.jiucuo and scripted.jiucuo_source:
        return scripted.jiucuo, scripted.jiucuo_source
    for node in doc.css("a[href], area[href]"):
        if hidden(node):
            continue
        alt = " ".join(
            (img.attributes.get("alt") or "") + (img.attributes.get("title") or "") for img in node.css("img")
        )
        url = absolute(doc.base_url or doc.url, node.attributes.get("href")) or ""
        if url and is_entry(url, (node.text() or "") + alt + (node.attributes.get("title") or "")):
            return url, "link"
    return None
