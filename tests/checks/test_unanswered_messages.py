from datetime import datetime, timedelta, timezone

import pytest

from checks.unanswered_messages import CHECK
from inspector.check import CheckContext, NotApplicable
from inspector.model import Message, MessageBoard, SiteArtifacts

CST = timezone(timedelta(hours=8))
AS_OF = datetime(2026, 11, 16, 10, 0, tzinfo=CST)


def board(kind: str, *messages: Message, **kw: object) -> SiteArtifacts:
    b = MessageBoard("咨询", "http://s/zx", kind=kind, messages=list(messages), **kw)  # type: ignore[arg-type]
    return SiteArtifacts(site="http://s/", as_of=AS_OF, boards=[b])


def pending(title: str, url: str, at: datetime, source: str = "list_status") -> Message:
    """A row read as pending: the list (or the detail page) says 未回复, the submit time was on the page."""
    return Message(
        title,
        url=url,
        submitted_at=at,
        status="未回复" if source != "detail_no_reply" else None,
        state="pending",
        state_source=source,
        raw_dates={"submitted_at": at.strftime("%Y-%m-%d %H:%M:%S")},
        list_url="http://s/zx/list_1.html",
    )


ANSWERED = Message(
    "问路",
    url="http://s/1",
    submitted_at=datetime(2026, 6, 1, 9),
    replied_at=datetime(2026, 6, 5, 9),
    reply="答复如下：已修好。",
    state="answered",
    state_source="detail_reply",
)
OLD_OPEN = pending("路灯坏了", "http://s/2", datetime(2026, 7, 1, 9))  # 138 days
RECENT_OPEN = pending("新问题", "http://s/3", datetime(2026, 10, 1, 9))  # 46 days
ANCIENT_OPEN = pending("旧问题", "http://s/4", datetime(2025, 1, 1, 9))  # outside the year
LATE = Message(
    "迟复",
    url="http://s/5",
    submitted_at=datetime(2026, 1, 5, 9),
    replied_at=datetime(2026, 6, 1, 9),
    reply="经核实，已处理。",
    state="answered",
    raw_dates={"submitted_at": "2026-01-05 09:00", "replied_at": "2026-06-01 09:00"},
)


def test_pass_answered_or_recent():
    assert CHECK(board("consultation", ANSWERED, RECENT_OPEN, ANCIENT_OPEN, LATE), CheckContext(AS_OF)) == []


def test_fail_one_certain_finding_per_message_read_as_pending():
    findings = CHECK(board("consultation", ANSWERED, OLD_OPEN, RECENT_OPEN), CheckContext(AS_OF))
    assert [f.url for f in findings] == ["http://s/2"]
    f = findings[0]
    assert f.rule == "unanswered" and f.evidence[0].data["days_waiting"] == 138
    assert f.certainty == "certain" and "未回复" in f.certainty_reason
    data = f.evidence[0].data
    assert data["state_source"] == "list_status" and data["raw_dates"] == {"submitted_at": "2026-07-01 09:00:00"}
    assert data["list_url"] == "http://s/zx/list_1.html"


def test_detail_without_reply_or_status_is_only_likely():
    m = pending("无状态", "http://s/6", datetime(2026, 7, 1, 9), source="detail_no_reply")
    [f] = CHECK(board("consultation", m), CheckContext(AS_OF))
    assert f.certainty == "likely"


def test_answered_on_the_list_is_answered_without_its_detail_page():
    listed = Message(
        "列表已答复",
        url="http://s/7",
        submitted_at=datetime(2026, 3, 1, 9),
        status="已答复",
        state="answered",
        state_source="list_status",
    )
    assert CHECK(board("consultation", listed, ANSWERED), CheckContext(AS_OF)) == []


def test_rows_not_read_are_not_judged_never_unanswered():
    unknown = [
        Message(f"未读{k}", url=f"http://s/u{k}", submitted_at=datetime(2026, 2, 1, 9), state="unknown")
        for k in range(5)
    ]
    findings = CHECK(board("consultation", ANSWERED, *unknown, rows_not_read=40, stopped="budget"), CheckContext(AS_OF))
    assert [(f.rule, f.level) for f in findings] == [("not_judged", "info")]
    assert "5条" in findings[0].message_zh and "40条" in findings[0].message_zh
    with pytest.raises(NotApplicable):  # nothing read at all: could not judge
        CHECK(board("consultation", *unknown), CheckContext(AS_OF))


def test_stored_messages_without_a_state_are_judged_by_what_they_show():
    old = Message("旧存档", url="http://s/8", submitted_at=datetime(2026, 7, 1, 9), status="未回复")
    none = Message("无信息", url="http://s/9", submitted_at=datetime(2026, 7, 1, 9))
    findings = CHECK(board("consultation", old, none), CheckContext(AS_OF))
    assert [(f.url, f.rule) for f in findings] == [("http://s/8", "unanswered"), ("http://s/zx", "not_judged")]


def test_boundary_90_vs_91_days():
    d90 = pending("90", "http://s/90", datetime(2026, 8, 18, 23))
    d91 = pending("91", "http://s/91", datetime(2026, 8, 17, 8))
    assert [f.url for f in CHECK(board("mailbox", d90, d91), CheckContext(AS_OF))] == ["http://s/91"]


def test_count_late_replies_param():
    [f] = CHECK(board("consultation", LATE), CheckContext(AS_OF, params={"count_late_replies": True}))
    assert f.rule == "answered_late" and f.certainty == "certain"


def test_excluded_kinds_not_judged():
    with pytest.raises(NotApplicable):
        CHECK(board("petition", OLD_OPEN), CheckContext(AS_OF))
