"""Scheduled programmes: a simulated week of availability samples, a killed scheduler, history across audits."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from inspector.audit import AuditOptions, run_audit
from inspector.check import CheckContext, registry
from inspector.model import SiteArtifacts
from inspector.plan import PlanError, load_plan, parse_plan
from inspector.profile import load_profile
from inspector.samplesites import serve_scenario
from inspector.schedule import Schedule, Scheduler, standard_tasks
from inspector.store.db import open_store
from inspector.store.tables import Audit, PageRow, TaskRun


class FakeClock:
    """Simulated time: the scheduler's sleep jumps straight to the next slot."""

    def __init__(self, start: datetime, end: datetime | None = None):
        self.t = start
        self.end = end
        self.scheduler: Scheduler | None = None

    def __call__(self) -> datetime:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.t += timedelta(seconds=seconds)
        if self.end is not None and self.t >= self.end and self.scheduler is not None:
            self.scheduler.stop()


def _week_of_samples(share: float, tmp_path) -> tuple[list, list]:
    """Drive the scheduler through 7 simulated days against a home page that fails `share` of visits."""
    with serve_scenario("flaky-home", params={"failure_share": share}) as world:
        url = world.urls["portal"]
        plan = parse_plan({"sites": [{"url": url}], "samples_per_day": 20})
        store = open_store(f"sqlite:///{tmp_path / f'week-{share}.db'}")
        start = datetime(2026, 11, 9, 0, 0, 0)
        end = start + timedelta(days=7)
        clock = FakeClock(start, end)
        tasks = standard_tasks(plan, store)
        sched = Scheduler(plan, store, {"availability": tasks["availability"]}, now=clock, sleep=clock.sleep)
        clock.scheduler = sched
        asyncio.run(sched.run_forever())
        samples = store.availability(url, start, end - timedelta(seconds=1))
    profile = load_profile("cn-gov-2019")
    a = SiteArtifacts(site=url, as_of=start + timedelta(days=7), availability=samples, gathered=["availability"])
    check = registry()["availability"]
    findings = check(a, CheckContext(as_of=a.as_of, params=profile.params_for("availability")))
    return samples, findings


@pytest.mark.slow
def test_a_week_of_samples_vetoes_at_5_percent_and_not_at_4(tmp_path):
    samples, findings = _week_of_samples(0.05, tmp_path)
    assert len(samples) == 140  # 20 a day, 7 days, spread over the day
    assert len({s.at.date() for s in samples}) == 7
    assert sum(not s.ok for s in samples) == 7  # 5 %
    veto = [f for f in findings if f.level == "fail"]
    assert len(veto) == 1 and "5.0%" in veto[0].message_zh.replace(" ", "")
    assert any(not s.ok and s.status == 503 for s in samples)

    samples4, findings4 = _week_of_samples(0.04, tmp_path)
    assert len(samples4) == 140 and sum(not s.ok for s in samples4) == 5  # 3.6 % < 5 %
    assert not [f for f in findings4 if f.level == "fail"]


def test_samples_are_jittered_per_site_and_spread_over_the_day():
    plan = parse_plan(
        {"sites": [{"url": "http://a.example.gov.cn/"}, {"url": "http://b.example.gov.cn/"}], "samples_per_day": 24}
    )
    day = datetime(2026, 11, 16)
    slots = Schedule(plan).slots_between(day, day + timedelta(days=1) - timedelta(seconds=1))
    a = [s.due_at for s in slots if s.kind == "availability" and s.site.startswith("http://a")]
    b = [s.due_at for s in slots if s.kind == "availability" and s.site.startswith("http://b")]
    assert len(a) == len(b) == 24
    assert a != b  # the two sites do not hit at the same second
    gaps = {(y - x).total_seconds() for x, y in zip(a, a[1:])}
    assert gaps == {3600.0}


def _plan_file(tmp_path, url: str) -> str:
    path = tmp_path / "plan.yaml"
    path.write_text(
        f"profile: cn-gov-2019\ndb: sqlite:///{tmp_path / 'sched.db'}\noutput: {tmp_path / 'out'}\n"
        f"politeness: {{per_host_delay_s: 0.0}}\n"
        f'schedules:\n  audit: "0 2 * * *"\n  probes: "0 9 * * *"\n  report: "30 7 * * *"\n'
        f'  availability: "0 3 * * *"\nsites:\n  - name: 示例县人民政府\n    url: {url}\n    max_pages: 200\n',
        encoding="utf-8",
    )
    return str(path)


@pytest.mark.slow
def test_killed_scheduler_completes_the_run_without_duplicate_audits(tmp_path):
    with serve_scenario("broken-links") as world:
        plan = _plan_file(tmp_path, world.urls["portal"])
        cmd = [sys.executable, "-m", "inspector.cli", "schedule", "once", plan, "--now", "2026-11-16T02:00:30"]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        store = open_store(f"sqlite:///{tmp_path / 'sched.db'}")
        deadline = time.monotonic() + 120
        pages = 0
        while time.monotonic() < deadline and proc.poll() is None:  # kill it in the middle of the crawl
            with store.session() as s:
                pages = s.scalar(select(func.count(PageRow.id))) or 0
            if pages >= 30:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the audit finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        with store.session() as s:
            assert s.scalar(select(Audit.status)) == "running"
            assert s.scalar(select(TaskRun.state).where(TaskRun.kind == "audit")) == "running"
        second = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
        # The same audit, never interrupted, for comparison.
        options = AuditOptions(
            profile=load_profile("cn-gov-2019"),
            as_of="2026-11-16",
            max_pages=200,
            screenshots=False,
            fetch_settings={"per_host_delay_s": 0.0},
        )
        [whole] = run_audit([world.urls["portal"]], options, db_url=f"sqlite:///{tmp_path / 'whole.db'}")
    assert second.returncode == 0, second.stdout + second.stderr
    with store.session() as s:
        audits = s.execute(select(Audit.status, Audit.verdict)).all()
        runs = s.execute(select(TaskRun.kind, TaskRun.state, TaskRun.attempts).where(TaskRun.kind == "audit")).all()
        urls = [u for (u,) in s.execute(select(PageRow.url))]
    assert audits == [("done", "pass")]  # one audit, resumed, not two
    assert runs == [("audit", "done", 2)]
    with store.session() as s:
        resumed = s.scalar(select(Audit.verdict_json))
    counted = sorted(f["check"] + "|" + (f["url"] or "") for f in resumed["findings"] if f["level"] == "fail")
    assert counted == sorted(f"{f.check}|{f.url or ''}" for f in whole.findings if f.level == "fail")
    assert len(counted) == 8 and resumed["score"] == whole.score  # the planted broken links, same score
    assert len(urls) - len(set(urls)) <= 8  # only pages in flight at the kill were fetched again
    third = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert "nothing due" in third.stdout  # the slot is done: a later restart does not repeat it


@pytest.mark.slow
def test_second_audit_reports_fixed_and_new_findings(tmp_path):
    db = f"sqlite:///{tmp_path / 'h.db'}"
    port = 0
    verdicts = []
    for scenario in ("broken-links", "clean", "stale-home"):  # one county: fixed its links, then stopped updating
        with serve_scenario(scenario, port=port) as world:
            port = int(world.urls["portal"].rsplit(":", 1)[1].strip("/"))
            options = AuditOptions(
                profile=load_profile("cn-gov-2019"),
                as_of=world.manifest()["today"],
                max_pages=120,
                screenshots=False,
                fetch_settings={"per_host_delay_s": 0.0},
            )
            verdicts.append(run_audit([world.urls["portal"]], options, db_url=db)[0])
    first, fixed, worse = verdicts
    assert first.run["changes"]["baseline"] is None
    fixed_keys = fixed.run["changes"]["fixed"]
    broken_before = {f.key for f in first.findings if f.check == "broken-links" and f.level == "fail"}
    assert len(broken_before) == 8  # the planted definite broken links (5 on the home page, 3 inside)
    assert broken_before <= set(fixed_keys)  # every one of them reported fixed
    assert fixed.run["changes"]["new"] == []
    assert any(k.startswith("homepage-freshness|") for k in worse.run["changes"]["new"])
    assert [t["score"] for t in worse.run["trend"]] == [first.score, fixed.score, worse.score]
    history = open_store(db).history(first.site)
    assert [h["verdict"] for h in history] == ["fail", "pass", "pass"]


def test_plan_errors_point_at_the_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "sites:\n  - url: https://www.example.gov.cn/\n    columns:\n      /col/tzgg/: notices\n", encoding="utf-8"
    )
    with pytest.raises(PlanError, match=r"bad.yaml:line 4: column type 'notices' unknown"):
        load_plan(bad)
    cron = tmp_path / "cron.yaml"
    cron.write_text("schedules:\n  audit: every day\nsites: [https://www.example.gov.cn/]\n", encoding="utf-8")
    with pytest.raises(PlanError, match=r"line 2: schedule audit: 'every day' is not a cron"):
        load_plan(cron)
