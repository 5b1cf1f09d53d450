"""The review round trip as a user does it: audit → review → dismiss one, confirm one → the report
and the score change → a second audit of the same site does not raise the dismissed one again."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from inspector.cli import cli

NAV = '<a href="/a1.html">要闻一</a><a href="/a2.html">要闻二</a><a href="/a3.html">要闻三</a>'
FOOT = "<p>主办单位：示例县人民政府办公室 湘ICP备17226091号 网站标识码4311260001</p>"
PAGES = {
    "/": f"""<html><head><title>示例县人民政府</title></head><body>{NAV}
<div style="position:absolute;left:-9999px"><a href="http://promo-links.example.tk/">友情链接</a></div>{FOOT}</body></html>""",
    "/a1.html": f"<html><head><title>澳门赌场收入回升</title></head><body>{NAV}<p>新闻正文。</p>{FOOT}</body></html>",
    "/a2.html": f"<html><head><title>示例县召开会议</title></head><body>{NAV}<p>会议正文。</p>{FOOT}</body></html>",
    "/a3.html": f"<html><head><title>示例县开展活动</title></head><body>{NAV}<p>活动正文。</p>{FOOT}</body></html>",
}


class _Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = PAGES.get(self.path.split("?")[0])
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write((body or "not found").encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def site():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/"
    srv.shutdown()
    srv.server_close()


def _audit(runner: CliRunner, url: str, db: str, out: Path) -> dict:
    res = runner.invoke(
        cli,
        ["audit", url, "--db", db, "--out", str(out), "--format", "html,json", "--render", "never", "--delay", "0"],
    )
    assert res.exit_code in (0, 1), res.output
    [v] = json.loads((out / "verdicts.json").read_text(encoding="utf-8"))["verdicts"]
    return v


@pytest.mark.slow
def test_review_round_trip(site: str, tmp_path: Path) -> None:
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'store.db'}"
    v = _audit(runner, site, db, tmp_path / "r1")
    review = {f["check"]: f for f in v["findings"] if f["severity"] == "review"}
    # A hidden link to a throw-away TLD without spam words, and one spam word in a news title: not certain.
    assert {"hidden-links", "defacement"} <= set(review), [(f["check"], f["severity"]) for f in v["findings"]]
    assert not [f for f in v["findings"] if f["severity"] == "veto" and f["check"] in ("hidden-links", "defacement")]
    score_before = v["score"]
    audit_id = v["run"]["audit_id"]

    listed = runner.invoke(cli, ["review", str(audit_id), "--db", db])
    assert listed.exit_code == 0 and review["hidden-links"]["key"] in listed.output, listed.output

    dismissed, confirmed = review["hidden-links"]["key"], review["defacement"]["key"]
    assert runner.invoke(cli, ["review", str(audit_id), "--db", db, "--dismiss", dismissed]).exit_code == 2  # no --why
    out = tmp_path / "r1b"
    res = runner.invoke(
        cli,
        [
            "review",
            str(audit_id),
            "--db",
            db,
            "--dismiss",
            dismissed,
            "--why",
            "县里的友情链接模块，已核实",
            "--by",
            "王检查员",
            "--out",
            str(out),
            "--format",
            "html,json",
        ],
    )
    assert res.exit_code in (0, 1) and "recorded" in res.output, res.output
    res = runner.invoke(
        cli,
        [
            "review",
            str(audit_id),
            "--db",
            db,
            "--confirm",
            confirmed,
            "--by",
            "李组长",
            "--out",
            str(out),
            "--format",
            "html,json",
        ],
    )
    assert res.exit_code == 1, res.output  # the confirmed finding vetoes: the site fails
    [after] = json.loads((out / "verdicts.json").read_text(encoding="utf-8"))["verdicts"]
    by_key = {f["key"]: f for f in after["findings"]}
    assert after["verdict"] == "fail" and after["score"] == score_before  # neither was ever scored as points
    assert "V1-defacement" in {f["item"] for f in after["findings"] if f["severity"] == "veto"}
    assert by_key[confirmed]["severity"] == "veto" and by_key[confirmed]["review"]["by"] == "李组长"
    assert (
        by_key[dismissed]["severity"] == "info" and by_key[dismissed]["review"]["why"] == "县里的友情链接模块，已核实"
    )
    html = "".join(p.read_text(encoding="utf-8") for p in out.glob("*.html"))
    assert "县里的友情链接模块，已核实" in html and "王检查员" in html

    # The next audit of the site: the dismissed one is shown as dismissed earlier, not raised again.
    v2 = _audit(runner, site, db, tmp_path / "r2")
    again = {f["key"]: f for f in v2["findings"]}
    assert again[dismissed]["severity"] == "info" and again[dismissed]["review"]["state"] == "dismissed_earlier"
    assert again[confirmed]["severity"] == "review"  # a confirmation is this audit's decision only
