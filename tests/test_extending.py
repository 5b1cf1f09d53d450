"""The extension surface works for a real third-party package: docs/examples/gov-inspector-example-plugin
is pip-installed into a folder and a real audit of a sample site runs with its gatherer, check, profile,
report format and template (inspector/hookspecs.py, docs/extending.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from inspector.samplesites import serve_scenario
from inspector.store.db import open_store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "gov-inspector-example-plugin"


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site-packages")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(EXAMPLE),
        ],
        check=True,
        timeout=300,
    )
    return target


def _inspector(plugin_path: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugin_path), str(ROOT)])}
    return subprocess.run(
        [sys.executable, "-m", "inspector.cli", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def test_installed_plugin_is_listed(plugin_path: Path, tmp_path: Path) -> None:
    checks = _inspector(plugin_path, "checks", cwd=tmp_path)
    assert checks.returncode == 0, checks.stderr
    assert "contact-page" in checks.stdout
    profiles = _inspector(plugin_path, "profiles", cwd=tmp_path)
    assert "example-county" in profiles.stdout


@pytest.mark.slow
def test_audit_runs_the_plugin_gatherer_check_profile_format_and_template(plugin_path: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    out = tmp_path / "reports"
    with serve_scenario("clean") as world:
        url = world.urls["portal"]
        day = world.manifest()["today"]
        run = _inspector(
            plugin_path,
            "audit",
            url,
            "--profile",
            "example-county",
            "--as-of",
            day,
            "--max-pages",
            "40",
            "--render",
            "never",
            "--delay",
            "0",
            "--format",
            "html,json,findings-txt",
            "--out",
            str(out),
            "--db",
            db,
            cwd=tmp_path,
        )
    assert run.returncode == 0, run.stdout + run.stderr  # the clean sample site passes
    # the plug-in gatherer's artifact was gathered and stored with the audit …
    store = open_store(db)
    audit_id = store.history(url)[0]["audit_id"]
    artifacts = store.load_artifacts(audit_id)
    assert "contact_page" in artifacts.gathered
    assert artifacts.extra["contact_page"]["ok"] is True and artifacts.extra["contact_page"]["url"].endswith(
        "/lxwm.html"
    )
    # … its check ran under the plug-in profile (judged, not "not judged") …
    site_json = [p for p in out.glob("*.json") if p.name != "verdicts.json"]
    verdict = json.loads(site_json[0].read_text(encoding="utf-8"))
    assert verdict["profile"] == "example-county"
    assert "contact-page" not in {nj["check"] for nj in verdict["not_judged"]}
    # … its report format was written, and its template is on every HTML page
    assert (out / "findings.txt").read_text(encoding="utf-8").startswith(url)
    assert "示例县政府网站检查组" in (out / "index.html").read_text(encoding="utf-8")


def test_plugin_check_is_a_pure_function(plugin_path: Path) -> None:
    sys.path.insert(0, str(plugin_path))
    try:
        import gi_example

        from inspector.check import CheckContext
        from inspector.model import SiteArtifacts

        a = SiteArtifacts(
            site="http://x.gov.cn/", as_of=datetime(2026, 1, 1), extra={"contact_page": {"url": None, "ok": False}}
        )
        findings = gi_example.CHECKS[0](a, CheckContext(as_of=a.as_of))
        assert [(f.check, f.certainty) for f in findings] == [("contact-page", "likely")]
    finally:
        sys.path.remove(str(plugin_path))
        sys.modules.pop("gi_example", None)
