"""互动交流 as a column of *articles* (scenario param ``interaction_articles``): 在线访谈, 征集调查, 回应关切.

Many county portals have no message board at all: their 互动交流 column lists interview transcripts,
consultation notices and "responding to concerns" reports — dated articles whose text mentions
网友, 留言, 答复. None of them is a citizen's message, so none can be "unanswered" (issue 13). The
site's channel is the 县长信箱; the 领导留言板 is not linked in this scenario.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape
from typing import TYPE_CHECKING

from . import texts
from .httpbase import Request, Response, html_response

if TYPE_CHECKING:
    from .portal import Portal

PAGE_SIZE = 10


@dataclass(frozen=True)
class Article:
    id: int
    kind: str  # interview | survey | response
    title: str
    published: datetime
    paragraphs: tuple[str, ...]

    @property
    def url(self) -> str:
        d = self.published
        return f"/hdjl/art/{d:%Y%m}/t{d:%Y%m%d}_{self.id}.html"


def build_articles(county: str, now: datetime, seed: str) -> list[Article]:
    rng = random.Random(f"hdjl:{seed}")
    out: list[Article] = []
    for k, age in enumerate(sorted(rng.sample(range(20, 420), 15))):
        town, road = rng.choice(texts.TOWNS), rng.choice(texts.ROADS)
        published = (now - timedelta(days=age)).replace(hour=rng.randint(8, 17), minute=rng.randint(0, 59), second=0)
        kind = ("interview", "survey", "response")[k % 3]
        paras: tuple[str, ...]
        if kind == "interview":
            title = f"在线访谈：县交通运输局局长谈{town}农村公路建设"
            paras = (
                f"访谈时间：{published:%Y-%m-%d} 10:00　访谈嘉宾：{county}交通运输局局长",
                f"主持人：各位网友，大家好！今天我们邀请到县交通运输局局长，就{town}农村公路建设与网友在线交流。",
                f"网友：请问{road}改造什么时候开工？",
                f"嘉宾：{road}改造工程已完成招标，计划下月开工，工期约六个月。",
                "网友：施工期间公交怎么走？",
                "嘉宾：施工期间公交线路临时绕行，具体线路将提前一周公告。",
            )
        elif kind == "survey":
            title = f"关于《{county}城区停车管理办法（征求意见稿）》公开征求意见的公告"
            end = published + timedelta(days=30)
            paras = (
                f"为规范城区停车秩序，县住房和城乡建设局起草了《{county}城区停车管理办法（征求意见稿）》，现向社会公开征求意见。",
                f"征集时间：{published:%Y-%m-%d}至{end:%Y-%m-%d}",
                "意见反馈方式：电子邮件或信函寄送县住房和城乡建设局，请注明“停车管理办法意见”。",
                "征集结束后，我们将对意见采纳情况进行说明并在本栏目公开。",
            )
        else:
            title = f"关于网民反映{town}{road}积水问题的回应"
            paras = (
                f"近日，有网民在网上留言反映{town}{road}雨后积水严重、影响群众出行。",
                "县住房和城乡建设局高度重视，立即组织人员现场核查。",
                f"答复：经核实，{road}排水管网老旧，已列入今年雨污分流改造计划，预计汛期前完工。",
                "下一步，我们将加强巡查，及时清理雨水口，欢迎广大群众继续监督。",
            )
        out.append(Article(9100 + 7 * k + rng.randint(0, 5), kind, title, published, paras))
    return sorted(out, key=lambda a: a.published, reverse=True)


class InteractionArticles:
    """Serves /hdjl/index.html (and its pages) as an article list, and the articles themselves."""

    def __init__(self, portal: Portal) -> None:
        self.portal = portal
        m = portal.m
        self.articles = build_articles(m.county, m.today, f"{m.scenario}:{portal.params['seed']}")
        self.by_url = {a.url: a for a in self.articles}

    def handles(self, path: str) -> bool:
        return path.startswith("/hdjl/art/") or path == "/hdjl/index.html" or path.startswith("/hdjl/index_")

    def route(self, req: Request) -> Response:
        path = req.path
        if path in self.by_url:
            return self.article(self.by_url[path])
        if path == "/hdjl/index.html":
            return self.listing(1)
        if path.startswith("/hdjl/index_") and path.endswith(".html") and path[12:-5].isdigit():
            return self.listing(int(path[12:-5]) + 1)
        return self.portal.not_found()

    def listing(self, page: int) -> Response:
        pages = -(-len(self.articles) // PAGE_SIZE)
        if not 1 <= page <= pages:
            return self.portal.not_found()
        chunk = self.articles[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        lis = "".join(
            f'<li><span>{a.published:%Y-%m-%d}</span><a href="{a.url}" target="_blank" title="{escape(a.title)}">'
            f"{escape(a.title)}</a></li>"
            for a in chunk
        )
        nav = []
        if page > 1:
            prev = "/hdjl/index.html" if page == 2 else f"/hdjl/index_{page - 2}.html"
            nav.append(f'<a href="{prev}">上一页</a>')
        if page < pages:
            nav.append(f'<a href="/hdjl/index_{page}.html">下一页</a>')
        side = (
            '<div class="block" style="height:auto"><h3><span>互动渠道</span></h3><ul>'
            '<li><a href="/hdjl/xzxx/">县长信箱</a></li><li><a href="/hdjl/xzxx/write">给县长写信</a></li></ul></div>'
        )
        body = (
            f'<h2 style="font-size:18px;color:#1559a8;margin-bottom:10px">互动交流</h2>{side}'
            f'<div class="list"><ul>{lis}</ul></div><div class="pager">共{pages}页 {" ".join(nav)}</div>'
        )
        return html_response(
            self.portal.page(
                "互动交流", body, meta={"ColumnName": "互动交流"}, nav_on="互动交流", crumb=[("互动交流", "")]
            )
        )

    def article(self, a: Article) -> Response:
        body = "".join(f"<p>{escape(p)}</p>" for p in a.paragraphs)
        html = (
            f'<div class="article"><h1>{escape(a.title)}</h1><div class="info"><span>发布时间：{a.published:%Y-%m-%d %H:%M}'
            f'</span><span>来源：{escape(self.portal.m.county)}人民政府办公室</span></div><div class="body">{body}</div></div>'
        )
        meta = {"ColumnName": "互动交流", "ArticleTitle": a.title, "PubDate": f"{a.published:%Y-%m-%d %H:%M}"}
        return html_response(
            self.portal.page(a.title, html, meta=meta, crumb=[("互动交流", "/hdjl/index.html"), ("正文", "")])
        )
