"""Helpers shared by the interaction checks (message boards): not a check itself (leading underscore)."""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from inspector.model import Evidence, Message, MessageBoard, SiteArtifacts

# Boards print local (Beijing) time; an aware ``as_of`` is moved there before comparing.
CST = timezone(timedelta(hours=8), "Asia/Shanghai")
SUBJECT_KINDS = ("consultation", "suggestion", "mailbox")  # the 3-month rule's 政务咨询类 channels
BRUSH_OFF = Path(__file__).resolve().parents[1] / "inspector" / "data" / "brush_off.toml"


def local(dt: datetime) -> datetime:
    return dt.astimezone(CST).replace(tzinfo=None) if dt.tzinfo else dt


def local_day(dt: datetime | date) -> date:
    return local(dt).date() if isinstance(dt, datetime) else dt


def answered(m: Message) -> bool:
    return m.replied_at is not None or bool(m.reply.strip())


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
    times = {
        "submitted_at": m.submitted_at.isoformat() if m.submitted_at else None,
        "replied_at": m.replied_at.isoformat() if m.replied_at else None,
    }
    return Evidence(
        url=m.url,
        snippet=snippet(m.reply or m.question or m.title),
        data={"title": m.title, "id": m.id, "unit": m.unit, "status": m.status, **times, **data},
    )


@lru_cache(maxsize=1)
def reply_patterns() -> dict[str, Any]:
    return tomllib.loads(BRUSH_OFF.read_text(encoding="utf-8"))


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def has_outcome(reply: str) -> bool:
    text = compact(reply)
    return any(re.search(p, text) for p in reply_patterns()["outcome"]["patterns"])
