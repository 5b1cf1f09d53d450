"""V5a 互动回应差 — no working online consultation/suggestion channel (单项否决 5（1）).

Special channels (网上信访, 纪检举报, 调查征集, 在线访谈) do not count.  A channel "works" when its
page could be fetched and it either offers a submit form or lists messages.

Certain only when the site itself says its channels are closed (系统维护中, 暂停受理 on the page).
A channel that could not be fetched, or none found at all, is "likely": a crawl can miss an entry
built by script. A channel this inspection could not read for its own reasons (the board budget,
robots.txt, a reader error) makes the check not judged, never "no channel".
"""

from __future__ import annotations

from checks._messages import boards_of
from inspector.check import Check, CheckContext, NotApplicable
from inspector.extract.channels import NOT_THE_SITES
from inspector.model import Certainty, Evidence, Finding, MessageBoard, SiteArtifacts


def _working(board: MessageBoard) -> bool:
    if board.error is not None or board.accepts_submissions is False:
        return False
    return board.submit_form is not None or bool(board.messages)


def _ours(board: MessageBoard) -> bool:
    """Not read for the inspection's own reasons: says nothing about the site."""
    return board.error is not None and (board.error in NOT_THE_SITES or board.error.startswith("gather_error"))


def _closed(board: MessageBoard) -> bool:
    """The site says so on the page."""
    return board.error == "maintenance" or board.accepts_submissions is False


def _why(b: MessageBoard, zh: bool) -> str:
    if b.accepts_submissions is False or b.error == "maintenance":
        return "暂停受理（系统维护）" if zh else "not accepting messages (maintenance)"
    return b.error or ("无提交表单" if zh else "no submit form")


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    if a.home is None and not a.boards:
        raise NotApplicable("未获取首页，无法查找互动渠道", "home page not fetched: channels could not be looked for")
    counting = boards_of(a, tuple(ctx.param("counting_kinds")))
    if any(_working(b) for b in counting):
        return []
    if any(_ours(b) for b in counting):
        names = "、".join(f"{b.name}（{b.error}）" for b in counting if _ours(b))
        raise NotApplicable(f"互动渠道未能读取：{names}", f"channels could not be read by this inspection: {names}")
    evidence = [
        Evidence(
            url=b.url,
            snippet=b.name,
            data={
                "kind": b.kind,
                "error": b.error,
                "form": b.submit_form is not None,
                "messages": len(b.messages),
                "accepts_submissions": b.accepts_submissions,
            },
        )
        for b in a.boards
    ]
    certainty: Certainty = "likely"
    if not counting:
        zh, en = "未发现有效的咨询建言渠道", "no consultation/suggestion channel found"
        if a.boards:
            zh += "（仅有信访、纪检举报、征集或访谈等专门渠道）"
            en += " (only petition, discipline, survey or interview channels)"
        reason = "全站未找到咨询建言渠道（脚本生成的入口可能未被发现）"
    else:
        zh = "咨询建言渠道无法使用：" + "；".join(f"{b.name}（{_why(b, True)}）" for b in counting)
        en = "consultation channels not working: " + "; ".join(f"{b.name} ({_why(b, False)})" for b in counting)
        if all(_closed(b) for b in counting):
            certainty, reason = "certain", "各渠道页面均显示暂停受理/系统维护"
        else:
            reason = "渠道页面无法打开或无提交表单（可能为临时故障）"
    return [
        Finding(
            check="interaction-channel",
            message_zh=zh,
            message_en=en,
            url=(counting[0].url if counting else a.site),
            evidence=evidence,
            certainty=certainty,
            certainty_reason=reason,
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
