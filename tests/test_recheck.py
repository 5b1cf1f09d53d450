"""The new user's round trip (issue 15): audit → 整改清单 → the agency fixes a planted defect → recheck → fixed.

Real sample site (restarted on the same port with the defect switched off, as an agency would fix
its site), the real CLI in a subprocess, a real SQLite store."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from inspector.samplesites import serve_scenario
from inspector.store.db import open_store
from inspector.store.followups import rechecks_of

pytestmark = pytest.mark.slow


def _cli(*args: str, cwd) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "inspector.cli", *args], capture_output=True, text=True, timeout=300, cwd=cwd
    )


def test_agency_fixes_stale_columns_and_recheck_marks_them_fixed(tmp_path):
    db = f"sqlite:///{tmp_path / 'team.db'}"
    from alerts.receivers import free_block

    with serve_scenario("stale-columns", port=free_block()) as world:  # restarted on the same ports below
        url, port, today = (
            world.urls["portal"],
            int(world.urls["portal"].rsplit(":", 1)[1].strip("/")),
            world.manifest()["today"],
        )
        audit = _cli(
            "audit",
            url,
            "--db",
            db,
            "--out",
            str(tmp_path / "audit"),
            "--format",
            "html,csv",
            "--as-of",
            today,
            "--delay",
            "0",
            "--max-pages",
            "80",
            "--render",
            "never",
            cwd=tmp_path,
        )
    assert audit.returncode == 1, audit.stderr  # the site fails: 5 stale columns veto
    with (tmp_path / "audit" / "rectification.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    stale = [r for r in rows if r["指标"].startswith("V4a")]
    assert len(stale) == 5 and all(r["问题类型（否决/扣分/待复核）"] == "否决" for r in stale)
    assert all("在该栏目发布最新信息" in r["整改建议"] for r in stale)
    [(audit_id, _)] = [(h["audit_id"], h) for h in open_store(db).history(url)]
    page = next((tmp_path / "audit").glob("127-0-0-1-*.html")).read_text(encoding="utf-8")
    assert f"#{audit_id}" in page and "inspector recheck" in page  # the report says how to ask for a recheck

    # The agency updates its five columns (the sample site's parameter) and asks for a recheck.
    with serve_scenario("stale-columns", params={"stale_news_policy": 0}, port=port) as fixed:
        assert fixed.urls["portal"] == url
        out = _cli(
            "recheck",
            str(audit_id),
            "--db",
            db,
            "--out",
            str(tmp_path / "recheck"),
            "--as-of",
            today,
            "--delay",
            "0",
            cwd=tmp_path,
        )
        requests = fixed.stats()["portal"]["requests"]
    assert "已整改 5" in out.stdout, out.stdout + out.stderr
    assert requests < 30  # only the open items' pages, not a crawl
    doc = json.loads((tmp_path / "recheck" / f"recheck-{audit_id}.json").read_text(encoding="utf-8"))
    status = {i["key"]: i["status"] for i in doc["items"]}
    assert sorted(s for k, s in status.items() if k.startswith("column-freshness|")) == ["fixed"] * 5
    still = [i for i in doc["items"] if not i["key"].startswith("column-freshness|")]
    assert all(i["status"] in ("open", "not_rechecked") for i in still)  # nothing else was touched: not "fixed"
    assert out.returncode == (1 if any(i["status"] == "open" for i in still) else 3 if still else 0)
    html = (tmp_path / "recheck" / f"recheck-{audit_id}.html").read_text(encoding="utf-8")
    assert html.count('data-status="fixed"') == 5 and "整改复查报告" in html
    with (tmp_path / "recheck" / f"recheck-{audit_id}.csv").open(encoding="utf-8-sig") as fh:
        sent_back = list(csv.DictReader(fh))
    assert sum(r["整改情况"] == "已整改" for r in sent_back) == 5
    assert rechecks_of(open_store(db), audit_id)[0]["summary"]["fixed"] == 5


def test_recheck_of_an_unknown_audit_is_one_line(tmp_path):
    out = _cli("recheck", "999", "--db", f"sqlite:///{tmp_path / 'x.db'}", cwd=tmp_path)
    assert out.returncode == 2 and out.stderr.strip().startswith("error:") and "999" in out.stderr
    assert "Traceback" not in out.stderr
