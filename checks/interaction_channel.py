"""V5a 互动回应差 — no working online consultation/suggestion channel (单项否决 5（1）).

Special channels (网上信访, 纪检举报, 调查征集, 在线访谈) do not count.  A channel "works" when its
page could be fetched and it either offers a submit form or lists messages.
"""

from __future__ import annotations

from inspector.check import Check, CheckContext, NotApplicable
from inspector.model import Evidence, Finding, SiteArtifacts


def _working(board) -> bool:  # type: ignore[no-untyped-def]
    if board.error is not None or board.accepts_submissions is False:
        return False
    return board.submit_form is not None or bool(board.messages)


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    if a.home is None and not a.boards:
        raise NotApplicable("未获取首页，无法查找互动渠道", "home page not fetched: channels could not be looked for")
    kinds = tuple(ctx.param("counting_kinds"))
    counting = [b for b in a.boards if b.kind in kinds]
    if any(_working(b) for b in counting):
        return []
    evidence = [
        Evidence(
            url=b.url,
            snippet=b.name,
            data={"kind": b.kind, "error": b.error, "form": b.submit_form is not None, "messages": len(b.messages)},
        )
        for b in a.boards
    ]
    if not counting:
        zh, en = "未发现有效的咨询建言渠道", "no consultation/suggestion channel found"
        if a.boards:
            zh += "（仅有信访、纪检举报、征集或访谈等专门渠道）"
            en += " (only petition, discipline, survey or interview channels)"
    else:

        def why(b, zh: bool) -> str:  # type: ignore[no-untyped-def]
            if b.accepts_submissions is False:
                return "暂停受理（系统维护）" if zh else "not accepting messages (maintenance)"
            return b.error or ("无提交表单" if zh else "no submit form")

        zh = "咨询建言渠道无法使用：" + "；".join(f"{b.name}（{why(b, True)}）" for b in counting)
        en = "consultation channels not working: " + "; ".join(f"{b.name} ({why(b, False)})" for b in counting)
    return [
        Finding(
            check="interaction-channel",
            message_zh=zh,
            message_en=en,
            url=(counting[0].url if counting else a.site),
            evidence=evidence,
        )
    ]


CHECK = Check(
    id="interaction-channel",
    title_zh="有有效的咨询建言渠道",
    title_en="A working consultation/suggestion channel exists",
    failure_zh="互动回应差：无有效的咨询建言渠道",
    failure_en="Poor interaction: no working consultation/suggestion channel",
    clause="单项否决 5（1）",
    requires=("home", "boards"),
    run=run,
    defaults={"counting_kinds": ["consultation", "suggestion", "mailbox", "complaint"]},
)
