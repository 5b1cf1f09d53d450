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


def m(n: int, reply: str, status: str | None = None) -> Message:
    return Message(
        f"信{n}",
        url=f"http://s/{n}",
        submitted_at=datetime(2026, 9, 1),
        reply=reply,
        replied_at=datetime(2026, 9, 5) if reply else None,
        status=status,
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


def test_not_judged_without_answers():
    with pytest.raises(NotApplicable):
        CHECK(site(m(1, "")), CheckContext(AS_OF))
