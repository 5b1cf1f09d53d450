"""Cloaking: a real HTTP server that serves gambling links to Baiduspider only."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from inspector.extract.security.cloaking import diff_variants
from inspector.gather.cloaking import gather_cloaking
from inspector.model import Page

CLEAN = "<html><head><title>某县人民政府</title></head><body><a href='/news/'>要闻动态</a></body></html>"
SPAM = (
    "<html><head><title>某县人民政府_澳门金沙博彩</title></head><body><a href='/news/'>要闻动态</a>"
    "<a href='http://bet365-vip.example.tk/'>皇冠体育 百家乐</a></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        ua = self.headers.get("User-Agent", "")
        referer = self.headers.get("Referer", "")
        if self.path == "/hijack" and "baidu.com/s" in referer:
            self.send_response(302)
            self.send_header("Location", "http://casino.example.ml/")
            self.end_headers()
            return
        body = (SPAM if "Baiduspider" in ua and self.path == "/" else CLEAN).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.request_queue_size = 256
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


async def _fetch(url: str, *, user_agent: str | None = None, referer: str | None = None) -> Page:
    headers = {k: v for k, v in (("User-Agent", user_agent), ("Referer", referer)) if v}
    async with httpx.AsyncClient(follow_redirects=False, timeout=5) as client:
        r = await client.get(url, headers=headers)
    final = r.headers.get("location", url) if r.is_redirect else url
    return Page(url=url, final_url=final, status=r.status_code, text=r.text)


def test_spider_only_spam_is_cloaking(server: str) -> None:
    [res] = asyncio.run(gather_cloaking([server + "/"], _fetch))
    assert res["cloaked"] is True
    spider = res["variants"]["baiduspider"]
    assert "百家乐" in spider["spam_words_added"] and spider["dubious_links"] == ["http://bet365-vip.example.tk/"]
    assert res["variants"]["googlebot"]["spam_words_added"] == []
    assert any(r.startswith("baiduspider:") for r in res["reasons"])


def test_search_referer_redirect_is_cloaking(server: str) -> None:
    [res] = asyncio.run(gather_cloaking([server + "/hijack"], _fetch))
    assert res["cloaked"] is True
    assert res["variants"]["search-referer"]["redirects_added"] == ["http://casino.example.ml/"]


def test_same_content_for_everyone_is_clean(server: str) -> None:
    [res] = asyncio.run(gather_cloaking([server + "/news/"], _fetch))
    assert res["cloaked"] is False and res["reasons"] == []


def test_diff_variants_on_text_and_errors() -> None:
    assert diff_variants({"browser": CLEAN, "baiduspider": SPAM})["cloaked"] is True
    assert diff_variants({"browser": CLEAN, "baiduspider": CLEAN})["cloaked"] is False
    with pytest.raises(ValueError):
        diff_variants({})


def test_failed_browser_fetch_is_reported_not_raised() -> None:
    def broken(url: str, **kw: object) -> Page:
        raise ConnectionError("refused")

    [res] = asyncio.run(gather_cloaking(["http://127.0.0.1:9/"], broken))
    assert res["cloaked"] is False and "refused" in res["error"]
