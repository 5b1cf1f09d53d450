"""Issue 16 item 5: a probe whose outcome is unknown is ``uncertain``, bounded, and never sent twice.

The mailbox (``hostile_servers.HostileMailbox``) stores the letter and then never answers, answers 500,
drops the connection or shows no confirmation; the next run finds the letter by its token instead of
writing a second one.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hostile_servers import HostileMailbox, hostile_mailbox

from inspector.probe.ledger import LedgerError, ProbeLedger
from inspector.probe.plan import plan_from_dict
from inspector.probe.service import follow_probes, probe_status, resolve_probe, send_probes
from inspector.probe.submit import judge_outcome
from inspector.timeutil import CST

DAY1 = datetime(2026, 9, 18, 10, 0, tzinfo=CST)
TEAM = {"name": "网站检查组", "contact_name": "张检查", "phone": "010-12345678"}


def site(base: str, **kw) -> dict:
    return {
        "site": base + "/",
        "channel_url": base + "/write",
        "list_url": base + "/list",
        "search_url": base + "/search?q={q}",
        "opt_in": True,
        **kw,
    }


def plan(base: str, **kw):
    return plan_from_dict({"team": TEAM, "sites": [site(base, **kw)]})


def send(p, db: str, tmp_path: Path, now: datetime, timeout_s: float = 10):
    return send_probes(p, db, really_send=True, now=now, evidence_dir=tmp_path / "ev", timeout_s=timeout_s)


@pytest.mark.browser
def test_a_submit_that_stores_and_never_answers_ends_uncertain_and_is_never_sent_twice(tmp_path):
    """`probe send --really-send` hung for ever on `page.evaluate`; now it ends within its browser bound."""
    box = HostileMailbox(after_post="hang")
    db = f"sqlite:///{tmp_path}/p.db"
    with hostile_mailbox(box) as base:
        plan_file = tmp_path / "probes.toml"
        s = site(base)
        plan_file.write_text(
            f'[team]\nname = "{TEAM["name"]}"\nphone = "{TEAM["phone"]}"\n\n[[sites]]\n'
            + "".join(f"{k} = {json.dumps(v)}\n" for k, v in s.items()),
            encoding="utf-8",
        )
        started = time.monotonic()
        run = subprocess.run(
            [sys.executable, "-m", "inspector.cli", "probe", "send", str(plan_file), "--db", db, "--really-send"]
            + ["--timeout", "8", "--json", "--evidence-dir", str(tmp_path / "ev")],
            capture_output=True,
            text=True,
            timeout=150,
        )
        took = time.monotonic() - started
        assert run.returncode == 0, run.stderr[-2000:]
        [first] = json.loads(run.stdout)
        assert first["state"] == "uncertain" and "no answer within 8 s after posting" in first["detail"]
        assert box.posts == 1 and took < 120  # launch + each step bounded (generous: CI machines are busy)
        # the next day: found by its token in the public list, reconciled, nothing submitted again
        [again] = send(plan(base), db, tmp_path, datetime.now(CST) + timedelta(days=1))
        assert again["action"] == "reconciled" and again["state"] == "submitted" and again["token"] == first["token"]
    assert box.posts == 1
    [status] = [r for r in probe_status(db) if r["token"] == first["token"]]
    assert [e["state"] for e in status["timeline"]] == ["planned", "sending", "uncertain", "submitted"]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("after_post", "why"),
    [("500", "HTTP 500 after posting"), ("reset", "connection lost after posting")],
)
def test_a_submit_that_stores_then_fails_is_uncertain_until_its_token_is_found(tmp_path, after_post, why):
    box = HostileMailbox(after_post=after_post, listed=False)  # the letter is stored, not yet shown
    db = f"sqlite:///{tmp_path}/p.db"
    with hostile_mailbox(box) as base:
        p = plan(base)
        [first] = send(p, db, tmp_path, DAY1)
        assert first["state"] == "uncertain" and why in first["detail"] and box.posts == 1
        # day 2: not found on the site yet ⇒ still uncertain and nothing new is sent
        [day2] = send(p, db, tmp_path, DAY1 + timedelta(days=1))
        assert day2["action"] == "uncertain" and "not found" in day2["detail"] and box.posts == 1
        [followed] = follow_probes(p, db, now=DAY1 + timedelta(days=1))
        assert followed["state"] == "uncertain" and followed["action"] == "not_found"
        # day 3: the site shows it ⇒ reconciled by token as submitted, still one letter
        box.listed = True
        [day3] = send(p, db, tmp_path, DAY1 + timedelta(days=2))
        assert day3["action"] == "reconciled" and box.posts == 1
    row = ProbeLedger(db).get(first["token"])
    assert row["state"] == "submitted" and row["sent_at"] is not None


@pytest.mark.browser
def test_follow_up_reconciles_an_uncertain_probe_and_no_wording_is_not_a_failure(tmp_path):
    """A 200 page without confirmation wording after posting is not `failed` (it may be stored)."""
    box = HostileMailbox(after_post="no_wording")
    db = f"sqlite:///{tmp_path}/p.db"
    with hostile_mailbox(box) as base:
        p = plan(base)
        [first] = send(p, db, tmp_path, DAY1)
        assert first["state"] == "uncertain" and "no confirmation wording" in first["detail"]
        [followed] = follow_probes(p, db, now=DAY1 + timedelta(hours=2))
    assert followed["state"] == "submitted" and box.posts == 1
    events = ProbeLedger(db).events(ProbeLedger(db).get(first["token"])["id"])
    assert events[-1]["detail"]["reconciled"] is True and events[-1]["detail"]["by"] == "follow-up"


@pytest.mark.browser
def test_a_refusal_is_failed_and_a_person_resolves_an_uncertain_probe(tmp_path):
    box = HostileMailbox(after_post="refuse")
    db = f"sqlite:///{tmp_path}/p.db"
    with hostile_mailbox(box) as base:
        [refused] = send(plan(base), db, tmp_path, DAY1)
        assert refused["state"] == "failed" and "HTTP 400" in refused["detail"] and box.posts == 0
        box.after_post, box.listed = "500", False
        [unsure] = send(plan(base), db, tmp_path, DAY1 + timedelta(days=1, hours=1))
        assert unsure["state"] == "uncertain" and box.posts == 1
        resolve_probe(db, unsure["token"], stored=False, note="not in the admin's list")
        box.after_post = "ok"
        [third] = send(plan(base), db, tmp_path, DAY1 + timedelta(days=2, hours=2))
    assert third["state"] == "submitted" and box.posts == 2  # a person said the second one was not stored
    with pytest.raises(LedgerError, match="not uncertain"):
        resolve_probe(db, third["token"], stored=True)


def test_outcome_after_posting_is_read_from_what_was_posted():
    assert judge_outcome((False, None, None), "", 3)[0] == "failed"  # nothing left the browser
    assert judge_outcome((True, None, None), "", 3) == (
        "uncertain",
        "no answer within 3 s after posting: the message may have been stored",
    )
    assert judge_outcome((True, None, "net::ERR_EMPTY_RESPONSE"), "", 3)[0] == "uncertain"
    assert judge_outcome((True, 502, None), "提交成功", 3)[0] == "uncertain"  # a 5xx is never a success
    assert judge_outcome((True, 403, None), "", 3)[0] == "failed"
    assert judge_outcome((True, 200, None), "提交成功！信件编号：XZ1", 3)[0] == "submitted"
    assert judge_outcome((True, 200, None), "验证码错误，请重新输入", 3)[0] == "failed"
    assert judge_outcome((True, 200, None), "县长信箱", 3)[0] == "uncertain"


def test_uncertain_probes_move_only_to_submitted_or_failed(tmp_path):
    ledger = ProbeLedger(f"sqlite:///{tmp_path}/l.db")
    ledger.add(token="GI-PROBE-0000ABCD", site="s", channel_url="c", kind="mailbox", title="t", content="c")
    ledger.move("GI-PROBE-0000ABCD", "sending")
    ledger.move("GI-PROBE-0000ABCD", "uncertain")
    for bad in ("sending", "replied", "needs_person"):
        with pytest.raises(LedgerError):
            ledger.move("GI-PROBE-0000ABCD", bad)
    assert ledger.move("GI-PROBE-0000ABCD", "submitted")["state"] == "submitted"
