"""robots.txt, Retry-After backoff, per-host concurrency, and trap sites that must end within budget."""

from __future__ import annotations

import asyncio
import re
import threading
import time

from crawl.servers import Handler, Reply, page, serve
from inspector.crawl import CrawlSettings, Fetcher, crawl_site

S = CrawlSettings(timeout_s=3.0, per_host_delay_s=0.0, sitemap=False)


def crawl(url: str, settings: CrawlSettings = S):
    async def go():
        async with Fetcher(settings) as f:
            return await crawl_site(url, settings, fetcher=f)

    return asyncio.run(go())


ROBOTS_SITE = {
    "/robots.txt": Reply(body="User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
    "/": Reply(body=page("首页", links=["/public", "/private/secret"])),
    "/public": Reply(body=page("公开")),
    "/private/secret": Reply(body=page("内部")),
}


def test_robots_disallow_is_honoured_and_override_works() -> None:
    with serve(ROBOTS_SITE) as site:
        polite = crawl(site.url("/"))
        assert site.hits["/private/secret"] == 0
        skipped = [lc for lc in polite.link_checks if lc.url.endswith("/private/secret")]
        assert skipped and skipped[0].outcome == "skipped"
        authorised = crawl(site.url("/"), S.replace(ignore_robots=True))
        assert site.hits["/private/secret"] == 1
        assert any(p.url.endswith("/private/secret") and p.ok for p in authorised.pages)


def test_robots_disallow_all_makes_site_not_inspected() -> None:
    with serve(
        {
            "/robots.txt": Reply(body="User-agent: *\nDisallow: /\n", content_type="text/plain"),
            "/": Reply(body=page("首页")),
        }
    ) as site:
        result = crawl(site.url("/"))
    assert result.not_inspected == "robots" and site.hits["/"] == 0


def test_retry_after_backoff() -> None:
    calls = {"n": 0}

    def limited(h: Handler) -> Reply:
        calls["n"] += 1
        if calls["n"] == 1:
            return Reply(429, "slow down", {"Retry-After": "1"})
        return Reply(body=page("终于"))

    with serve({"/": limited}) as site:

        async def go():
            async with Fetcher(S.replace(retry_times=2)) as f:
                return await f.fetch(site.url("/"))

        p = asyncio.run(go())
        times = [t for t, path, _ in site.log if path == "/"]
    assert p.status == 200 and p.title == "终于"
    assert len(times) == 2 and times[1] - times[0] >= 0.95


def test_per_host_concurrency_limit() -> None:
    active = {"now": 0, "max": 0}
    lock = threading.Lock()

    def slow(h: Handler) -> Reply:
        with lock:
            active["now"] += 1
            active["max"] = max(active["max"], active["now"])
        time.sleep(0.1)
        with lock:
            active["now"] -= 1
        return Reply(body=page("页"))

    links = [f"/p{i}" for i in range(12)]
    with serve({"/": Reply(body=page("首页", links=links))}, fallback=slow) as site:
        crawl(site.url("/"), S.replace(per_host_concurrency=2))
    assert active["max"] == 2


def trap_site(h: Handler) -> Reply:
    path = h.path
    y_m, mo_m = re.search(r"year=(\d+)", path), re.search(r"month=(\d+)", path)
    if y_m and mo_m:  # an endless calendar: every month links to the next and the previous
        y, mo = int(y_m.group(1)), int(mo_m.group(1))
        nxt = (y + (mo == 12), mo % 12 + 1)
        prv = (y - (mo == 1), (mo - 2) % 12 + 1)
        return Reply(
            body=page(
                f"日历{y}-{mo}", links=[f"/cal?year={nxt[0]}&month={nxt[1]}", f"/cal?year={prv[0]}&month={prv[1]}"]
            )
        )
    if path.startswith("/loop/"):  # relative link that nests forever: /loop/a/a/a/…
        return Reply(body=page("循环", links=["a/"]))
    if path.startswith("/s/"):  # a fresh session id on every link
        n = int(path.split("/")[2].split("?")[0])
        return Reply(
            body=page(f"会话{n}", links=[f"/s/{n}?jsessionid={n * 7919}", f"/s/{(n + 1) % 5}?sid={time.time()}"])
        )
    return Reply(404, "no")


def test_trap_site_ends_within_budget() -> None:
    home = page("首页", links=["/cal?year=2026&month=11", "/loop/", "/s/0?sid=abc"])
    settings = S.replace(max_pages=400, max_depth=50, per_host_concurrency=8)
    with serve({"/": Reply(body=home)}, fallback=trap_site) as site:
        started = time.monotonic()
        result = crawl(site.url("/"), settings)
        elapsed = time.monotonic() - started
    kinds = {t["kind"] for t in result.traps}
    assert {"calendar", "repeating_segments"} <= kinds
    assert len(result.pages) < 150  # cut by the defences, well before the page budget
    assert sum(1 for p in result.pages if "/s/" in p.url) == 5  # session ids stripped: 5 distinct pages
    assert elapsed < 20


def test_crawl_delay_applied_while_requests_wait_strands_nobody():
    """robots Crawl-delay replaces a host's semaphore: requests holding or waiting on the old one finish."""
    import asyncio

    from inspector.crawl.politeness import Politeness

    async def go() -> int:
        pol = Politeness(concurrency=2, delay_s=0.0, max_crawl_delay_s=0.05)
        slot = pol.slot("x.gov.cn")
        done = 0
        gate = asyncio.Event()

        async def request() -> None:
            nonlocal done
            async with slot:
                await gate.wait()
                done += 1

        tasks = [asyncio.create_task(request()) for _ in range(4)]  # 2 hold the old semaphore, 2 wait on it
        await asyncio.sleep(0.01)
        pol.apply_crawl_delay("x.gov.cn", 0.01)
        gate.set()
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=5)
        async with slot:  # and the new one-at-a-time semaphore is not over-released
            assert slot.semaphore.locked()
        return done

    assert asyncio.run(go()) == 4
