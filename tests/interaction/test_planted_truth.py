"""Truth that does not share code with what it tests; the platform's own step dates; the probe's classes."""

from __future__ import annotations

from datetime import datetime

import httpx
import pytest

from checks.interaction_channel import CHECK as CHANNEL
from inspector.check import CheckContext, NotApplicable
from inspector.extract.message_detail import read_detail
from inspector.model import Form, FormField, MessageBoard, Page, SiteArtifacts
from inspector.probe.follow import latency_rule
from inspector.probe.plan import ProbeTarget
from inspector.samplesites import serve_scenario
from inspector.samplesites.messages import generate_messages
from inspector.samplesites.scenarios import get_scenario, resolve_params


def test_planted_working_days_match_an_independent_calendar():
    cc = pytest.importorskip("chinese_calendar", reason="independent oracle for the planted latencies")
    params = resolve_params(get_scenario("unanswered"))
    rows = generate_messages("unanswered", params, "永和县")
    planted = [m for m in rows if m.planted_working_days is not None]
    assert len(planted) > 60 and {m.planted_working_days for m in planted} >= {30, 40, 50}
    for m in planted:
        start, end = m.submitted.date(), m.replied.date()  # type: ignore[union-attr]
        expected = len(cc.get_workdays(start, end)) - cc.is_workday(start)
        assert m.planted_working_days == expected, (m.id, start, end)


def test_complaint_platform_steps_are_read_into_the_message():
    form = {"title": "商户拒绝开具发票", "content": "某超市拒开发票。", "name": "李女士", "phone": "13912345678"}
    with serve_scenario("clean", params={"complaint_delay_workdays": 3}) as world, httpx.Client(timeout=10) as http:
        base = world.urls["complaints"]
        r = http.post(base + "submit", data={**form, "category": "投诉"})
        code = r.text.split('id="query-code">')[1].split("<")[0]
        world.clock.advance(days=10)
        page = http.get(base + "query", params={"code": code})
    m, is_message = read_detail(page.text, str(page.url))
    assert is_message and [s.name for s in m.steps] == ["提交", "受理", "转办", "办结"]
    assert m.accepted_at and m.forwarded_at and m.concluded_at
    assert m.accepted_at < m.forwarded_at < m.concluded_at
    assert m.replied_at == m.concluded_at and m.status == "办结" and "经调查核实" in m.reply


def test_probe_latency_classes_come_from_the_profile():
    rule = latency_rule(ProbeTarget(site="http://s/", channel_url="http://s/w", sla_working_days=15))
    assert (rule.sla_working_days, rule.overdue_factor, rule.long_overdue_days) == (15, 2.0, 90)
    assert (
        rule.classify(16, 20) == "late"
        and rule.classify(31, 40) == "overdue"
        and rule.classify(5, 91) == "long_overdue"
    )


AS_OF = datetime(2026, 11, 16, 10)
FORM = Form(action="http://s/w", method="post", fields=[FormField("content", "textarea")], purpose="message")


def site(*boards: MessageBoard) -> SiteArtifacts:
    return SiteArtifacts(site="http://s/", as_of=AS_OF, home=Page(url="http://s/", status=200), boards=list(boards))


def test_channel_closed_on_its_page_is_certain_unreadable_is_not_judged():
    closed = MessageBoard("领导留言板", "http://s/b", kind="consultation", error="maintenance")
    [f] = CHANNEL(site(closed), CheckContext(AS_OF))
    assert f.certainty == "certain"
    [f] = CHANNEL(
        site(MessageBoard("我要咨询", "http://s/zx", kind="consultation", error="http_404")), CheckContext(AS_OF)
    )
    assert f.certainty == "likely"
    for ours in ("budget", "gather_error: boom"):
        with pytest.raises(NotApplicable):
            CHANNEL(site(MessageBoard("信箱", "http://s/m", kind="mailbox", error=ours)), CheckContext(AS_OF))
    [f] = CHANNEL(site(), CheckContext(AS_OF))
    assert f.certainty == "likely"  # none found: a script-built entry may have been missed
    assert (
        CHANNEL(site(MessageBoard("信箱", "http://s/m", kind="mailbox", submit_form=FORM)), CheckContext(AS_OF)) == []
    )


def test_boards_gatherer_failed_means_not_judged_never_no_channel():
    from inspector.judge import run_checks
    from inspector.profile import load_profile

    a = site()
    a.gathered = ["home", "pages"]
    a.stats = {"gather_errors": {"boards": "RuntimeError: reader crashed"}}
    findings, not_judged = run_checks(a, load_profile("cn-gov-2019"))
    interaction = {"interaction-channel", "unanswered-messages", "reply-latency", "result-disclosure"}
    assert not [f for f in findings if f.check in interaction]
    assert interaction <= {n.check for n in not_judged}


def test_stored_boards_round_trip_with_states_and_steps():
    from inspector.model import Message, MessageStep, from_jsonable, to_jsonable

    m = Message(
        "诉求",
        state="pending",
        state_source="list_status",
        steps=[MessageStep("受理", datetime(2026, 11, 16, 12), "已受理")],
        accepted_at=datetime(2026, 11, 16, 12),
    )
    b = MessageBoard("在线咨询", "http://s/zx", messages=[m], rows_stated=10, rows_not_read=9, stopped="budget")
    again = from_jsonable(MessageBoard, to_jsonable(b))
    assert again == b and isinstance(again.messages[0].steps[0], MessageStep)
