"""Every failure class comes from a real socket on 127.0.0.1, through Fetcher.fetch and crawl_site."""

from __future__ import annotations

import asyncio

import pytest

from crawl.servers import Reply, closed_port, page, resetting_server, serve
from inspector.crawl import CrawlSettings, Fetcher, crawl_site
from inspector.crawl.linkcheck import LinkChecker

FAST = CrawlSettings(timeout_s=1.0, connect_timeout_s=1.0, per_host_delay_s=0.0, retry_times=0, sitemap=False)


def fetch(url: str, settings: CrawlSettings = FAST, **kw):
    async def go():
        async with Fetcher(settings) as f:
            return await f.fetch(url, **kw)

    return asyncio.run(go())


def crawl(url: str, settings: CrawlSettings = FAST):
    async def go():
        async with Fetcher(settings) as f:
            return await crawl_site(url, settings, fetcher=f)

    return asyncio.run(go())


ROUTES = {
    "/": Reply(
        body=page(
            "首页",
            links=["/ok", "/missing", "/forbidden", "/waf", "/err", "/soft", "/loop1", "/slow", "/doc.pdf", "/img.png"],
        )
    ),
    "/ok": Reply(body=page("正常页面")),
    "/forbidden": Reply(403, page("禁止访问", "Forbidden")),
    "/waf": Reply(403, "<html><head><title>网站防火墙</title></head><body>您的访问被拦截 安全狗</body></html>"),
    "/err": Reply(500, page("Internal Server Error")),
    "/soft": Reply(200, "<html><head><title>提示</title></head><body>对不起，您访问的页面不存在！</body></html>"),
    "/loop1": Reply(302, "", {"Location": "/loop2"}),
    "/loop2": Reply(302, "", {"Location": "/loop1"}),
    "/slow": Reply(body=page("慢"), delay_s=2.0),
    "/doc.pdf": Reply(body=b"%PDF-1.4 test", content_type="application/pdf"),
    "/img.png": Reply(404, "no"),
    "/blocked-home": Reply(200, "<html><title>访问被拦截</title><body>云锁 Web应用防火墙 非法请求</body></html>"),
}


@pytest.fixture(scope="module")
def site():
    with serve(ROUTES) as s:
        yield s


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("http://no-such-site.invalid/", "dns"),
        (f"http://127.0.0.1:{closed_port()}/", "connect"),
    ],
)
def test_network_failures(url: str, error: str) -> None:
    p = fetch(url)
    assert p.error == error, p.error_detail
    assert p.status is None


def test_connection_reset() -> None:
    with resetting_server() as port:
        p = fetch(f"http://127.0.0.1:{port}/")
    assert p.error == "connect", p.error_detail


def test_tls_error_on_plain_http_port(site) -> None:
    p = fetch(site.url("/ok").replace("http://", "https://"))
    assert p.error == "tls", p.error_detail


def test_timeout(site) -> None:
    p = fetch(site.url("/slow"))
    assert p.error == "timeout"


def test_redirect_loop(site) -> None:
    p = fetch(site.url("/loop1"))
    assert p.error == "too_many_redirects"
    assert site.url("/loop1") in p.redirects and site.url("/loop2") in p.redirects


def test_5xx_blocked_and_not_html(site) -> None:
    assert fetch(site.url("/err")).error == "http_5xx"
    assert fetch(site.url("/waf")).error == "blocked"
    assert fetch(site.url("/blocked-home")).error == "blocked"
    pdf = fetch(site.url("/doc.pdf"))
    assert pdf.error == "not_html" and pdf.text is None and pdf.status == 200


def test_page_artifact(site) -> None:
    p = fetch(site.url("/"))
    assert p.error is None and p.status == 200 and p.via == "http"
    assert p.title == "首页" and "政务公开" in p.visible_text
    assert p.encoding == "utf-8" and p.elapsed_ms > 0 and p.size > 0 and p.fetched_at is not None
    assert {link.url for link in p.links} >= {site.url("/ok"), site.url("/doc.pdf")}
    assert site.log[-1][2]["User-Agent"].startswith("gov-inspector/")
    assert site.log[-1][2]["Accept-Language"].startswith("zh-CN")


@pytest.mark.parametrize(
    ("path", "outcome"),
    [
        ("/ok", "ok"),
        ("/missing", "broken"),
        ("/forbidden", "forbidden"),
        ("/waf", "blocked"),
        ("/err", "server_error"),
        ("/soft", "soft404"),
        ("/loop1", "too_many_redirects"),
        ("/slow", "timeout"),
        ("/doc.pdf", "ok"),
    ],
)
def test_link_outcomes(site, path: str, outcome: str) -> None:
    async def go():
        async with Fetcher(FAST) as f:
            checker = LinkChecker(f)
            checker.note(site.url(path), site.url("/"), tag="a", text="", on_home=True, internal=True)
            return await checker.check(site.url(path))

    rec = asyncio.run(go())
    assert rec.outcome == outcome, rec.detail


def test_crawl_checks_every_link_once(site) -> None:
    site.hits.clear()
    result = crawl(site.url("/"))
    assert result.not_inspected is None
    by_url = {lc.url.removeprefix(site.url("")): lc for lc in result.link_checks}
    assert by_url["/missing"].outcome == "broken" and by_url["/missing"].on_home
    assert by_url["/img.png"].outcome == "broken" and by_url["/img.png"].found_on == [site.url("/")]
    assert by_url["/soft"].outcome == "soft404"
    assert by_url["/waf"].outcome == "blocked"
    assert by_url["/slow"].outcome == "timeout"
    assert by_url["/ok"].outcome == "ok" and by_url["/ok"].internal
    # Each target requested once (a loop hop twice at most would be a bug in de-duplication).
    assert all(n == 1 for path, n in site.hits.items() if path not in ("/robots.txt",)), site.hits
    assert all(p.text is None for p in result.pages if p.url != result.home.url)
    assert result.home.text and "首页" in result.home.text


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/err", "http_5xx"), ("/loop1", "too_many_redirects"), ("/blocked-home", "blocked"), ("/slow", "timeout")],
)
def test_site_level_failures_are_not_inspected(site, path: str, reason: str) -> None:
    result = crawl(site.url(path))
    assert result.not_inspected == reason
    assert result.not_inspected_detail
    assert result.link_checks == []


def test_unreachable_sites_are_not_inspected() -> None:
    assert crawl("http://no-such-site.invalid/").not_inspected == "dns"
    assert crawl(f"http://127.0.0.1:{closed_port()}/").not_inspected == "connect"
    assert crawl("ftp://example.gov.cn/").not_inspected == "bad_url"
