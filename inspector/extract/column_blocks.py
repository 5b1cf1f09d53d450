"""Dated lists on a page, found as a person finds them: lines that each show a date beside a title link.

1. **Lines.** Every text that holds a date and nothing else (``column_dates.shown_date``) is a list
   date; its line is the nearest element around it that holds one title link and no other list date
   (``<li>``, a table ``<tr>``, a ``<dd>``, the title ``<a>`` itself when the date span sits inside
   it). A date written inside the title text is never a list date. Lines of a flat layout
   (``<span>date</span><a>title</a><br>…`` in one element) pair each date with the link beside it.
2. **Lists.** Each line climbs to the largest element that holds no other line (its slot: ``<tr>``
   for ``<tr><td><li>…``); lines whose slots share a parent form one list, so a list laid out in
   table rows stays one list.
3. **Names.** A list inside one of several sibling panels under a strip of as many labels is a tab
   and takes its own label (position for position: an empty panel still counts; trailing empty
   panels without a label are dropped). Otherwise its heading is the nearest short text before it
   inside its block, skipping link groups (menus, carousels) and stopping at the lines of another
   list. Without either, a link elsewhere on the page whose directory holds most of the list's
   items names it (a heading drawn as an image whose column sits in the navigation).
4. **Blocks.** A list that directly continues the one before it (no heading between them, sibling
   containers or the same panel: a featured first item, a list split into several ``<ul>``) is
   merged with it. A one-line list is kept only when it is named by a tab or a heading and has a
   column link; anything else one line long (a headline, a stray date) is not a column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from selectolax.lexbor import LexborNode

from inspector.extract.column_dates import ShownDate, resolve_run, shown_date
from inspector.extract.html import ParsedHTML, absolute, clean_text
from inspector.model import ColumnItem

_NO_TEXT = {"script", "style", "noscript", "template", "title", "head", "option", "select", "textarea", "iframe"}
_STATE_CLASSES = {
    "on",
    "off",
    "cur",
    "current",
    "active",
    "selected",
    "select",
    "hover",
    "show",
    "hide",
    "hidden",
    "none",
    "block",
    "dis",
    "dn",
    "db",
    "tong",
    "first",
    "last",
    "list-show",
    "clearfix",
}
_MORE = re.compile(r"^\s*(更多|more|查看更多|更多信息|更多内容)?\s*[>»》+＋〉]*\s*$", re.IGNORECASE)
_MORE_WORD = re.compile(r"更多|more", re.IGNORECASE)
_DECOR = re.compile(r"^[\s·•|｜丨>»》<«《+＋\-—_:：\[\]【】()（）]*$")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_ELLIPSIS = ("...", "…", "..")
_INDEX_FILE = re.compile(r"/(index|default|list)(_\d+)?\.(s?html?|jsp|aspx?|php)$", re.IGNORECASE)
_HEADING_ATTR = re.compile(r"tit|title|(^|[\s_-])(bt|hd|head|lm|lanmu|caption|name)([\s_-]|$)|tabbt", re.IGNORECASE)
_WORDY = re.compile(r"[\u4e00-\u9fffA-Za-z]{2}")
_COLUMN_HEADER = re.compile(r"^(标题|名称|序号|文号|来源|(发布|更新|发文|成文|截止|开始|结束)?(日期|时间))$")
_ARTICLE_PATH = re.compile(r"/t?\d{8}_|/\d{4}[-/]\d{1,2}/|/(content|art|info|detail)[_/]", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
MAX_ITEM_CLIMB = 5
_TABLE_PLUMBING = {"tbody", "thead", "tr", "td", "th"}
MAX_LINE_LINKS = 4  # a line holds its title link and perhaps a picture, a tag or a category link
MAX_LINE_TEXT = 300
MAX_LABEL = 20
TYPICAL_LABEL = 8  # the median tab title is at most this long
MAX_HEADING = 20
HEADING_WALK = 80  # text nodes looked at before a list
BLOCK_LEVELS = 5  # how far above a list its heading may sit
PREFIX_SHARE = 0.6
MORE_LEVELS = 7  # how far above a list its 更多 link may sit
STRONG_REACH = 8  # text nodes a heading element may sit above a nearer plain text and still win
LABEL_DEPTH = 6  # how deep inside its strip element a tab's labels may sit


def name_text(text: str) -> str:
    """A heading or tab label as one name: spaces between Chinese characters and decorations gone."""
    t = clean_text(text)
    t = _CJK_GAP.sub("", t)
    t = re.sub(r"(更多|more)\s*[>»》+]*\s*$", "", t, flags=re.IGNORECASE).strip()
    return t.strip(" ·•|｜丨>»》<«《+＋:：-—[]【】")


@dataclass
class Line:
    node: LexborNode  # the line's element
    date_id: int  # mem_id of the date's text node
    shown: ShownDate
    title: str
    url: str | None
    order: int
    anchor_id: int = 0  # mem_id of the title link: one line per title (a row's second date is not a line)
    evidence: ColumnItem | None = None


@dataclass
class DatedList:
    lines: list[Line]
    container: LexborNode
    name: str | None = None
    name_source: str = "none"  # tab | heading | link | none
    url: str | None = None
    panel: int | None = None  # mem_id of the tab panel it sits in
    block: LexborNode | None = None  # the panel, or the element holding the heading and the list
    continues: DatedList | None = None

    @property
    def items(self) -> list[ColumnItem]:
        return [line.evidence for line in self.lines if line.evidence is not None]


@dataclass
class _Page:
    doc: ParsedHTML
    base: str
    order: dict[int, int] = field(default_factory=dict)
    texts: list[LexborNode] = field(default_factory=list)  # visible text nodes in document order
    dates: list[tuple[LexborNode, ShownDate]] = field(default_factory=list)
    date_count: dict[int, int] = field(default_factory=dict)

    def index(self) -> None:
        body = self.doc.tree.body
        if body is None:
            return
        for i, node in enumerate(body.traverse(include_text=True)):
            self.order[node.mem_id] = i
            if node.tag != "-text":
                continue
            parent = node.parent
            if parent is None or parent.tag in _NO_TEXT:
                continue
            text = node.text_content or ""
            if not text.strip():
                continue
            self.texts.append(node)
            found = shown_date(text)
            if found is not None:
                self.dates.append((node, found))
        for node, _ in self.dates:
            for anc in _ancestors(node):
                self.date_count[anc.mem_id] = self.date_count.get(anc.mem_id, 0) + 1


def _ancestors(node: LexborNode) -> Iterator[LexborNode]:
    n = node.parent
    while n is not None and n.tag not in ("html", "-undef"):
        yield n
        if n.tag == "body":
            return
        n = n.parent


def _is_hidden(node: LexborNode) -> bool:
    attrs = node.attributes
    return "hidden" in attrs or bool(_HIDDEN_STYLE.search(attrs.get("style") or ""))


def _anchor_text(a: LexborNode) -> str:
    text = clean_text(a.text(separator=" "))
    tip = clean_text(a.attributes.get("title") or "")
    if tip and (not text or (text.endswith(_ELLIPSIS) and tip.startswith(text.rstrip(".… ")[:6]))):
        return tip
    return text


def _title_anchor(node: LexborNode, date_node: LexborNode) -> LexborNode | None:
    best: LexborNode | None = None
    best_len = 0
    for a in node.css("a"):
        if not (a.attributes.get("href") or a.attributes.get("onclick")):
            continue
        if any(anc.mem_id == a.mem_id for anc in _ancestors(date_node)):
            continue
        text = _anchor_text(a)
        if len(text) < 2 or _MORE.match(text) or _DECOR.match(text):
            continue
        if len(text) > best_len:
            best, best_len = a, len(text)
    return best


def _line(page: _Page, date_node: LexborNode, shown: ShownDate) -> Line | None:
    node = date_node.parent
    child: LexborNode | None = None
    for depth in range(MAX_ITEM_CLIMB):
        if node is None or node.tag in ("body", "html"):
            return None
        if page.date_count.get(node.mem_id, 0) > 1:
            if depth == 0:  # a bare date among the links of one element: "<a>标题</a> 2018-03-20<br>"
                return _flat_line(page, node, date_node, date_node, shown)
            return _flat_line(page, node, child, date_node, shown) if child is not None and depth == 1 else None
        if _is_hidden(node) or len(node.css("a")) > MAX_LINE_LINKS or len(clean_text(node.text())) > MAX_LINE_TEXT:
            return None
        if node.tag == "a" and (node.attributes.get("href") or node.attributes.get("onclick")):
            title = clean_text(node.text(separator=" ").replace(date_node.text_content or "", " "))
            if len(title) >= 2 and not _MORE.match(title):
                tip = clean_text(node.attributes.get("title") or "")
                return _make(page, node, date_node, shown, tip or title, node)
        a = _title_anchor(node, date_node)
        if a is not None:
            return _make(page, node, date_node, shown, _anchor_text(a), a)
        child, node = node, node.parent
    return None


def _flat_line(
    page: _Page, parent: LexborNode, child: LexborNode, date_node: LexborNode, shown: ShownDate
) -> Line | None:
    """A date element among siblings that pair dates and links without a wrapper per line."""
    for step in ("next", "prev"):
        sib = getattr(child, step)
        while sib is not None and sib.tag == "-text" and not (sib.text_content or "").strip():
            sib = getattr(sib, step)
        if sib is None or sib.tag == "-text" or page.date_count.get(sib.mem_id, 0):
            continue
        a = sib if sib.tag == "a" else sib.css_first("a")
        if a is not None and (a.attributes.get("href") or a.attributes.get("onclick")):
            text = _anchor_text(a)
            if len(text) >= 2 and not _MORE.match(text):
                return _make(page, a if child.tag == "-text" else child, date_node, shown, text, a)
    return None


def _make(page: _Page, node: LexborNode, date_node: LexborNode, shown: ShownDate, title: str, a: LexborNode) -> Line:
    url = absolute(page.base, a.attributes.get("href"))
    return Line(
        node=node,
        date_id=date_node.mem_id,
        shown=shown,
        title=title,
        url=url,
        order=page.order[date_node.mem_id],
        anchor_id=a.mem_id,
    )


def _lines(page: _Page) -> list[Line]:
    lines: list[Line] = []
    seen: set[int] = set()
    for date_node, shown in page.dates:
        line = _line(page, date_node, shown)
        if line is None or line.node.mem_id in seen or line.anchor_id in seen:
            continue
        seen.update((line.node.mem_id, line.anchor_id))
        lines.append(line)
    lines.sort(key=lambda ln: ln.order)
    return lines


def _lists(page: _Page, lines: list[Line]) -> list[DatedList]:
    """Group lines by the parent of their slot (the largest ancestor holding no other line)."""
    count: dict[int, int] = {}
    for line in lines:
        for anc in [line.node, *_ancestors(line.node)]:
            count[anc.mem_id] = count.get(anc.mem_id, 0) + 1
    groups: dict[int, DatedList] = {}
    for line in lines:
        slot = line.node
        parent = slot.parent
        links, size = len(slot.css("a")), len(clean_text(slot.text()))
        while parent is not None and parent.tag != "body" and count.get(parent.mem_id, 0) == 1:
            if len(parent.css("a")) > links + 1 or len(clean_text(parent.text())) > size + 30:
                break  # a panel or a block around a single line: the line stays a list of its own
            slot, parent = parent, parent.parent
        if parent is None:
            continue
        groups.setdefault(parent.mem_id, DatedList(lines=[], container=parent)).lines.append(line)
    return sorted(groups.values(), key=lambda d: d.lines[0].order)


# ---------------------------------------------------------------- names


def _classes(node: LexborNode) -> frozenset[str]:
    """Layout classes without state ones (on, current, hide …), numbers folded (list1 ~ list2)."""
    raw = (node.attributes.get("class") or "").split()
    return frozenset(re.sub(r"\d+", "#", c) for c in raw if c.lower() not in _STATE_CLASSES)


def _id_pattern(node: LexborNode) -> str:
    return re.sub(r"\d+", "#", node.attributes.get("id") or "")


def _element_children(node: LexborNode) -> list[LexborNode]:
    out = []
    child = node.child
    while child is not None:
        if child.tag not in ("-text", "-comment", "script", "style"):
            out.append(child)
        child = child.next
    return out


def _alike(a: LexborNode, b: LexborNode) -> bool:
    if a.tag != b.tag:
        return False
    ca, cb = _classes(a), _classes(b)
    if ca or cb:
        return ca == cb or (_id_pattern(a) == _id_pattern(b) != "")
    return _id_pattern(a) == _id_pattern(b)


def _has_content(node: LexborNode) -> bool:
    return bool(clean_text(node.text())) or node.css_first("a, img, li, iframe") is not None


def _labels(strip: LexborNode) -> list[str] | None:
    """The labels of a tab strip: the largest group of like siblings with short texts, within three levels."""
    best: list[str] | None = None
    frontier = [strip]
    for _ in range(LABEL_DEPTH):
        nxt: list[LexborNode] = []
        for node in frontier:
            kids = _element_children(node)
            nxt.extend(kids)
            by_tag: dict[str, list[LexborNode]] = {}
            for k in kids:
                by_tag.setdefault(k.tag or "", []).append(k)
            for group in by_tag.values():
                # separators ("|") and a trailing 更多 are no tabs; a tab drawn as a picture keeps its place
                texts = []
                for k in group:
                    raw = clean_text(k.text(separator=" "))
                    if (raw and _DECOR.match(raw)) or _MORE_WORD.search(raw):
                        continue
                    texts.append(name_text(raw))
                labelled = [t for t in texts if t]
                if len(labelled) < 2 or any(len(t) > MAX_LABEL or ":" in t or "：" in t for t in texts):
                    continue
                if sorted(len(t) for t in labelled)[len(labelled) // 2] > TYPICAL_LABEL:
                    continue  # tab titles are short; a group of longer texts is a list of titles
                if all(t.isdigit() for t in labelled):
                    continue  # 1 2 3 …: a carousel's or a pager's buttons
                if best is None or len(texts) > len(best):
                    best = texts
        frontier = nxt
    return best


def _previous_nonempty(node: LexborNode) -> LexborNode | None:
    sib = node.prev
    while sib is not None:
        if sib.tag not in ("-text", "-comment", "script", "style") and _has_content(sib):
            return sib
        sib = sib.prev
    return None


def _tab_name(dl: DatedList, headed: list[LexborNode]) -> tuple[str, LexborNode] | None:
    """(label, panel) when the list sits in one of several sibling panels under a strip of as many labels.

    ``headed``: the heading elements of the other lists; a panel holding one of them holds several
    blocks (a navigation-switched section), not one tab's list. The label is "" for a tab drawn as a picture.
    """
    candidate: LexborNode | None = dl.lines[0].node
    for _ in range(MAX_ITEM_CLIMB + 6):
        parent = candidate.parent if candidate is not None else None
        if candidate is None or candidate.tag in ("body", "html") or parent is None:
            return None
        if not all(_depth_to(ln.node, candidate.mem_id) is not None for ln in dl.lines):
            candidate = parent
            continue
        if any(_depth_to(h, candidate.mem_id) is not None for h in headed):
            return None
        siblings = [s for s in _element_children(parent) if _alike(s, candidate)]
        if len(siblings) >= 2:
            index = next((i for i, s in enumerate(siblings) if s.mem_id == candidate.mem_id), None)
            found = _strip_for(siblings, index) if index is not None else None
            if found is not None:
                return found, candidate
        candidate = candidate.parent
    return None


def _strip_for(panels: list[LexborNode], index: int) -> str | None:
    anchor: LexborNode | None = panels[0]
    for _ in range(3):
        if anchor is None:
            return None
        strip = _previous_nonempty(anchor)
        if strip is not None:
            labels = _labels(strip)
            if labels:
                used = list(panels)
                while len(used) > len(labels) and not _has_content(used[-1]):
                    used.pop()
                if len(labels) == len(used) and index < len(labels):
                    return labels[index]  # "" for a tab drawn as a picture
                return None
        anchor = anchor.parent
    return None


def _in_link_group(node: LexborNode, around: set[int] | frozenset[int] = frozenset()) -> bool:
    """Text of a menu, a carousel or another link list (three or more like siblings holding links);
    ``around``: ancestors of the list itself, whose rows are not another link list."""
    n: LexborNode | None = node.parent
    for level in range(4):
        if n is None or n.parent is None or n.tag in ("body", "html"):
            return False
        if n.parent.mem_id in around:
            return False
        if n.tag in ("li", "dd", "dt", "dl", "tr", "option") or (level < 2 and n.tag in ("a", "span", "td", "p", "em")):
            like = [s for s in _element_children(n.parent) if s.tag == n.tag]
            if len(like) >= 3 and sum(1 for s in like if s.tag == "a" or s.css_first("a") is not None) >= 3:
                return True
        n = n.parent
    return False


def _heading(page: _Page, dl: DatedList, line_ids: dict[int, DatedList]) -> tuple[str, LexborNode] | DatedList | None:
    """The nearest short text before the list inside its block, or the list it directly continues."""
    root: LexborNode | None = dl.container
    levels = 0
    while root is not None and levels < BLOCK_LEVELS:
        if root.parent is None or root.parent.tag in ("body", "html"):
            break
        root = root.parent
        levels += root.tag not in _TABLE_PLUMBING  # a layout table's rows and cells are not blocks
    if root is None:
        return None
    start = page.order[dl.lines[0].node.mem_id]
    lo, hi = 0, len(page.texts)
    while lo < hi:  # first text node at or after the list's first line
        mid = (lo + hi) // 2
        if page.order[page.texts[mid].mem_id] < start:
            lo = mid + 1
        else:
            hi = mid
    own = {ln.node.mem_id for ln in dl.lines}
    around = {a.mem_id for a in _ancestors(dl.lines[0].node)}
    weak: tuple[str, LexborNode] | None = None  # a plain short text: taken unless a heading element is near
    weak_at = 0
    left: int | None = None  # where the walk left the block
    for i in range(lo - 1, max(-1, lo - 1 - HEADING_WALK), -1):
        t = page.texts[i]
        chain = list(_ancestors(t))
        ids = {a.mem_id for a in chain}
        outside = root.mem_id not in ids
        if outside:  # beyond the block only a heading element right above it may name it
            left = i if left is None else left
            if weak is not None or left - i > STRONG_REACH:
                return weak
        other = next((line_ids[a.mem_id] for a in chain[: MAX_ITEM_CLIMB + 1] if a.mem_id in line_ids), None)
        if other is not None and not (ids & own):
            return weak or other
        if any(a.mem_id not in around and _is_hidden(a) for a in chain):
            continue  # a hidden carousel caption or a closed menu, not this list's heading
        text = name_text(t.text_content or "")
        if not text or _DECOR.match(text) or _MORE.match(text) or shown_date(text) is not None:
            continue
        if len(text) > MAX_HEADING or len(text) < 2 or ":" in text or "：" in text or _COLUMN_HEADER.match(text):
            continue
        if not _WORDY.search(text):
            continue  # a count, a page number or a code is no heading
        if any(a.tag in ("th", "thead") for a in chain[:3]):
            continue  # a table's column header (标题 | 发布日期) names no list
        if _in_link_group(t, around) or _in_article_link(page, chain):
            continue
        holder = t.parent if t.parent is not None else t
        if _strong_heading(page, chain):
            return text, holder
        if outside:
            continue
        if weak is None:
            weak, weak_at = (text, holder), i
        elif weak_at - i > STRONG_REACH:
            return weak
    return weak


def _strong_heading(page: _Page, chain: list[LexborNode]) -> bool:
    """A heading element, a titled element (class tit/title/bt/hd …) or a link to a column."""
    headed = any(a.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "caption", "legend") for a in chain[:3])
    link = next((a for a in chain[:2] if a.tag == "a"), None)
    if link is not None:  # a linked text: a heading when it links to a column of the site or sits in <hN>
        url = absolute(page.base, link.attributes.get("href"))
        return headed or (url is not None and _column_like(url) and _same_site(url, page.doc.url))
    if headed or any(
        _HEADING_ATTR.search(f"{a.attributes.get('class') or ''} {a.attributes.get('id') or ''}") for a in chain[:3]
    ):
        return True
    holder = chain[0] if chain else None
    if holder is not None and holder.parent is not None:  # a title bar: the text beside its 更多 link
        for a in holder.parent.css("a"):
            if a.mem_id != holder.mem_id and _MORE.match(clean_text(a.text()) or "-") and clean_text(a.text()):
                return True
    return False


def _same_site(url: str, page_url: str) -> bool:
    if urlsplit(page_url).scheme == "file":  # a saved page read from disk: its relative links are its own
        return urlsplit(url).scheme == "file"
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    home = (urlsplit(page_url).hostname or "").removeprefix("www.")
    return bool(host) and (host == home or host.endswith("." + home) or home.endswith("." + host))


def _in_article_link(page: _Page, chain: list[LexborNode]) -> bool:
    """Text of a link to an article (a caption, a headline) is not a heading; a link to a column may be."""
    for a in chain[:3]:
        if a.tag == "a":
            url = absolute(page.base, a.attributes.get("href"))
            return url is not None and not _column_like(url)
    return False


def _dir(url: str) -> str:
    parts = urlsplit(url)
    path = _INDEX_FILE.sub("/", parts.path)
    if not path.endswith("/"):
        path = path.rsplit("/", 1)[0] + "/"
    return f"{parts.netloc}{path}"


def _column_like(url: str) -> bool:
    """A URL that opens a column (a directory, an index page, a list query), not an article."""
    parts = urlsplit(url)
    return (
        parts.path.endswith("/")
        or bool(_INDEX_FILE.search(parts.path))
        or bool(parts.query and not _ARTICLE_PATH.search(parts.path))
    )


def _holds(d: str, urls: list[str]) -> float:
    return sum(1 for u in urls if f"{urlsplit(u).netloc}{urlsplit(u).path}".startswith(d)) / len(urls)


def _link_name(page: _Page, dl: DatedList, line_urls: set[str]) -> tuple[str | None, str | None]:
    """(name, url) of a column link elsewhere on the page whose directory holds most of the list's items."""
    urls = [ln.url for ln in dl.lines if ln.url]
    if len(urls) < 2:
        return None, None
    best: tuple[bool, int, str | None, str] | None = None
    deepest: tuple[int, str] | None = None
    for link in page.doc.links:
        if link.tag != "a" or link.url in line_urls or not _column_like(link.url):
            continue
        d = _dir(link.url)
        if d.count("/") < 2 or _holds(d, urls) < PREFIX_SHARE:
            continue
        text = name_text(link.text)
        named = text if 2 <= len(text) <= 12 and not _MORE_WORD.search(text) and not text.isdigit() else None
        key = (named is not None, len(d), named, link.url)
        if best is None or key[:2] > best[:2]:
            best = key
        if deepest is None or len(d) > deepest[0]:
            deepest = (len(d), link.url)
    return (best[2] if best else None), (deepest[1] if deepest else None)


def _more_link(page: _Page, dl: DatedList, line_ids: dict[int, DatedList]) -> str | None:
    """A 更多 link in the list's block, preferring one whose directory holds the list's items."""
    urls = [ln.url for ln in dl.lines if ln.url]
    node: LexborNode | None = dl.container
    if dl.block is not None and _depth_to(dl.block, dl.container.mem_id):
        node = dl.block  # a one-line list: its block sits below the line's container
    shared = False  # once the block holds other lists, only a link to this list's own directory will do
    for _ in range(MORE_LEVELS):
        if node is None or node.tag in ("body", "html"):
            return None
        cands = []
        for a in node.css("a, area"):
            text = clean_text(a.text()) or clean_text(a.attributes.get("title") or "")
            url = absolute(page.base, a.attributes.get("href"))
            if url and url not in urls and text and (_MORE.match(text) or (_MORE_WORD.search(text) and len(text) <= 8)):
                cands.append(url)
        for url in cands:
            if urls and _holds(_dir(url), urls) >= PREFIX_SHARE:
                return url
        shared = shared or any(line_ids.get(n.mem_id) not in (None, dl) for n in node.css("li, tr, dd, a, div, p"))
        if cands and not shared:
            return cands[0] if len(cands) == 1 else None
        node = node.parent
    return None


def _lca(a: LexborNode, b: LexborNode) -> LexborNode | None:
    ids = {a.mem_id} | {n.mem_id for n in _ancestors(a)}
    if b.mem_id in ids:
        return b
    return next((n for n in _ancestors(b) if n.mem_id in ids), None)


def _stands_alone(dl: DatedList, page: _Page) -> bool:
    """A one-line list is a column only when named by a tab or a heading, linked to its column, and
    alone in its block (a featured item above an undated list is not a dated list)."""
    if len(dl.lines) >= 2:
        return True
    if dl.name_source not in ("tab", "heading") or dl.block is None:
        return False
    if dl.name_source == "heading" and not dl.url:
        return False  # a headed one-liner without a link to its column is a headline or a notice
    own = {dl.lines[0].url, dl.url}
    for a in dl.block.css("a"):
        url = absolute(page.base, a.attributes.get("href"))
        text = clean_text(a.text())
        if url and url not in own and text and not _MORE.match(text) and not _MORE_WORD.search(text):
            return False
    return True


# ---------------------------------------------------------------- entry point


def dated_lists(doc: ParsedHTML, as_of: date) -> list[DatedList]:
    """Every dated list of the page, named, with its lines dated (provenance ``list_line``)."""
    page = _Page(doc=doc, base=doc.base_url or doc.url)
    page.index()
    lines = _lines(page)
    lists = _lists(page, lines)
    line_ids = {ln.node.mem_id: dl for dl in lists for ln in dl.lines}
    line_urls = {ln.url for ln in lines if ln.url}
    headings: dict[int, tuple[str, LexborNode] | DatedList | None] = {
        id(dl): _heading(page, dl, line_ids) for dl in lists
    }
    for dl in lists:
        resolved = resolve_run([(ln.shown, ln.url) for ln in dl.lines], as_of, doc.url)
        for ln, ev in zip(dl.lines, resolved):
            if ev is not None:
                ln.evidence = ColumnItem(title=ln.title, url=ln.url, date=ev)
        others = [h[1] for other in lists if other is not dl and isinstance(h := headings[id(other)], tuple)]
        tab = _tab_name(dl, others)
        found = headings[id(dl)]
        if isinstance(found, DatedList):
            dl.continues, found = found, None
        if tab is not None:
            dl.panel, dl.block = tab[1].mem_id, tab[1]
            inside = found is not None and _depth_to(found[1], tab[1].mem_id) is not None
            if inside and found is not None:  # a heading inside the panel names the list, not the strip
                dl.name, dl.name_source = found[0], "heading"
                dl.block = _lca(found[1], dl.lines[0].node)
            elif tab[0]:
                dl.name, dl.name_source = tab[0], "tab"
                dl.url = _tab_url(page, tab[1], tab[0])
        elif found is not None:
            dl.name, dl.name_source = found[0], "heading"
            dl.block = _lca(found[1], dl.lines[0].node)
        dl.url = dl.url or _more_link(page, dl, line_ids)
        if dl.name is None or dl.url is None:
            name, url = _link_name(page, dl, line_urls)
            if dl.name is None and name:
                dl.name, dl.name_source = name, "link"
            dl.url = dl.url or url
    return [dl for dl in _merge(lists) if _stands_alone(dl, page)]


def _tab_url(page: _Page, panel: LexborNode, label: str) -> str | None:
    """The column URL of a tab: its label's own link, when the label links somewhere."""
    node: LexborNode | None = panel.parent
    for _ in range(4):
        if node is None:
            return None
        for a in node.css("a"):
            if name_text(a.text(separator=" ")) == label:
                url = absolute(page.base, a.attributes.get("href"))
                if url:
                    return url
        node = node.parent
    return None


def _depth_to(node: LexborNode, ancestor_id: int) -> int | None:
    if node.mem_id == ancestor_id:
        return 0
    for i, anc in enumerate(_ancestors(node), start=1):
        if anc.mem_id == ancestor_id:
            return i
    return None


def _continues(prev: DatedList, dl: DatedList) -> bool:
    if dl.name_source == "tab" or prev.name_source == "tab":
        return dl.panel is not None and dl.panel == prev.panel
    a, b = prev.container, dl.container
    if a.parent is not None and b.parent is not None and a.parent.mem_id == b.parent.mem_id:
        return True
    return _depth_to(b, a.mem_id) == 1 or _depth_to(a, b.mem_id) == 1


def _merge(lists: list[DatedList]) -> list[DatedList]:
    out: list[DatedList] = []
    for dl in lists:
        prev = out[-1] if out else None
        same_panel = prev is not None and dl.panel is not None and dl.panel == prev.panel
        if prev is not None and (same_panel or (dl.continues is prev and _continues(prev, dl))):
            prev.lines.extend(dl.lines)
            prev.url = prev.url or dl.url
            continue
        out.append(dl)
    return out
