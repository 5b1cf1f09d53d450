"""办理结果公开 — the reply and the handling result are public, not only "已转办".

Fails a message whose published reply only says it was forwarded (no outcome wording such as
已办结/经核实/答复如下 or a concrete measure), and a message the site marks as answered whose detail
page was read and shows no reply text. A message whose detail page was not read is not judged here:
its reply may well be published (the list only said 已答复).
"""

from __future__ import annotations

from checks._messages import answered, in_window, message_evidence, reply_patterns
from inspector.check import Check, CheckContext, NotApplicable
from inspector.extract.replies import forwarded_only
from inspector.model import Finding, SiteArtifacts

__all__ = ["CHECK", "forwarded_only"]


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    kinds = tuple(ctx.param("kinds"))
    lookback = int(ctx.param("lookback_days"))
    rows = [
        (b, m)
        for b in a.boards
        if b.kind in kinds
        for m in b.messages
        if answered(m) and (m.submitted_at is None or in_window(m, ctx.as_of, lookback))
    ]
    # Judged: a reply text to read, or a detail page read that shows none.
    judged = [(b, m) for b, m in rows if m.reply.strip() or m.detail_read]
    if not judged:
        raise NotApplicable("未找到已读取答复的留言", "no answered message whose reply could be read")
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
                    message_zh=f"留言“{m.title}”显示已答复，但详情页未公开答复内容",
                    message_en=f"message “{m.title}” is marked answered but its page shows no reply",
                    evidence=[message_evidence(m)],
                    certainty="likely",
                    certainty_reason="详情页已读取但未找到答复内容（答复可能在未识别的区域）",
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
                    certainty="likely",
                    certainty_reason="答复文字只见转办用语、未见办理结果用语（依用语判断）",
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
