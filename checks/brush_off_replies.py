"""Perfunctory replies (敷衍答复): boilerplate, identical replies, same-minute stamps, too-short replies.

Patterns and thresholds are data (inspector/data/brush_off.toml, rules §7); the profile may override
the thresholds.  Per-message findings for wording; one finding per group for identical replies and
same-minute stamps.
"""

from __future__ import annotations

import re
from collections import defaultdict

from checks._messages import answered, compact, in_window, message_evidence, reply_patterns
from inspector.check import Check, CheckContext, NotApplicable
from inspector.extract.replies import wording
from inspector.model import Evidence, Finding, Message, MessageBoard, SiteArtifacts

__all__ = ["CHECK", "wording"]
_NAME = re.compile(r"^(?:网友)?[“\"「]?[^”\"」：:，,]{0,20}[”\"」]?[：:，,]?(?:您好|你好)[！!，,。]?")


def _normal(reply: str) -> str:
    """Reply text without the greeting's name, digits and punctuation, to find copy-paste replies."""
    text = _NAME.sub("", compact(reply))
    return re.sub(r"[\d\W_]+", "", text)


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    kinds = tuple(ctx.param("kinds"))
    lookback = int(ctx.param("lookback_days"))
    rows: list[tuple[MessageBoard, Message]] = [
        (b, m)
        for b in a.boards
        if b.kind in kinds
        for m in b.messages
        if answered(m) and m.reply.strip() and (m.submitted_at is None or in_window(m, ctx.as_of, lookback))
    ]
    if not rows:
        raise NotApplicable("未找到公开的答复内容", "no published reply texts to judge")
    p = reply_patterns()
    th = {**p["thresholds"], **{k: ctx.param(k) for k in p["thresholds"] if ctx.param(k) is not None}}
    findings: list[Finding] = []
    for board, m in rows:
        rule = wording(m.reply)
        if rule:
            findings.append(
                Finding(
                    check="brush-off-replies",
                    rule=rule,
                    url=m.url or board.url,
                    column=board.name,
                    message_zh=f"留言“{m.title}”的答复{p[rule]['why_zh']}",
                    message_en=f"reply to “{m.title}”: {p[rule]['why_en']}",
                    evidence=[message_evidence(m)],
                    certainty="likely",
                    certainty_reason="答复文字符合套话/推诿用语（依用语判断，需人工确认是否为全部答复）",
                )
            )
            continue
        reply_len, q_len = len(compact(m.reply)), len(compact(m.question))
        if reply_len < th["short_reply_chars"] and q_len >= th["short_ratio"] * max(reply_len, 1):
            findings.append(
                Finding(
                    check="brush-off-replies",
                    rule="too_short",
                    url=m.url or board.url,
                    column=board.name,
                    message_zh=f"留言“{m.title}”的答复仅{reply_len}字，留言{q_len}字，答复无实质内容",
                    message_en=f"reply to “{m.title}” has {reply_len} characters for a {q_len}-character message",
                    evidence=[message_evidence(m, reply_chars=reply_len, question_chars=q_len)],
                    certainty="certain",
                    certainty_reason="答复与留言字数读自页面",
                )
            )
    groups: dict[str, list[Message]] = defaultdict(list)
    for _, m in rows:
        key = _normal(m.reply)
        if len(key) >= 4:
            groups[key].append(m)
    for same in groups.values():
        if len(same) >= th["min_identical"]:
            findings.append(
                Finding(
                    check="brush-off-replies",
                    rule="identical",
                    url=same[0].url,
                    message_zh=f"{len(same)}条留言的答复内容完全相同",
                    message_en=f"{len(same)} messages received the identical reply",
                    evidence=[message_evidence(m) for m in same[:20]],
                    certainty="certain",
                    certainty_reason="答复文字逐字相同（去除称呼与数字）",
                )
            )
    stamps: dict[str, list[Message]] = defaultdict(list)
    for _, m in rows:
        raw = m.raw_dates.get("replied_at", "")
        if (
            m.replied_at is not None
            and (not raw or re.search(r"\d[:时]\d", raw))
            and (m.replied_at.hour or m.replied_at.minute)
        ):
            stamps[m.replied_at.strftime("%Y-%m-%d %H:%M")].append(m)
    for minute, same in stamps.items():
        if len(same) >= th["same_minute_count"]:
            findings.append(
                Finding(
                    check="brush-off-replies",
                    rule="same_minute",
                    url=same[0].url,
                    message_zh=f"{len(same)}条答复时间同为{minute}，疑似集中批量答复",
                    message_en=f"{len(same)} replies stamped at the same minute {minute}: bulk answering",
                    evidence=[Evidence(url=m.url, snippet=m.title, data={"replied_at": minute}) for m in same[:20]],
                    certainty="certain",
                    certainty_reason="答复时间读自页面，精确到分",
                )
            )
    return findings


CHECK = Check(
    id="brush-off-replies",
    title_zh="留言答复有实质内容",
    title_en="Replies are substantive",
    failure_zh="留言答复敷衍（推诿、套话、无实质内容）",
    failure_en="Perfunctory replies (brush-offs, boilerplate)",
    clause="扣分指标 互动交流·答复质量",
    requires=("boards",),
    run=run,
    defaults={"lookback_days": 365, "kinds": ["consultation", "suggestion", "mailbox", "complaint"]},
)
