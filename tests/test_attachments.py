"""Personal data in attachments: a 公示 spreadsheet with an unmasked ID number is a leak like a page."""

from __future__ import annotations

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from openpyxl import Workbook

from inspector.audit import AuditOptions, run_audit
from inspector.profile import load_profile

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(first17: str) -> str:
    check = "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]
    return first17 + check


LEAK = id_number("11010519800101123")
MASKED = "110105********1234"


def _xlsx(rows: list[list[str]]) -> bytes:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


PAGES = {
    "/": (
        "<html><head><title>示例县人民政府</title></head><body><ul>"
        '<li><a href="/gs.html">2026年低保对象公示</a> 2026-11-10</li></ul></body></html>'
    ),
    "/gs.html": (
        "<html><head><title>2026年低保对象公示</title></head><body><p>发布时间：2026-11-10</p>"
        '<p>附件：<a href="/files/dibao.xlsx">低保对象名单.xlsx</a> '
        '<a href="/files/masked.xlsx">已脱敏名单.xlsx</a></p></body></html>'
    ),
}
FILES = {
    "/files/dibao.xlsx": _xlsx([["姓名", "身份证号", "金额"], ["张三", LEAK, "500"]]),
    "/files/masked.xlsx": _xlsx([["姓名", "身份证号"], ["李四", MASKED]]),
}


class Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        if self.path in PAGES:
            body, ctype = PAGES[self.path].encode("utf-8"), "text/html; charset=utf-8"
        elif self.path in FILES:
            body, ctype = FILES[self.path], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            body, ctype = b"not found", "text/plain"
            self.send_response(404)
            self.send_header("Content-Type", ctype)
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def log_message(self, *args: object) -> None:
        pass


def test_unmasked_id_in_a_linked_spreadsheet_is_reported_masked_one_is_not(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/"
        options = AuditOptions(
            profile=load_profile("cn-gov-2019"),
            as_of="2026-11-16",
            render="never",
            screenshots=False,
            cloaking=False,
            fetch_settings={"per_host_delay_s": 0.0},
        )
        [verdict] = run_audit([url], options, db_url=f"sqlite:///{tmp_path / 's.db'}")
    finally:
        server.shutdown()
    leaks = [f for f in verdict.findings if f.check == "personal-data"]
    assert len(leaks) == 1 and leaks[0].url.endswith("/gs.html")
    ev = leaks[0].evidence
    assert [e.url for e in ev] == [url + "files/dibao.xlsx"]
    assert LEAK not in str(ev) and ev[0].data["kind"] == "id_number"  # shown masked, never in full
    assert leaks[0].severity == "deduction"
