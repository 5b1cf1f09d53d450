"""The vocabulary of message boards, shared by the list and detail readers: labels, status words, times.

Boards are built on many CMSs, so fields are found by their Chinese *labels* (留言时间, 答复内容 …),
not by markup. A label counts only where a label stands: a cell of its own, or at the start of a line
or after a separator, followed by a colon (``留言人：X　留言时间：Y`` on one line is two fields). A
label's value must look like that field's value (a time for 留言时间, a short name for 来信人): a reply
that begins "来信人：您好！" is reply text, not an author.

*Message evidence* — what makes an item a citizen's message and not an article — is a strong label
(留言人/来信人/提问人, 留言时间/来信时间, 答复单位/答复时间, 答复内容/办理结果 …) or a status word
(已答复/已办结/办理中/未回复 …). 标题/内容/编号/时间 alone are not evidence: articles have them too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

# --------------------------------------------------------------------------- times

_TIME = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-/.年])\s*(?P<m>\d{1,2})\s*(?:[-/.月])\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    r"(?:[\sT]*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2})(?:\.\d+)?)?\s*秒?)?"
)


def _at(m: re.Match[str]) -> datetime | None:
    try:
        return datetime(int(m["y"]), int(m["m"]), int(m["d"]), int(m["H"] or 0), int(m["M"] or 0), int(m["S"] or 0))
    except ValueError:  # 2019-02-30, 25:00
        return None


def parse_time(text: str | None) -> datetime | None:
    """The first date(-time) in ``text``, or None.  Impossible dates (2019-02-30) are skipped."""
    for m in _TIME.finditer(text or ""):
        t = _at(m)
        if t is not None:
            return t
    return None


def time_span(text: str) -> tuple[datetime, int, int] | None:
    """The first valid date(-time) in ``text`` with its start and end offsets."""
    for m in _TIME.finditer(text or ""):
        t = _at(m)
        if t is not None:
            return t, m.start(), m.end()
    return None


def all_times(text: str) -> list[datetime]:
    return [t for m in _TIME.finditer(text or "") if (t := _at(m)) is not None]


# --------------------------------------------------------------------------- labels

# field → labels. "other" labels are read only to end the value before them (类别, 浏览次数 …).
LABELS: dict[str, tuple[str, ...]] = {
    "id": ("留言编号", "信件编号", "来信编号", "诉求编号", "工单编号", "受理编号", "信件查询码", "查询码", "编号"),
    "title": (
        "留言标题",
        "留言主题",
        "信件标题",
        "来信标题",
        "咨询标题",
        "诉求标题",
        "投诉标题",
        "问题标题",
        "标题",
        "主题",
    ),
    "author": ("留言人", "留言用户", "留言者", "来信人", "写信人", "提问人", "咨询人", "反映人", "投诉人", "诉求人"),
    "submitted_at": (
        "留言时间",
        "留言日期",
        "来信时间",
        "来信日期",
        "写信时间",
        "提问时间",
        "咨询时间",
        "提交时间",
        "投诉时间",
        "诉求时间",
        "反映时间",
        "发件时间",
    ),
    "question": (
        "留言内容",
        "问题内容",
        "提问内容",
        "咨询问题",
        "留言详情",
        "来信内容",
        "信件内容",
        "咨询内容",
        "诉求内容",
        "投诉内容",
        "反映内容",
        "问题描述",
        "内容",
    ),
    "unit": (
        "答复单位",
        "回复单位",
        "答复部门",
        "回复部门",
        "答复机构",
        "回复机构",
        "答复机关",
        "回复机关",
        "办理单位",
        "办理部门",
        "承办单位",
        "处理单位",
        "受理单位",
    ),
    "replied_at": ("答复时间", "回复时间", "答复日期", "回复日期", "办结时间", "办结日期", "反馈时间", "处理时间"),
    "accepted_at": ("受理时间", "受理日期"),
    "reply": (
        "答复内容",
        "回复内容",
        "答复意见",
        "回复意见",
        "答复情况",
        "回复情况",
        "办理结果",
        "处理结果",
        "办理情况",
        "处理情况",
        "官方回复",
        "部门回复",
        "领导回复",
        "回复详情",
        "反馈意见",
        "答复",
        "回复",
    ),
    "status": ("办理状态", "处理状态", "回复状态", "答复状态", "当前状态", "状态"),
    "other": (
        "留言类别",
        "留言类型",
        "信件类别",
        "诉求类别",
        "类别",
        "类型",
        "分类",
        "浏览次数",
        "点击数",
        "访问量",
        "满意度",
        "评价",
        "所属地区",
        "公开方式",
        "是否公开",
        "发布时间",
        "来源",
    ),
}
# Strong labels: message evidence (bare 答复/回复 and the generic ones are not).
_WEAK = {"答复", "回复", "标题", "主题", "内容", "编号", "查询码", "状态"}
STRONG_FIELDS = ("author", "submitted_at", "unit", "replied_at", "reply", "status", "accepted_at")
SINGLE_LINE = ("id", "title", "author", "submitted_at", "unit", "replied_at", "accepted_at", "status", "other")
TIME_FIELDS = ("submitted_at", "replied_at", "accepted_at")
QUESTION_GROUP = ("id", "title", "author", "submitted_at", "question")
REPLY_GROUP = ("unit", "replied_at", "reply")

_LABEL_TO_FIELD = {lab: f for f, labs in LABELS.items() for lab in labs}
_BY_LENGTH = sorted(_LABEL_TO_FIELD, key=len, reverse=True)
_SPACE = r"[\s\u3000\xa0]*"
_LABEL_ALT = "|".join(_SPACE.join(map(re.escape, lab)) for lab in _BY_LENGTH)
# A label where a label stands: line start or after a separator; then a colon, or a closing bracket.
TOKEN = re.compile(
    r"(?:^|(?<=[\s\u3000\xa0|｜/、;；,，]))[【\[]?(?P<label>" + _LABEL_ALT + r")(?:[】\]]\s*[:：]?|\s*[:：])"
)
# A whole line that is only a label (a heading: "办理结果", "【答复内容】", "留言时间：").
HEADING = re.compile(r"^\s*[【\[]?(?P<label>" + _LABEL_ALT + r")[】\]]?\s*[:：]?\s*$")
_STRIP = re.compile(r"[\s\u3000\xa0：:【】\[\]]+")


def label_name(text: str) -> str:
    return _STRIP.sub("", text or "")


def label_field(text: str) -> str | None:
    """The message field a label cell names ("留言时间：" → submitted_at, "留 言 人" → author), or None."""
    return _LABEL_TO_FIELD.get(label_name(text))


def is_strong(label: str) -> bool:
    name = label_name(label)
    field = _LABEL_TO_FIELD.get(name)
    return field in STRONG_FIELDS and name not in _WEAK


# --------------------------------------------------------------------------- status

# Negatives first: 未办结 is pending although it contains 办结.
PENDING_WORDS = (
    "未回复",
    "未答复",
    "未办结",
    "未处理",
    "未受理",
    "待回复",
    "待答复",
    "待处理",
    "待办理",
    "待受理",
    "办理中",
    "处理中",
    "正在办理",
    "正在处理",
    "转办中",
    "已转办",
    "已交办",
    "已受理",
    "已签收",
    "审核中",
    "待审核",
)
ANSWERED_WORDS = (
    "已回复",
    "已答复",
    "已办结",
    "已处理",
    "已反馈",
    "已回应",
    "已解决",
    "已完成",
    "处理完毕",
    "办理完毕",
    "办结",
)
_STATUS = re.compile("|".join(map(re.escape, sorted(PENDING_WORDS + ANSWERED_WORDS, key=len, reverse=True))))
_PENDING = set(PENDING_WORDS)
# Placeholders shown where a reply would be: not a reply.
NO_REPLY = re.compile(
    r"^(?:(?:暂无|暂未|尚未|还未|未|没有)(?:回复|答复|办理结果|处理结果|反馈|公开)?(?:内容|信息|结果)?"
    r"|(?:正在|尚在|待|等待)(?:办理|处理|回复|答复)中?[，,。]?(?:请(?:您)?(?:耐心)?等待[^。]{0,8})?)[。.!！]*$"
)


def is_placeholder(text: str) -> bool:
    """A reply cell that only says there is no reply yet (暂无回复, 正在办理中，请耐心等待。)."""
    t = re.sub(r"[\s\u3000\xa0（）()【】\[\]]+", "", text or "")
    return not t or (len(t) <= 24 and NO_REPLY.match(t) is not None)


def status_word(text: str | None) -> str | None:
    m = _STATUS.search(text or "")
    return m.group(0) if m else None


def status_state(word: str | None) -> str | None:
    """answered | pending for a status word, None when it is none."""
    w = status_word(word)
    if w is None:
        return None
    return "pending" if w in _PENDING else "answered"


def is_status_only(text: str) -> bool:
    """The whole text is one status word (a badge: "已办结", "[未回复]")."""
    t = re.sub(r"[\s\u3000\xa0\[\]【】（）()<>《》:：·•]+", "", text or "")
    return bool(t) and _STATUS.fullmatch(t) is not None


# --------------------------------------------------------------------------- label:value tokens


@dataclass
class Token:
    field: str
    label: str
    start: int  # offset of the label in the line
    end: int  # offset where the value begins


def tokens(line: str) -> list[Token]:
    return [
        Token(_LABEL_TO_FIELD[label_name(m["label"])], label_name(m["label"]), m.start(), m.end())
        for m in TOKEN.finditer(line)
    ]


_SENTENCE = re.compile(r"[，。！？!?；;]")


def value_fits(field: str, value: str) -> bool:
    """Whether ``value`` looks like a value of ``field`` (empty: decided by what follows)."""
    v = value.strip()
    if not v:
        return True
    if field in TIME_FIELDS:
        span = time_span(v)
        return span is not None and span[1] <= 2
    if field == "status":
        return status_word(v[:12]) is not None
    if field in ("author", "unit", "id"):
        return len(v) <= 40 and not _SENTENCE.search(v)
    if field == "title":
        return len(v) <= 120
    return True


_LEAD = re.compile(r"^[\s\u3000\xa0【\[]*")


def line_pairs(line: str, *, anywhere: bool = False) -> list[tuple[Token, str]]:
    """The label:value pairs of one line whose values fit their labels, in order (a label whose value
    does not fit is text of the value before it). A line of fields starts with its first label: a label
    after other words ("网站显示，状态：已回复") is part of a sentence — unless ``anywhere`` (a list row,
    whose title and date come first)."""
    found = tokens(line)
    if not anywhere and found and found[0].start > _LEAD.match(line).end():  # type: ignore[union-attr]
        return []

    def value(i: int) -> str:
        end = found[i + 1].start if i + 1 < len(found) else len(line)
        return line[found[i].end : end].strip()

    i = 0
    while i < len(found):
        if value_fits(found[i].field, value(i)):
            i += 1
        else:
            del found[i]
    return [(tok, value(i)) for i, tok in enumerate(found)]
