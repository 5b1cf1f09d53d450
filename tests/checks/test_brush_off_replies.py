from datetime import datetime, timedelta

import pytest

from checks.brush_off_replies import CHECK, wording
from inspector.check import CheckContext, NotApplicable
from inspector.model import Message, MessageBoard, SiteArtifacts

AS_OF = datetime(2026, 11, 16, 10, 0)
Q = "小区门口的道路从去年开始施工，到现在还没有完工，给居民出行带来很大不便，请问什么时候能修好？" * 2


def site(*messages: Message) -> SiteArtifacts:
    return SiteArtifacts(
        site="http://s/", as_of=AS_OF, boards=[MessageBoard("咨询", "http://s/zx", messages=list(messages))]
    )


def m(n: int, reply: str, replied: datetime | None = None, question: str = Q) -> Message:
    return Message(
        f"问题{n}",
        url=f"http://s/{n}",
        submitted_at=datetime(2026, 9, 1, 9) + timedelta(days=n),
        question=question,
        reply=reply,
        replied_at=replied or datetime(2026, 9, 20, 9, n % 60),
    )


GOOD = [
    m(1, "网友您好！经核实，该道路为潇楚大道西线工程，目前已完成75%土方，预计今年8月底完工通车。"),
    m(2, "您好，该事项不属于本局职责，请向A市住房和城乡建设局反映，电话0731-1234567。"),
    m(3, "网友“A1”：您好！现将有关情况答复如下：经区城管局调查，已安排人员清理。"),
]


def test_pass_substantive_replies():
    assert CHECK(site(*GOOD), CheckContext(AS_OF)) == []


def test_fail_boilerplate_wording():
    findings = CHECK(
        site(m(1, "您好，请咨询有关部门。谢谢！"), m(2, "来信收悉，已转交区住建局办理，请耐心等待。")),
        CheckContext(AS_OF),
    )
    assert sorted(f.rule for f in findings) == ["forwarded_wait", "refer_elsewhere"]


def test_fail_identical_and_same_minute():
    same = "网友您好！您反映的问题已收到，我们将认真研究，感谢您对我们工作的支持。"
    msgs = [m(i, f"网友“U{i}”：" + same, replied=datetime(2026, 9, 20, 16, 30)) for i in range(10)]
    rules = sorted(f.rule for f in CHECK(site(*msgs), CheckContext(AS_OF)))
    assert rules == ["identical", "same_minute"]


def test_fail_too_short():
    [f] = CHECK(site(m(1, "已处理。")), CheckContext(AS_OF))
    assert f.rule == "too_short"


def test_wording_examples():
    assert wording("请您咨询相关部门") == "refer_elsewhere"
    assert wording("请您直接咨询A市教育局") is None
    assert wording("来信收悉，已转区政府办理，请等待结果。经核实，已办结。") is None


def test_not_judged_without_replies():
    with pytest.raises(NotApplicable):
        CHECK(site(Message("x", submitted_at=datetime(2026, 9, 1))), CheckContext(AS_OF))
