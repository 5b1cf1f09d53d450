"""What is known about one message once its list row and (maybe) its detail page were read.

The state is *answered*, *pending* or *unknown*, with where it was read:

- ``detail_reply`` / ``detail_status``: the detail page shows the reply, or a status word;
- ``list_status``: the list row's status (已答复 on the list is answered even when the detail page
  was not read: the latency is then unknown, not the answer);
- ``detail_no_reply``: the detail page was read, shows message fields but neither a reply nor a
  status — pending by inference only (a reply in an unread frame would look the same);
- no source: nothing was read that says either way → *unknown*, "not judged", never unanswered.
"""

from __future__ import annotations

from datetime import datetime

from inspector.extract.message_detail import detail_state
from inspector.extract.message_list import ListRow
from inspector.model import Message

_OVERLAY = ("id", "question", "unit", "reply", "author", "accepted_at", "forwarded_at", "concluded_at")


def _precise(t: datetime | None) -> bool:
    return t is not None and (t.hour, t.minute, t.second) != (0, 0, 0)


def _better_time(listed: datetime | None, detail: datetime | None) -> bool:
    """Whether the detail page's time should replace the list's."""
    if detail is None:
        return False
    if listed is None or listed.date() != detail.date():
        return True
    return _precise(detail) or not _precise(listed)


def _title(row: str, detail: str) -> str:
    if not detail or detail == row:
        return row or detail
    stem = row.rstrip(".…。 ")
    if not row or (stem and detail.startswith(stem)) or (len(detail) >= len(row) and stem in detail):
        return detail
    return row


def settle(row: ListRow | None, detail: Message | None = None, detail_is_message: bool = False) -> Message:
    """One message from its list row and its detail page (either may be missing), with its state."""
    if row is None and detail is None:
        raise ValueError("settle needs a list row or a detail page")
    msg = row.to_message() if row is not None else detail  # type: ignore[union-attr]
    assert msg is not None
    listed_state = row.state if row is not None else None
    if detail is not None and row is not None:
        msg.title = _title(msg.title, detail.title)
        for name in _OVERLAY:
            value = getattr(detail, name)
            if value:
                setattr(msg, name, value)
        for name in ("submitted_at", "replied_at"):
            if _better_time(getattr(msg, name), getattr(detail, name)):
                setattr(msg, name, getattr(detail, name))
                if name in detail.raw_dates:
                    msg.raw_dates[name] = detail.raw_dates[name]
                msg.sources[name] = detail.sources.get(name, "detail")
        if detail.status:
            msg.status, msg.sources["status"] = detail.status, "detail"
        if detail.reply:
            msg.sources["reply"] = "detail"
        msg.steps = detail.steps
        msg.evidence = list(dict.fromkeys(msg.evidence + detail.evidence))
        msg.detail_read = True
        msg.url = msg.url or detail.url
    if detail is not None and (detail_is_message or listed_state is not None):
        state, source = detail_state(detail)
        if source == "detail_no_reply" and listed_state is not None:
            state, source = listed_state, "list_status"
        msg.state, msg.state_source = state, source
    elif listed_state is not None:
        msg.state, msg.state_source = listed_state, "list_status"
    else:
        msg.state, msg.state_source = "unknown", None
    return msg


def state_of(m: Message) -> str:
    """A message's state, also for messages stored before the reader recorded one (then: a reply or a
    reply time means answered, a status word says which, anything else is unknown)."""
    if m.state is not None:
        return m.state
    from inspector.extract.message_fields import status_state

    if m.reply.strip() or m.replied_at is not None:
        return "answered"
    return status_state(m.status) or "unknown"
