"""The next page of a column list, from the list's own pager and nowhere else.

A pager is an element after the list that pages it: classed or id'd as one (``page``, ``pager``,
``pagination``, ``fenye``, ``pagebar`` …) or holding at least two pager words (首页 上一页 下一页 下页
尾页 末页 共N页 第N页). The next page is, inside that pager, the link named 下一页/下页/后页/next/›/»,
else the page-number link after the current page. TRS CMSs write the pager with a script,
``createPageHTML(total, current, "index", "html")`` (numbers or variables), which gives ``index_N.html``.

A next page must stay in the list's own place: the same directory as the list page (``index_1.html``,
``4337d733-2.html``) or the same path with another query (``?page=2``). A link to another column —
the navigation's next entry, a side menu, a 下一栏目 switcher right after the list — is never a next
page, so a list without a pager is one page.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborNode

from inspector.extract.html import ParsedHTML, absolute, clean_text

_PAGER_ATTR = re.compile(
    r"(^|[\s_-])(page|pages|pager|paging|pagination|pagenav|pagebar|pagelist|fenye|fy|pg|turnpage|pagination-\w+)"
    r"([\s_-]|\d|$)",
    re.IGNORECASE,
)
_PAGER_WORDS = re.compile(
    r"首页|上一页|上页|下一页|下页|尾页|末页|共\s*\d+\s*页|第\s*\d+\s*页|\d+\s*/\s*\d+\s*页|跳转|转到"
)
_NEXT = re.compile(r"^\s*(下一页|下页|后页|后一页|下一頁|next|next\s*page|>|›|»|＞)\s*[>›»]?\s*$", re.IGNORECASE)
_CURRENT = re.compile(r"(^|\s)(cur|current|active|on|sel|selected|now)(\s|$)", re.IGNORECASE)
_NAV = re.compile(r"nav|menu|daohang|side|left|crumb|header|footer", re.IGNORECASE)
_TRS_CALL = re.compile(r"createPageHTML\(\s*([\w.]+)\s*,\s*([\w.]+)\s*,\s*[\"'](\w+)[\"']\s*,\s*[\"'](\w+)[\"']")
_VAR = r"(?:var|let|const)?\s*{name}\s*=\s*(\d+)"


def _inside_nav(node: LexborNode) -> bool:
    n: LexborNode | None = node
    for _ in range(6):
        if n is None or n.tag in ("body", "html"):
            return False
        if n.tag in ("nav", "header", "footer", "aside"):
            return True
        if _NAV.search(f"{n.attributes.get('class') or ''} {n.attributes.get('id') or ''}"):
            return True
        n = n.parent
    return False


def _pagers(doc: ParsedHTML, after: int | None, order: dict[int, int]) -> list[LexborNode]:
    """Pager elements (innermost first), after the list when its position is known."""
    out: list[LexborNode] = []
    for node in doc.css("div, span, p, td, ul, nav, form, center, table"):
        if after is not None and order.get(node.mem_id, 0) < after:
            continue
        attrs = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        text = clean_text(node.text())
        if len(text) > 400 or not node.css_first("a"):
            continue
        words = len(_PAGER_WORDS.findall(text))
        texts = [clean_text(a.text()) for a in node.css("a")]
        paging = words or any(_NEXT.match(t) for t in texts) or sum(t.isdigit() for t in texts) >= 1
        if (_PAGER_ATTR.search(attrs) and paging) or words >= 2:
            if not _inside_nav(node) or _PAGER_ATTR.search(attrs):
                out.append(node)
    # innermost first: a pager inside a pager-looking wrapper is the pager
    out.sort(key=lambda n: -len(list(_chain(n))))
    return out


def _chain(node: LexborNode) -> list[LexborNode]:
    out = []
    n = node.parent
    while n is not None:
        out.append(n)
        n = n.parent
    return out


def same_place(url: str, page_url: str) -> bool:
    """Whether ``url`` pages the list at ``page_url``: same directory, or same path with another query."""
    a, b = urlsplit(url), urlsplit(page_url)
    if a.netloc != b.netloc or url.rstrip("/") == page_url.rstrip("/"):
        return False
    if a.path == b.path:
        return a.query != b.query
    da = a.path.rsplit("/", 1)[0] + "/"
    db = b.path if b.path.endswith("/") else b.path.rsplit("/", 1)[0] + "/"
    return da == db or da.startswith(db)


def _from_pager(pager: LexborNode, base: str, page_url: str) -> str | None:
    anchors = pager.css("a")
    for a in anchors:
        if _NEXT.match(clean_text(a.text()) or clean_text(a.attributes.get("title") or "")):
            url = absolute(base, a.attributes.get("href"))
            if url and same_place(url, page_url):
                return url
    current: int | None = None
    for node in pager.css("span, strong, b, em, a, li, font"):
        text = clean_text(node.text())
        if not text.isdigit():
            continue
        marked = _CURRENT.search(node.attributes.get("class") or "") is not None
        if (node.tag != "a" and not node.css_first("a")) or marked:
            current = int(text)
            break
    numbered = {int(t): a for a in anchors if (t := clean_text(a.text())).isdigit()}
    if current is None and numbered:
        current = min(numbered) - 1 if min(numbered) > 1 else None
    if current is not None and current + 1 in numbered:
        url = absolute(base, numbered[current + 1].attributes.get("href"))
        if url and same_place(url, page_url):
            return url
    return None


def _trs_script(doc: ParsedHTML, base: str) -> str | None:
    for s in doc.css("script:not([src])"):
        code = s.text() or ""
        m = _TRS_CALL.search(code)
        if not m:
            continue
        values = []
        for arg in (m[1], m[2]):
            if arg.isdigit():
                values.append(int(arg))
                continue
            v = re.search(_VAR.format(name=re.escape(arg)), code)
            if v is None:
                break
            values.append(int(v[1]))
        if len(values) == 2:
            total, current = values
            if current + 1 < total:
                return urljoin(base, f"{m[3]}_{current + 1}.{m[4]}")
    return None


def next_page_url(doc: ParsedHTML, after: LexborNode | None = None) -> str | None:
    """The list's next page from its pager, or None (no pager: the list is one page).

    ``after`` is the list's last element when known: a pager sits after its list.
    """
    base = doc.base_url or doc.url
    order: dict[int, int] = {}
    after_pos: int | None = None
    if after is not None and doc.tree.body is not None:
        for i, node in enumerate(doc.tree.body.traverse()):
            order[node.mem_id] = i
        after_pos = order.get(after.mem_id)
    for pager in _pagers(doc, after_pos, order):
        url = _from_pager(pager, base, doc.url)
        if url:
            return url
    return _trs_script(doc, base)
