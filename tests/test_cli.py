"""The CLI as a user runs it: real sample sites on 127.0.0.1, a real store, reports on disk, exit codes."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from inspector.samplesites import serve_scenario

FAST = ["--max-pages", "120", "--format", "html,json,junit", "--delay", "0"]


def inspector(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "inspector.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd)},
    )


@pytest.mark.slow
def test_audit_of_a_failing_county_site_end_to_end(tmp_path):
    with serve_scenario("stale-columns") as world:
        today = world.manifest()["today"]
        r = inspector(
            "audit",
            world.urls["portal"],
            "--as-of",
            today,
            "--out",
            str(tmp_path / "out"),
            "--db",
            f"sqlite:///{tmp_path / 'store.db'}",
            *FAST,
            cwd=tmp_path,
        )
    assert r.returncode == 1, r.stderr  # fail verdict
    assert "不合格" in r.stdout and "V4a" in r.stdout
    out = tmp_path / "out"
    verdicts = json.loads((out / "verdicts.json").read_text(encoding="utf-8"))
    site = verdicts["sites"][0] if "sites" in verdicts else verdicts["verdicts"][0]
    assert site["verdict"] == "fail"
    stale = [f for f in site["findings"] if f["check"] == "column-freshness" and f["severity"] == "veto"]
    assert len(stale) == 5 and all(f["clause"] for f in stale)
    assert all(f["evidence"] and f["evidence"][0]["dates"] for f in stale)  # each with its newest date
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "不合格" in html
    assert (out / "junit.xml").exists()
    assert any(p.suffix == ".html" and p.name != "index.html" for p in out.iterdir())


@pytest.mark.slow
def test_audit_of_the_clean_site_passes_with_exit_zero(tmp_path):
    with serve_scenario("clean") as world:
        r = inspector(
            "audit",
            world.urls["portal"],
            "--as-of",
            world.manifest()["today"],
            "--out",
            str(tmp_path / "out"),
            "--db",
            f"sqlite:///{tmp_path / 's.db'}",
            *FAST,
            cwd=tmp_path,
        )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "合格" in r.stdout and "不合格" not in r.stdout


@pytest.mark.slow
def test_fail_on_new_passes_on_an_unchanged_site_and_fails_when_a_finding_appears(tmp_path):
    db = f"sqlite:///{tmp_path / 's.db'}"
    with serve_scenario("stale-columns-4") as world:
        today = world.manifest()["today"]
        first = inspector(
            "audit",
            world.urls["portal"],
            "--as-of",
            today,
            "--out",
            str(tmp_path / "a"),
            "--db",
            db,
            *FAST,
            cwd=tmp_path,
        )
        assert first.returncode in (0, 1), first.stderr
        baseline = tmp_path / "a" / "verdicts.json"
        same = inspector(
            "audit",
            world.urls["portal"],
            "--as-of",
            today,
            "--out",
            str(tmp_path / "b"),
            "--db",
            db,
            "--fail-on",
            "new",
            "--baseline",
            str(baseline),
            *FAST,
            cwd=tmp_path,
        )
        assert same.returncode == 0, same.stdout + same.stderr
    # The same county a month later: more columns have gone stale — new findings fail the gate.
    later = json.loads(baseline.read_text(encoding="utf-8"))
    with serve_scenario("stale-columns") as world2:
        worse = inspector(
            "audit",
            world2.urls["portal"],
            "--as-of",
            world2.manifest()["today"],
            "--out",
            str(tmp_path / "c"),
            "--db",
            db,
            "--fail-on",
            "new",
            "--baseline",
            str(baseline),
            *FAST,
            cwd=tmp_path,
        )
    assert later and worse.returncode == 1, worse.stdout + worse.stderr
    assert "gate:" in worse.stdout


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class _Pdf(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        body = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize(
    "args, code, words",
    [
        (["audit", "not-a-url"], 2, "not an http(s) URL"),
        (["audit", "http://127.0.0.1:9/", "--as-of", "2026-02-30"], 2, "--as-of"),
        (["audit", "http://127.0.0.1:9/", "--format", "docx"], 2, "--format"),
        (["audit", "http://127.0.0.1:9/", "--profile", "nope"], 2, "unknown profile"),
        (["audit", "http://127.0.0.1:9/", "--fail-on", "new"], 2, "--baseline"),
        (["inspect-page", "/no/such/file.html"], 2, "no such file"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(tmp_path, args, code, words):
    r = inspector(*args, cwd=tmp_path)
    assert r.returncode == code
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and words in lines[0] and "Traceback" not in r.stderr


def test_unreachable_host_is_not_inspected_exit_3(tmp_path):
    url = f"http://127.0.0.1:{_closed_port()}/"
    r = inspector(
        "audit",
        url,
        "--out",
        str(tmp_path / "o"),
        "--db",
        f"sqlite:///{tmp_path / 's.db'}",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert r.returncode == 3, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    data = json.loads((tmp_path / "o" / "verdicts.json").read_text(encoding="utf-8"))
    site = data["sites"][0] if "sites" in data else data["verdicts"][0]
    assert site["verdict"] == "not_inspected" and "connect" in (site.get("not_inspected_reason") or "")


def test_a_pdf_instead_of_a_home_page_is_not_inspected_exit_3(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pdf)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        r = inspector(
            "audit",
            f"http://127.0.0.1:{server.server_port}/",
            "--out",
            str(tmp_path / "o"),
            "--db",
            f"sqlite:///{tmp_path / 's.db'}",
            "--format",
            "json",
            cwd=tmp_path,
        )
    finally:
        server.shutdown()
    assert r.returncode == 3, r.stdout + r.stderr
    assert "not_html" in r.stdout + (tmp_path / "o" / "verdicts.json").read_text(encoding="utf-8")


def test_catalogue_commands(tmp_path):
    checks = inspector("checks", cwd=tmp_path)
    assert checks.returncode == 0
    for cid in ("homepage-freshness", "broken-links", "unanswered-messages", "hidden-links"):
        assert cid in checks.stdout
    assert "veto" in checks.stdout and "单项否决" in checks.stdout
    profiles = inspector("profiles", cwd=tmp_path)
    assert profiles.returncode == 0 and "cn-gov-2019" in profiles.stdout
    listed = inspector("sample-sites", "list", cwd=tmp_path)
    assert "clean" in listed.stdout and "hacked" in listed.stdout
    manifest = json.loads(inspector("sample-sites", "manifest", "--scenario", "blank-columns", cwd=tmp_path).stdout)
    assert manifest["expected"]["vetoes"] == ["V4c"]
