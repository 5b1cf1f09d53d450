"""V5b 互动回应差 — a consultation message of the past year unanswered for more than 3 months.

Only 政务咨询类 channels count (consultation, suggestion, mailbox); petitions, discipline reporting,
surveys and interviews are excluded.  "3 months" is ``max_days`` calendar days (default 90).
With ``count_late_replies`` a message *answered* after more than ``max_days`` also fails (the
UNCONFIRMED second reading of the rule).
"""

from __future__ import annotations

from checks._messages import SUBJECT_KINDS, answered, boards_of, in_window, local_day, message_evidence
from inspector.check import Check, CheckContext, NotApplicable
from inspector.model import Finding, SiteArtifacts


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    boards = boards_of(a, SUBJECT_KINDS)
    messages = [(b, m) for b in boards for m in b.messages]
    if not messages:
        raise NotApplicable("未找到公开的政务咨询类留言", "no public consultation messages found")
    lookback, max_days = int(ctx.param("lookback_days")), int(ctx.param("max_days"))
    today = ctx.today if ctx.as_of.tzinfo is None else local_day(ctx.as_of)
    findings: list[Finding] = []
    for board, m in messages:
        if not in_window(m, ctx.as_of, lookback):
            continue
        submitted = local_day(m.submitted_at)  # type: ignore[arg-type]
        if not answered(m):
            waited = (today - submitted).days
            if waited > max_days:
                findings.append(
                    Finding(
                        check="unanswered-messages",
                        rule="unanswered",
                        url=m.url or board.url,
                        column=board.name,
                        message_zh=f"留言“{m.title}”（{submitted}）已{waited}天未答复，超过{max_days}天",
                        message_en=f"message “{m.title}” ({submitted}) unanswered for {waited} days (> {max_days})",
                        evidence=[message_evidence(m, days_waiting=waited)],
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
                    )
                )
    return findings


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
