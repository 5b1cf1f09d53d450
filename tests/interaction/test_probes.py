"""Probes end to end against a local mailbox: dry run, opt-in, submit, follow-up after 12 working days,
captcha ⇒ needs_person, and no second submission after a crash left a row in ``sending``."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from mailbox_server import Mailbox, serve_mailbox

from inspector.probe.ledger import LedgerError, ProbeLedger
from inspector.probe.plan import PlanError, load_plan, plan_from_dict
from inspector.probe.service import follow_probes, plan_probes, probe_status, send_probes
from inspector.probe.text import DISCLAIMER_ZH, TOKEN_RE, compose
from inspector.workdays import add_working_days

CST = timezone(timedelta(hours=8))
START = datetime(2026, 9, 18, 10, 0)  # Friday before 中秋/国庆: 12 working days spans both holidays


def plan(base: str, *, opt_in: bool = True):
    return plan_from_dict(
        {
            "team": {"name": "网站检查组", "contact_name": "张检查", "phone": "010-12345678", "email": "t@example.cn"},
            "sites": [
                {
                    "site": base + "/",
                    "channel_url": base + "/write",
                    "list_url": base + "/list",
                    "search_url": base + "/search?q={q}",
                    "opt_in": opt_in,
                    "sla_working_days": 10,
                }
            ],
        }
    )


def test_probe_text_has_token_and_notice():
    t = compose("咨询", "请问？", team_name="检查组", contact="010-1")
    assert TOKEN_RE.search(t.title) and t.token in t.content and DISCLAIMER_ZH in t.content


def test_plan_errors_are_clear(tmp_path):
    with pytest.raises(PlanError, match="cannot read"):
        load_plan(tmp_path / "none.toml")
    bad = tmp_path / "p.toml"
    bad.write_text('[team]\nname = "x"\n', encoding="utf-8")
    with pytest.raises(PlanError, match="phone or email"):
        load_plan(bad)
    good = tmp_path / "good.yaml"
    good.write_text(
        "team: {name: 检查组, phone: '010-1'}\nsites: [{site: 'http://a/', channel_url: 'http://a/w'}]\n",
        encoding="utf-8",
    )
    [p] = plan_probes(good)
    assert p["opt_in"] is False and TOKEN_RE.search(p["title"])


def test_ledger_refuses_illegal_transitions(tmp_path):
    ledger = ProbeLedger(f"sqlite:///{tmp_path}/l.db")
    ledger.add(token="GI-PROBE-0000ABCD", site="s", channel_url="c", kind="mailbox", title="t", content="c")
    with pytest.raises(LedgerError):
        ledger.move("GI-PROBE-0000ABCD", "replied")


def test_dry_run_and_opt_in_send_nothing(tmp_path):
    box = Mailbox(now=START)
    with serve_mailbox(box) as base:
        [dry] = send_probes(plan(base), f"sqlite:///{tmp_path}/p.db")
        [skip] = send_probes(plan(base, opt_in=False), f"sqlite:///{tmp_path}/p.db", really_send=True)
    assert dry["action"] == "dry_run" and skip["action"] == "skipped" and box.submissions == 0


@pytest.mark.browser
def test_probe_answered_after_12_working_days(tmp_path):
    box = Mailbox(now=START, delay_workdays=12)
    db = f"sqlite:///{tmp_path}/p.db"
    with serve_mailbox(box) as base:
        p = plan(base)
        [sent] = send_probes(p, db, really_send=True, now=START.replace(tzinfo=CST), evidence_dir=tmp_path)
        assert sent["state"] == "submitted" and sent["tracking_code"].startswith("XZ") and box.submissions == 1
        [again] = send_probes(p, db, really_send=True, now=START.replace(tzinfo=CST), evidence_dir=tmp_path)
        assert again["action"] == "skipped" and box.submissions == 1  # rate limit: 1 a day
        day11 = datetime.combine(add_working_days(START, 11), START.time())
        box.now = day11
        [waiting] = follow_probes(p, db, now=day11.replace(tzinfo=CST))
        assert waiting["state"] == "overdue" and waiting["waiting"]["working_days"] == 11
        box.now = datetime.combine(add_working_days(START, 12), START.time())
        [done] = follow_probes(p, db, now=box.now.replace(tzinfo=CST))
    assert done["state"] == "disclosed" and done["public"] is True
    assert done["latency"]["working_days"] == 12 and done["latency"]["calendar_days"] == 24  # Sep 18 → Oct 12
    assert done["class"] == "late"  # 12 > SLA 10, not > 2 × 10
    assert done["reply_time_source"] == "site" and done["brush_off"] is None
    [status] = probe_status(db)
    assert [e["state"] for e in status["timeline"]] == [
        "planned",
        "sending",
        "submitted",
        "overdue",
        "replied",
        "disclosed",
    ]
    assert status["screenshot"] and status["tracking_code"]


@pytest.mark.browser
def test_unpublished_answer_is_not_disclosed(tmp_path):
    box = Mailbox(now=START, delay_workdays=3, publish=False)
    db = f"sqlite:///{tmp_path}/p.db"
    with serve_mailbox(box) as base:
        p = plan(base)
        send_probes(p, db, really_send=True, now=START.replace(tzinfo=CST), evidence_dir=tmp_path)
        box.now = START + timedelta(days=10)
        [done] = follow_probes(p, db, now=box.now.replace(tzinfo=CST))
    assert done["state"] == "not_disclosed" and done["reply_time_source"] == "first_seen"


@pytest.mark.browser
def test_captcha_needs_a_person(tmp_path):
    box = Mailbox(now=START, captcha=True)
    with serve_mailbox(box) as base:
        [r] = send_probes(plan(base), f"sqlite:///{tmp_path}/p.db", really_send=True, evidence_dir=tmp_path)
    assert r["state"] == "needs_person" and r["captcha_image"] and box.submissions == 0


@pytest.mark.browser
def test_crash_during_send_never_submits_twice(tmp_path, monkeypatch):
    box = Mailbox(now=START)
    db = f"sqlite:///{tmp_path}/p.db"
    from inspector.probe import service

    real_move = ProbeLedger.move

    def crash_after_submit(self, token, state, **kw):  # the process dies right after the site accepted
        if state == "submitted" and not kw.get("event", {}).get("reconciled"):
            raise KeyboardInterrupt("simulated crash")
        return real_move(self, token, state, **kw)

    with serve_mailbox(box) as base:
        p = plan(base)
        monkeypatch.setattr(ProbeLedger, "move", crash_after_submit)
        with pytest.raises(KeyboardInterrupt):
            send_probes(p, db, really_send=True, now=START.replace(tzinfo=CST), evidence_dir=tmp_path)
        monkeypatch.setattr(ProbeLedger, "move", real_move)
        assert [r["state"] for r in ProbeLedger(db).all()] == ["sending"] and box.submissions == 1
        [again] = service.send_probes(p, db, really_send=True, now=START.replace(tzinfo=CST), evidence_dir=tmp_path)
    assert again["action"] == "reconciled" and box.submissions == 1
