"""A tiny public message board on 127.0.0.1 for the interaction tests, and an httpx fetch for it.

Serves rows (dicts with the tipdm CSV columns) as a list with pagination, detail pages with the
values printed verbatim, a statistics block, a submit form and a petition channel to ignore.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

from inspector.extract.html import parse_html
from inspector.model import Page

PER_PAGE = 40
E = html.escape


def _page(title: str, body: str) -> bytes:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{E(title)}</title></head><body>"
        f"<div class='nav'><a href='/'>首页</a> <a href='/board/'>领导留言板</a> <a href='/xf/'>网上信访</a></div>"
        f"{body}<div class='foot'>版权所有：A市人民政府办公厅 网站标识码4300000001</div></body></html>"
    ).encode()


def make_handler(rows: list[dict[str, str]], stats: str) -> type[BaseHTTPRequestHandler]:
    by_id = {r["留言编号"]: r for r in rows}
    pages = max(1, -(-len(rows) // PER_PAGE))

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            if path == "/":
                return self._send(200, _page("A市人民政府", "<ul><li><a href='/board/'>我要留言</a></li></ul>"))
            if path == "/xf/":
                return self._send(
                    200, _page("网上信访", "<form method='post'><textarea name='content'></textarea>提交</form>")
                )
            if path == "/board/write.html":
                return self._send(
                    200,
                    _page(
                        "我要留言",
                        "<form action='/board/submit' method='post'>留言标题<input name='title' required>"
                        "留言内容<textarea name='content' required></textarea><button>提交留言</button></form>",
                    ),
                )
            if path in ("/board/", "/board/index.html") or path.startswith("/board/list_"):
                n = 1 if not path.startswith("/board/list_") else int(path[len("/board/list_") : -5])
                chunk = rows[(n - 1) * PER_PAGE : n * PER_PAGE]
                trs = "".join(
                    f"<tr><td>{E(r['留言编号'])}</td><td><a href='/board/detail_{E(r['留言编号'])}.html'>{E(r['留言主题'])}</a></td>"
                    f"<td>{E(r['留言时间'])}</td><td>{'已回复' if r['答复时间'] else '未回复'}</td></tr>"
                    for r in chunk
                )
                nav = f"<a href='/board/list_{n + 1}.html'>下一页</a>" if n < pages else ""
                body = (
                    f"<a href='/board/write.html'>我要写信</a><div class='stats'>{stats}</div>"
                    f"<table><tr><th>编号</th><th>留言主题</th><th>留言时间</th><th>状态</th></tr>{trs}</table>"
                    f"<div class='pages'>第{n}页/共{pages}页 {nav}</div>"
                )
                return self._send(200, _page("领导留言板", body))
            if path.startswith("/board/detail_"):
                r = by_id.get(path[len("/board/detail_") : -5])
                if r is None:
                    return self._send(404, _page("404", "页面不存在"))
                cells = "".join(
                    f"<tr><th>{k}</th><td>{E(r[k])}</td></tr>"
                    for k in ("留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "答复意见", "答复时间")
                )
                return self._send(200, _page(r["留言主题"], f"<table class='detail'>{cells}</table>"))
            return self._send(404, _page("404", "页面不存在"))

    return Handler


@contextmanager
def serve_board(rows: list[dict[str, str]], stats: str = "") -> Iterator[str]:
    ThreadingHTTPServer.request_queue_size = 256
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(rows, stats))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def httpx_fetcher(client: httpx.AsyncClient):  # type: ignore[no-untyped-def]
    async def fetch(url: str) -> Page:
        try:
            r = await client.get(url, follow_redirects=True)
        except httpx.HTTPError as exc:
            return Page(url=url, error="connect", error_detail=str(exc))
        doc = parse_html(r.text, str(r.url))
        return Page(
            url=url,
            final_url=str(r.url),
            status=r.status_code,
            text=r.text,
            title=doc.title,
            links=doc.links,
            forms=doc.forms,
            visible_text=doc.visible_text,
            fetched_at=datetime.now(),
        )

    return fetch
