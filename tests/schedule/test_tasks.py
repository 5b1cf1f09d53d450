"""The scheduler's own defects (issue 15): report task, sample stamps, catch-up, failures, first run."""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
from datetime import datetime, timedelta

from sqlalchemy import select

from inspector.model import Finding
from inspector.plan import parse_plan
from inspector.profile import load_profile
from inspector.schedule import MAX_ATTEMPTS, Scheduler, Slot, standard_tasks
from inspector.scoring import score
from inspector.store.db import open_store
from inspector.store.tables import TaskRun

SITE = "http://127.0.0.1:9/"  # nothing listens on the discard port: every sample fails fast


def _store(tmp_path):
    return open_store(f"sqlite:///{tmp_path / 's.db'}")


def test_report_task_writes_the_batch_from_stored_verdicts(tmp_path):
    """The stored verdict has no schema envelope; the report task used to die on it (ReportFormatError)."""
    store = _store(tmp_path)
    plan = parse_plan({"sites": [{"url": SITE, "name": "清河县人民政府"}], "output": str(tmp_path / "out")})
    finding = Finding(check="homepage-freshness", message_zh="首页已超过2周未更新", message_en="stale", url=SITE)
    v = score(SITE, [finding], load_profile("cn-gov-2019"), "2026-11-16")
    run = store.start_run("cn-gov-2019", "2026-11-16", "test", {})
    store.finish_audit(store.start_audit(run, SITE), v)
    task = standard_tasks(plan, store)["report"]
    detail = asyncio.run(task(Slot("report", "*", datetime(2026, 11, 16, 7, 30)), datetime(2026, 11, 16, 7, 30)))
    assert detail.startswith("wrote ")
    out = tmp_path / "out"
    for name in ("index.html", "inspection.xlsx", "rectification.csv", "verdicts.json"):
        assert (out / name).is_file(), name
    assert "首页已超过2周未更新" in (out / "rectification.csv").read_text(encoding="utf-8-sig")


def test_catch_up_samples_only_the_latest_slot_stamped_with_its_slot(tmp_path):
    """A restart a day late used to take 24 samples in one go, all stamped with the restart time."""
    store = _store(tmp_path)
    plan = parse_plan({"sites": [SITE], "samples_per_day": 24, "schedules": {"audit": "0 2 1 1 *"}})
    restart = datetime(2026, 11, 16, 14, 10)
    with store.session() as s:  # the previous scheduler took a slot a day ago, then died
        s.add(
            TaskRun(
                kind="audit",
                site=SITE,
                due_at=restart - timedelta(days=1),
                state="done",
                started_at=restart,
                attempts=1,
                detail="",
            )
        )
    tasks = standard_tasks(plan, store)
    sched = Scheduler(plan, store, {"availability": tasks["availability"]}, now=lambda: restart)
    results = asyncio.run(sched.run_due())
    states = [state for slot, state, _ in results if slot.kind == "availability"]
    assert states.count("missed") == 23 and states[-1] == "done"
    [sample] = store.availability(SITE, restart - timedelta(days=2), restart)
    taken = [slot for slot, state, _ in results if state == "done"][0]
    assert sample.at == taken.due_at != restart
    assert restart - sample.at < timedelta(hours=1)
    assert asyncio.run(sched.run_due()) == []  # missed slots are final: not retried


def test_a_failing_task_logs_one_line_and_stops_after_its_attempts(tmp_path, caplog):
    store = _store(tmp_path)
    plan = parse_plan({"sites": [SITE], "schedules": {"report": "30 7 * * *"}})
    calls = []

    async def broken(slot, now):
        calls.append(now)
        raise ValueError("not a gov-inspector/verdict document")

    clock = [datetime(2026, 11, 16, 7, 30, 30)]
    sched = Scheduler(plan, store, {"report": broken}, now=lambda: clock[0])
    with caplog.at_level(logging.ERROR, logger="inspector.schedule"):
        for minute in range(6):
            clock[0] = datetime(2026, 11, 16, 7, 30, 30) + timedelta(minutes=minute)
            asyncio.run(sched.run_due())
    assert len(calls) == MAX_ATTEMPTS
    assert not any(r.exc_info for r in caplog.records)  # no traceback as the operator's answer
    assert "report for * failed: ValueError: not a gov-inspector/verdict document" in caplog.records[0].getMessage()
    with store.session() as s:
        assert s.scalar(select(TaskRun.attempts)) == MAX_ATTEMPTS


def test_first_run_says_when_the_next_slots_are(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        f"db: sqlite:///{tmp_path / 'p.db'}\nschedules: {{audit: '0 2 * * *', report: '30 7 * * *'}}\nsites: ['{SITE}']\n",
        encoding="utf-8",
    )
    cmd = [sys.executable, "-m", "inspector.cli", "schedule", "once", str(plan), "--now", "2026-11-16T12:00"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "first run of this plan" in out.stdout
    assert "next audit        2026-11-17 02:00:00" in out.stdout
    assert f"to audit now: inspector schedule once {plan} --now 2026-11-17T02:00" in out.stdout
