"""`inspector programme` without a broker (in this process, as before) and `schedule run` with a `broker:`."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from distributed.cluster import REPO, Worker, start_redis, wait_for
from inspector.plan import PlanError, load_plan, parse_plan
from inspector.samplesites import serve_scenario
from inspector.schedule import Scheduler, standard_tasks
from inspector.store.db import open_store
from inspector.store.programme import ProgrammeStore


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "inspector.cli", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def _plan(tmp: Path, urls: list[str], extra: str = "") -> Path:
    sites = "".join(f"  - {{name: 县{i}, url: '{u}', max_pages: 20}}\n" for i, u in enumerate(urls))
    path = tmp / "plan.yaml"
    path.write_text(
        f"db: sqlite:///{tmp / 'p.db'}\noutput: {tmp / 'reports'}\npoliteness: {{per_host_delay_s: 0.0}}\n{extra}"
        f"sites:\n{sites}",
        encoding="utf-8",
    )
    return path


def test_broker_key_is_checked_with_its_line(tmp_path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("sites: [http://a.gov.cn/]\nbroker: amqp://x\n", encoding="utf-8")
    with pytest.raises(PlanError, match=r"plan.yaml:line 2: broker: 'amqp://x' is not a Redis URL"):
        load_plan(path)
    assert parse_plan({"sites": ["http://a.gov.cn/"], "broker": "redis://h:6379/0"}).broker == "redis://h:6379/0"


@pytest.mark.slow
def test_programme_runs_in_process_without_a_broker_and_reports_status(tmp_path) -> None:
    with serve_scenario("broken-links") as world:
        plan = _plan(tmp_path, [world.urls["portal"]])
        today = world.manifest()["today"]
        run = _cli("programme", "run", str(plan), "--as-of", today, "--no-screenshots", cwd=tmp_path)
        again = _cli("programme", "resume", "1", "--db", f"sqlite:///{tmp_path / 'p.db'}", cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr  # broken links deduct, they do not fail the site
    assert "running in this process (no broker)" in run.stdout
    assert "batch report: done" in run.stdout and (tmp_path / "reports" / "index.html").exists()
    assert again.returncode == 0 and "batch report: done" in again.stdout  # nothing left to do, nothing redone
    status = _cli("programme", "status", "1", "--db", f"sqlite:///{tmp_path / 'p.db'}", "--json", cwd=tmp_path)
    data = json.loads(status.stdout)
    [task] = data["tasks"]
    assert (task["kind"], task["state"], task["attempts"]) == ("audit", "done", 1)
    assert task["result"].startswith("pass")
    assert data["programme"]["report_state"] == "done"
    listing = _cli("programme", "list", "--db", f"sqlite:///{tmp_path / 'p.db'}", cwd=tmp_path)
    assert "1/1 tasks" in listing.stdout


def test_status_of_an_unknown_programme_is_one_line(tmp_path) -> None:
    res = _cli("programme", "status", "42", "--db", f"sqlite:///{tmp_path / 'x.db'}", cwd=tmp_path)
    assert res.returncode == 2 and res.stderr.strip().count("\n") == 0 and "no programme 42" in res.stderr


@pytest.mark.slow
def test_schedule_with_a_broker_hands_the_due_audit_to_a_worker(tmp_path) -> None:
    redis_server = start_redis(tmp_path)
    try:
        with serve_scenario("clean") as world:
            plan_file = _plan(
                tmp_path,
                [world.urls["portal"]],
                extra=f"broker: {redis_server.url}\nschedules: {{audit: '0 2 * * *'}}\n",
            )
            plan = load_plan(plan_file)
            store = open_store(plan.db)
            fixed = datetime.fromisoformat(f"{world.manifest()['today']}T02:00:30")
            sched = Scheduler(plan, store, standard_tasks(plan, store), now=lambda: fixed)
            sched._scanned_to = fixed.replace(hour=1)  # as if the scheduler had been running
            done = asyncio.run(sched.run_due())
            audit = [d for s, st, d in done if s.kind == "audit"]
            assert audit and audit[0].startswith("queued as programme")
            ps = ProgrammeStore(store)
            [prog] = [r for r in ps.runs() if r["name"].startswith("audit")]  # (the hour's sample is another)
            assert ps.counts(prog["id"]) == {"audit": {"queued": 1}}
            worker = Worker("w1", redis_server.url, plan.db, tmp_path)
            try:
                wait_for("the worker's audit", lambda: ps.counts(prog["id"]) == {"audit": {"done": 1}}, 240, 1)
                wait_for("the batch report", lambda: ps.get(prog["id"])["report_state"] == "done", 60)
            finally:
                worker.stop()
            assert asyncio.run(sched.run_due()) == []  # the slot is done: not queued a second time
    finally:
        redis_server.stop()
