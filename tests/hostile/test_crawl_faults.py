"""Issue 16 items 1, 2, 6 and the binary page: one hostile page costs that page, never the crawl."""

from __future__ import annotations

import asyncio
import errno
import logging
import time
import tracemalloc

import pytest
from crawl.servers import Reply, page, serve
from hostile_servers import bounded, deep_nesting, double_gzip_bomb, many_links, random_binary, site_with

from inspector.crawl import CrawlSettings, Fetcher, MemoryFrontier, crawl_site
from inspector.crawl.site import CrawlAborted

FAST = CrawlSettings(timeout_s=3.0, connect_timeout_s=2.0, per_host_delay_s=0.0, retry_times=0, sitemap=False)


def crawl(url: str, settings: CrawlSettings = FAST, seconds: float = 20, **kw):
    async def go():
        async with Fetcher(settings) as f:
            return await bounded(crawl_site(url, settings, fetcher=f, **kw), seconds)

    return asyncio.run(go())


def test_superscript_year_link_neither_crashes_nor_hangs() -> None:
    """`<a href="/x?year=²">` raised in the calendar rule; on 8 inner pages the crawl hung for ever."""
    inner = {f"/in{i}": Reply(body=page(f"栏目{i}", links=["/x?year=²", "/x?y=٢٠٢٤"])) for i in range(8)}
    routes = site_with([*inner, "/x?year=²"], inner)
    with serve(routes) as site:
        result = crawl(site.url("/"))
    assert result.not_inspected is None
    assert {p.url.rsplit("/", 1)[1] for p in result.pages} >= {"in0", "in7", "a", "b"}
    assert result.stats["worker_error_count"] == 0


def test_a_failing_page_is_logged_with_its_url_and_the_crawl_goes_on(monkeypatch, caplog) -> None:
    """Whatever bug a page triggers, the worker survives (its queue's join() used to wait for ever)."""
    from inspector.crawl import site as crawl_site_module

    real = crawl_site_module.normalize_url

    def exploding(url, settings=None):
        if "boom" in url:
            raise RuntimeError("a bug no one has found yet")
        return real(url, settings)

    monkeypatch.setattr(crawl_site_module, "normalize_url", exploding)
    inner = {f"/in{i}": Reply(body=page(f"栏目{i}", links=[f"/boom{i}", "/ok"])) for i in range(10)}
    routes = site_with(list(inner), {**inner, "/ok": Reply(body=page("正常"))})
    with serve(routes) as site, caplog.at_level(logging.WARNING, logger="inspector.crawl.site"):
        result = crawl(site.url("/"), FAST.replace(per_host_concurrency=2))
    assert result.not_inspected is None
    assert any(p.url.endswith("/ok") for p in result.pages)  # pages after the failures still crawled
    assert result.stats["worker_error_count"] == 10
    assert {e["url"].split(" → ")[0] for e in result.stats["worker_errors"]} == {site.url(f"/in{i}") for i in range(10)}
    assert f"{site.url('/in3')} → {site.url('/boom3')}" in caplog.text


class FullDisk(MemoryFrontier):
    """The frontier's disk fills up after a few pages (a real ENOSPC OSError, as sqlite3 raises it)."""

    def __init__(self, after: int):
        super().__init__()
        self.after = after

    async def save_page(self, page, **kw):
        if len(self.state.pages) >= self.after:
            raise OSError(errno.ENOSPC, "No space left on device")
        await super().save_page(page, **kw)


def test_full_disk_mid_crawl_ends_the_crawl_with_one_clear_error() -> None:
    inner = {f"/in{i}": Reply(body=page(f"栏目{i}", links=[f"/in{i}/{j}" for j in range(5)])) for i in range(6)}
    with serve(site_with(list(inner), inner), fallback=lambda h: Reply(body=page("文章"))) as site:
        started = time.monotonic()
        with pytest.raises(CrawlAborted, match="No space left on device"):
            crawl(site.url("/"), frontier=FullDisk(after=3))
    assert time.monotonic() - started < 10


def test_double_gzip_bomb_is_cut_while_decoding() -> None:
    """13 KB of `Content-Encoding: gzip, gzip` inflating to 2 GiB: decoding stops at the page limit."""
    bomb = double_gzip_bomb()
    assert len(bomb.body) < 64 * 1024
    with serve(site_with(["/bomb"], {"/bomb": bomb})) as site:
        tracemalloc.start()
        started = time.monotonic()
        try:
            result = crawl(site.url("/"), FAST.replace(max_page_bytes=4 << 20))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert time.monotonic() - started < 10
    assert peak < 64 << 20, peak  # a few times the 4 MiB limit, never gigabytes
    bombed = next(p for p in result.pages if p.url.endswith("/bomb"))
    assert bombed.error == "too_large"
    assert {p.url.rsplit("/", 1)[1] for p in result.pages if p.ok} >= {"a", "b"}


def test_gzip_bomb_as_a_link_check_target_is_bounded_too() -> None:
    with serve({"/": Reply(body=page("首页", links=["/bomb.js"])), "/bomb.js": double_gzip_bomb()}) as site:
        started = time.monotonic()
        result = crawl(site.url("/"))
    assert time.monotonic() - started < 10
    assert [lc.outcome for lc in result.link_checks if lc.url.endswith("/bomb.js")] == ["ok"]


def test_too_many_stacked_encodings_are_refused() -> None:
    import gzip

    body = page("首页").encode()
    for _ in range(5):
        body = gzip.compress(body)
    reply = Reply(body=body, headers={"Content-Encoding": ", ".join(["gzip"] * 5)})
    with serve({"/": reply}) as site:
        result = crawl(site.url("/"))
    assert result.not_inspected == "other" and "stacked Content-Encodings" in result.not_inspected_detail


def test_random_binary_served_as_html_is_not_a_web_page() -> None:
    with serve({"/": random_binary(), "/inner": random_binary()}) as site:
        home = crawl(site.url("/"))
    assert home.not_inspected == "not_html"
    assert "not a web page" in home.not_inspected_detail


def test_100k_links_page_is_cut_and_reported_and_the_site_still_crawled() -> None:
    settings = FAST.replace(max_page_links=300, max_pages=20)
    routes = site_with(["/links"], {"/links": Reply(body=many_links(100_000))})
    with serve(routes, fallback=lambda h: Reply(body=page("文章"))) as site:
        started = time.monotonic()
        result = crawl(site.url("/"), settings, seconds=30)
    assert time.monotonic() - started < 20
    big = next(p for p in result.pages if p.url.endswith("/links"))
    assert big.signals["limits"] == {
        "links_total": 100_000,
        "links_kept": 300,
        "link_targets": 300,
        "link_targets_checked": 200,  # max_page_link_checks: a sample of the kept links is checked
    }
    assert len(result.link_checks) <= 200 + 10
    cut = [t for t in result.traps if t["kind"] == "page_links_cut"]
    assert cut and cut[0]["examples"] == [site.url("/links")] and cut[0]["cut"] == 100_000 - 300
    assert {p.url.rsplit("/", 1)[1] for p in result.pages if p.ok} >= {"a", "b", "links"}


def test_100k_deep_page_is_flattened_and_reported_in_seconds() -> None:
    routes = site_with(["/deep"], {"/deep": Reply(body=deep_nesting(100_000))})
    with serve(routes) as site:
        started = time.monotonic()
        result = crawl(site.url("/"), seconds=30)
    assert time.monotonic() - started < 15  # was > 7 minutes: parse time grew with the square of the depth
    deep = next(p for p in result.pages if p.url.endswith("/deep"))
    assert deep.ok and "最深处的文字" in deep.visible_text
    assert deep.signals["limits"]["tags_flattened"] > 190_000
    assert [t["kind"] for t in result.traps if t["examples"] == [site.url("/deep")]] == ["page_too_deep"]


def test_a_page_with_thousands_of_new_targets_gets_a_deterministic_sample_of_link_checks() -> None:
    """The page's cost stays its own: 1,000 new targets of an inner page ⇒ 40 checked (the same 40 on
    every run, spread over the page), the rest counted and reported; the home page's links are all kept."""
    settings = FAST.replace(max_page_link_checks=40, max_pages=10)
    home_links = [f"/h{i}.pdf" for i in range(60)]  # more than the cap, on the home page: all checked
    routes = site_with([*home_links, "/list"], {"/list": Reply(body=many_links(1000, prefix="/doc/"))})
    with serve(routes, fallback=lambda h: Reply(body=page("文章"))) as site:
        runs = [crawl(site.url("/"), settings, seconds=30) for _ in range(2)]
    first, second = ({lc.url for lc in r.link_checks} for r in runs)
    assert first == second  # deterministic
    docs = {u for u in first if "/doc/" in u} | {p.url for p in runs[0].pages if "/doc/" in p.url}
    assert len(docs) == 40
    numbers = sorted(int(u.rsplit("/", 1)[1].split(".")[0]) for u in docs)
    assert numbers[0] < 200 and numbers[-1] > 800  # a sample of the whole page, not its first 40
    assert {site.url(h) for h in home_links} <= first
    assert runs[0].stats["links_sampled_out"] == 960
    [sampled] = [t for t in runs[0].traps if t["kind"] == "page_links_sampled"]
    assert sampled["examples"] == [site.url("/list")] and sampled["cut"] == 960
    big = next(p for p in runs[0].pages if p.url.endswith("/list"))
    assert big.signals["limits"] == {"link_targets": 1000, "link_targets_checked": 40}
