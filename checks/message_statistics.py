"""留言统计数据公开 — message statistics (received, answered, rate, average time) published and recent.

A board's statistics block is read by inspector.extract.messages.parse_statistics into
``MessageBoard.stats``.  Stale means its stated date (统计截止/更新) is older than ``max_age_days``;
undated statistics are reported for information, since their recency cannot be judged.
"""

from __future__ import annotations

from datetime import date

from checks._messages import local_day
from inspector.check import Check, CheckContext, NotApplicable
from inspector.model import Evidence, Finding, SiteArtifacts


def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
    boards = [b for b in a.boards if b.kind in tuple(ctx.param("kinds")) and b.error is None]
    if not boards:
        raise NotApplicable("未找到可访问的留言渠道", "no reachable message board")
    with_stats = [b for b in boards if b.stats]
    if not with_stats:
        return [
            Finding(
                check="message-statistics",
                rule="missing",
                url=boards[0].url,
                message_zh="未公开留言受理、答复情况统计数据",
                message_en="no message statistics published",
                evidence=[Evidence(url=b.url, snippet=b.name, data={"kind": b.kind}) for b in boards],
                certainty="likely",
                certainty_reason="留言板页面未见统计数据（统计可能发布在未读取的页面）",
            )
        ]
    today = local_day(ctx.as_of)
    max_age = int(ctx.param("max_age_days"))
    dated = [(b, date.fromisoformat(str(b.stats["as_of"]))) for b in with_stats if b.stats and b.stats.get("as_of")]
    if not dated:
        b = with_stats[0]
        return [
            Finding(
                check="message-statistics",
                rule="undated",
                level="info",
                url=b.url,
                message_zh="留言统计数据未标明统计时间，无法判断是否及时更新",
                message_en="message statistics carry no date: recency cannot be judged",
                evidence=[Evidence(url=b.url, snippet="；".join(b.stats.get("raw", [])), data=dict(b.stats or {}))],  # type: ignore[union-attr]
            )
        ]
    board, newest = max(dated, key=lambda x: x[1])
    age = (today - newest).days
    if age <= max_age:
        return []
    return [
        Finding(
            check="message-statistics",
            rule="stale",
            url=board.url,
            message_zh=f"留言统计数据截止{newest}，已{age}天未更新（要求{max_age}天内）",
            message_en=f"message statistics dated {newest}: {age} days old (limit {max_age})",
            evidence=[
                Evidence(
                    url=board.url, snippet="；".join((board.stats or {}).get("raw", [])), data=dict(board.stats or {})
                )
            ],
            certainty="certain",
            certainty_reason="统计截止日期读自页面",
        )
    ]


CHECK = Check(
    id="message-statistics",
    title_zh="公开留言受理反馈情况统计数据",
    title_en="Message statistics are published and current",
    failure_zh="未公开留言受理反馈情况统计数据",
    failure_en="Message statistics not published or out of date",
    clause="扣分指标 互动交流·留言统计数据公开",
    requires=("boards",),
    run=run,
    defaults={"max_age_days": 60, "kinds": ["consultation", "suggestion", "mailbox", "complaint"]},
)
