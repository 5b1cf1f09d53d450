"""A probe's timeline reaches the site's report: planned → sent → answered → disclosed, with evidence."""

from __future__ import annotations

import pytest

from inspector.audit import AuditOptions, run_audit
from inspector.probe.plan import plan_from_dict
from inspector.probe.service import follow_probes, send_probes
from inspector.profile import load_profile
from inspector.report import render_site_html
from inspector.samplesites import serve_scenario
from inspector.workdays import add_working_days

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TEAM = {"name": "网站检查组", "contact_name": "张检查", "phone": "010-12345678", "email": "t@example.cn"}


def test_probe_timeline_is_in_the_audit_report(tmp_path):
    db = f"sqlite:///{tmp_path}/store.db"
    with serve_scenario("clean") as world:
        base = world.urls["portal"].rstrip("/")
        plan = plan_from_dict(
            {
                "team": TEAM,
                "sites": [
                    {
                        "site": base + "/",
                        "channel_url": base + "/hdjl/xzxx/write",
                        "list_url": base + "/hdjl/xzxx/",
                        "search_url": base + "/hdjl/xzxx/search?q={q}",
                        "opt_in": True,
                        "sla_working_days": 15,
                    }
                ],
            }
        )
        start = world.clock.now()
        [sent] = send_probes(plan, db, really_send=True, now=start, evidence_dir=tmp_path)
        world.clock.advance(days=(add_working_days(start, 12) - start.date()).days)
        [done] = follow_probes(plan, db, now=world.clock.now())
        options = AuditOptions(
            profile=load_profile("cn-gov-2019"),
            as_of=world.clock.now().date().isoformat(),
            max_pages=60,
            screenshots=False,
            fetch_settings={"per_host_delay_s": 0.0},
        )
        [verdict] = run_audit([world.urls["portal"]], options, db_url=db)
    assert done["state"] == "disclosed"
    [probe] = verdict.run["probes"]
    assert probe["token"] == sent["token"] and probe["state"] == "disclosed"
    states = [s["state"] for s in probe["states"]]
    assert states[0] == "planned" and "submitted" in states and states[-1] == "disclosed"
    html = render_site_html(verdict)  # the report's language: the state's Chinese name, never the raw key
    assert sent["token"] in html and "已公开答复" in html
    assert "disclosed" in render_site_html(verdict, lang="en")
