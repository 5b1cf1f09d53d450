"""URL normalisation, scope and trap rules; decoding of Chinese legacy charsets."""

from __future__ import annotations

import asyncio

import pytest

from crawl.servers import Reply, serve
from inspector.crawl import CrawlSettings, Fetcher
from inspector.crawl.decode import decode_html
from inspector.crawl.urls import Scope, TrapGuard, dedup_key, normalize_url, registrable_domain


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "HTTP://WWW.Example.GOV.cn:80/a/./b/../index.html?utm_source=x&b=2&a=1#top",
            "http://www.example.gov.cn/a/index.html?a=1&b=2",
        ),
        ("http://x.gov.cn/list;jsessionid=ABC123?PHPSESSID=9&id=3", "http://x.gov.cn/list?id=3"),
        ("https://x.gov.cn:443/%7Euser/", "https://x.gov.cn/~user/"),
        ("http://x.gov.cn/政务公开/", "http://x.gov.cn/%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80/"),
        ("http://x.gov.cn", "http://x.gov.cn/"),
        ("http://x.gov.cn/a//b/default.htm", "http://x.gov.cn/a/b/default.htm"),
        ("http://x.gov.cn:8080/A/B.HTML", "http://x.gov.cn:8080/A/B.HTML"),  # paths keep their case
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize_url(raw) == expected


def test_dedup_key_merges_index_files() -> None:
    assert dedup_key("http://x.gov.cn/a/index.html?id=1") == dedup_key("http://x.gov.cn/a/?id=1")
    assert dedup_key("http://x.gov.cn/a/INDEX.HTM") == "http://x.gov.cn/a/"
    assert dedup_key("http://x.gov.cn/a/list.html") == "http://x.gov.cn/a/list.html"


@pytest.mark.parametrize("bad", ["ftp://x.gov.cn/", "mailto:a@b.cn", "http:///nohost"])
def test_normalize_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        normalize_url(bad)


def test_scope() -> None:
    assert registrable_domain("www.beijing.gov.cn") == "beijing.gov.cn"
    assert registrable_domain("www.example.com") == "example.com"
    s = Scope("http://www.beijing.gov.cn/", ["zwfw.beijing.gov.cn.example"])
    assert s.contains("http://fgw.beijing.gov.cn/x") and not s.contains("http://www.gov.cn/")
    assert s.contains("http://zwfw.beijing.gov.cn.example/")
    loop = Scope("http://127.0.0.1:8001/")
    assert loop.contains("http://127.0.0.1:8001/a") and not loop.contains("http://127.0.0.1:8002/a")


def test_trap_rules() -> None:
    from datetime import date

    g = TrapGuard(CrawlSettings(), today=date(2026, 11, 16))
    assert g.check("http://x.gov.cn/a/b/a/b/a/b/") == "repeating_segments"
    assert g.check("http://x.gov.cn/cal.jsp?year=2150&month=1") == "calendar"
    assert g.check("http://x.gov.cn/" + "seg/" * 3 + "x" * 600) == "long_url"
    assert g.check("http://x.gov.cn/art/2024/5/6/art_1_2.html") is None
    assert g.check("http://x.gov.cn/xxgk/202405/t20240506_123.html") is None
    assert {t["kind"] for t in g.report()} == {"repeating_segments", "calendar", "long_url"}


TEXT = "县人民政府关于印发《政务公开工作要点》的通知 朱镕基 堃"


@pytest.mark.parametrize(
    ("charset_header", "meta", "codec"),
    [
        ("text/html; charset=GBK", "", "gbk"),
        ("text/html", '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gbk"),
        ("text/html", "", "gb18030"),  # undeclared
        ("text/html; charset=ISO-8859-1", '<meta charset="GBK">', "gbk"),  # Tomcat's default header
        ("text/html; charset=utf-8", '<meta charset="gbk">', "gbk"),  # header lies: bytes are GBK
        ("text/html; charset=big5", "", "big5"),
    ],
)
def test_chinese_charsets_over_http(charset_header: str, meta: str, codec: str) -> None:
    html = f"<html><head>{meta}<title>通知</title></head><body><p>{TEXT}</p></body></html>"
    text = TEXT if codec != "big5" else "縣人民政府 政務公開"
    html = html.replace(TEXT, text)
    with serve({"/": Reply(body=html.encode(codec), content_type=charset_header)}) as site:

        async def go():
            async with Fetcher(CrawlSettings(sitemap=False)) as f:
                return await f.fetch(site.url("/"))

        page = asyncio.run(go())
    assert page.error is None
    assert text in page.visible_text and page.title == "通知"
    assert "\ufffd" not in (page.text or "")


def test_decode_never_raises() -> None:
    text, enc = decode_html(b"\xff\xfe\x00garbage\x81", "text/html; charset=nonsense")
    assert isinstance(text, str) and enc
