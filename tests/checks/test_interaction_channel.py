from datetime import datetime

import pytest

from checks.interaction_channel import CHECK
from inspector.check import CheckContext, NotApplicable
from inspector.model import Form, FormField, MessageBoard, Page, SiteArtifacts

AS_OF = datetime(2026, 11, 16, 10, 0)
FORM = Form(action="http://s/submit", method="post", fields=[FormField("content", "textarea")], purpose="message")


def site(*boards: MessageBoard) -> SiteArtifacts:
    return SiteArtifacts(site="http://s/", as_of=AS_OF, home=Page(url="http://s/", status=200), boards=list(boards))


def test_pass_working_mailbox():
    a = site(MessageBoard("县长信箱", "http://s/mail", kind="mailbox", submit_form=FORM))
    assert CHECK(a, CheckContext(AS_OF)) == []


def test_fail_only_special_channels():
    a = site(
        MessageBoard("网上信访", "http://s/xf", kind="petition", submit_form=FORM),
        MessageBoard("纪委举报", "http://s/jb", kind="discipline", submit_form=FORM),
    )
    [f] = CHECK(a, CheckContext(AS_OF))
    assert f.level == "fail" and "信访" in f.message_zh and len(f.evidence) == 2


def test_fail_broken_channel():
    a = site(MessageBoard("我要咨询", "http://s/zx", kind="consultation", error="http_404"))
    [f] = CHECK(a, CheckContext(AS_OF))
    assert "http_404" in f.message_zh


def test_not_judged_without_home():
    with pytest.raises(NotApplicable):
        CHECK(SiteArtifacts(site="http://s/", as_of=AS_OF), CheckContext(AS_OF))
