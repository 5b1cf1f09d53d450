"""Read message boards: list pages, detail pages, the statistics block, and what a channel is.

Boards are built on many CMSs, so fields are found by their Chinese *labels* (留言时间, 答复内容 …)
rather than by markup: first label/value cell pairs (tables, dl/dt/dd, label elements followed by
a value element), then "label：value" lines of the visible text as a fallback.  Times are read as the
site prints them (local time, naive datetimes): ``2019/4/25 9:32:09``, ``2019-04-24 16:03:40``,
``2019年4月24日`` …
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from selectolax.lexbor import LexborNode

from inspector.extract.html import ParsedHTML, clean_text, parse_html
from inspector.model import Message

# --------------------------------------------------------------------------- times

_TIME = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.年])\s*(?P<m>\d{1,2})\s*(?:[-/.月])\s*(?P<d>\d{1,2})\s*日?"
    r"(?:[\sT]*(?P<H>\d{1,2})\s*[:时]\s*(?P<M>\d{1,2})(?:\s*[:分]\s*(?P<S>\d{1,2}))?)?"
)


def parse_time(text: str | None) -> datetime | None:
    """The first date(-time) in ``text``, or None.  Impossible dates (2019-02-30) are skipped."""
    if not text:
        return None
    for m in _TIME.finditer(text):
        try:
            return datetime(
                int(m["y"]),
                int(m["m"]),
                int(m["d"]),
                int(m["H"] or 0),
                int(m["M"] or 0),
                int(m["S"] or 0),
            )
        except ValueError:
            continue
    return None


def all_times(text: str) -> list[datetime]:
    out = []
    for m in _TIME.finditer(text or ""):
        t = parse_time(m.group(0))
        if t is not None:
            out.append(t)
    return out


# --------------------------------------------------------------------------- labels

# field → labels, longest first where one label contains another.
LABELS: dict[str, tuple[str, ...]] = {
    "id": ("留言编号", "信件编号", "来信编号", "编号", "查询码", "信件查询码", "受理编号"),
    "title": ("留言标题", "留言主题", "信件标题", "来信标题", "咨询标题", "标题", "主题"),
    "submitted_at": ("留言时间", "来信时间", "写信时间", "提交时间", "咨询时间", "提问时间", "发件时间"),
    "question": ("留言内容", "留言详情", "来信内容", "信件内容", "咨询内容", "问题描述", "内容"),
    "unit": ("答复单位", "回复单位", "办理单位", "承办单位", "答复部门", "回复部门", "受理单位"),
    "replied_at": ("答复时间", "回复时间", "办结时间", "答复日期", "回复日期", "处理时间"),
    "reply": ("答复内容", "回复内容", "答复意见", "回复意见", "办理结果", "处理结果", "答复", "回复"),
    "status": ("办理状态", "处理状态", "状态"),
    "author": ("留言人", "留言用户", "来信人", "写信人", "姓名"),
}
_LABEL_TO_FIELD = {lab: f for f, labs in LABELS.items() for lab in labs}
_ALL_LABELS = sorted(_LABEL_TO_FIELD, key=len, reverse=True)
_LABEL_LINE = re.compile(r"^\s*[【\[]?(" + "|".join(map(re.escape, _ALL_LABELS)) + r")[】\]]?\s*(?:[:：]\s*(.*))?$")
# Where a detail page's last field ends when it is read line by line.
_FOOTER = re.compile(r"版权所有|主办单位|网站标识码|ICP备|公网安备|返回顶部|【?关闭】?$|【?打印】?$|^上一篇|^下一篇")


def label_field(text: str) -> str | None:
    """The message field a label cell names ("留言时间：" → submitted_at), or None."""
    t = clean_text(text).strip("：:【】[] ")
    return _LABEL_TO_FIELD.get(t)


def _cell_pairs(doc: ParsedHTML) -> dict[str, str]:
    """label → value from markup: <th|td>label</…><td>value</td>, <dt>/<dd>, label span + sibling."""
    found: dict[str, str] = {}
    for node in doc.css("th, td, dt, span, label, strong, b, div.label, p"):
        field = label_field(node.text(deep=True)) if len(node.text(deep=True)) < 16 else None
        if field is None or field in found:
            continue
        value_node = node.next
        while (
            value_node is not None
            and value_node.tag in ("-text", "-comment")
            and not clean_text(value_node.text() if value_node.tag == "-text" else "")
        ):
            value_node = value_node.next
        if value_node is None:
            continue
        value = _node_text(value_node)
        if value and label_field(value) is None:
            found[field] = value
    return found


def _node_text(node: LexborNode) -> str:
    text = node.text(deep=True, separator="\n") if node.tag != "-text" else (node.text() or "")
    lines = [clean_text(x) for x in text.splitlines()]
    return "\n".join(x for x in lines if x)


def _line_pairs(text: str) -> dict[str, str]:
    """label：value lines; a value runs on until the next label line (multi-line contents)."""
    found: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.splitlines():
        m = _LABEL_LINE.match(line)
        if m:
            field = _LABEL_TO_FIELD[m.group(1)]
            current = field if field not in found else None
            if current:
                found[current] = [m.group(2)] if m.group(2) else []
            continue
        if _FOOTER.search(line):
            current = None
        elif current is not None:
            found[current].append(line)
    return {k: "\n".join(x for x in v if x).strip() for k, v in found.items() if any(v)}


def parse_detail(page: ParsedHTML | str, url: str = "") -> Message:
    """One message from its detail page.  Missing fields stay empty; nothing raises on odd HTML."""
    doc = parse_html(page, url) if isinstance(page, str) else page
    fields = _line_pairs(doc.visible_text)
    fields.update({k: v for k, v in _cell_pairs(doc).items() if v})
    raw = {k: fields[k] for k in ("submitted_at", "replied_at") if fields.get(k)}
    title = fields.get("title") or doc.meta.get("ArticleTitle") or doc.title
    msg = Message(
        title=clean_text(title),
        url=doc.url or None,
        id=(fields.get("id") or "").split("\n")[0] or None,
        submitted_at=parse_time(fields.get("submitted_at")),
        question=fields.get("question", ""),
        unit=(fields.get("unit") or "").split("\n")[0] or None,
        replied_at=parse_time(fields.get("replied_at")),
        reply=fields.get("reply", ""),
        status=(fields.get("status") or "").split("\n")[0] or None,
        raw_dates=raw,
    )
    if msg.status is None:
        msg.status = status_word(doc.visible_text[:4000])
    return msg


# --------------------------------------------------------------------------- list pages

_STATUS = re.compile(r"已回复|已答复|已办结|已处理|未回复|未答复|待回复|待答复|办理中|处理中|已受理|未受理|已转办")
_UNIT = re.compile(r"[\u4e00-\u9fff]{2,20}(?:局|委员会|委|办公室|办|政府|中心|街道|厅|院|所|部|处|公司|管委会)$")
NEXT_PAGE = ("下一页", "下页", "后一页", "next", ">", "›", "»")


def status_word(text: str) -> str | None:
    m = _STATUS.search(text or "")
    return m.group(0) if m else None


@dataclass
class ListRow:
    title: str
    url: str | None
    id: str | None = None
    submitted_at: datetime | None = None
    replied_at: datetime | None = None
    status: str | None = None
    unit: str | None = None

    def to_message(self) -> Message:
        return Message(
            title=self.title,
            url=self.url,
            id=self.id,
            submitted_at=self.submitted_at,
            replied_at=self.replied_at,
            status=self.status,
            unit=self.unit,
        )


def _header_map(cells: list[str]) -> dict[int, str]:
    out: dict[int, str] = {}
    for i, c in enumerate(cells):
        f = label_field(c)
        if f is None:
            t = clean_text(c)
            f = "submitted_at" if t in ("时间", "日期", "留言日期") else "title" if t in ("名称",) else None
        if f:
            out[i] = f
    return out


def parse_list(page: ParsedHTML | str, url: str = "") -> list[ListRow]:
    """Message rows of a board's list page: table rows (header-mapped when there is a header) or list
    items, each with a link to the detail page."""
    doc = parse_html(page, url) if isinstance(page, str) else page
    rows: list[ListRow] = []
    seen: set[str] = set()
    for table in doc.css("table"):
        if len(table.css("table")) > 1:  # lexbor's css() matches the node itself too
            continue  # layout table around the real one
        header: dict[int, str] = {}
        for tr in table.css("tr"):
            cells = tr.css("th, td")
            texts = [clean_text(c.text()) for c in cells]
            if not header and len(_header_map(texts)) >= 2 and tr.css_first("a[href]") is None:
                header = _header_map(texts)
                continue
            row = _row(doc, tr, cells, texts, header)
            if row and (row.url or row.title) not in seen:
                seen.add(row.url or row.title)
                rows.append(row)
    for li in doc.css("li, div.item, div.list-item"):
        if len(li.css("li, div.item, div.list-item")) > 1:
            continue
        row = _row(doc, li, [], [], {})
        if row and row.url not in seen and row.submitted_at is not None:
            seen.add(row.url or "")
            rows.append(row)
    return rows


def _row(
    doc: ParsedHTML, node: LexborNode, cells: list[LexborNode], texts: list[str], header: dict[int, str]
) -> ListRow | None:
    from inspector.extract.html import absolute

    links = [a for a in node.css("a[href]") if clean_text(a.text()) and clean_text(a.text()) not in NEXT_PAGE]
    title_col = next((i for i, f in header.items() if f == "title"), None)
    if links:
        a = max(links, key=lambda x: len(clean_text(x.text())))
        href = absolute(doc.base_url or doc.url, a.attributes.get("href"))
        if href is None:
            return None
        row = ListRow(title=clean_text(a.attributes.get("title") or a.text()), url=href)
    elif title_col is not None and title_col < len(texts) and texts[title_col]:
        # Search results and unpublished letters: listed by title without a detail link.
        row = ListRow(title=texts[title_col], url=None)
    else:
        return None
    if header:
        for i, field in header.items():
            if i >= len(texts):
                continue
            v = texts[i]
            if field in ("submitted_at", "replied_at"):
                setattr(row, field, parse_time(v))
            elif field in ("id", "status", "unit"):
                setattr(row, field, v or None)
    text = clean_text(node.text(separator=" "))
    if row.submitted_at is None:
        times = all_times(text)
        if times:
            row.submitted_at = times[0]
            if len(times) > 1 and "replied_at" not in header.values():
                row.replied_at = times[1]
    if row.status is None:
        row.status = status_word(text)
    if row.unit is None and not header:
        for t in texts:
            if _UNIT.search(t) and t != row.title:
                row.unit = t
                break
    if row.submitted_at is None and not header:
        return None  # a navigation link, not a message
    return row


def next_page(page: ParsedHTML) -> str | None:
    """The 下一页 link of a paginated list, if any."""
    for link in page.links:
        if link.tag == "a" and clean_text(link.text).lower() in NEXT_PAGE and link.url != page.url:
            return link.url
    return None


# --------------------------------------------------------------------------- statistics block

_N = r"(\d[\d,]*)\s*(?:条|件|封|个)"
_STATS = {
    "received": re.compile(r"(?:共收到|累计收到|收到|受理|来信|留言总数|留言)[^\d\n]{0,8}" + _N),
    "answered": re.compile(r"(?:已答复|已回复|已办结|办结|答复|回复)[^\d\n%]{0,6}" + _N),
    "rate": re.compile(r"(?:答复率|回复率|办结率|响应率)[^\d\n]{0,4}(\d+(?:\.\d+)?)\s*%"),
    "avg_days": re.compile(
        r"(?:平均办理时长|平均用时|平均办理时间|平均答复时间|平均回复时长|平均答复时长|平均办理用时)"
        r"[^\d\n]{0,4}(\d+(?:\.\d+)?)\s*(个?工作日|天|日)"
    ),
    "as_of": re.compile(
        r"(?:统计截止|截止|更新时间|统计时间|数据更新|更新日期|统计日期)[^\d\n]{0,8}"
        r"((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})"
    ),
}


def parse_statistics(text: str) -> dict[str, object] | None:
    """The published statistics block (收到 N 条, 已答复 M 条, 答复率 x%, 平均办理时长 N 天, 统计截止 date)."""
    out: dict[str, object] = {}
    for key, rx in _STATS.items():
        m = rx.search(text or "")
        if not m:
            continue
        if key in ("received", "answered"):
            out[key] = int(m.group(1).replace(",", ""))
        elif key == "rate":
            out[key] = float(m.group(1))
        elif key == "avg_days":
            out[key] = float(m.group(1))
            out["avg_unit"] = "working_days" if "工作日" in m.group(2) else "days"
        else:
            t = parse_time(m.group(1))
            if t:
                out["as_of"] = t.date().isoformat()
        out.setdefault("raw", [])
        out["raw"].append(clean_text(m.group(0)))  # type: ignore[union-attr]
    numbers = {"received", "answered", "rate", "avg_days"} & out.keys()
    return out if numbers else None


# --------------------------------------------------------------------------- channels

# kind → words in a link's text or URL.  Order matters: the excluded special channels are tested first
# because their names often contain 留言/信箱 too (纪委信箱, 网上信访).
CHANNEL_KINDS: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    ("discipline", ("纪检", "纪委", "监察", "廉政", "纪律"), ("jubao", "jjjc", "jw")),
    ("petition", ("信访",), ("xinfang", "xf")),
    ("interview", ("在线访谈", "访谈", "在线直播"), ("fangtan", "ft", "interview")),
    ("survey", ("调查征集", "征集", "意见征集", "网上调查", "民意调查", "问卷"), ("zhengji", "survey", "dczj", "yjzj")),
    ("complaint", ("投诉", "12345", "热线"), ("tousu", "complain", "12345")),
    (
        "mailbox",
        ("信箱", "我要写信", "写信", "来信", "书记", "市长", "县长", "区长", "局长"),
        ("mailbox", "xinxiang", "xx", "letter"),
    ),
    ("suggestion", ("建议", "建言", "献策"), ("jianyan", "jy", "suggest")),
    (
        "consultation",
        ("咨询", "留言", "问政", "互动交流", "政民互动", "互动"),
        ("zixun", "liuyan", "zx", "hd", "hudong", "message", "board"),
    ),
]


def classify_channel(text: str, url: str = "") -> str | None:
    """The kind of interaction channel a link leads to, or None when it is not one."""
    t = clean_text(text)
    path = urlsplit(url).path.lower() if url else ""
    path_words = set(re.split(r"[^a-z0-9]+", path))
    for kind, words, _ in CHANNEL_KINDS:
        if any(w in t for w in words):
            return kind
    for kind, _, url_words in CHANNEL_KINDS:
        if any(w in path_words for w in url_words):
            return kind
    return None


def channel_links(links: Iterable[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(text, url) pairs → (text, url, kind) for the ones that are interaction channels."""
    out = []
    seen: set[str] = set()
    for text, url in links:
        kind = classify_channel(text, url)
        if kind and url not in seen:
            seen.add(url)
            out.append((clean_text(text), url, kind))
    return out
