"""Columns (栏目): classify by name, find home-page blocks, read list pages.

A home-page block is a heading, a list of dated links and usually a 更多/more link to the column's
list page. A list page is the column itself: its items with list-line dates, pagination, and —
when empty — a "暂无信息" placeholder or an explanatory note (本栏目暂无…, 原因…) that makes the column
"explained" rather than blank (rules V4c).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, cast
from urllib.parse import urlsplit

from selectolax.lexbor import LexborNode

from inspector.extract.column_blocks import dated_lists
from inspector.extract.dates import normalize_text, parse_date_text
from inspector.extract.html import ParsedHTML, absolute, clean_text
from inspector.extract.pager import next_page_url
from inspector.model import Column, ColumnItem, ColumnType

PLACEHOLDERS = (
    "暂无信息",
    "暂无数据",
    "暂无内容",
    "没有相关信息",
    "暂无记录",
    "暂无相关信息",
    "没有找到相关",
    "暂无文章",
)
_MORE = re.compile(r"^\s*(更多|more|MORE|More|查看更多|更多>+|>>|》》|\+)\s*[>»》+]*\s*$")
_MORE_IN = re.compile(r"更多|more", re.IGNORECASE)
_NOTE = re.compile(
    r"((?:本|该|此)栏目[^\n]{0,60}(?:无|没有|不涉及|暂未)[^\n]{0,160}|(?:备注|说明)\s*[:：][^\n]{4,120})"
)
_HEADING_CLASS = re.compile(r"tit|title|hd|head|name|caption|lm|column", re.IGNORECASE)
_NAV_HINT = re.compile(r"nav|menu|daohang|dh", re.IGNORECASE)
_JS_LIST = re.compile(r"\$\.(ajax|get|post|getJSON)|fetch\(|axios|XMLHttpRequest|jsonp|\.load\(", re.IGNORECASE)
_CHROME = re.compile(r"foot|bottom|copyright|topbar|banner", re.IGNORECASE)  # page chrome, not content
_SIDE_HINT = re.compile(r"side|left|crumb|links|yqlj|friend", re.IGNORECASE)
_COLUMN_URL = re.compile(r"(/|/index\.s?html?|/list\.s?html?|/default\.s?html?)$", re.IGNORECASE)
_DECOR = re.compile(r"(更多|more|>>|》》|»|\+)+\s*$", re.IGNORECASE)


@dataclass
class ListPage:
    """What one column list page shows."""

    items: list[ColumnItem] = field(default_factory=list)
    next_url: str | None = None
    blank_text: str | None = None
    note: str | None = None
    needs_render: bool = False  # empty list built by JavaScript: fetch it rendered


# ---------------------------------------------------------------- column types


@lru_cache(maxsize=1)
def default_dictionary() -> dict[str, Any]:
    text = (resources.files("inspector") / "data" / "column_types.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def classify_column(name: str, dictionary: dict | None = None) -> ColumnType:
    """The ColumnType whose keyword first occurs in ``name`` (types tried in the dictionary's order)."""
    d = dictionary or default_dictionary()
    types = d.get("types", {})
    for type_name in d.get("order", list(types)):
        for kw in types.get(type_name, {}).get("keywords", []):
            if kw and kw in name:
                return cast(ColumnType, type_name)
    return "other"


# ---------------------------------------------------------------- lists of links


@dataclass
class _List:
    parent: LexborNode
    items: list[ColumnItem]

    @property
    def dated(self) -> int:
        return sum(1 for i in self.items if i.date is not None)


def _inside(node: LexborNode, pattern: re.Pattern[str], tags: tuple[str, ...] = (), depth: int = 6) -> bool:
    n: LexborNode | None = node
    for _ in range(depth):
        if n is None or n.tag in ("body", "html"):
            return False
        if n.tag in tags:
            return True
        attrs = f"{n.attributes.get('class') or ''} {n.attributes.get('id') or ''}"
        if pattern.search(attrs):
            return True
        n = n.parent
    return False


def _item(node: LexborNode, base: str, as_of: date) -> ColumnItem | None:
    anchors = [a for a in node.css("a[href]") if clean_text(a.text()) or a.attributes.get("title")]
    if not anchors:
        return None
    a = max(anchors, key=lambda x: len(clean_text(x.text())))  # the title link, not a small icon link
    title = clean_text(a.attributes.get("title") or a.text())
    text = clean_text(node.text(separator=" "))
    outside = text.replace(clean_text(a.text()), " ", 1)
    url = absolute(base, a.attributes.get("href"))
    d = parse_date_text(outside, as_of, item_url=url)
    if d is not None:
        d.url = base  # provenance: the list line of this page
    return ColumnItem(title=title, url=url, date=d)


def _lists(doc: ParsedHTML, as_of: date) -> list[_List]:
    groups: dict[int, _List] = {}
    for node in doc.css("li, tr, dd"):
        if any(n.mem_id != node.mem_id for n in node.css("li, tr")):  # an outer item holding a sub-list
            continue
        parent = node.parent
        if parent is None:
            continue
        item = _item(node, doc.base_url or doc.url, as_of)
        if item is None:
            continue
        groups.setdefault(parent.mem_id, _List(parent=parent, items=[])).items.append(item)
    return list(groups.values())


def _heading_and_more(lst: _List, base: str) -> tuple[str | None, str | None]:
    """Walk up from the list to the nearest ancestor that names it; pick up a 更多 link on the way."""
    node: LexborNode | None = lst.parent
    more: str | None = None
    list_links = {i.url for i in lst.items}
    for _ in range(4):
        node = node.parent if node is not None else None
        if node is None or node.tag in ("body", "html"):
            break
        if more is None:
            for a in node.css("a[href]"):
                text = clean_text(a.text()) or (a.attributes.get("title") or "")
                url = absolute(base, a.attributes.get("href"))
                if url and url not in list_links and (_MORE.match(text) or (_MORE_IN.search(text) and len(text) <= 8)):
                    more = url
                    break
        heading = _heading(node, lst.parent)
        if heading:
            return heading, more
    return None, more


def _heading(node: LexborNode, list_node: LexborNode) -> str | None:
    candidates = node.css("h1, h2, h3, h4, h5, h6, [class], strong, b")
    for c in candidates:
        if c.tag not in ("h1", "h2", "h3", "h4", "h5", "h6", "strong", "b") and not _HEADING_CLASS.search(
            c.attributes.get("class") or ""
        ):
            continue
        if _is_within(c, list_node):
            continue
        text = _DECOR.sub("", clean_text(c.text(separator=" "))).strip()
        if text.startswith("更多") or not text:
            continue
        # a heading element may also hold its 更多 link: keep the first words only
        text = text.split(" ")[0] if len(text) > 20 else text
        if 2 <= len(text) <= 20:
            return text
    return None


def _is_within(node: LexborNode, ancestor: LexborNode) -> bool:
    n: LexborNode | None = node
    while n is not None:
        if n.mem_id == ancestor.mem_id:
            return True
        n = n.parent
    return False


def home_blocks(doc: ParsedHTML, as_of: date, dictionary: dict | None = None) -> list[Column]:
    """Home-page columns: every dated list (``column_blocks.dated_lists``), then column leads.

    Dated lists come first with ``on_home=True``, their items and where their name came from
    (``name_source``: a tab, a heading, a link to the column). Leads follow with ``on_home=False``,
    no items and ``pages_seen=0``: undated blocks that link to their list page with 更多, and the
    navigation's entries. A lead is not a column of the home page; the column map reads its list page.
    """
    base = doc.base_url or doc.url
    columns: list[Column] = []
    for n, dl in enumerate(dated_lists(doc, as_of), start=1):
        name = dl.name or f"block {n}"
        columns.append(
            Column(
                name=name,
                url=dl.url,
                type=classify_column(name, dictionary) if dl.name else "other",
                level=1,
                items=dl.items,
                on_home=True,
                name_source=dl.name_source,
            )
        )
    known = {c.url for c in columns if c.url}
    for lst in _lists(doc, as_of):
        if lst.dated or _inside(lst.parent, _NAV_HINT, ("nav", "header", "footer")):
            continue
        heading, more = _heading_and_more(lst, base)
        if heading is None or more is None or more in known:
            continue
        known.add(more)
        columns.append(
            Column(name=heading, url=more, type=classify_column(heading, dictionary), level=1, name_source="heading")
        )
    for name, url in navigation_entries(doc):
        if url in known:
            continue
        known.add(url)
        columns.append(
            Column(
                name=name, url=url, type=classify_column(name, dictionary), level=1, on_home=False, name_source="nav"
            )
        )
    return columns


def column_summary(column: Column) -> dict[str, Any]:
    """A column as ``inspect-page`` shows it: its name and where the name came from, its type, and its
    newest date with provenance (the shown text, list line or URL, year shown or inferred, the item)."""
    latest = column.latest
    d = latest.date if latest is not None else None
    return {
        "name": column.name,
        "name_from": column.name_source,
        "type": column.type,
        "url": column.url,
        "items": len(column.items),
        "newest": None
        if d is None or latest is None
        else {
            "date": d.value.isoformat(),
            "shown": d.raw,
            "source": d.source,
            "year": "inferred" if d.year_implied else "shown",
            "read_on": d.url,
            "item": latest.title,
            "item_url": latest.url,
        },
        "oldest": min(i.date.value for i in column.dated_items if i.date).isoformat() if column.dated_items else None,
        "lines": [
            {"title": i.title, "url": i.url, "date": i.date.value.isoformat() if i.date else None} for i in column.items
        ],
    }


def undated_home_items(doc: ParsedHTML, as_of: date) -> list[ColumnItem]:
    """Items of the home page's headed lists that show no date (not navigation, not a link farm).

    The home-page freshness check counts them: an item without a visible date counts as not updated.
    """
    base = doc.base_url or doc.url
    out: list[ColumnItem] = []
    for lst in _lists(doc, as_of):
        if lst.dated or not lst.items or _inside(lst.parent, _NAV_HINT, ("nav", "header", "footer")):
            continue
        if _inside(lst.parent, _SIDE_HINT) or _inside(lst.parent, _CHROME):
            continue
        heading, _ = _heading_and_more(lst, base)
        if heading is not None:
            out.extend(lst.items)
    return out


def navigation_entries(doc: ParsedHTML) -> list[tuple[str, str]]:
    """(name, url) of the site's own navigation links: short texts inside nav/menu containers."""
    base = doc.base_url or doc.url
    host = urlsplit(doc.url).hostname
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for a in doc.css("a[href]"):
        if not _inside(a, _NAV_HINT, ("nav",), depth=5):
            continue
        text = clean_text(a.text())
        url = absolute(base, a.attributes.get("href"))
        if not url or not (2 <= len(text) <= 20) or text in ("首页", "网站首页", "返回首页", "主页"):
            continue
        if urlsplit(url).hostname != host or url.rstrip("/") == doc.url.rstrip("/") or url in seen:
            continue
        seen.add(url)
        out.append((text, url))
    return out


# ---------------------------------------------------------------- list pages


def is_list_page(doc: ParsedHTML) -> bool:
    """Whether an item-less page still looks like a (blank) column list page rather than a form or an article.

    A list container (ul/ol/table/.list) outside navigation, header and footer marks a list page; a
    page whose main content is a submission form (留言, 投诉) is not a column.
    """
    if any(f.purpose in ("message", "login") or (f.purpose == "other" and len(f.fields) >= 3) for f in doc.forms):
        return False
    for node in doc.css("ul, ol, table, [class*=list], [id*=list]"):
        if not (
            _inside(node, _NAV_HINT, ("nav", "header", "footer")) or _inside(node, _SIDE_HINT) or _inside(node, _CHROME)
        ):
            return True
    return False


def channel_links(doc: ParsedHTML, as_of: date, dictionary: dict | None = None) -> list[tuple[str, str]]:
    """Sub-columns of a channel page (政务公开 → 通知公告, 人事信息 …): (name, url), empty for a list page.

    A channel page lists short, undated links to other columns' index pages; a list page lists
    dated (or at least long-titled) items.
    """
    lists = [lst for lst in _lists(doc, as_of) if not _inside(lst.parent, _NAV_HINT, ("nav", "header", "footer"))]
    if any(lst.dated for lst in lists):
        return []
    host = urlsplit(doc.url).hostname
    out: list[tuple[str, str]] = []
    for lst in lists:
        if _inside(lst.parent, _SIDE_HINT):
            continue
        for i in lst.items:
            if not i.url or urlsplit(i.url).hostname != host or len(i.title) > 12:
                continue
            if _COLUMN_URL.search(urlsplit(i.url).path) or classify_column(i.title, dictionary) != "other":
                out.append((i.title, i.url))
    candidates = sum(len(lst.items) for lst in lists if not _inside(lst.parent, _SIDE_HINT))
    return out if out and len(out) * 2 >= candidates else []


def parse_list_page(doc: ParsedHTML, as_of: date) -> ListPage:
    """What a column list page shows: its main dated list, placeholder or note, and its pager's next page.

    The main list is the longest dated list outside navigation, header and footer
    (``column_blocks.dated_lists``: a date beside each title, never one inside it); a page whose lines
    carry their date in running text (``<a>…</a> 发布时间：2024-05-01 浏览：20``) falls back to the
    longest ``li``/``tr``/``dd`` list with dated lines. The next page comes from the pager only
    (``pager.next_page_url``).
    """
    page = ListPage()
    # the longest dated list is the column's own; side lists (热点, 最新) are shorter
    blocks = [dl for dl in dated_lists(doc, as_of) if not _inside(dl.container, _NAV_HINT, ("nav", "header", "footer"))]
    last: LexborNode | None = None
    if blocks:
        main = max(blocks, key=lambda dl: len(dl.items))
        page.items.extend(main.items)
        last = main.lines[-1].node
    else:
        lists = [lst for lst in _lists(doc, as_of) if not _inside(lst.parent, _NAV_HINT, ("nav", "header", "footer"))]
        dated = [lst for lst in lists if lst.dated > 0 and lst.dated * 2 >= len(lst.items)]
        if dated:
            main_lst = max(dated, key=lambda lst: (lst.dated, len(lst.items)))
            grand = main_lst.parent.parent
            # CMSs split one list into several <ul> of five; keep the siblings of the main list
            for lst in dated:
                if lst is main_lst or (
                    grand is not None and lst.parent.parent is not None and lst.parent.parent.mem_id == grand.mem_id
                ):
                    page.items.extend(lst.items)
            last = main_lst.parent
        elif lists:
            # an undated list (service guides, leaders' pages) still is content
            undated = [lst for lst in lists if not _inside(lst.parent, _SIDE_HINT)]
            if undated:
                main_lst = max(undated, key=lambda lst: len(lst.items))
                page.items.extend(main_lst.items)
                last = main_lst.parent
    text = normalize_text(doc.visible_text)
    for word in PLACEHOLDERS:
        if word in text:
            page.blank_text = word
            break
    m = _NOTE.search(text)
    if m:
        page.note = m.group(1).strip()
    page.next_url = next_page_url(doc, after=last)
    if not page.items:
        scripts = " ".join(s.text() or "" for s in doc.css("script:not([src])"))
        page.needs_render = bool(_JS_LIST.search(scripts)) or "{{" in doc.visible_text
    return page
