"""render=True goes through the real browser and yields the same Page artifact."""

from __future__ import annotations

import asyncio

import pytest

from crawl.servers import Reply, serve
from inspector.crawl import CrawlSettings, Fetcher

JS_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>动态栏目</title></head><body>
<div id="app"></div>
<script>
document.getElementById('app').innerHTML =
  '<h1>通知公告</h1><ul><li><a href="/notice/1.html">关于开展政务公开工作的通知</a></li></ul>';
</script></body></html>"""


@pytest.mark.browser
def test_render_builds_script_content(tmp_path) -> None:
    with serve({"/": Reply(body=JS_PAGE)}) as site:

        async def go():
            async with Fetcher(CrawlSettings(sitemap=False, auto_render=False)) as f:
                plain = await f.fetch(site.url("/"))
                rendered = await f.fetch(site.url("/"), render=True)
                shot = await f.screenshot(site.url("/"), str(tmp_path / "home.png"))
                return plain, rendered, shot

        plain, rendered, shot = asyncio.run(go())
        ua = [h.get("User-Agent", "") for _, path, h in site.log if path == "/"]
    assert "关于开展政务公开工作的通知" not in plain.visible_text
    assert rendered.via == "browser" and rendered.status == 200 and rendered.error is None
    assert "关于开展政务公开工作的通知" in rendered.visible_text
    assert site.url("/notice/1.html") in {link.url for link in rendered.links}
    assert rendered.title == "动态栏目"
    assert shot.screenshot and (tmp_path / "home.png").stat().st_size > 1000
    assert all(u.startswith("gov-inspector/") for u in ua)  # never HeadlessChrome
