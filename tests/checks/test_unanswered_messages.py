from datetime import datetime, timedelta, timezone

import pytest

from checks.unanswered_messages import CHECK
from inspector.check import CheckContext, NotApplicable
from inspector.model import Message, MessageBoard, SiteArtifacts

CST = timezone(timedelta(hours=8))
AS_OF = datetime(2026, 11, 16, 10, 0, tzinfo=CST)


def board(kind: str, *messages: Message) -> SiteArtifacts:
    return SiteArtifacts(
        site="http://s/", as_of=AS_OF, boards=[MessageBoard("咨询", "http://s/zx", kind=kind, messages=list(messages))]
    )


ANSWERED = Message(
    "问路",
    url="http://s/1",
    submitted_at=datetime(2026, 6, 1, 9),
    replied_at=datetime(2026, 6, 5, 9),
    reply="答复如下：已修好。",
)
OLD_OPEN = Message("路灯坏了", url="http://s/2", submitted_at=datetime(2026, 7, 1, 9))  # 138 days
RECENT_OPEN = Message("新问题", url="http://s/3", submitted_at=datetime(2026, 10, 1, 9))  # 46 days
ANCIENT_OPEN = Message("旧问题", url="http://s/4", submitted_at=datetime(2025, 1, 1, 9))  # outside the year
LATE = Message(
    "迟复",
    url="http://s/5",
    submitted_at=datetime(2026, 1, 5, 9),
    replied_at=datetime(2026, 6, 1, 9),
    reply="经核实，已处理。",
)


def test_pass_answered_or_recent():
    assert CHECK(board("consultation", ANSWERED, RECENT_OPEN, ANCIENT_OPEN, LATE), CheckContext(AS_OF)) == []


def test_fail_one_finding_per_unanswered_message():
    findings = CHECK(board("consultation", ANSWERED, OLD_OPEN, RECENT_OPEN), CheckContext(AS_OF))
    assert [f.url for f in findings] == ["http://s/2"]
    assert findings[0].rule == "unanswered" and findings[0].evidence[0].data["days_waiting"] == 138


def test_boundary_90_vs_91_days():
    d90 = Message("90", url="http://s/90", submitted_at=datetime(2026, 8, 18, 23))
    d91 = Message("91", url="http://s/91", submitted_at=datetime(2026, 8, 17, 8))
    assert [f.url for f in CHECK(board("mailbox", d90, d91), CheckContext(AS_OF))] == ["http://s/91"]


def test_count_late_replies_param():
    [f] = CHECK(board("consultation", LATE), CheckContext(AS_OF, params={"count_late_replies": True}))
    assert f.rule == "answered_late"


def test_excluded_kinds_not_judged():
    with pytest.raises(NotApplicable):
        CHECK(board("petition", OLD_OPEN), CheckContext(AS_OF))
