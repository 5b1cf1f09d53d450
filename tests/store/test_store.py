"""The store on SQLite (always) and PostgreSQL (when INSPECTOR_TEST_PG_URL names a server; CI starts one)."""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timedelta

import pytest
from sqlalchemy import create_engine, text

from inspector.model import AvailabilitySample, DateEvidence, Evidence, Finding, LinkCheck, Page
from inspector.profile import load_profile
from inspector.scoring import score
from inspector.store.db import StoreError, open_store


def _pg_url() -> str:
    url = os.environ.get("INSPECTOR_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL server: set INSPECTOR_TEST_PG_URL (CI's .ci/run starts one)")
    # A fresh database per test run keeps runs independent.
    name = f"gi_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return _pg_url()


def _verdict(site: str, extra: bool = False):
    findings = [
        Finding(
            check="broken-links",
            rule="home",
            message_zh="首页链接不可用",
            message_en="broken",
            url=f"{site}missing.html",
            evidence=[Evidence(url=site, snippet="<a>")],
        )
    ]
    if extra:
        findings.append(
            Finding(
                check="homepage-freshness",
                message_zh="首页不更新",
                message_en="stale",
                evidence=[Evidence(dates=[DateEvidence(datetime(2026, 1, 1).date(), "list_line")])],
            )
        )
    return score(site, findings, load_profile("cn-gov-2019"), "2026-11-16")


def test_runs_pages_findings_and_history_round_trip(store_url):
    store = open_store(store_url)
    site = "http://127.0.0.1:9/"
    for extra in (False, True):
        run = store.start_run("cn-gov-2019", "2026-11-16", "test", {"urls": [site]})
        audit = store.start_audit(run, site)
        page = Page(
            url=site,
            final_url=site,
            status=200,
            title="示例县人民政府",
            fetched_at=datetime.now(),
            published=DateEvidence(datetime(2026, 11, 10).date(), "publish_label", raw="发布时间：2026-11-10"),
        )
        store.add_page(audit, page, body="<html>示例</html>")
        store.add_link_checks(
            audit, [LinkCheck(url=f"{site}missing.html", outcome="broken", status=404, found_on=[site], on_home=True)]
        )
        store.finish_audit(audit, _verdict(site, extra))
        store.finish_run(run)
        assert store.page_body(audit, site) == "<html>示例</html>"
        assert store.pages(audit)[0]["published"]["source"] == "publish_label"
    rows = store.history(site)
    assert [r["vetoes"] for r in rows] == [1, 0]  # newest first: the second audit added a veto
    assert rows[0]["verdict"] == "fail" and rows[1]["verdict"] == "pass"
    assert rows[1]["score"] == 99.0
    assert store.unfinished_audit(site) is None


def test_unfinished_audit_is_found_again_and_availability_samples(store_url):
    store = open_store(store_url)
    site = "http://127.0.0.1:9/"
    run = store.start_run("cn-gov-2019", "2026-11-16", "test", {})
    audit = store.start_audit(run, site)
    assert store.unfinished_audit(site) == audit  # a killed audit is found again to resume
    t0 = datetime(2026, 11, 9, 0, 0)
    for i in range(10):
        store.add_availability(
            site,
            AvailabilitySample(
                at=t0 + timedelta(hours=i), url=site, ok=i != 3, elapsed_ms=12.0, status=200 if i != 3 else 503
            ),
        )
    got = store.availability(site, t0 + timedelta(hours=2), t0 + timedelta(hours=5))
    assert [s.ok for s in got] == [True, False, True, True]


def test_retention_drops_bodies_keeps_findings(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'r.db'}")
    site = "http://127.0.0.1:9/"
    audit = store.start_audit(store.start_run("p", "d", "v", {}), site)
    store.add_page(audit, Page(url=site, fetched_at=datetime.now() - timedelta(days=40)), body="old body")
    store.add_page(audit, Page(url=site + "new", fetched_at=datetime.now()), body="new body")
    store.finish_audit(audit, _verdict(site))
    assert store.prune_bodies(30) == 1
    assert store.page_body(audit, site) is None and store.page_body(audit, site + "new") == "new body"
    assert store.history(site)[0]["deductions"] == 1


def test_bad_database_url_is_one_clear_error(tmp_path):
    with pytest.raises(StoreError, match="cannot"):
        open_store("nosuchdialect://x/y")
    with pytest.raises(StoreError, match="cannot open"):
        open_store(f"sqlite:///{tmp_path}/missing-dir/x.db")
