"""Reply latency in calendar and working days (Chinese holidays and 调休 via inspector.workdays).

Latency runs from the site's stated submit time to its stated reply time (答复时间, or the
platform's own 办结 step when it shows no reply time). Classes (``inspector.extract.replies.LatencyRule``):
on_time (≤ SLA working days), late (> SLA), overdue (> overdue_factor × SLA), long_overdue
(> long_overdue_days calendar days). The SLA is local, not national (rules §7): configure
``sla_working_days`` per jurisdiction. One fail finding per late-or-worse reply within the lookback
window, plus one info finding with the median, the class counts and the answered messages whose
latency is unknown (answered on the list, reply time not read).
"""

from __future__ import annotations

import statistics
import warnings

from checks._messages import answered, in_window, local, message_evidence
from inspector import workdays
from inspector.check import Check, CheckContext, NotApplicable
from inspector.extract.replies import LatencyRule
from inspector.model import Evidence, Finding, SiteArtifacts

CLASS_ZH = {"on_time": "按时", "late": "超期", "overdue": "严重超期", "long_overdue": "超过3个月"}


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    kinds = tuple(ctx.param("kinds"))
    rule = LatencyRule.from_params(ctx.params)
    sla, lookback = rule.sla_working_days, int(ctx.param("lookback_days"))
    answered_rows = [
        (b, m)
        for b in a.boards
        if b.kind in kinds
        for m in b.messages
        if answered(m) and in_window(m, ctx.as_of, lookback)
    ]
    rows = [(b, m) for b, m in answered_rows if m.replied_at is not None]
    unknown = len(answered_rows) - len(rows)
    if not rows:
        raise NotApplicable("未找到可计算答复时长的留言", "no answered messages with reply times to measure")
    findings: list[Finding] = []
    counts = dict.fromkeys(CLASS_ZH, 0)
    wds: list[int] = []
    approximate = 0
    for board, m in rows:
        with warnings.catch_warnings():  # beyond-table dates are flagged in the evidence instead
            warnings.simplefilter("ignore", workdays.CalendarBeyondRange)
            lat = workdays.latency(local(m.submitted_at), local(m.replied_at))  # type: ignore[arg-type]
        approximate += lat.approximate
        cls = rule.classify(lat.working_days, lat.calendar_days)
        counts[cls] += 1
        wds.append(lat.working_days)
        if cls == "on_time":
            continue
        approx_zh = "（节假日表未覆盖，按周一至周五估算）" if lat.approximate else ""
        findings.append(
            Finding(
                check="reply-latency",
                rule=cls,
                url=m.url or board.url,
                column=board.name,
                message_zh=f"留言“{m.title}”用{lat.working_days}个工作日（{lat.calendar_days}天）答复，"
                f"{CLASS_ZH[cls]}（时限{sla}个工作日）{approx_zh}",
                message_en=f"message “{m.title}” answered after {lat.working_days} working days "
                f"({lat.calendar_days} calendar days): {cls.replace('_', ' ')} (SLA {sla} working days)"
                + (" [approximate: beyond the holiday table]" if lat.approximate else ""),
                evidence=[message_evidence(m, latency=lat.to_dict(), latency_class=cls)],
                certainty="certain" if {"submitted_at", "replied_at"} <= m.raw_dates.keys() else "likely",
                certainty_reason="留言时间与答复时间均读自页面"
                if {"submitted_at", "replied_at"} <= m.raw_dates.keys()
                else "时间非页面标注",
            )
        )
    median = statistics.median(wds)
    findings.append(
        Finding(
            check="reply-latency",
            rule="summary",
            level="info",
            url=a.site,
            message_zh=f"{len(rows)}条已答复留言，答复用时中位数{median:g}个工作日；按时{counts['on_time']}、超期{counts['late']}、"
            f"严重超期{counts['overdue']}、超过3个月{counts['long_overdue']}"
            + (f"；另有{unknown}条已答复但答复时间未读取（时长未知）" if unknown else ""),
            message_en=f"{len(rows)} answered messages, median {median:g} working days; on time {counts['on_time']}, "
            f"late {counts['late']}, overdue {counts['overdue']}, long overdue {counts['long_overdue']}"
            + (f"; {unknown} more answered with an unknown reply time" if unknown else ""),
            evidence=[
                Evidence(
                    url=a.site,
                    data={
                        "median_working_days": median,
                        "classes": counts,
                        "sla": sla,
                        "approximate": approximate,
                        "messages": len(rows),
                        "latency_unknown": unknown,
                    },
                )
            ],
        )
    )
    return findings


CHECK = Check(
    id="reply-latency",
    title_zh="留言答复及时",
    title_en="Messages are answered on time",
    failure_zh="留言答复不及时",
    failure_en="Late replies to messages",
    clause="扣分指标 互动交流·留言办理（时限按本地规定）",
    requires=("boards",),
    run=run,
    defaults={
        **LatencyRule().params(),
        "lookback_days": 365,
        "kinds": ["consultation", "suggestion", "mailbox", "complaint"],
    },
)
