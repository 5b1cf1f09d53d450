"""Issue 6 "done when", against the project's simulated sites (inspector.samplesites, controllable clock)."""

from __future__ import annotations

import pytest

import inspector.samplesites as samplesites
from inspector.probe.ledger import ProbeLedger
from inspector.probe.plan import plan_from_dict
from inspector.probe.service import follow_probes, probe_status, send_probes
from inspector.workdays import add_working_days

pytestmark = pytest.mark.browser
TEAM = {"name": "网站检查组", "contact_name": "张检查", "phone": "010-12345678", "email": "t@example.cn"}


def mailbox_plan(world):
    base = world.urls["portal"].rstrip("/")
    return plan_from_dict(
        {
            "team": TEAM,
            "sites": [
                {
                    "site": base + "/",
                    "channel_url": base + "/hdjl/xzxx/write",
                    "list_url": base + "/hdjl/xzxx/",
                    "search_url": base + "/hdjl/xzxx/search?q={q}",
                    "opt_in": True,
                    "sla_working_days": 10,
                }
            ],
        }
    )


@pytest.mark.parametrize(("scenario", "published"), [("clean", True), ("mailbox-unpublished", False)])
def test_mailbox_answered_after_12_working_days(tmp_path, scenario, published):
    db = f"sqlite:///{tmp_path}/p.db"
    with samplesites.serve_scenario(scenario) as world:
        plan = mailbox_plan(world)
        start = world.clock.now()
        [sent] = send_probes(plan, db, really_send=True, now=start, evidence_dir=tmp_path)
        assert sent["state"] == "submitted" and sent["tracking_code"]
        answer_day = add_working_days(start, 12)
        world.clock.advance(days=(answer_day - start.date()).days - 1)  # the day before: still waiting
        [waiting] = follow_probes(plan, db, now=world.clock.now())
        assert waiting["state"] == "overdue" and waiting["waiting"]["working_days"] == 11
        world.clock.advance(days=1)
        [done] = follow_probes(plan, db, now=world.clock.now())
        assert world.stats()["portal"]["mailbox_submissions"] == 1
    assert done["latency"]["working_days"] == 12 and done["class"] == "late"
    assert done["state"] == ("disclosed" if published else "not_disclosed")
    [status] = probe_status(db)
    assert status["timeline"][-1]["state"] == done["state"] and status["screenshot"]


def test_captcha_platform_needs_a_person(tmp_path):
    with samplesites.serve_scenario("captcha") as world:
        base = world.urls["complaints"].rstrip("/")
        plan = plan_from_dict(
            {
                "team": TEAM,
                "sites": [{"site": base + "/", "channel_url": base + "/submit", "kind": "complaint", "opt_in": True}],
            }
        )
        [r] = send_probes(plan, f"sqlite:///{tmp_path}/p.db", really_send=True, evidence_dir=tmp_path)
        assert world.stats()["complaints"]["complaint_submissions"] == 0
    assert r["state"] == "needs_person" and r["captcha_image"]


def test_a_person_answers_the_captcha_in_the_interactive_step(tmp_path):
    import httpx
    from PIL import Image

    with samplesites.serve_scenario("captcha") as world:
        base = world.urls["complaints"].rstrip("/")
        plan = plan_from_dict(
            {
                "team": TEAM,
                "sites": [{"site": base + "/", "channel_url": base + "/submit", "kind": "complaint", "opt_in": True}],
            }
        )
        shown: list[str] = []

        def person(image: str) -> str:  # looks at the picture, types what it shows
            shown.append(image)
            assert Image.open(image).size[0] > 20
            return httpx.get(base + "/_sim/captcha?latest=1").json()["answer"]

        [r] = send_probes(
            plan, f"sqlite:///{tmp_path}/p.db", really_send=True, evidence_dir=tmp_path, solve_captcha=person
        )
        assert world.stats()["complaints"]["complaint_submissions"] == 1
    assert shown and r["state"] == "submitted" and r["tracking_code"]


def test_repeated_send_after_crash_does_not_submit_twice(tmp_path, monkeypatch):
    db = f"sqlite:///{tmp_path}/p.db"
    real_move = ProbeLedger.move

    def crash(self, token, state, **kw):  # the process dies right after the site accepted the letter
        if state == "submitted" and not (kw.get("event") or {}).get("reconciled"):
            raise KeyboardInterrupt("simulated crash")
        return real_move(self, token, state, **kw)

    with samplesites.serve_scenario("clean") as world:
        plan = mailbox_plan(world)
        monkeypatch.setattr(ProbeLedger, "move", crash)
        with pytest.raises(KeyboardInterrupt):
            send_probes(plan, db, really_send=True, now=world.clock.now(), evidence_dir=tmp_path)
        monkeypatch.setattr(ProbeLedger, "move", real_move)
        [again] = send_probes(plan, db, really_send=True, now=world.clock.now(), evidence_dir=tmp_path)
        assert world.stats()["portal"]["mailbox_submissions"] == 1
    assert again["action"] == "reconciled"
