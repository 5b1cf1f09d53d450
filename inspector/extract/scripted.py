"""Marks a page shows through script: the 党政机关 badge and the national 纠错 (找错) script.

Both are usually written at load time, so the static HTML holds only the code that writes them:

- the badge: ``document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript
  src='http://dcs.conac.cn/js/…/CA….js'…"))``, a plain ``<script src=…conac.cn…>``, or (once rendered)
  ``<span id="_ideConac"><a href="…bszs.conac.cn/sitename?…"><img …red.png>``;
- the 纠错 entry: ``<script id="_jiucuo_" sitecode='1100000065' src='…/exposure/jiucuo.js'>`` (from
  pucha.kaipuyun.cn, zfwzgl.www.gov.cn or a local copy), its link forms (``…/exposure/jiucuo.html?
  site_code=…``, ``…/errorInfo/jcInfo/…``) and, rendered, ``<img onclick="Link('bm55000001')" …jiucuo.png>``.

The 纠错 script's ``sitecode`` is the site's 网站标识码 as issued by the national platform; the
badge's ``CA…`` file name is the badge's id, never a 网站标识码.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from inspector.extract.html import ParsedHTML, absolute

_WRITE = re.compile(
    r"document\.write(?:ln)?\s*\(\s*(?:unescape\s*\(\s*)?(?P<q>['\"])(?P<s>(?:\\.|(?!(?P=q)).)*)(?P=q)", re.S
)
_BADGE = re.compile(r"//(?:bszs|dcs)\.conac\.cn/", re.I)  # the badge service (www.conac.cn is 中央编办's site)
_JIUCUO_SRC = re.compile(r"(?:^|/)jiucuo\.js(?:\?|$)", re.I)
_JIUCUO_LINK = re.compile(r"/exposure/jiucuo|/errorInfo/jcInfo|pucha\.kaipuyun\.cn|zfwzgl\.www\.gov\.cn", re.I)
_CODE = re.compile(r"^(?:bm|BM)?\d{4,12}$")
_ONCLICK_CODE = re.compile(r"Link\(\s*['\"]((?:bm|BM)?\d{4,12})['\"]\s*\)")


@dataclass
class Scripted:
    """What the page's scripts show: badge, 纠错 entry and the site code the 纠错 script carries."""

    badge: str | None = None
    badge_source: str | None = None  # "link" | "script" | "image" | "document-write"
    jiucuo: str | None = None  # the 纠错 entry: script src or link URL
    jiucuo_source: str | None = None  # "jiucuo-script" | "jiucuo-link" | "jiucuo-image" | "document-write"
    site_code: str | None = None  # the sitecode the 纠错 entry carries
    site_code_source: str | None = None  # the same vocabulary as jiucuo_source


def written_html(doc: ParsedHTML) -> list[str]:
    """HTML fragments inline scripts write with ``document.write`` (``unescape`` decoded)."""
    out: list[str] = []
    for node in doc.css("script:not([src])"):
        code = node.text() or ""
        if "document.write" not in code:
            continue
        for m in _WRITE.finditer(code[:200_000]):
            text = m.group("s")
            if "%3C" in text or "%3c" in text:
                text = unquote(text)
            text = text.replace("\\'", "'").replace('\\"', '"').replace("\\/", "/")
            if "<" in text:
                out.append(text)
    return out


def scripted_marks(doc: ParsedHTML) -> Scripted:
    found = Scripted()
    _from_nodes(found, doc.css("script[src], a[href], img[src], area[href]"), doc.base_url or doc.url, static=True)
    for fragment in written_html(doc):  # one parse each: a fragment often ends inside a tag
        tree = LexborHTMLParser(fragment)
        _from_nodes(
            found, tree.css("script[src], a[href], img[src], area[href]"), doc.base_url or doc.url, static=False
        )
    return found


def _from_nodes(found: Scripted, nodes: list[LexborNode], base: str, *, static: bool) -> None:
    for node in nodes:
        attrs = node.attributes
        url = absolute(base, attrs.get("src") if node.tag in ("script", "img") else attrs.get("href")) or ""
        if not url or (node.tag != "script" and hidden(node)):
            continue
        if found.badge is None and _BADGE.search(url):
            if node.tag == "script":
                found.badge, found.badge_source = url, "script" if static else "document-write"
            elif node.tag in ("a", "area") or _in_link(node):
                found.badge, found.badge_source = url, "link" if static else "document-write"
            elif node.tag == "img":  # the badge image shown without its link
                found.badge, found.badge_source = url, "image" if static else "document-write"
        if node.tag == "script" and (_JIUCUO_SRC.search(urlsplit(url).path) or attrs.get("id") == "_jiucuo_"):
            _jiucuo(found, url, "jiucuo-script" if static else "document-write", attrs.get("sitecode"))
        elif node.tag in ("a", "area") and _JIUCUO_LINK.search(url):
            query = parse_qs(urlsplit(url).query)
            codes = query.get("site_code") or query.get("sitecode") or query.get("siteCode") or []
            _jiucuo(found, url, "jiucuo-link", codes[0] if codes else None)
        elif node.tag == "img" and "jiucuo" in url.lower():
            onclick = _ONCLICK_CODE.search(attrs.get("onclick") or "")
            if onclick:
                _jiucuo(found, url, "jiucuo-image", onclick.group(1))


def _jiucuo(found: Scripted, url: str, source: str, code: str | None) -> None:
    if found.jiucuo is None:
        found.jiucuo, found.jiucuo_source = url, source
    code = (code or "").strip()
    if found.site_code is None and _CODE.match(code):
        found.site_code, found.site_code_source = code, source


_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def hidden(node: LexborNode, levels: int = 4) -> bool:
    """Whether an inline style (or the hidden attribute) hides the node or one of its near ancestors."""
    current: LexborNode | None = node
    for _ in range(levels + 1):
        if current is None or current.tag in ("body", "html"):
            return False
        if "hidden" in current.attributes or _HIDDEN.search(current.attributes.get("style") or ""):
            return True
        current = current.parent
    return False


def _in_link(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        if parent.tag == "a":
            return True
        parent = parent.parent
    return False
