"""Helpers shared by the interaction checks (message boards): not a check itself (leading underscore)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from inspector.extract.message_state import state_of
from inspector.extract.replies import compact, has_outcome, reply_patterns
from inspector.model import Certainty, Evidence, Message, MessageBoard, SiteArtifacts
from inspector.timeutil import CST

__all__ = [
    "SUBJECT_KINDS",
    "answered",
    "boards_of",
    "compact",
    "has_outcome",
    "in_window",
    "local",
    "local_day",
    "message_evidence",
    "not_read_counts",
    "pending_certainty",
    "reply_patterns",
    "snippet",
    "state_of",
]

SUBJECT_KINDS = ("consultation", "suggestion", "mailbox")  # the 3-month rule's 政务咨询类 channels
# Where a state was read on the page (list status, detail status or reply) vs inferred.
READ_ON_PAGE = ("list_status", "detail_status", "detail_reply")


def local(dt: datetime) -> datetime:
    """Boards print local (Beijing) time; an aware instant is moved there before comparing."""
    return dt.astimezone(CST).replace(tzinfo=None) if dt.tzinfo else dt


def local_day(dt: datetime | date) -> date:
    return local(dt).date() if isinstance(dt, datetime) else dt


def answered(m: Message) -> bool:
    return state_of(m) == "answered"


def boards_of(a: SiteArtifacts, kinds: tuple[str, ...] | list[str]) -> list[MessageBoard]:
    return [b for b in a.boards if b.kind in kinds]


def in_window(m: Message, as_of: datetime, lookback_days: int) -> bool:
    """Submitted within ``lookback_days`` before the inspection instant (and not after it)."""
    if m.submitted_at is None:
        return False
    now = local(as_of)
    sub = local(m.submitted_at)
    return now - timedelta(days=lookback_days) <= sub <= now


def snippet(text: str, n: int = 160) -> str:
    t = re.sub(r"\s+", " ", text or "").strip()
    return t if len(t) <= n else t[: n - 1] + "…"


def message_evidence(m: Message, **data: Any) -> Evidence:
    """One message as evidence: what was read, where (list row or detail page), as the site printed it."""
    times = {
        "submitted_at": m.submitted_at.isoformat() if m.submitted_at else None,
        "replied_at": m.replied_at.isoformat() if m.replied_at else None,
    }
    read = {
        "state": state_of(m),
        "state_source": m.state_source,
        "raw_dates": dict(m.raw_dates) or None,
        "labels_seen": list(m.evidence) or None,
        "list_url": m.list_url,
        "detail_read": m.detail_read,
    }
    return Evidence(
        url=m.url or m.list_url,
        snippet=snippet(m.reply or m.question or m.title),
        data={"title": m.title, "id": m.id, "unit": m.unit, "status": m.status, **times, **read, **data},
    )


def pending_certainty(m: Message) -> tuple[Certainty, str]:
    """A pending message is certain only when the page said so and the submit time was read there."""
    dated = "submitted_at" in m.raw_dates
    if m.state_source in ("list_status", "detail_status") and dated:
        where = "列表" if m.state_source == "list_status" else "详情页"
        return "certain", f"{where}显示“{m.status}”，留言时间“{m.raw_dates['submitted_at']}”读自页面"
    if m.state_source == "detail_no_reply":
        return "likely", "详情页未显示答复或办理状态，推定未答复（答复可能在未读取的区域）"
    return "likely", "留言状态或时间非页面明示"


def not_read_counts(boards: list[MessageBoard]) -> dict[str, Any]:
    """What the boards could not read: rows (list pages), details, and whether the count is known."""
    return {
        "rows_not_read": sum(b.rows_not_read or 0 for b in boards),
        "rows_not_read_unknown": any(b.rows_not_read is None and b.stopped for b in boards),
        "details_not_read": sum(b.details_not_read for b in boards),
        "stopped": {b.url: b.stopped for b in boards if b.stopped},
    }
