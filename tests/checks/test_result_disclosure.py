from datetime import datetime

import pytest

from checks.result_disclosure import CHECK
from inspector.check import CheckContext, NotApplicable
from inspector.model import Message, MessageBoard, SiteArtifacts

AS_OF = datetime(2026, 11, 16, 10, 0)


def site(*messages: Message) -> SiteArtifacts:
    return SiteArtifacts(
        site="http://s/",
        as_of=AS_OF,
        boards=[MessageBoard("信箱", "http://s/m", kind="mailbox", messages=list(messages))],
    )


def m(n: int, reply: str, status: str | None = None, detail_read: bool = True) -> Message:
    return Message(
        f"信{n}",
        url=f"http://s/{n}",
        submitted_at=datetime(2026, 9, 1),
        reply=reply,
        replied_at=datetime(2026, 9, 5) if reply else None,
        status=status,
        detail_read=detail_read,
    )


def test_pass_outcomes_published():
    assert (
        CHECK(
            site(m(1, "您的来信已转区住建局办理。经核实，路灯已更换完毕。"), m(2, "答复如下：已办结。"), m(3, "")),
            CheckContext(AS_OF),
        )
        == []
    )


def test_fail_forwarded_only_and_hidden_reply():
    findings = CHECK(site(m(1, "您的来信已转交区住建局办理。"), m(2, "", status="已回复")), CheckContext(AS_OF))
    assert {f.url: f.rule for f in findings} == {"http://s/1": "forwarded_only", "http://s/2": "reply_hidden"}
    assert {f.certainty for f in findings} == {"likely"}


def test_answered_on_the_list_with_its_detail_page_not_read_is_not_a_hidden_reply():
    findings = CHECK(site(m(1, "经核实，已修复。"), m(2, "", status="已回复", detail_read=False)), CheckContext(AS_OF))
    assert findings == []


def test_not_judged_without_answers():
    with pytest.raises(NotApplicable):
        CHECK(site(m(1, "")), CheckContext(AS_OF))
