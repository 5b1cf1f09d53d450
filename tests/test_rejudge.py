"""Stored artifacts are judged again without the site: checks are pure, profiles are data."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from inspector.audit import AuditOptions, run_audit
from inspector.judge import judge
from inspector.profile import load_profile
from inspector.samplesites import serve_scenario
from inspector.store.db import open_store

pytestmark = pytest.mark.slow


def test_a_stored_audit_rejudged_offline_gives_the_same_verdict_and_a_stricter_profile_fails_it(tmp_path):
    db = f"sqlite:///{tmp_path / 's.db'}"
    with serve_scenario("stale-columns-4") as world:
        options = AuditOptions(
            profile=load_profile("cn-gov-2019"),
            as_of=world.manifest()["today"],
            max_pages=200,
            screenshots=False,
            fetch_settings={"per_host_delay_s": 0.0},
        )
        [live] = run_audit([world.urls["portal"]], options, db_url=db)
    # The sites are gone: everything below works from the store alone.
    audit_id = live.run["audit_id"]
    again = judge(open_store(db).load_artifacts(audit_id), load_profile("cn-gov-2019"))
    assert again.verdict == live.verdict == "pass"
    assert sorted(f.key for f in again.findings) == sorted(f.key for f in live.findings)
    assert again.score == live.score
    strict = tmp_path / "strict.toml"
    strict.write_text(
        'extends = "cn-gov-2019"\nid = "strict"\n\n[[item]]\nid = "V4a"\ncheck = "column-freshness"\n'
        'rule = "news_policy"\nseverity = "veto"\nmin_count = 4\n',
        encoding="utf-8",
    )
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "inspector.cli",
            "rejudge",
            str(audit_id),
            "--db",
            db,
            "--profile",
            str(strict),
            "--out",
            str(tmp_path / "out"),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 1, r.stdout + r.stderr
    data = json.loads((tmp_path / "out" / "verdicts.json").read_text(encoding="utf-8"))
    site = data["sites"][0] if "sites" in data else data["verdicts"][0]
    assert site["verdict"] == "fail" and {f["item"] for f in site["findings"] if f["severity"] == "veto"} == {"V4a"}
