"""One message from its detail page, whatever the layout of the board.

Layouts seen on real boards, all read here: label/value cells (``<th>留言时间</th><td>…</td>``,
``<dt>/<dd>``, a label element and its sibling); ``label：value`` lines, several on one line
(``留言人：X　留言时间：Y　状态：已回复``); a question or reply block after a heading
(办理结果, 【答复内容】) or after the line of its own fields (``答复单位：X　答复时间：Y`` then the text);
a platform's handling record (``受理 2026-11-16 12:00 …``, ``办结 …``). Times are read only from their
labels, to the second where the page shows seconds; a date inside the reply text is never the reply time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from inspector.extract.html import ParsedHTML, clean_text, parse_html
from inspector.extract.message_fields import (
    HEADING,
    QUESTION_GROUP,
    REPLY_GROUP,
    SINGLE_LINE,
    TIME_FIELDS,
    is_placeholder,
    is_status_only,
    is_strong,
    label_field,
    label_name,
    line_pairs,
    parse_time,
    status_state,
    status_word,
    time_span,
    value_fits,
)
from inspector.model import Message, MessageStep

# Where a field's text ends when a page is read line by line: the page footer and the tools under a message.
_FOOTER = re.compile(
    r"^(?:版权所有|Copyright|©)|^主办单位\s*[:：]|网站标识码\s*[:：]?\s*\w{6,}|ICP备\s*\d|公网安备\s*\d", re.I
)
_END = re.compile(
    r"^返回顶部|^【?(?:关闭|打印|打印本页|关闭窗口|返回)】?$|^(?:上一篇|下一篇|上一条|下一条)\s*[:：]"
    r"|^.{0,20}(?:【\s*(?:打印|关闭)|打印本页|关闭窗口|\[\s*(?:打印|关闭)\s*\]).{0,20}$"
    r"|^(?:满意度(?:评价|调查|测评)?|我要评价|评价)\s*[:：]|^(?:分享到|扫一扫)|^相关(?:留言|信件|链接|推荐)\s*[:：]?$"
    r"|^(?:办理|处理|流转)(?:过程|流程|进度|记录|情况跟踪)$"
)
_STEP = re.compile(r"^[【\[]?(提交|受理|签收|转办|交办|转交|办理|答复|回复|办结|回访|评价|审核)[】\]]?(?:[\s:：]|$)")
_STEP_FIELD = {"受理": "accepted_at", "签收": "accepted_at", "转办": "forwarded_at", "交办": "forwarded_at"}
_STEP_FIELD |= {"转交": "forwarded_at", "办结": "concluded_at"}
_CELLS = "th, td, dt, dd, span, label, strong, b, em, font, div, p, li, h2, h3, h4, h5"
_BADGES = "span, em, i, b, strong, font, div, p, td, label, li"


@dataclass
class DetailFields:
    values: dict[str, str] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)  # strong labels and status read
    badge: str | None = None  # a status word standing alone (a badge)

    def put(self, name: str, value: str, label: str) -> None:
        if name == "other" or not value:
            return
        self.values.setdefault(name, value)
        if is_strong(label) and label not in self.evidence:
            self.evidence.append(label)


# --------------------------------------------------------------------------- cells


def _node_text(node: LexborNode) -> str:
    if node.tag == "-text":
        return clean_text(node.text() or "")
    text = node.text(deep=True, separator="\n")
    return "\n".join(x for x in (clean_text(t) for t in text.splitlines()) if x)


def _next_value(node: LexborNode) -> LexborNode | None:
    nxt = node.next
    while nxt is not None and (nxt.tag == "-comment" or (nxt.tag == "-text" and not clean_text(nxt.text() or ""))):
        nxt = nxt.next
    return nxt


def _cells(doc: ParsedHTML, out: DetailFields) -> None:
    """label → value from markup: a label cell and the cell after it."""
    for node in doc.css(_CELLS):
        own = node.text(deep=True)
        if len(own) > 24 or node.css_first("table, dl, ul, ol") is not None:
            continue
        name = label_field(own)
        if name is None or name in out.values:
            continue
        value_node = _next_value(node)
        if value_node is None or (value_node.tag != "-text" and label_field(value_node.text(deep=True) or "")):
            continue
        value = _node_text(value_node)
        if name in SINGLE_LINE:
            value = value.split("\n")[0]
        if value and value_fits(name, value):
            out.put(name, value, label_name(own))


def _columns(doc: ParsedHTML, out: DetailFields) -> None:
    """A row of label cells over a row of value cells (留言人 | 留言时间 above X | 2019-04-24 …)."""
    for table in doc.css("table"):
        trs = table.css("tr")
        for head, body in zip(trs, trs[1:], strict=False):
            labels = [label_field(c.text(deep=True)) for c in head.css("th, td")]
            cells = body.css("th, td")
            if len(labels) < 2 or None in labels or len(cells) != len(labels):
                continue
            for name, cell, label_cell in zip(labels, cells, head.css("th, td"), strict=True):
                value = _node_text(cell)
                if name is not None and name not in out.values and value and value_fits(name, value):
                    out.put(name, value.split("\n")[0] if name in SINGLE_LINE else value, label_name(label_cell.text()))


def _badge(doc: ParsedHTML) -> str | None:
    """A status word standing alone in an element that is not a link or a menu (已办结, [未回复])."""
    for node in doc.css(_BADGES):
        text = node.text(deep=True)
        if len(text) > 12 or not is_status_only(text):
            continue
        parent: LexborNode | None = node
        inside_link = False
        while parent is not None:
            if parent.tag in ("a", "option", "select", "nav", "button"):
                inside_link = True
                break
            parent = parent.parent
        if not inside_link:
            return status_word(text)
    return None


# --------------------------------------------------------------------------- lines


def _lines(doc: ParsedHTML, out: DetailFields) -> None:
    """label：value lines; a question or reply runs on until the next label, the footer or the tools.

    Unlabeled text after a line of fields belongs to that group's body: after 留言人/留言时间 it is the
    question, after 答复单位/答复时间 the reply (unless the body has a label of its own)."""
    buf: dict[str, list[str]] = {}
    current: str | None = None  # the multi-line field continuation lines go to
    group: str | None = None  # question | reply
    waiting: str | None = None  # a single-line field whose value is on the next line

    def body() -> str | None:
        target = {"reply": "reply", "question": "question"}.get(group or "")
        return target if target is not None and not buf.get(target) else None

    def enter(name: str) -> None:
        nonlocal group
        if name in REPLY_GROUP:
            group = "reply"
        elif name in QUESTION_GROUP:
            group = "question"

    for line in doc.visible_text.splitlines():
        if len(line) <= 120 and _FOOTER.search(line):
            if buf:
                break
            continue
        if _END.search(line) or _is_step(line):
            current = waiting = group = None
            continue
        if waiting is not None:
            name, waiting = waiting, None
            if value_fits(name, line) and not line_pairs(line) and not HEADING.match(line):
                buf[name] = [_single(name, line)]
                continue
        heading = HEADING.match(line)
        pairs = [] if heading else line_pairs(line)
        if current is not None and (heading or pairs):
            names = [label_field(heading["label"]) or "other"] if heading else [tok.field for tok, _ in pairs]
            if all(n in buf for n in names):
                buf[current].append(line)  # labels already read: the words again inside the text
                continue
        if heading:
            name = label_field(heading["label"]) or "other"
            _evidence(out, heading["label"])
            enter(name)
            if name in SINGLE_LINE:
                waiting, current = name, None
            else:
                buf.setdefault(name, [])
                current = name
            continue
        if not pairs:
            target = current or body()
            if target is not None:
                current = target
                buf.setdefault(target, []).append(line)
            continue
        lead = line[: pairs[0][0].start].strip()
        target = current or body()
        if lead and target is not None:
            buf.setdefault(target, []).append(lead)
        current = None
        for tok, value in pairs:
            name = tok.field
            if name in buf:
                continue
            _evidence(out, tok.label)
            enter(name)
            if name not in SINGLE_LINE:
                buf[name] = [value] if value else []
                current = name
            elif not value:
                waiting = name
            else:
                single = _single(name, value)
                buf[name] = [single]
                rest = value[len(single) :].strip() if name in TIME_FIELDS else ""
                if rest and body() is not None:
                    buf.setdefault(body(), []).append(rest)  # type: ignore[arg-type]
    for name, parts in buf.items():
        text = "\n".join(p for p in parts if p).strip()
        if text and name != "other":
            out.values.setdefault(name, text)


def _evidence(out: DetailFields, label: str) -> None:
    name = label_name(label)
    if is_strong(name) and name not in out.evidence:
        out.evidence.append(name)


def _single(name: str, value: str) -> str:
    """A single-line field's value: for times, just the time text (what follows is not the time)."""
    if name in TIME_FIELDS:
        span = time_span(value)
        return value[span[1] : span[2]].strip() if span else value
    return value


# --------------------------------------------------------------------------- handling record


def _is_step(line: str) -> bool:
    m = _STEP.match(line)
    span = time_span(line[m.end() :]) if m else None
    return span is not None and span[1] <= 12


def _steps(doc: ParsedHTML) -> list[MessageStep]:
    """The platform's handling record: lines that start with a step name and carry a time."""
    steps: list[MessageStep] = []
    for line in doc.visible_text.splitlines():
        m = _STEP.match(line)
        if not m:
            continue
        span = time_span(line[m.end() :])
        if span is None or span[1] > 12:
            continue
        at, _, end = span
        steps.append(MessageStep(m.group(1), at, line[m.end() + end :].strip(" ：:　")))
    return steps if len(steps) >= 2 else []


# --------------------------------------------------------------------------- the message


def read_detail(page: ParsedHTML | str, url: str = "") -> tuple[Message, bool]:
    """The message on a detail page and whether the page shows message evidence (False: an article)."""
    doc = parse_html(page, url) if isinstance(page, str) else page
    cells = DetailFields()
    _cells(doc, cells)
    _columns(doc, cells)
    lines = DetailFields()
    _lines(doc, lines)
    # A cell holds one field whole; read line by line, a neighbouring cell can run into it.
    values = {**lines.values, **cells.values}
    evidence = list(dict.fromkeys(cells.evidence + lines.evidence))
    badge = _badge(doc)
    steps = _steps(doc)
    reply = values.get("reply", "")
    if is_placeholder(reply):
        reply = ""
    status = (values.get("status") or "").split("\n")[0] or None
    if status and status_word(status) is None:
        status = None
    status = status or badge
    if status:
        evidence.append(f"状态：{status}")
    title = values.get("title") or _heading(doc) or doc.meta.get("ArticleTitle") or doc.title
    msg = Message(
        title=clean_text(title),
        url=doc.url or None,
        id=(values.get("id") or "").split("\n")[0] or None,
        submitted_at=parse_time(values.get("submitted_at")),
        question=values.get("question", ""),
        unit=(values.get("unit") or "").split("\n")[0] or None,
        replied_at=parse_time(values.get("replied_at")),
        reply=reply,
        status=status,
        raw_dates={k: values[k] for k in TIME_FIELDS if values.get(k)},
        author=(values.get("author") or "").split("\n")[0] or None,
        evidence=evidence,
        detail_read=True,
        steps=steps,
    )
    msg.accepted_at = parse_time(values.get("accepted_at"))
    msg.sources = {k: "detail" for k in ("submitted_at", "replied_at", "reply", "status") if getattr(msg, k)}
    _apply_steps(msg)
    return msg, bool(evidence) or len(steps) >= 2


def _apply_steps(msg: Message) -> None:
    for step in msg.steps:
        name = _STEP_FIELD.get(step.name)
        if name and getattr(msg, name) is None:
            setattr(msg, name, step.at)
    first = msg.steps[0] if msg.steps else None
    if msg.submitted_at is None and first is not None and first.name == "提交":
        msg.submitted_at, msg.sources["submitted_at"] = first.at, "step"
        msg.raw_dates["submitted_at"] = f"{first.name} {first.at}"
    if msg.concluded_at is not None:
        if msg.replied_at is None:
            # The platform states when it concluded: that is the reply time it publishes.
            msg.replied_at, msg.sources["replied_at"] = msg.concluded_at, "step"
            msg.raw_dates["replied_at"] = f"办结 {msg.concluded_at}"
        if not msg.status:
            msg.status = "办结"


def _heading(doc: ParsedHTML) -> str | None:
    node = doc.tree.css_first("h1") or doc.tree.css_first("h2")
    text = clean_text(node.text()) if node is not None else ""
    return text if 2 <= len(text) <= 120 and label_field(text) is None else None


def detail_state(msg: Message) -> tuple[str, str]:
    """(state, source) as the detail page shows it."""
    if msg.reply.strip():
        return "answered", "detail_reply"
    state = status_state(msg.status)
    if state is not None:
        return state, "detail_status"
    if msg.replied_at is not None:
        return "answered", "detail_reply"
    return "pending", "detail_no_reply"


def parse_detail(page: ParsedHTML | str, url: str = "") -> Message:
    """One message from its detail page.  Missing fields stay empty; nothing raises on odd HTML."""
    msg, _ = read_detail(page, url)
    return msg
