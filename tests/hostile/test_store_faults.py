"""Issue 16 item 4 and the killed run: a resume or a second audit of the same site never doubles a row,
and a run whose process was killed does not stay ``running``."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time

from crawl.servers import Reply, page, serve
from hostile_servers import bounded
from sqlalchemy import func, select

from inspector import audit as audit_module
from inspector.audit import AuditOptions, run_audit
from inspector.judge import judge
from inspector.profile import load_profile
from inspector.store.db import open_store
from inspector.store.tables import Audit, LinkCheckRow, PageRow, Run

BROKEN = [f"/gone{i}.html" for i in range(10)]


def routes(delay_s: float = 0.0) -> dict:
    inner = {
        f"/col{i}/": Reply(body=page(f"栏目{i}", links=BROKEN[i : i + 3] + ["/"]), delay_s=delay_s) for i in range(6)
    }
    return {"/": Reply(body=page("示例县人民政府", links=[*inner, *BROKEN])), **inner}


def options(**kw) -> AuditOptions:
    return AuditOptions(
        profile=load_profile("cn-gov-2019"),
        as_of="2026-11-16",
        render="never",
        screenshots=False,
        cloaking=False,
        fetch_settings={"per_host_delay_s": 0.0, "timeout_s": 3.0, "sitemap": False},
        **kw,
    )


def count(store, table, audit_id: int) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(table).where(table.audit_id == audit_id))


def test_resumed_audit_stores_each_link_check_and_page_once(tmp_path) -> None:
    """A run killed after its link checks were stored, then resumed: rejudge used to count them twice."""
    db = f"sqlite:///{tmp_path / 's.db'}"
    with serve(routes()) as site:
        url = site.url("/")

        async def killed_after_crawl() -> None:
            reached = asyncio.Event()
            opts = options(progress=lambda event, **kw: reached.set() if event == "phase" else None)
            task = asyncio.create_task(audit_module._run_all([url], opts, open_store(db)))
            await bounded(reached.wait(), 20)  # the gatherers started: pages and link checks are stored
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

        asyncio.run(killed_after_crawl())
        store = open_store(db)
        [first] = [r for r in store.session().__enter__().scalars(select(Audit))]
        assert first.status == "running" and first.owner is None  # released: resumable
        links_before = count(store, LinkCheckRow, first.id)
        assert links_before >= 10
        [resumed] = run_audit([url], options(), db_url=db)
    audit_id = resumed.run["audit_id"]
    assert audit_id == first.id and resumed.run["resumed"] is True
    assert count(store, LinkCheckRow, audit_id) == links_before
    assert count(store, PageRow, audit_id) == 17  # home, 6 columns, 10 missing pages: once each
    again = judge(store.load_artifacts(audit_id), load_profile("cn-gov-2019"))
    assert again.score == resumed.score
    assert again.stats["broken_links"] == resumed.stats["broken_links"]
    assert sorted(f.key for f in again.findings) == sorted(f.key for f in resumed.findings)


def test_writing_the_same_page_and_links_twice_keeps_one_row(tmp_path) -> None:
    from inspector.model import LinkCheck, Page

    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    audit_id = store.start_audit(store.start_run("p", "d", "v", {}), "http://127.0.0.1/")
    for outcome in ("broken", "ok"):
        store.add_page(audit_id, Page(url="http://127.0.0.1/a", title=outcome), body="<p>x</p>")
        store.add_link_checks(audit_id, [LinkCheck(url="http://127.0.0.1/x", outcome=outcome)])
    assert count(store, PageRow, audit_id) == count(store, LinkCheckRow, audit_id) == 1
    with store.session() as s:
        assert s.scalar(select(LinkCheckRow.outcome)) == "ok"  # the last write wins
        assert s.scalar(select(PageRow.title)) == "ok"


def test_a_second_concurrent_audit_of_the_same_site_refuses_with_one_line(tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    with serve(routes(delay_s=0.4)) as site:
        url = site.url("/")

        async def both():
            store = open_store(db)
            first = asyncio.create_task(audit_module._run_all([url], options(), store))
            while not store.session().__enter__().scalar(select(func.count()).select_from(Audit)):
                await asyncio.sleep(0.05)
            second = await bounded(audit_module._run_all([url], options(), open_store(db)), 20)
            return await bounded(first, 60), second

        [done], [refused] = asyncio.run(both())
    assert done.verdict != "not_inspected"
    assert refused.verdict == "not_inspected" and refused.not_inspected_reason.startswith("busy: ")
    assert "being audited by another process" in refused.not_inspected_reason
    store = open_store(db)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Audit)) == 1
    assert count(store, PageRow, done.run["audit_id"]) == 17


SLOW_AUDIT = textwrap.dedent(
    """
    import sys
    sys.path[:0] = [{tests!r}, {here!r}]
    from test_store_faults import options
    from inspector.audit import run_audit
    run_audit([{url!r}], options(), db_url={db!r})
    """
)


def test_killed_run_does_not_stay_running_and_its_audit_is_resumed(tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    with serve(routes(delay_s=1.0)) as site:
        url = site.url("/")
        tests = os.path.dirname(os.path.dirname(__file__))
        proc = subprocess.Popen(
            [sys.executable, "-c", SLOW_AUDIT.format(tests=tests, here=os.path.dirname(__file__), url=url, db=db)]
        )
        try:
            deadline = time.monotonic() + 30
            store = open_store(db)
            while time.monotonic() < deadline:
                with store.session() as s:
                    if s.scalar(select(func.count()).select_from(PageRow)):
                        break
                time.sleep(0.1)
            os.kill(proc.pid, signal.SIGKILL)  # killed mid-crawl: no finally, no cleanup
        finally:
            proc.wait(10)
        with store.session() as s:
            assert s.scalar(select(Run.status)) == "running"  # as the dead process left it
        [resumed] = run_audit([url], options(), db_url=db)  # not refused: the owner is gone
    with store.session() as s:
        statuses = dict(s.execute(select(Run.id, Run.status)).all())
        audits = s.execute(select(Audit.id, Audit.status)).all()
    assert list(statuses.values()) == ["interrupted", "done"]
    assert len(audits) == 1 and audits[0][1] == "done" and resumed.run["resumed"] is True
