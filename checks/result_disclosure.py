"""办理结果公开 — the reply and the handling result are public, not only "已转办".

Fails a message whose published reply only says it was forwarded (no outcome wording such as
已办结/经核实/答复如下 or a concrete measure), and a message the site marks as answered whose reply
text is not shown at all.
"""

from __future__ import annotations

import re

from checks._messages import compact, has_outcome, in_window, message_evidence, reply_patterns
from inspector.check import Check, CheckContext, NotApplicable
from inspector.model import Finding, SiteArtifacts

_DONE = re.compile(r"已回复|已答复|已办结|已处理")


def forwarded_only(reply: str) -> bool:
    text = compact(reply)
    return any(re.search(p, text) for p in reply_patterns()["forwarded_only"]["patterns"]) and not has_outcome(reply)


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    kinds = tuple(ctx.param("kinds"))
    lookback = int(ctx.param("lookback_days"))
    rows = [
        (b, m)
        for b in a.boards
        if b.kind in kinds
        for m in b.messages
        if m.submitted_at is None or in_window(m, ctx.as_of, lookback)
    ]
    judged = [(b, m) for b, m in rows if m.reply.strip() or m.replied_at or _DONE.search(m.status or "")]
    if not judged:
        raise NotApplicable("未找到已答复的留言", "no answered messages to judge")
    why = reply_patterns()["forwarded_only"]
    findings: list[Finding] = []
    for board, m in judged:
        if not m.reply.strip():
            findings.append(
                Finding(
                    check="result-disclosure",
                    rule="reply_hidden",
                    url=m.url or board.url,
                    column=board.name,
                    message_zh=f"留言“{m.title}”显示已答复，但未公开答复内容",
                    message_en=f"message “{m.title}” is marked answered but the reply is not published",
                    evidence=[message_evidence(m)],
                )
            )
        elif forwarded_only(m.reply):
            findings.append(
                Finding(
                    check="result-disclosure",
                    rule="forwarded_only",
                    url=m.url or board.url,
                    column=board.name,
                    message_zh=f"留言“{m.title}”：{why['why_zh']}",
                    message_en=f"message “{m.title}”: {why['why_en']}",
                    evidence=[message_evidence(m)],
                )
            )
    return findings


CHECK = Check(
    id="result-disclosure",
    title_zh="留言办理结果公开",
    title_en="Handling results are published",
    failure_zh="办理结果未公开（仅“已转办”）",
    failure_en="Handling result not disclosed (only “forwarded”)",
    clause="扣分指标 互动交流·办理结果公开",
    requires=("boards",),
    run=run,
    defaults={"lookback_days": 365, "kinds": ["consultation", "suggestion", "mailbox", "complaint"]},
)
