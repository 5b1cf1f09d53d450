"""One availability sample per call: the 15-second rule, measured on a real socket."""

from __future__ import annotations

import asyncio

from crawl.servers import Reply, closed_port, page, serve
from inspector.crawl import sample_availability


def test_sample_ok_slow_and_down() -> None:
    with serve(
        {
            "/": Reply(body=page("首页")),
            "/slow": Reply(body=page("慢"), delay_s=0.6),
            "/robots.txt": Reply(body="User-agent: *\nDisallow: /\n", content_type="text/plain"),
        }
    ) as site:
        ok = asyncio.run(sample_availability(site.url("/"), timeout_s=2))
        slow = asyncio.run(sample_availability(site.url("/slow"), timeout_s=0.5))
    down = asyncio.run(sample_availability(f"http://127.0.0.1:{closed_port()}/", timeout_s=2))
    assert ok.ok and ok.status == 200 and ok.error is None and ok.at.tzinfo is not None  # robots not consulted
    assert not slow.ok and slow.error.startswith("timeout")
    assert not down.ok and down.error.startswith("connect") and down.status is None
