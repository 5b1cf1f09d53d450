"""The programme store: one row per (programme run, kind, site, slot); fenced claims; one report publisher.

Runs on SQLite always and on PostgreSQL when INSPECTOR_TEST_PG_URL names a server (CI starts one)."""

from __future__ import annotations

import os
from datetime import datetime, timedelta

import pytest

from inspector.store.db import open_store
from inspector.store.programme import ProgrammeStore


class Clock:
    def __init__(self) -> None:
        self.t = datetime(2026, 11, 16, 9, 0, 0)

    def __call__(self) -> datetime:
        return self.t


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):  # noqa: ANN001, ANN201
    if request.param == "sqlite":
        return open_store(f"sqlite:///{tmp_path / 'p.db'}")
    url = os.environ.get("INSPECTOR_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL server: set INSPECTOR_TEST_PG_URL (CI's .ci/run starts one)")
    return open_store(url)


def _programme(ps: ProgrammeStore, key: str) -> int:
    pid, created = ps.create(key, name="p", plan={"sites": []}, options={}, run_id=None)
    assert created
    return pid


def test_tasks_are_unique_per_programme_kind_site_slot(store, tmp_path) -> None:
    ps = ProgrammeStore(store)
    key = f"run:{tmp_path.name}"
    pid = _programme(ps, key)
    assert ps.create(key, name="again", plan={}, options={}, run_id=None) == (pid, False)  # the key holds
    items = [
        ("audit", "http://a.gov.cn/", ""),
        ("audit", "http://b.gov.cn/", ""),
        ("availability", "http://a.gov.cn/", "t1"),
    ]
    first = ps.add_tasks(pid, items)
    again = ps.add_tasks(pid, items + items)  # a duplicate enqueue adds nothing
    assert [t.id for t in first] == [t.id for t in again][:3]
    assert len(ps.tasks(pid)) == 3
    other = _programme(ps, key + ":other")
    assert len(ps.add_tasks(other, items[:1])) == 1  # another programme run: its own task


def test_claim_done_busy_stale_takeover_and_fencing(store, tmp_path) -> None:
    clock = Clock()
    ps = ProgrammeStore(store, now=clock)
    pid = _programme(ps, f"run:{tmp_path.name}")
    [task] = ps.add_tasks(pid, [("audit", "http://a.gov.cn/", "")])

    a = ps.claim(task.id, "worker-a", stale_after_s=30)
    assert a.outcome == "taken" and a.token and a.attempts == 1
    b = ps.claim(task.id, "worker-b", stale_after_s=30)
    assert b.outcome == "busy" and b.row["worker"] == "worker-a"  # a fresh heartbeat: it is being done

    clock.t += timedelta(seconds=20)
    assert ps.heartbeat(task.id, a.token)
    clock.t += timedelta(seconds=20)
    assert ps.claim(task.id, "worker-b", stale_after_s=30).outcome == "busy"  # beat 20 s ago: alive

    clock.t += timedelta(seconds=31)  # worker-a went silent: taken over
    b = ps.claim(task.id, "worker-b", stale_after_s=30)
    assert b.outcome == "taken" and b.attempts == 2 and b.token != a.token
    assert not ps.heartbeat(task.id, a.token)  # the old attempt learns it lost the task …
    assert not ps.finish(task.id, a.token, result="pass 100")  # … and cannot finish it
    assert ps.finish(task.id, b.token, result="pass 99", audit_id=None)
    done = ps.claim(task.id, "worker-c", stale_after_s=30)
    assert done.outcome == "done" and done.row["result"] == "pass 99" and done.attempts == 2


def test_a_retry_resumes_its_own_claim_and_a_handed_back_task_is_free(store, tmp_path) -> None:
    ps = ProgrammeStore(store, now=Clock())
    pid = _programme(ps, f"run:{tmp_path.name}")
    [task] = ps.add_tasks(pid, [("audit", "http://a.gov.cn/", "")])
    first = ps.claim(task.id, "w1", stale_after_s=30)
    assert ps.claim(task.id, "w2", stale_after_s=30).outcome == "busy"
    again = ps.claim(task.id, "w1", stale_after_s=30, resume=first.token)  # its retry after a database error
    assert again.outcome == "taken"
    assert [r.id for r in ps.hand_back("w1")] == [task.id]  # w1 shuts down
    assert ps.claim(task.id, "w2", stale_after_s=30).outcome == "taken"


def test_report_is_claimed_once_and_a_dead_publisher_is_replaced(store, tmp_path) -> None:
    clock = Clock()
    ps = ProgrammeStore(store, now=clock)
    pid = _programme(ps, f"run:{tmp_path.name}")
    assert ps.claim_report(pid, stale_after_s=600)
    assert not ps.claim_report(pid, stale_after_s=600)
    clock.t += timedelta(seconds=601)
    assert ps.claim_report(pid, stale_after_s=600)
    ps.finish_report(pid, "done", "8 files")
    clock.t += timedelta(days=1)
    assert not ps.claim_report(pid, stale_after_s=600)


def test_programme_is_done_when_no_task_is_open_and_running_again_with_new_work(store, tmp_path) -> None:
    ps = ProgrammeStore(store, now=Clock())
    pid = _programme(ps, f"run:{tmp_path.name}")
    [t] = ps.add_tasks(pid, [("availability", "http://a.gov.cn/", "t1")])
    assert not ps.maybe_finish(pid)
    c = ps.claim(t.id, "w", stale_after_s=30)
    ps.fail(t.id, c.token, "boom")
    assert ps.maybe_finish(pid) and ps.get(pid)["state"] == "done"
    ps.add_tasks(pid, [("availability", "http://a.gov.cn/", "t2")])
    assert ps.get(pid)["state"] == "running"
    assert ps.reset_failed(pid) == 1 and {r.state for r in ps.unfinished(pid)} == {"queued"}


def test_migration_creates_exactly_the_declared_tables(tmp_path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from inspector.store.tables import Base

    store = open_store(f"sqlite:///{tmp_path / 'm.db'}")
    mine = {"programme_runs", "programme_tasks", "workers", "frontier_urls", "frontier_links", "frontier_state"}
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)

    def table_of(change: object) -> str | None:
        for part in change if isinstance(change, tuple) else ():
            name = getattr(part, "name", None) if not hasattr(part, "table") else part.table.name
            if name:
                return name
        return None

    assert [c for c in diff if table_of(c) in mine] == []
