"""Gathering identity and probing search: footer frames, the rendered home page, script-submitted
boxes, header frames and hosted widgets (fetch doubles for the quick tests; real Chromium for one)."""

from __future__ import annotations

import asyncio
from datetime import datetime

import pytest

from inspector.extract.html import parse_html
from inspector.gather.identity import gather_identity, note_rendered
from inspector.gather.search import probe_search
from inspector.model import Page, SiteArtifacts

HOME = "http://www.example.gov.cn/"


def _page(url: str, html: str, status: int = 200) -> Page:
    return Page(url=url, final_url=url, status=status, text=html)


def _fetcher(pages: dict[str, str], seen: list[str] | None = None):
    async def fetch(url: str, **_: object) -> Page:
        if seen is not None:
            seen.append(url)
        for prefix, html in pages.items():
            if url.startswith(prefix):
                return _page(url, html)
        return _page(url, "<title>404</title>", status=404)

    return fetch


RESULTS = "<ul><li><a href='/1.html'><em>县长调研</em>春耕生产</a></li></ul>"


def test_probe_queries_a_script_submitted_box():
    html = (
        '<input id="search" name="text" type="text" onkeydown="searchkey(event);"><script>function dosubmit(){'
        'url = "SEARCH/n_list4Search.html?title=" + escape(document.getElementById("search").value);}</script>'
    )
    seen: list[str] = []
    home = _page(HOME, html)
    probe = asyncio.run(
        probe_search(home, parse_html(html, HOME), "县长调研春耕生产", _fetcher({HOME + "SEARCH/": RESULTS}, seen))
    )
    assert probe.found is True and probe.kind == "js" and probe.field == "title"
    assert seen == [
        HOME
        + "SEARCH/n_list4Search.html?title=%E5%8E%BF%E9%95%BF%E8%B0%83%E7%A0%94%E6%98%A5%E8%80%95%E7%94%9F%E4%BA%A7"
    ]


def test_probe_finds_the_box_in_the_header_frame():
    html = '<iframe src="./yn_yetou/index_318.html" id="iframepage"></iframe><p>正文</p>'
    header = (
        '<form action="http://search.example.gov.cn/search.aspx"><input name="title" placeholder="请输入关键字"></form>'
    )
    fetch = _fetcher({HOME + "yn_yetou/": header, "http://search.example.gov.cn/": RESULTS})
    probe = asyncio.run(probe_search(_page(HOME, html), parse_html(html, HOME), "县长调研春耕生产", fetch))
    assert probe.found is True and "inside the frame" in probe.note
    assert probe.results_url.startswith("http://search.example.gov.cn/search.aspx?title=")


def test_probe_reports_a_hosted_widget_and_an_unseen_box():
    widget = "<script>var s='http://znsv.baidu.com/customer_search/api/js?sid=1';</script>"
    probe = asyncio.run(probe_search(_page(HOME, widget), parse_html(widget, HOME), "标题标题", _fetcher({})))
    assert (probe.error, probe.kind) == ("search_widget", "script")
    empty_header = '<div id="header"></div><p>正文</p>'
    probe = asyncio.run(
        probe_search(_page(HOME, empty_header), parse_html(empty_header, HOME), "标题标题", _fetcher({}))
    )
    assert probe.error == "no_search_form" and "header" in probe.note
    plain = "<p>正文</p>"
    probe = asyncio.run(probe_search(_page(HOME, plain), parse_html(plain, HOME), "标题标题", _fetcher({})))
    assert (probe.error, probe.note) == ("no_search_form", "")


def test_identity_reads_the_footer_frame():
    html = '<p>正文</p><iframe src="201802/201802foot.htm"></iframe>'
    foot = "<div class=foot>主办：国家信访局 京ICP备05000000号 网站标识码：bm00000001</div>"
    seen: list[str] = []
    marks = asyncio.run(
        gather_identity(_page(HOME, html), parse_html(html, HOME), _fetcher({HOME + "201802/": foot}, seen))
    )
    assert seen == [HOME + "201802/201802foot.htm"]
    assert (marks.footer, marks.icp, marks.site_code) == ("iframe", "京ICP备05000000号", "bm00000001")
    assert marks.sources["icp"] == "iframe:footer-text" and marks.rendered is None


def test_rendered_home_fills_a_script_footer_and_records_failure():
    raw = '<div id="footer"></div>'
    a = SiteArtifacts(site=HOME, as_of=datetime(2024, 5, 20), home=_page(HOME, raw))
    a.identity = asyncio.run(gather_identity(a.home, parse_html(raw, HOME), _fetcher({})))
    note_rendered(a, Page(url=HOME, error="timeout"))
    assert a.identity.rendered is False and a.identity.icp is None
    rendered = _page(HOME, '<div id="footer">主办：某县人民政府 京ICP备12345678号 京公网安备11010102000001号</div>')
    note_rendered(a, rendered)
    assert a.identity.rendered is True and a.identity.sources["icp"] == "rendered:footer-text"
    assert a.home.signals["rendered_identity"]["psb"] == "京公网安备11010102000001号"


FOOTER_JS = (
    "document.getElementById('footer').innerHTML = '主办单位：示例县人民政府办公室 赣ICP备11002306号-1 "
    "赣公网安备 36092202000105号 网站标识码：3609220011';"
)
SCRIPT_FOOTER_HOME = """<!doctype html><html><head><meta charset="utf-8"><title>示例县人民政府</title></head><body>
<p>正文</p><div id="footer"></div><script src="/js/bottom.js"></script></body></html>"""


@pytest.mark.browser
def test_script_built_footer_is_read_from_the_rendered_home_page():
    from crawl.servers import Reply, serve

    from inspector.crawl import CrawlSettings, Fetcher

    routes = {
        "/": Reply(body=SCRIPT_FOOTER_HOME),
        "/js/bottom.js": Reply(body=FOOTER_JS, content_type="application/javascript; charset=utf-8"),
    }
    with serve(routes) as site:

        async def go() -> SiteArtifacts:
            async with Fetcher(CrawlSettings(sitemap=False, auto_render=False)) as f:
                home = await f.fetch(site.url("/"))
                a = SiteArtifacts(site=site.url("/"), as_of=datetime(2024, 5, 20), home=home)
                a.identity = await gather_identity(home, parse_html(home.text or "", site.url("/")), f.fetch)
                assert a.identity.footer == "script" and a.identity.icp is None
                note_rendered(a, await f.screenshot(site.url("/"), None))
                return a

        a = asyncio.run(go())
    marks = a.identity
    assert marks.rendered is True
    assert (marks.icp, marks.psb, marks.site_code) == (
        "赣ICP备11002306号-1",
        "赣公网安备36092202000105号",
        "3609220011",
    )
    assert marks.sources["site_code"] == "rendered:footer-text"
