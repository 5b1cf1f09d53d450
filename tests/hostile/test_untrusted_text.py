"""Issue 16 item 7: credentials in URLs are written nowhere; control characters and markup from the site
reach no report, spreadsheet or terminal."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from crawl.servers import Handler, Reply, page, serve

from inspector.audit import AuditOptions, run_audit
from inspector.cli._common import print_table
from inspector.profile import load_profile
from inspector.report import write_reports

HOSTILE_NAME = "示例\x07县\x1b[31m人民[/]政府\u202e"
SECRET = "s3cr3t-Pw"


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


def test_hostile_site_name_goes_into_every_format_and_the_terminal(tmp_path, capsys) -> None:
    home = Reply(body=page(f"首页{HOSTILE_NAME}", links=["/a"]))
    with serve({"/": home, "/a": Reply(body=page("政务公开"))}) as site:
        url = site.url("/")
        verdicts = run_audit([url], options(site_names={url: HOSTILE_NAME}), db_url=f"sqlite:///{tmp_path / 's.db'}")
    written = write_reports(verdicts, tmp_path / "out", {"html", "json", "junit", "csv", "xlsx"})
    assert any(str(k).endswith(".xlsx") for k in written)  # openpyxl raised IllegalCharacterError on \x07
    print_table(verdicts, "zh")  # rich raised MarkupError on "[/]" after the reports were written
    shown = capsys.readouterr().out
    assert "人民[/]政府" in shown and "\x07" not in shown and "\x1b" not in shown
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".csv"):
            text = path.read_text(encoding="utf-8-sig")
            assert "\x07" not in text and "\x1b" not in text and "\u202e" not in text, path


class BasicAuthSite(Handler):
    """A staging site behind HTTP Basic authentication."""

    def do_GET(self) -> None:  # noqa: N802
        expected = "Basic " + base64.b64encode(f"inspector:{SECRET}".encode()).decode()
        if self.headers.get("Authorization") != expected:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="staging"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = page("示例县人民政府（预发布）", links=["/a"]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.mark.slow
def test_credentials_in_the_audited_url_are_used_but_written_nowhere(tmp_path, capsys) -> None:
    from hostile_servers import raw_server

    with raw_server(BasicAuthSite) as port:
        url = f"http://inspector:{SECRET}@127.0.0.1:{port}/"
        db = tmp_path / "s.db"
        [v] = run_audit([url], options(), db_url=f"sqlite:///{db}")
    assert v.verdict != "not_inspected", v.not_inspected_reason  # the credentials were sent
    assert v.site == f"http://127.0.0.1:{port}/"
    write_reports([v], tmp_path / "out", {"html", "json", "junit", "csv", "xlsx"})
    print_table([v], "en")
    out = capsys.readouterr()
    assert SECRET not in out.out + out.err
    for path in [db, *(tmp_path / "out").rglob("*")]:
        if Path(path).is_file():
            assert SECRET.encode() not in Path(path).read_bytes(), path
            assert SECRET not in str(path)
