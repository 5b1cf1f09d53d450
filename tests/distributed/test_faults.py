"""Fault tests with the real servers: Redis, PostgreSQL, two `inspector worker` processes, sample sites.

Each programme audits sample counties (20 pages each) on two workers, and a fault strikes mid-audit:
a worker killed with kill -9 (its whole process group, as if the machine died), a worker stopped with
SIGTERM, Redis restarted, PostgreSQL restarted, every task enqueued twice. Afterwards every task is
done, every site was audited exactly once (one finished audit, no doubled page), the batch report was
published, and the interrupted audit found what an undisturbed audit of the same site finds.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from distributed.cluster import Worker, fresh_database, start_postgres, start_redis, wait_for
from inspector.distributed.dispatch import ProgrammeRequest, create_programme, resume, run_local, submit
from inspector.model import Verdict, from_jsonable
from inspector.plan import parse_plan
from inspector.samplesites import serve_scenario
from inspector.store.db import open_store
from inspector.store.programme import ProgrammeStore
from inspector.store.tables import Audit, PageRow, ProgrammeTask, Site

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

SCENARIOS = ("broken-links", "clean", "stale-home")
MAX_PAGES = 20


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[dict[str, Any]]:  # noqa: ANN001
    tmp = tmp_path_factory.mktemp("cluster")
    redis_server = start_redis(tmp)
    pg = start_postgres(tmp)
    with ExitStack() as stack:
        worlds = {s: stack.enter_context(serve_scenario(s)) for s in SCENARIOS}
        yield {"redis": redis_server, "pg": pg, "worlds": worlds, "tmp": tmp}
    redis_server.stop()
    pg.stop()


@pytest.fixture()
def cluster(servers, tmp_path) -> Iterator[dict[str, Any]]:  # noqa: ANN001
    import redis

    redis.Redis.from_url(servers["redis"].url).flushall()
    db = fresh_database(servers["pg"].url)
    store = open_store(db)
    workers: list[Worker] = []

    def start(name: str) -> Worker:
        w = Worker(name, servers["redis"].url, db, tmp_path)
        workers.append(w)
        return w

    yield {**servers, "db": db, "store": store, "start": start, "out": tmp_path / "reports"}
    for w in workers:
        w.stop()
    store.engine.dispose()


def request(servers: dict[str, Any], scenarios: tuple[str, ...], out: Path) -> ProgrammeRequest:
    worlds = servers["worlds"]
    plan = parse_plan(
        {
            "sites": [{"url": worlds[s].urls["portal"], "name": s} for s in scenarios],
            "politeness": {"per_host_delay_s": 0.0},
            "output": str(out),
        }
    )
    today = worlds[scenarios[0]].manifest()["today"]
    return ProgrammeRequest(plan=plan, kinds=("audit",), as_of=today, max_pages=MAX_PAGES, screenshots=False)


def running_with_pages(store: Any, pid: int, pages: int) -> dict[str, Any] | None:
    """A task that is mid-audit: running, with at least ``pages`` pages of its audit stored."""
    with store.session() as s:
        rows = s.execute(
            select(ProgrammeTask.id, ProgrammeTask.worker, ProgrammeTask.site, ProgrammeTask.audit_id).where(
                ProgrammeTask.programme_id == pid, ProgrammeTask.state == "running", ProgrammeTask.audit_id.is_not(None)
            )
        ).all()
        for tid, worker, site, audit_id in rows:
            n = s.scalar(select(func.count(PageRow.id)).where(PageRow.audit_id == audit_id)) or 0
            if n >= pages:
                return {"task": tid, "worker": worker, "site": site, "audit_id": audit_id, "pages": n}
    return None


def all_done(store: Any, pid: int) -> bool:
    counts = ProgrammeStore(store).counts(pid)
    return bool(counts) and all(set(v) == {"done"} for v in counts.values())


def assert_done_once(store: Any, pid: int, urls: list[str]) -> dict[str, Any]:
    """Nothing lost, nothing doubled: one finished audit per site, no page stored twice, one report."""
    ps = ProgrammeStore(store)
    tasks = ps.tasks(pid)
    assert sorted(t["site"] for t in tasks) == sorted(urls)
    assert {t["state"] for t in tasks} == {"done"}, [(t["site"], t["state"], t["reason"]) for t in tasks]
    run_id = ps.get(pid)["run_id"]
    verdicts = {}
    with store.session() as s:
        for url in urls:
            audits = s.execute(
                select(Audit.id, Audit.status, Audit.verdict_json)
                .join(Site, Site.id == Audit.site_id)
                .where(Site.url == url, Audit.run_id == run_id)
            ).all()
            assert [a.status for a in audits] == ["done"], (url, audits)  # audited once, not twice
            aid = audits[0].id
            urls_stored = [u for (u,) in s.execute(select(PageRow.url).where(PageRow.audit_id == aid))]
            assert len(urls_stored) == len(set(urls_stored)) > 0  # no page twice
            verdicts[url] = from_jsonable(Verdict, audits[0].verdict_json)
    prog = wait_for("the batch report", lambda: ps.get(pid)["report_state"] == "done" and ps.get(pid), 30)
    assert Path(prog["options"]["output"], "index.html").exists()
    return verdicts


def findings(v: Verdict) -> tuple[Any, ...]:
    return (v.verdict, v.score, sorted((f.check, f.rule or "", f.url or "", f.level, f.severity) for f in v.findings))


def undisturbed(servers: dict[str, Any], scenario: str, tmp: Path) -> Verdict:
    """The same audit in one process, never interrupted."""
    store = open_store(f"sqlite:///{tmp / f'undisturbed-{scenario}.db'}")
    pid, _ = create_programme(store, request(servers, (scenario,), tmp / "undisturbed"))
    asyncio.run(run_local(store, pid))
    [v] = assert_done_once(store, pid, [servers["worlds"][scenario].urls["portal"]]).values()
    return v


def test_kill_9_of_a_worker_mid_audit_is_redelivered_and_completes_once(cluster, tmp_path) -> None:
    store = cluster["store"]
    workers = {w.name: w for w in (cluster["start"]("w1"), cluster["start"]("w2"))}
    req = request(cluster, ("broken-links", "clean"), cluster["out"])
    pid, sent = submit(store, req, broker_url=cluster["redis"].url)
    assert sent == 2
    victim = wait_for("an audit in progress", lambda: running_with_pages(store, pid, 8), 120)
    workers[victim["worker"]].kill9()  # the whole worker with its pool, mid-crawl
    wait_for("every task done", lambda: all_done(store, pid), 420, every_s=1)
    verdicts = assert_done_once(store, pid, [s.url for s in req.plan.sites])
    task = ProgrammeStore(store).task(victim["task"])
    assert task["attempts"] == 2 and task["worker"] != victim["worker"]  # redelivered to the other worker
    assert task["audit_id"] == victim["audit_id"]  # the same audit, resumed from its frontier
    scenario = next(s for s in SCENARIOS if cluster["worlds"][s].urls["portal"] == victim["site"])
    assert findings(verdicts[victim["site"]]) == findings(undisturbed(cluster, scenario, tmp_path))


def test_sigterm_hands_the_running_audit_back_to_another_worker(cluster) -> None:
    store = cluster["store"]
    workers = {w.name: w for w in (cluster["start"]("w1"), cluster["start"]("w2"))}
    req = request(cluster, ("broken-links", "stale-home"), cluster["out"])
    pid, _ = submit(store, req, broker_url=cluster["redis"].url)
    victim = wait_for("an audit in progress", lambda: running_with_pages(store, pid, 8), 120)
    stopping = workers[victim["worker"]]
    stopping.term(timeout_s=60)  # soft shutdown (3 s here), then the task goes back to the queue
    wait_for("every task done", lambda: all_done(store, pid), 420, every_s=1)
    assert_done_once(store, pid, [s.url for s in req.plan.sites])
    task = ProgrammeStore(store).task(victim["task"])
    assert task["attempts"] == 2 and task["worker"] != victim["worker"]
    states = {w["name"]: w["state"] for w in ProgrammeStore(store).workers()}
    assert states[stopping.name] == "offline"  # its heartbeat row says so


def test_redis_restart_mid_programme_loses_and_doubles_nothing(cluster) -> None:
    store = cluster["store"]
    cluster["start"]("w1"), cluster["start"]("w2")
    req = request(cluster, SCENARIOS, cluster["out"])
    pid, sent = submit(store, req, broker_url=cluster["redis"].url)
    assert sent == 3
    wait_for("an audit in progress", lambda: running_with_pages(store, pid, 5), 120)
    cluster["redis"].restart(down_s=1.0)  # the third task is still on the queue: it must survive
    wait_for("every task done", lambda: all_done(store, pid), 420, every_s=1)
    assert_done_once(store, pid, [s.url for s in req.plan.sites])


def test_postgresql_restart_mid_programme_retries_and_resumes(cluster) -> None:
    store = cluster["store"]
    w1, w2 = cluster["start"]("w1"), cluster["start"]("w2")
    req = request(cluster, SCENARIOS, cluster["out"])
    pid, _ = submit(store, req, broker_url=cluster["redis"].url)
    wait_for("an audit in progress", lambda: running_with_pages(store, pid, 5), 120)
    cluster["pg"].restart(down_s=2.0)
    wait_for("every task done", lambda: all_done(store, pid), 420, every_s=1)
    assert_done_once(store, pid, [s.url for s in req.plan.sites])
    logs = w1.text() + w2.text()
    assert "heartbeat failed" in logs  # the outage did hit the running workers


def test_duplicate_enqueue_is_done_once(cluster) -> None:
    store = cluster["store"]
    w1, w2 = cluster["start"]("w1"), cluster["start"]("w2")
    req = request(cluster, ("clean", "stale-home"), cluster["out"])
    pid, sent = submit(store, req, broker_url=cluster["redis"].url)
    again = resume(store, pid, broker_url=cluster["redis"].url)  # every task a second time
    assert (sent, again) == (2, 2)
    wait_for("every task done", lambda: all_done(store, pid), 420, every_s=1)
    assert_done_once(store, pid, [s.url for s in req.plan.sites])
    assert [t["attempts"] for t in ProgrammeStore(store).tasks(pid)] == [1, 1]  # the twins never ran
    wait_for(
        "the duplicates to be consumed",
        lambda: (w1.text() + w2.text()).count("already done") + (w1.text() + w2.text()).count("Retry in") >= 2,
        60,
    )
