"""A killed audit resumes from its frontier in the store: same pages and links, nothing refetched."""

from __future__ import annotations

import asyncio

from crawl.servers import Handler, Reply, page, serve
from inspector.crawl import CrawlSettings, Fetcher, MemoryFrontier, StoreFrontier, crawl_site
from inspector.store.db import open_store

S = CrawlSettings(timeout_s=3.0, per_host_delay_s=0.0, per_host_concurrency=2, sitemap=False)


def site_pages(h: Handler) -> Reply:
    path = h.path
    if path.startswith("/col"):
        n = int(path[4:].strip("/"))
        return Reply(
            body=page(f"栏目{n}", links=[f"/art/{n}_{i}.html" for i in range(6)] + ["/gone.html"]), delay_s=0.01
        )
    if path.startswith("/art/"):
        return Reply(body=page("文章", links=["/", "/img/logo.png"]), delay_s=0.01)
    if path == "/img/logo.png":
        return Reply(body=b"\x89PNG", content_type="image/png")
    return Reply(404, "not found")


HOME = Reply(body=page("首页", links=[f"/col{n}/" for n in range(8)]))


def summary(result) -> tuple[set, set]:
    return (
        {p.url.split("/", 3)[3] for p in result.pages},
        {(lc.url.split("/", 3)[3], lc.outcome, len(lc.found_on)) for lc in result.link_checks},
    )


async def _crawl(url: str, frontier=None, stop_after: int | None = None):
    seen = {"n": 0}
    done = asyncio.Event()

    async def on_page(p):
        seen["n"] += 1
        if stop_after and seen["n"] >= stop_after:
            done.set()

    async with Fetcher(S) as f:
        task = asyncio.create_task(crawl_site(url, S, fetcher=f, on_page=on_page, frontier=frontier))
        if stop_after is None:
            return await task
        waiter = asyncio.create_task(done.wait())
        await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
        task.cancel()  # the audit is killed midway
        waiter.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass
        return None


def test_killed_and_resumed_crawl_matches_uninterrupted(tmp_path) -> None:
    with serve({"/": HOME}, fallback=site_pages) as site:
        full = asyncio.run(_crawl(site.url("/")))
        full_hits = site.total_hits
    assert len(full.pages) == 1 + 8 + 48 + 1  # home, columns, articles, /gone.html

    with serve({"/": HOME}, fallback=site_pages) as site:
        store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
        audit_id = store.start_audit(store.start_run("p", "2026-11-16", "t", {}), site.url("/"))
        assert asyncio.run(_crawl(site.url("/"), StoreFrontier(store, audit_id), stop_after=20)) is None
        stored = asyncio.run(StoreFrontier(store, audit_id).load())
        stored_paths = {"/" + p.url.split("/", 3)[3] for p in [stored.home, *stored.pages]}
        assert 20 <= len(stored_paths) < len(full.pages)
        assert stored.queue  # work left to do
        hits_before = dict(site.hits)

        resumed = asyncio.run(_crawl(site.url("/"), StoreFrontier(store, audit_id)))
        a, b = summary(resumed), summary(full)
        assert a[0] == b[0], a[0] ^ b[0]
        assert a[1] == b[1], (a[1] - b[1], b[1] - a[1])
        assert resumed.home.text and "首页" in resumed.home.text
        assert resumed.stats["resumed"] is True
        for path in stored_paths:  # what was stored is never fetched again
            assert site.hits[path] == hits_before.get(path, 0) == 1, path
        # At most the pages in flight at the kill were fetched twice.
        assert site.total_hits <= full_hits + 2 * S.per_host_concurrency


def test_memory_frontier_resume_after_cancel() -> None:
    with serve({"/": HOME}, fallback=site_pages) as site:
        frontier = MemoryFrontier()
        asyncio.run(_crawl(site.url("/"), frontier, stop_after=10))
        resumed = asyncio.run(_crawl(site.url("/"), frontier))
    assert len(resumed.pages) == 58
    assert {lc.outcome for lc in resumed.link_checks if lc.url.endswith("/gone.html")} == {"broken"}
