"""Hostile servers for the fault matrix (docs/robustness.md): every fault comes from a real socket on
127.0.0.1 (the audited site) or 127.0.0.2 (an "internal" address the site must not lead us to).

Built on ``tests/crawl/servers.py``; each helper returns a ``Reply`` or a route for ``serve``.
"""

from __future__ import annotations

import asyncio
import gzip
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer

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
