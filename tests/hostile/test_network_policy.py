"""Issue 16 item 3: nothing the audited site says leads the inspector to an internal address.

The audited site is on 127.0.0.1; the "internal" server is on 127.0.0.2 — loopback as well, but not the
site's own address — so each test proves the policy refuses before any packet reaches it.
"""

from __future__ import annotations

import asyncio
import time

import pytest
from crawl.servers import Reply, serve
from hostile_servers import bounded, internal_server, site_with

from inspector.crawl import CrawlSettings, Fetcher, crawl_site
from inspector.crawl.netpolicy import NetworkPolicy, address_kind

FAST = CrawlSettings(timeout_s=3.0, connect_timeout_s=2.0, per_host_delay_s=0.0, retry_times=0, sitemap=False)


def crawl(url: str, settings: CrawlSettings = FAST):
    async def go():
        async with Fetcher(settings) as f:
            return await bounded(crawl_site(url, settings, fetcher=f), 20)

    return asyncio.run(go())


def test_home_redirecting_to_an_internal_address_is_not_adopted() -> None:
    with internal_server() as intranet, serve({"/": Reply(302, "", {"Location": intranet.url("/")})}) as site:
        result = crawl(site.url("/"))
    assert result.not_inspected == "private_address"
    assert "not followed" in result.not_inspected_detail and "127.0.0.2" in result.not_inspected_detail
    assert intranet.total_hits == 0


def test_links_and_redirects_to_internal_addresses_are_reported_not_fetched() -> None:
    with internal_server() as intranet:
        routes = site_with(
            [intranet.url("/admin"), "/go", "http://169.254.169.254/latest/meta-data/"],
            {"/go": Reply(302, "", {"Location": intranet.url("/secret")})},
        )
        with serve(routes) as site:
            result = crawl(site.url("/"))
    assert result.not_inspected is None
    by_url = {lc.url: lc for lc in result.link_checks}
    admin = by_url[intranet.url("/admin")]
    assert admin.outcome == "skipped" and "not contacted" in admin.detail  # never counted as broken
    assert by_url["http://169.254.169.254/latest/meta-data/"].outcome == "skipped"
    assert "cloud metadata" in by_url["http://169.254.169.254/latest/meta-data/"].detail
    go = next(p for p in result.pages if p.url.endswith("/go"))
    assert go.error == "private_address" and go.error_detail.startswith(
        f"redirect to {intranet.url('/secret')} not followed"
    )
    assert intranet.total_hits == 0


def test_robots_sitemap_on_another_host_is_not_read() -> None:
    with internal_server() as intranet:
        robots = Reply(
            body=f"User-agent: *\nAllow: /\nSitemap: {intranet.url('/sitemap.xml')}\n", content_type="text/plain"
        )
        with serve(site_with([], {"/robots.txt": robots})) as site:
            result = crawl(site.url("/"), FAST.replace(sitemap=True))
    assert result.stats["sitemaps_skipped"] == [intranet.url("/sitemap.xml")]
    assert intranet.total_hits == 0


def test_allow_private_and_the_sites_own_address_still_work() -> None:
    with internal_server() as intranet, serve(site_with([intranet.url("/admin")])) as site:
        strict = crawl(site.url("/"))
        allowed = crawl(site.url("/"), FAST.replace(allow_private=True))
    assert {lc.url: lc.outcome for lc in strict.link_checks}[intranet.url("/admin")] == "skipped"
    assert {lc.url: lc.outcome for lc in allowed.link_checks}[intranet.url("/admin")] == "ok"
    assert intranet.hits["/admin"] == 1  # (and its robots.txt)
    # The site's own address (another port on 127.0.0.1) is the site: sample sites span several ports.
    assert all(p.ok for p in strict.pages)


def test_metadata_address_refused_at_once_without_a_connection_attempt() -> None:
    assert address_kind(__import__("ipaddress").ip_address("169.254.169.254")) == "cloud metadata"
    assert address_kind(__import__("ipaddress").ip_address("::ffff:10.0.0.1")) == "private"
    assert address_kind(__import__("ipaddress").ip_address("100.64.1.1")) == "reserved"

    async def go():
        started = time.monotonic()
        async with Fetcher(FAST) as f:
            with __import__("inspector.crawl.netpolicy", fromlist=["x"]).site_scope("http://127.0.0.1:9/"):
                r = await f.get("http://169.254.169.254/latest/meta-data/iam/")
        return r, time.monotonic() - started

    r, took = asyncio.run(go())
    assert r.error == "private_address" and took < 1.0


@pytest.mark.browser
def test_browser_requests_obey_the_same_policy(tmp_path) -> None:
    """An <iframe>/<img> to an internal address is not loaded into the evidence screenshot."""
    with internal_server() as intranet:
        home = (
            "<html><head><meta charset='utf-8'><title>首页</title></head><body><h1>首页</h1>"
            f"<iframe src='{intranet.url('/frame')}'></iframe><img src='{intranet.url('/pixel.png')}'>"
            "<iframe src='/hop'></iframe></body></html>"
        )
        routes = {"/": Reply(body=home), "/hop": Reply(302, "", {"Location": intranet.url("/via-redirect")})}
        with serve(routes) as site:

            async def go():
                async with Fetcher(FAST) as f:
                    return await f.screenshot(site.url("/"), str(tmp_path / "home.png"))

            shot = asyncio.run(go())
    assert shot.error is None and (tmp_path / "home.png").exists()
    blocked = {b["url"] for b in shot.signals["blocked_requests"]}
    assert {intranet.url("/frame"), intranet.url("/pixel.png"), intranet.url("/via-redirect")} <= blocked
    assert intranet.total_hits == 0, intranet.hits


def test_policy_decides_by_address_not_by_name() -> None:
    async def go():
        policy = NetworkPolicy()
        return await policy.check_url("http://localhost:8/"), await policy.check_url("https://www.gov.cn/")

    local, public = asyncio.run(go())
    assert local and "loopback" in local
    assert public is None or "not contacted" not in public
