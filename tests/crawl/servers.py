"""Small real servers on 127.0.0.1 for crawler tests: every failure class comes from a real socket."""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    content_type: str = "text/html; charset=utf-8"


Route = Reply | Callable[["Handler"], Reply]


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # http.server's default of 5 stalls concurrent crawlers
    daemon_threads = True
    allow_reuse_address = True


class Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        site: TestSite = self.server.site  # type: ignore[attr-defined]
        with site.lock:
            site.hits[self.path] += 1
            site.log.append((time.monotonic(), self.path, {k.title(): v for k, v in self.headers.items()}))
        route = site.routes.get(self.path) or site.routes.get(self.path.split("?")[0])
        if route is None:
            reply = site.fallback(self) if site.fallback else Reply(404, "<title>404</title>Not here")
        else:
            reply = route(self) if callable(route) else route
        if reply.delay_s:
            time.sleep(reply.delay_s)
        body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
        try:
            self.send_response(reply.status)
            headers = {"Content-Type": reply.content_type, "Content-Length": str(len(body)), **reply.headers}
            for k, v in headers.items():
                if v is not None:
                    self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@dataclass
class TestSite:
    routes: dict[str, Route] = field(default_factory=dict)
    fallback: Callable[[Handler], Reply] | None = None
    hits: Counter = field(default_factory=Counter)
    log: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    port: int = 0
    host: str = "127.0.0.1"

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    @property
    def total_hits(self) -> int:
        return sum(self.hits.values())


@contextmanager
def serve(
    routes: dict[str, Route] | None = None,
    fallback: Callable[[Handler], Reply] | None = None,
    host: str = "127.0.0.1",
) -> Iterator[TestSite]:
    site = TestSite(routes=dict(routes or {}), fallback=fallback, host=host)
    server = _Server((host, 0), Handler)
    server.site = site  # type: ignore[attr-defined]
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def resetting_server() -> Iterator[int]:
    """Accepts, then closes with RST (SO_LINGER 0): a connection reset by peer."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    stop = threading.Event()

    def loop() -> None:
        sock.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except (TimeoutError, OSError):
                continue
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()

    t = threading.Thread(target=loop, daemon=True)
    t.start()
    try:
        yield sock.getsockname()[1]
    finally:
        stop.set()
        t.join(1)
        sock.close()


def closed_port() -> int:
    """A port nobody listens on (connection refused)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def page(title: str, body: str = "", links: list[str] | None = None, charset: str = "utf-8") -> str:
    items = "".join(f'<li><a href="{u}">链接{i}</a></li>' for i, u in enumerate(links or []))
    return (
        f'<!doctype html><html><head><meta charset="{charset}"><title>{title}</title></head>'
        f"<body><h1>{title}</h1><p>{body or '政务公开 政策文件 通知公告 本网站由县人民政府办公室主办。'}</p>"
        f"<ul>{items}</ul></body></html>"
    )
