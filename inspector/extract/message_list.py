"""A board's list page: its message rows, the total it states and the link to the next page.

Rows come from tables (header-mapped when the table has a header: 留言时间, 状态, 答复单位 …) and
from repeated items — siblings of the same tag and class (``<li>``, cards, ``<dl>``), each with a link
and a date or a status. A row has *list evidence* of being a message when its table header names
message fields or the row shows a status word or a message label (来信人：…); rows without it are
only candidates (articles look the same) until their detail page is read. Where a page has rows with
evidence, other groups of items (a news sidebar) are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from selectolax.lexbor import LexborNode

from inspector.extract.html import ParsedHTML, absolute, clean_text, parse_html
from inspector.extract.message_fields import (
    is_status_only,
    is_strong,
    label_field,
    label_name,
    line_pairs,
    status_state,
    status_word,
    time_span,
)
from inspector.model import Message

NEXT_PAGE = ("下一页", "下页", "后一页", "next", "next page", ">", "›", "»", ">>", "下一页>", "下一页>>")
_PAGER_WORDS = NEXT_PAGE + (
    "上一页",
    "上页",
    "首页",
    "尾页",
    "末页",
    "前一页",
    "<",
    "‹",
    "«",
    "<<",
    "prev",
    "last",
    "first",
)
_HEADER_EXTRA = {"时间": "submitted_at", "日期": "submitted_at", "名称": "title", "问题": "title", "事项": "title"}
_TOTAL = re.compile(r"(?:共|总数|合计|总计|共有|记录数)\s*[:：]?\s*(\d[\d,]*)\s*(?:条|封|件|个|项)")
_PAGES = re.compile(r"共\s*(\d+)\s*页|第\s*\d+\s*/\s*(\d+)\s*页|\d+\s*/\s*(\d+)\s*页")
_ITEM_TAGS = ("li", "div", "dl", "article", "section", "p")


@dataclass
class ListRow:
    title: str
    url: str | None
    id: str | None = None
    submitted_at: datetime | None = None
    replied_at: datetime | None = None
    status: str | None = None
    unit: str | None = None
    author: str | None = None
    evidence: list[str] = field(default_factory=list)  # why the list shows it is a message
    raw_dates: dict[str, str] = field(default_factory=dict)
    list_url: str | None = None
    shape: str = ""  # parent>item tag.class: the next page's lone last item is recognised by it

    @property
    def state(self) -> str | None:
        return status_state(self.status)

    def to_message(self) -> Message:
        return Message(
            title=self.title,
            url=self.url,
            id=self.id,
            submitted_at=self.submitted_at,
            replied_at=self.replied_at,
            status=self.status,
            unit=self.unit,
            author=self.author,
            raw_dates=dict(self.raw_dates),
            evidence=list(self.evidence),
            list_url=self.list_url,
            sources={k: "list" for k in ("submitted_at", "replied_at", "status") if getattr(self, k)},
        )


# --------------------------------------------------------------------------- tables


def _header_map(cells: list[str]) -> dict[int, str]:
    out: dict[int, str] = {}
    for i, c in enumerate(cells):
        name = label_field(c) or _HEADER_EXTRA.get(label_name(c))
        if name and name != "other":
            out[i] = name
    return out


def _links(doc: ParsedHTML, node: LexborNode) -> list[tuple[str, str, LexborNode]]:
    out = []
    for a in node.css("a[href]"):
        text = clean_text(a.attributes.get("title") or a.text())
        if not text or text.lower() in _PAGER_WORDS or text.isdigit():
            continue
        href = absolute(doc.base_url or doc.url, a.attributes.get("href"))
        if href:
            out.append((text, href, a))
    return out


def _text_outside(node: LexborNode, link: LexborNode | None) -> str:
    """The row's text without its title link (a title may contain a date or a status word)."""
    if link is None:
        return clean_text(node.text(separator=" "))
    parts = []
    for t in node.traverse(include_text=True):
        if t.tag != "-text":
            continue
        parent, inside = t.parent, False
        while parent is not None and parent.mem_id != node.mem_id:
            if parent.mem_id == link.mem_id:
                inside = True
                break
            parent = parent.parent
        if not inside:
            parts.append(t.text() or "")
    return clean_text(" ".join(parts))


def _table_rows(doc: ParsedHTML, table: LexborNode) -> list[ListRow]:
    header: dict[int, str] = {}
    header_labels: list[str] = []
    rows: list[ListRow] = []
    for tr in table.css("tr"):
        cells = tr.css("th, td")
        texts = [clean_text(c.text()) for c in cells]
        mapped = _header_map(texts)
        if not header and len(mapped) >= 2 and tr.css_first("a[href]") is None:
            header = mapped
            header_labels = [label_name(texts[i]) for i in mapped]
            continue
        row = _row(doc, tr, texts, header)
        if row is None:
            continue
        strong = [lab for lab in header_labels if is_strong(lab)]
        if strong:
            row.evidence = list(dict.fromkeys(strong + row.evidence))
        rows.append(row)
    return rows


# --------------------------------------------------------------------------- repeated items


def _shape(node: LexborNode) -> str:
    parent = node.parent
    outer = f"{parent.tag}.{parent.attributes.get('class') or ''}" if parent is not None else ""
    return f"{outer}>{node.tag}.{node.attributes.get('class') or ''}"


def _item_groups(doc: ParsedHTML, shapes: set[str]) -> list[list[LexborNode]]:
    """Siblings of the same tag and class, two or more, each holding a link: the items of a list. A
    lone item counts when earlier pages had items of its shape (the last page of a list)."""
    groups: list[list[LexborNode]] = []
    for parent in doc.css("ul, ol, div, section, article, dl, td, form, main, body"):
        kids: dict[tuple[str, str], list[LexborNode]] = {}
        child = parent.child
        while child is not None:
            if child.tag in _ITEM_TAGS and child.css_first("a[href]") is not None:
                kids.setdefault((child.tag, child.attributes.get("class") or ""), []).append(child)
            child = child.next
        groups += [g for g in kids.values() if len(g) >= 2 or _shape(g[0]) in shapes]
    return groups


# --------------------------------------------------------------------------- one row


def _row(doc: ParsedHTML, node: LexborNode, texts: list[str], header: dict[int, str]) -> ListRow | None:
    links = _links(doc, node)
    title_col = next((i for i, f in header.items() if f == "title"), None)
    main: LexborNode | None = None
    if links:
        title, url, main = max(links, key=lambda x: len(x[0]))
        row = ListRow(title=title, url=url)
    elif title_col is not None and title_col < len(texts) and texts[title_col]:
        row = ListRow(title=texts[title_col], url=None)  # listed without a public detail page
    else:
        return None
    row.list_url = doc.url
    for i, name in header.items():
        if i < len(texts) and texts[i] and i != title_col:
            _put(row, name, texts[i])
    text = _text_outside(node, main)
    for tok, value in line_pairs(text, anywhere=True):
        if value and getattr(row, tok.field, None) is None:
            _put(row, tok.field, value)
            if is_strong(tok.label):
                row.evidence.append(tok.label)
    if row.submitted_at is None:
        span = time_span(text)
        if span is not None:
            row.submitted_at, row.raw_dates["submitted_at"] = span[0], text[span[1] : span[2]]
    if row.status is None:
        row.status = _row_status(node, main)
    if row.status:
        row.evidence.append(f"状态：{row.status}")
    if row.submitted_at is None and row.status is None and not header:
        return None  # a navigation link, not a row
    return row


def _row_status(node: LexborNode, link: LexborNode | None) -> str | None:
    """A status standing alone in the row, outside its title link: a cell, a badge, a bare word
    (已答复, [办理中]); a phrase that merely contains one (查看已回复信件) is not a status."""
    for t in node.traverse(include_text=True):
        if t.tag == "img":  # a status icon: <img alt="已回复">
            text = t.attributes.get("alt") or t.attributes.get("title") or ""
        elif t.tag == "-text":
            text = t.text() or ""
        else:
            continue
        if len(text) <= 16 and is_status_only(text) and not _inside(t, link):
            return status_word(text)
    return None


def _inside(node: LexborNode, link: LexborNode | None) -> bool:
    parent = node.parent
    while link is not None and parent is not None:
        if parent.mem_id == link.mem_id:
            return True
        parent = parent.parent
    return False


def _put(row: ListRow, name: str, value: str) -> None:
    if name in ("submitted_at", "replied_at"):
        span = time_span(value)
        if span is not None:
            setattr(row, name, span[0])
            row.raw_dates[name] = value[span[1] : span[2]]
    elif name == "status":
        row.status = status_word(value)
    elif name in ("id", "unit", "author") and len(value) <= 60:
        setattr(row, name, value.split(" ")[0] if name == "id" else value)


# --------------------------------------------------------------------------- the page


def parse_list(page: ParsedHTML | str, url: str = "", shapes: set[str] | None = None) -> list[ListRow]:
    """Message rows of a board's list page, in page order; candidates without evidence only when no
    group on the page has any. ``shapes``: the row shapes of the list's earlier pages."""
    doc = parse_html(page, url) if isinstance(page, str) else page
    groups: list[list[ListRow]] = []
    for table in doc.css("table"):
        if len(table.css("table")) > 1:  # lexbor's css() matches the node itself too
            continue  # a layout table around the real one
        rows = _table_rows(doc, table)
        if rows:
            groups.append(rows)
    for items in _item_groups(doc, shapes or set()):
        if any(n.css_first("tr") is not None for n in items):
            continue  # a list of tables: read as tables
        rows = [r for r in (_row(doc, n, [], {}) for n in items) if r is not None]
        for r, n in zip(rows, items, strict=False):
            r.shape = _shape(n)
        if rows:
            groups.append(rows)
    with_evidence = [g for g in groups if any(r.evidence for r in g)]
    chosen = with_evidence or groups
    out: list[ListRow] = []
    seen: set[str] = set()
    for group in chosen:
        for row in group:
            key = row.url or row.title
            if key in seen:
                continue
            seen.add(key)
            out.append(row)
    return out


def stated_total(doc: ParsedHTML) -> int | None:
    """The number of messages the list says it has (共845条), when it says so."""
    text = doc.visible_text
    tail = text[-3000:] + "\n" + text[:3000]
    m = _TOTAL.search(tail)
    return int(m.group(1).replace(",", "")) if m else None


def stated_pages(doc: ParsedHTML) -> int | None:
    m = _PAGES.search(doc.visible_text[-3000:])
    if not m:
        return None
    return int(next(g for g in m.groups() if g))


def next_page(page: ParsedHTML) -> str | None:
    """The 下一页 link of a paginated list, if any."""
    for link in page.links:
        if link.tag == "a" and clean_text(link.text).lower() in NEXT_PAGE and link.url != page.url:
            return link.url
    return None


def page_links(page: ParsedHTML) -> list[str]:
    """Numbered pager links (2, 3, … 尾页): where a list has no 下一页 link, the pages to read."""
    out = []
    for link in page.links:
        t = clean_text(link.text)
        if link.tag == "a" and link.url != page.url and (t.isdigit() and len(t) <= 5 or t in ("尾页", "末页")):
            out.append(link.url)
    return list(dict.fromkeys(out))
