"""What an interaction channel is: the kind a link leads to (consultation, mailbox, complaint …).

A link's words say what kind of channel it *would* be; whether it is a board at all is decided by the
structure of the page it leads to (inspector.gather.boards), never by a title word: a message titled
"咨询社保缴费" is a message, not a board.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from inspector.extract.html import clean_text

# Fetch outcomes that say nothing about a site's channel: this inspection's own limits.
NOT_THE_SITES = ("budget", "robots")

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


# A channel's name ends with what it is (区长信箱, 在线咨询, 我要写信, 政民互动); a message title rarely does.
_CHANNEL_NOUN = re.compile(
    r"(?:信箱|留言板|留言|咨询|投诉|建议|建言|献策|问政|写信|互动|交流|热线|12345|信访|征集|调查|访谈|举报|来信|平台|选登)$"
)


def channel_rank(text: str, url: str = "") -> int:
    """How much a link looks like a channel entry: 3 named like one, 2 a short text with a channel word,
    1 only its URL, 0 not a channel. Candidates are read in this order."""
    kind = classify_channel(text, url)
    if kind is None:
        return 0
    t = clean_text(text)
    if _CHANNEL_NOUN.search(t):
        return 3
    if any(w in t for _, words, _ in CHANNEL_KINDS for w in words) and len(t) <= 8:
        return 2
    return 1
