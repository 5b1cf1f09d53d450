"""The cluster-wide per-host limiter against a real Redis and a real HTTP server that counts connections."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from distributed.cluster import start_redis
from inspector.distributed.limiter import ClusterPoliteness


class CountingServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self, delay_s: float) -> None:
        self.delay_s = delay_s
        self.lock = threading.Lock()
        self.in_flight = self.max_in_flight = self.served = 0
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        srv: CountingServer = self.server  # type: ignore[assignment]
        with srv.lock:
            srv.in_flight += 1
            srv.max_in_flight = max(srv.max_in_flight, srv.in_flight)
        time.sleep(srv.delay_s)
        body = b"<html><title>ok</title><body>ok</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with srv.lock:
            srv.in_flight -= 1
            srv.served += 1


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory) -> str:  # noqa: ANN001
    url = os.environ.get("INSPECTOR_TEST_REDIS_URL")
    if url:
        yield url
        return
    server = start_redis(tmp_path_factory.mktemp("redis"))
    yield server.url
    server.stop()


@pytest.fixture()
def site():  # noqa: ANN201
    srv = CountingServer(delay_s=0.05)
    t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    t.start()
    yield srv
    srv.shutdown()
    srv.server_close()


CLIENT = textwrap.dedent(
    """
    import asyncio, sys
    from inspector.crawl import Fetcher, CrawlSettings
    from inspector.distributed.limiter import cluster_politeness

    async def main(url, redis_url, n):
        s = CrawlSettings(per_host_concurrency=2, per_host_delay_s=0.0, retry_times=0, allow_private=True)
        async with Fetcher(s) as f:
            if redis_url != "-":
                f.politeness = cluster_politeness(redis_url, s, lease_s=30)
            pages = await asyncio.gather(*(f.get(f"{url}p{i}") for i in range(n)))
            print(sum(1 for p in pages if p.status == 200), flush=True)

    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
    """
)


def _clients(url: str, redis_url: str, n: int, processes: int = 3) -> list[int]:
    procs = [
        subprocess.Popen([sys.executable, "-c", CLIENT, url, redis_url, str(n)], stdout=subprocess.PIPE, text=True)
        for _ in range(processes)
    ]
    return [int(p.communicate(timeout=120)[0].strip() or 0) for p in procs]


@pytest.mark.slow
def test_three_processes_never_exceed_the_hosts_connection_limit_together(redis_url, site) -> None:
    ok = _clients(site.url, redis_url, 20)
    assert ok == [20, 20, 20]
    assert site.max_in_flight == 2  # per_host_concurrency, for all processes together


@pytest.mark.slow
def test_without_the_cluster_limiter_each_process_has_its_own_limit(site) -> None:
    ok = _clients(site.url, "-", 20)
    assert ok == [20, 20, 20]
    assert site.max_in_flight > 2  # what the shared limiter prevents (so the test above measures something)


def test_retry_after_pauses_the_host_for_every_worker(redis_url) -> None:
    async def go() -> float:
        a = ClusterPoliteness(redis_url, 4, 0.0, 10.0)
        b = ClusterPoliteness(redis_url, 4, 0.0, 10.0)
        host = f"pause-{time.time_ns()}:80"
        slot = a.slot(host)
        slot.pause(1.0)  # worker a was told Retry-After: 1 and tries again (the pause goes to Redis)

        async def retry_a() -> None:
            async with slot:
                pass

        first = asyncio.create_task(retry_a())
        await asyncio.sleep(0.1)
        started = time.monotonic()
        async with b.slot(host):  # worker b waits for the same pause
            waited = time.monotonic() - started
        await first
        await a.aclose()
        await b.aclose()
        return waited

    assert asyncio.run(go()) >= 0.8


def test_requests_wait_for_a_restarted_redis_instead_of_failing(tmp_path, site) -> None:
    server = start_redis(tmp_path)
    try:

        async def go() -> list[int]:
            from inspector.crawl import CrawlSettings, Fetcher
            from inspector.distributed.limiter import cluster_politeness

            s = CrawlSettings(per_host_concurrency=2, per_host_delay_s=0.0, retry_times=0, allow_private=True)
            async with Fetcher(s) as f:
                f.politeness = cluster_politeness(server.url, s, lease_s=30)
                first = await f.get(site.url + "before")
                server.stop()
                restart = asyncio.get_running_loop().run_in_executor(None, lambda: (time.sleep(1.5), server.start()))
                during = await asyncio.gather(*(f.get(f"{site.url}during{i}") for i in range(6)))
                await restart
                await f.politeness.aclose()
                return [first.status or 0] + [p.status or 0 for p in during]

        statuses = asyncio.run(go())
    finally:
        server.stop()
    assert statuses == [200] * 7  # none was recorded as a failed fetch of the site
