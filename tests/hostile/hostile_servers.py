"""Hostile servers for the fault matrix (docs/robustness.md): every fault comes from a real socket on
127.0.0.1 (the audited site) or 127.0.0.2 (an "internal" address the site must not lead us to).

Built on ``tests/crawl/servers.py``; each helper returns a ``Reply`` or a route for ``serve``.
"""

from __future__ import annotations

import asyncio
import gzip
import html
import os
import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from crawl.servers import Handler, Reply, TestSite, page, serve

INTERNAL_HOST = "127.0.0.2"  # loopback too, but not the audited site's address


def double_gzip_bomb(decoded_bytes: int = 2 << 30) -> Reply:
    """``Content-Encoding: gzip, gzip``: a few KB that inflate to ``decoded_bytes`` of zeros."""
    inner = gzip.compress(b"\0" * (16 << 20), 9)  # 16 MiB of zeros → ~16 KB
    inner = inner * (decoded_bytes // (16 << 20))  # concatenated gzip members
    return Reply(
        body=gzip.compress(inner, 9),
        headers={"Content-Encoding": "gzip, gzip"},
        content_type="text/html; charset=utf-8",
    )


def random_binary(size: int = 200_000) -> Reply:
    return Reply(body=os.urandom(size), content_type="text/html")


def many_links(n: int, prefix: str = "/p/") -> str:
    items = "".join(f'<a href="{prefix}{i}.html">第{i}条</a>\n' for i in range(n))
    return f"<!doctype html><html><head><meta charset='utf-8'><title>链接页</title></head><body>{items}</body></html>"


def deep_nesting(n: int) -> str:
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>深层页面</title></head><body>"
        + "<div>" * n
        + "<p>最深处的文字</p>"
        + "</div>" * n
        + "</body></html>"
    )


@contextmanager
def internal_server(body: str = "<title>内网管理后台</title>secret-intranet-token") -> Iterator[TestSite]:
    """A server on 127.0.0.2: what an SSRF would reach. Its ``hits`` must stay empty."""
    with serve({"/": Reply(body=body)}, fallback=lambda h: Reply(body=body), host=INTERNAL_HOST) as site:
        yield site


def site_with(home_links: list[str], routes: dict | None = None, **kw) -> dict:
    """Routes for a small normal site whose home page links to ``home_links`` (plus /a, /b)."""
    base = {
        "/": Reply(body=page("示例县人民政府", links=["/a", "/b", *home_links])),
        "/a": Reply(body=page("政务公开")),
        "/b": Reply(body=page("通知公告")),
    }
    base.update(routes or {})
    return base


async def bounded(coro, seconds: float):
    """Every fault is bounded: a regression fails in seconds instead of hanging the suite."""
    return await asyncio.wait_for(coro, seconds)


class _Quiet(ThreadingHTTPServer):
    request_queue_size = 256
    daemon_threads = True
    allow_reuse_address = True


@contextmanager
def raw_server(handler: type[Handler], host: str = "127.0.0.1") -> Iterator[int]:
    """A server with a hand-written handler (forms, hanging POSTs …); yields its port."""
    server = _Quiet((host, 0), handler)
    t = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    t.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


# --- a 县长信箱 that stores the letter and then misbehaves (probe item 5) --------------------------
@dataclass
class HostileMailbox:
    """``after_post``: what the site does once it has stored a letter — ``ok`` (confirmation page),
    ``hang`` (never answers), ``500``, ``reset`` (drops the connection), ``no_wording`` (200, no confirmation),
    ``refuse`` (400, stores nothing). ``listed``: whether stored letters show in its list and search."""

    after_post: str = "ok"
    listed: bool = True
    letters: list[dict[str, str]] = field(default_factory=list)
    posts: int = 0  # letters the site stored
    release: threading.Event = field(default_factory=threading.Event)

    def rows(self, letters: list[dict[str, str]]) -> str:
        cells = "".join(
            f"<tr><td>{lt['no']}</td><td>{html.escape(lt['title'])}</td><td>{lt['at']}</td><td>已受理</td></tr>"
            for lt in letters
        )
        return f"<table><tr><th>信件编号</th><th>信件标题</th><th>来信时间</th><th>状态</th></tr>{cells}</table>"


_FORM = (
    "<form method='post' action='/write'><table>"
    "<tr><td>信件标题：</td><td><input name='title' required></td></tr>"
    "<tr><td>信件内容：</td><td><textarea name='content' required></textarea></td></tr>"
    "<tr><td>联系电话：</td><td><input name='phone' required></td></tr>"
    "</table><button type='submit'>提交</button></form>"
)


def _mailbox_handler(box: HostileMailbox) -> type[BaseHTTPRequestHandler]:
    class MailboxHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: the POST goes on a reused connection, as on real sites

        def log_message(self, *args: object) -> None:
            pass

        def _send(self, title: str, body: str, status: int = 200) -> None:
            data = f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>"
            raw = data.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def do_GET(self) -> None:
            u = urlsplit(self.path)
            shown = box.letters if box.listed else []
            if u.path == "/write":
                return self._send("我要写信", _FORM)
            if u.path == "/list":
                return self._send("信件公开", box.rows(shown))
            if u.path == "/search":
                q = parse_qs(u.query).get("q", [""])[0]
                return self._send("信件查询", box.rows([lt for lt in shown if q and q in lt["title"]]))
            return self._send("404", "页面不存在", 404)

        def do_POST(self) -> None:
            n = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(n).decode("utf-8")).items()}
            if box.after_post == "refuse":
                return self._send("提交失败", "请填写完整", 400)
            box.posts += 1
            no = f"XZ{9000 + box.posts}"
            box.letters.append({"no": no, "title": form.get("title", ""), "at": "2026-09-18 10:00:00"})
            if box.after_post == "hang":
                box.release.wait(120)  # stored; the answer never comes
                return None
            if box.after_post == "500":
                return self._send("500", "Internal Server Error", 500)
            if box.after_post == "reset":
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.close_connection = True  # closed with linger 0 when the handler returns: a reset
                return None
            if box.after_post == "no_wording":
                return self._send("信箱", "<p>县长信箱</p>")
            return self._send("提交成功", f"<div>提交成功！您的信件编号为：<b>{no}</b></div>")

    return MailboxHandler


@contextmanager
def hostile_mailbox(box: HostileMailbox) -> Iterator[str]:
    """Serve ``box`` on 127.0.0.1; yields its base URL (``/write``, ``/list``, ``/search?q=``)."""
    server = _Quiet(("127.0.0.1", 0), _mailbox_handler(box))
    t = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        box.release.set()
        server.shutdown()
        server.server_close()
