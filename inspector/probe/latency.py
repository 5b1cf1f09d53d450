"""The window a probe's latency is measured over, from the best evidence the site gives.

In order of trust: the platform's own handling record (提交 → 办结 steps, as a 民心网-style complaint
platform shows them: ``Message.steps`` / ``concluded_at``), then the reply time the site states, and
only then the moment a follow-up first saw the reply (which can only overstate the latency).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from inspector.model import Message
from inspector.timeutil import cst_naive

SUBMIT_STEPS = ("提交", "登记", "受理")  # the first of these the platform shows starts the clock
DONE_STEPS = ("办结", "答复", "回复")


def _steps(reply: Message) -> dict[str, datetime]:
    out: dict[str, datetime] = {}
    for step in getattr(reply, "steps", None) or []:
        at = cst_naive(getattr(step, "at", None))
        if at is not None:
            out.setdefault(str(getattr(step, "name", "")), at)
    return out


def reply_window(probe: dict[str, Any], reply: Message, now: datetime) -> tuple[datetime, datetime, str]:
    """(start, end, source); source is ``platform_steps`` | ``site`` | ``first_seen``."""
    steps = _steps(reply)
    sent = probe.get("sent_at")
    start = (
        next((steps[s] for s in SUBMIT_STEPS if s in steps), None)
        or cst_naive(reply.submitted_at)
        or cst_naive(probe.get("site_submitted_at"))
        or cst_naive(sent)
        or cst_naive(now)
    )
    done = cst_naive(getattr(reply, "concluded_at", None)) or next((steps[s] for s in DONE_STEPS if s in steps), None)
    if done is not None:
        return start, done, "platform_steps"  # type: ignore[return-value]
    if reply.replied_at is not None:
        return start, cst_naive(reply.replied_at), "site"  # type: ignore[return-value]
    return start, cst_naive(now), "first_seen"  # type: ignore[return-value]


def step_times(reply: Message) -> dict[str, str]:
    """The platform's steps as shown (name → time to the second), for the ledger and the report."""
    return {name: at.isoformat(sep=" ", timespec="seconds") for name, at in _steps(reply).items()}
