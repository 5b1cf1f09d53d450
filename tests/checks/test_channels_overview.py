from datetime import datetime

from checks.channels_overview import CHECK
from inspector.check import CheckContext
from inspector.model import Form, MessageBoard, SiteArtifacts

AS_OF = datetime(2026, 11, 16, 10, 0)
FORM = Form(action="x", method="post", purpose="message")


def test_pass_single_channel():
    a = SiteArtifacts(
        site="http://s/",
        as_of=AS_OF,
        boards=[
            MessageBoard("咨询", "http://s/hd/zx", submit_form=FORM),
            MessageBoard("信访", "http://xf.s/", kind="petition", submit_form=FORM),
        ],
    )
    assert CHECK(a, CheckContext(AS_OF)) == []


def test_info_several_disconnected_channels():
    a = SiteArtifacts(
        site="http://s/",
        as_of=AS_OF,
        boards=[
            MessageBoard("县长信箱", "http://s/hd/mail", kind="mailbox", submit_form=FORM),
            MessageBoard("12345投诉", "http://12345.s/", kind="complaint", submit_form=FORM),
            MessageBoard("部门咨询", "http://s/zx/list", kind="consultation", submit_form=FORM),
        ],
    )
    [f] = CHECK(a, CheckContext(AS_OF))
    assert f.level == "info" and "3个" in f.message_zh
