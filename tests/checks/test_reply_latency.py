from datetime import datetime

import pytest

from checks.reply_latency import CHECK
from inspector.check import CheckContext, NotApplicable
from inspector.extract.replies import classify
from inspector.model import Message, MessageBoard, SiteArtifacts

AS_OF = datetime(2026, 11, 16, 10, 0)


def site(*messages: Message) -> SiteArtifacts:
    return SiteArtifacts(
        site="http://s/",
        as_of=AS_OF,
        boards=[MessageBoard("信箱", "http://s/m", kind="mailbox", messages=list(messages))],
    )


def msg(n: int, sub: datetime, rep: datetime) -> Message:
    return Message(f"m{n}", url=f"http://s/{n}", submitted_at=sub, replied_at=rep, reply="答复如下：已处理。")


def test_pass_all_on_time():
    # Fri 2026-09-18 → Fri 2026-10-09: National Day week off, Sep 20 (Sun) worked: 10 working days.
    findings = CHECK(site(msg(1, datetime(2026, 9, 18, 9), datetime(2026, 10, 9, 9))), CheckContext(AS_OF))
    assert [f.level for f in findings] == ["info"]
    assert findings[0].evidence[0].data["median_working_days"] == 10


def test_fail_late_overdue_long():
    late = msg(1, datetime(2026, 9, 18, 9), datetime(2026, 10, 10, 9))  # Oct 10 is a 调休 Saturday: 11
    overdue = msg(2, datetime(2026, 6, 1, 9), datetime(2026, 7, 1, 9))  # 21 working days (Jun 19 off)
    long = msg(3, datetime(2026, 1, 5, 9), datetime(2026, 5, 1, 9))
    findings = CHECK(site(late, overdue, long), CheckContext(AS_OF))
    fails = {f.url: f for f in findings if f.level == "fail"}
    assert fails["http://s/1"].rule == "late" and fails["http://s/1"].evidence[0].data["latency"]["working_days"] == 11
    assert fails["http://s/2"].rule == "overdue"
    assert fails["http://s/3"].rule == "long_overdue"


def test_sla_parameter():
    m = msg(1, datetime(2026, 9, 18, 9), datetime(2026, 10, 10, 9))
    assert [f.level for f in CHECK(site(m), CheckContext(AS_OF, params={"sla_working_days": 15}))] == ["info"]


def test_classify():
    assert classify(5, 7, 5, 2, 90) == "on_time"
    assert classify(6, 8, 5, 2, 90) == "late"
    assert classify(11, 15, 5, 2, 90) == "overdue"
    assert classify(3, 91, 5, 2, 90) == "long_overdue"


def test_not_judged_without_replies():
    with pytest.raises(NotApplicable):
        CHECK(site(Message("x", submitted_at=datetime(2026, 9, 1))), CheckContext(AS_OF))
