"""Probe latency from the complaint platform's own step dates (提交 → 办结), not from when the reply
was first seen (issue 15). Real sample platform, real Chromium for the submission, controllable clock."""

from __future__ import annotations

import pytest

import inspector.samplesites as samplesites
from inspector.probe.plan import plan_from_dict
from inspector.probe.service import follow_probes, send_probes

pytestmark = pytest.mark.browser
TEAM = {"name": "网站检查组", "contact_name": "张检查", "phone": "010-12345678", "email": "t@example.cn"}


def test_latency_comes_from_the_platforms_steps(tmp_path):
    db = f"sqlite:///{tmp_path}/p.db"
    with samplesites.serve_scenario("clean", params={"complaint_delay_workdays": 5}) as world:
        base = world.urls["complaints"].rstrip("/")
        plan = plan_from_dict(
            {
                "team": TEAM,
                "sites": [
                    {
                        "site": base + "/",
                        "channel_url": base + "/submit",
                        "lookup_url": base + "/query?code={code}",
                        "kind": "complaint",
                        "opt_in": True,
                        "sla_working_days": 10,
                    }
                ],
            }
        )
        [sent] = send_probes(plan, db, really_send=True, now=world.clock.now(), evidence_dir=tmp_path)
        assert sent["state"] == "submitted" and sent["tracking_code"]
        world.clock.advance(days=14)  # the inspection team looks two weeks later
        [done] = follow_probes(plan, db, now=world.clock.now())
    assert done["reply_time_source"] == "platform_steps"
    assert done["latency"]["working_days"] == 5  # 办结 on the 5th working day, not 10 (first seen)
    assert set(done["steps"]) >= {"提交", "受理", "转办", "办结"}
