"""Rendered dark links: a page that inserts a hidden outbound link by script, in real Chromium."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from inspector.extract.security.hidden_links import rendered_hidden_links

HTML = """<html><body><p>县政府门户</p><a href="/news/">要闻</a>
<div style="position:absolute;left:-5000px"><a href="http://static-hidden.example.com/">static</a></div>
<div style="font-size:0"><a href="http://xinhua.example.com/"><span style="font-size:12px">新华每日电讯</span></a>
  <a href="http://tiny.example.com/">小字</a></div>
<div style="width:1px;height:1px;overflow:hidden"><a href="http://escort.example.com/">box</a></div>
<script>document.write('<ul class="menu"><li><a href="http://menu.example.com/">菜单</a></li></ul>');</script>
<script>
  var d = document.createElement('div'); d.style.display = 'none';
  var a = document.createElement('a'); a.href = 'http://' + ['bet', '365', '-x'].join('') + '.example.tk/'; a.textContent = '百家乐';
  d.appendChild(a); document.body.appendChild(d);
</script></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(HTML.encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.browser
def test_rendered_hidden_links_finds_script_inserted_link() -> None:
    from playwright import sync_api

    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{srv.server_address[1]}/"
    try:
        with sync_api.sync_playwright() as p:
            from inspector.crawl.browser import LAUNCH_ARGS, find_chromium

            browser = p.chromium.launch(executable_path=find_chromium().executable_path, args=list(LAUNCH_ARGS))
            try:
                page = browser.new_page()
                page.goto(url)
                found = {e["url"]: e for e in rendered_hidden_links(page, raw_html=HTML)}
            finally:
                browser.close()
    finally:
        srv.shutdown()
        srv.server_close()
    inserted = found["http://bet365-x.example.tk/"]
    assert inserted["technique"] == "script-inserted+display-none" and inserted["script_inserted"]
    assert "display:none" in inserted["style"].replace(" ", "")
    static = found["http://static-hidden.example.com/"]
    assert static["technique"] == "off-screen-or-clipped" and not static["script_inserted"]
    assert found[url + "news/"]["visible"]
    # By effect: a font-size:0 parent whose child sets 12px hides nothing; the link without a reset is hidden.
    assert found["http://xinhua.example.com/"]["visible"]
    assert found["http://tiny.example.com/"]["technique"] == "tiny-font"
    assert found["http://escort.example.com/"]["technique"] == "off-screen-or-clipped"  # the 1 px box
    # A visible menu written by document.write is script-inserted but not hidden.
    menu = found["http://menu.example.com/"]
    assert menu["visible"] and menu["script_inserted"] and menu["technique"] is None
