"""V5b 互动回应差 — a consultation message of the past year unanswered for more than 3 months.

Only 政务咨询类 channels count (consultation, suggestion, mailbox); petitions, discipline reporting,
surveys and interviews are excluded.  "3 months" is ``max_days`` calendar days (default 90).

Answered means answered: a row the list marks 已答复 is answered even when its detail page was not
read. Only rows *read as pending* can fail — the list's status, or a detail page showing the message
without a reply — and the finding carries what was read, where. It is certain when the page stated
the pending status and the submit time; a detail page that merely shows no reply is "likely". Rows
whose state was not read (list pages or details beyond the budget, lists without a status) are not
judged: one information finding counts them, never a failure.

With ``count_late_replies`` a message *answered* after more than ``max_days`` also fails (the
UNCONFIRMED second reading of the rule).
"""

from __future__ import annotations

from typing import Any

from checks._messages import (
    SUBJECT_KINDS,
    boards_of,
    in_window,
    local_day,
    message_evidence,
    not_read_counts,
    pending_certainty,
    state_of,
)
from inspector.check import Check, CheckContext, NotApplicable
from inspector.model import Evidence, Finding, MessageBoard, SiteArtifacts


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    boards = boards_of(a, SUBJECT_KINDS)
    messages = [(b, m) for b in boards for m in b.messages]
    unread = not_read_counts(boards)
    if not messages and not unread["rows_not_read"]:
        raise NotApplicable("未找到公开的政务咨询类留言", "no public consultation messages found")
    lookback, max_days = int(ctx.param("lookback_days")), int(ctx.param("max_days"))
    today = local_day(ctx.as_of)
    findings: list[Finding] = []
    judged = not_judged = 0
    for board, m in messages:
        state = state_of(m)
        if m.submitted_at is None:
            not_judged += state != "answered"
            continue
        if not in_window(m, ctx.as_of, lookback):
            continue
        if state == "unknown":
            not_judged += 1
            continue
        judged += 1
        submitted = local_day(m.submitted_at)
        if state == "pending":
            waited = (today - submitted).days
            if waited > max_days:
                certainty, why = pending_certainty(m)
                findings.append(
                    Finding(
                        check="unanswered-messages",
                        rule="unanswered",
                        url=m.url or board.url,
                        column=board.name,
                        message_zh=f"留言“{m.title}”（{submitted}）已{waited}天未答复，超过{max_days}天",
                        message_en=f"message “{m.title}” ({submitted}) unanswered for {waited} days (> {max_days})",
                        evidence=[message_evidence(m, days_waiting=waited)],
                        certainty=certainty,
                        certainty_reason=why,
                    )
                )
        elif ctx.param("count_late_replies") and m.replied_at is not None:
            took = (local_day(m.replied_at) - submitted).days
            if took > max_days:
                findings.append(
                    Finding(
                        check="unanswered-messages",
                        rule="answered_late",
                        url=m.url or board.url,
                        column=board.name,
                        message_zh=f"留言“{m.title}”（{submitted}）{took}天后才答复，超过{max_days}天",
                        message_en=f"message “{m.title}” ({submitted}) answered only after {took} days (> {max_days})",
                        evidence=[message_evidence(m, days_to_reply=took)],
                        certainty="certain" if {"submitted_at", "replied_at"} <= m.raw_dates.keys() else "likely",
                        certainty_reason="留言时间与答复时间均读自页面",
                    )
                )
    if not judged and not findings:
        raise NotApplicable(
            f"留言状态均未读取（{not_judged}条未判定，{unread['rows_not_read']}条未读取），无法判断",
            f"no message state could be read ({not_judged} not judged, {unread['rows_not_read']} rows not read)",
        )
    if not_judged or unread["rows_not_read"] or unread["rows_not_read_unknown"]:
        findings.append(_not_judged(a, boards, not_judged, unread))
    return findings


def _not_judged(a: SiteArtifacts, boards: list[MessageBoard], not_judged: int, unread: dict[str, Any]) -> Finding:
    rows = unread["rows_not_read"]
    more = "（另有未知数量）" if unread["rows_not_read_unknown"] else ""
    return Finding(
        check="unanswered-messages",
        rule="not_judged",
        level="info",
        url=boards[0].url if boards else a.site,
        message_zh=f"{not_judged}条留言未读取到办理状态、{rows}条列表未读取{more}：未判定，不计为未答复",
        message_en=f"{not_judged} messages without a readable state and {rows} list rows not read: not judged "
        "(never counted as unanswered)",
        evidence=[
            Evidence(
                url=b.url,
                snippet=b.name,
                data={
                    "rows_stated": b.rows_stated,
                    "rows_read": len(b.messages),
                    "rows_not_read": b.rows_not_read,
                    "details_not_read": b.details_not_read,
                    "stopped": b.stopped,
                },
            )
            for b in boards
        ],
        certainty="certain",
        certainty_reason="计数",
    )


CHECK = Check(
    id="unanswered-messages",
    title_zh="1年内政务咨询类留言均在3个月内回应",
    title_en="Every consultation message of the past year was answered within 3 months",
    failure_zh="互动回应差：1年内政务咨询类留言超过3个月未回应",
    failure_en="Poor interaction: a consultation message from the past year unanswered > 3 months",
    clause="单项否决 5（2）",
    requires=("boards",),
    run=run,
    defaults={"lookback_days": 365, "max_days": 90, "count_late_replies": False},
)
