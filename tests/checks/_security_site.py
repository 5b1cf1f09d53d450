"""Build SiteArtifacts from HTML strings for the content-security check tests."""

from __future__ import annotations

from datetime import datetime

from inspector.check import CheckContext
from inspector.extract.html import parse_html
from inspector.extract.security import page_signals
from inspector.model import Page, SiteArtifacts

AS_OF = datetime(2024, 5, 6, 10, 0)
HOME = "http://www.ningyuan.gov.cn/"


def page(html: str, url: str = HOME) -> Page:
    doc = parse_html(html, url)
    p = Page(url=url, final_url=url, status=200, title=doc.title, visible_text=doc.visible_text, links=doc.links)
    p.signals["security"] = page_signals(doc, url, today=AS_OF.date())
    return p


def site(*htmls: str) -> SiteArtifacts:
    pages = [page(h, HOME if i == 0 else f"{HOME}art/{i}.html") for i, h in enumerate(htmls)]
    return SiteArtifacts(site=HOME, as_of=AS_OF, home=pages[0], pages=pages[1:])


def ctx() -> CheckContext:
    return CheckContext(as_of=AS_OF)


CLEAN = """<html><head><title>宁远县人民政府</title><meta name="keywords" content="宁远县,政务公开"></head>
<body><div class="nav"><a href="/xxgk/">信息公开</a><ul style="display:none"><a href="/xxgk/zc/">政策文件</a></ul></div>
<p>县公安局开展打击网络赌博专项行动，查处赌场窝点2个。</p><p>联系电话：13912345678</p>
<a href="http://www.gov.cn/">中国政府网</a></body></html>"""
