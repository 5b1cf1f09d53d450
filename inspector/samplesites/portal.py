"""The county portal (示例县人民政府): home, TRS-style columns, articles, search, services, traps."""

from __future__ import annotations

import re
import threading
from datetime import date, datetime, timedelta
from html import escape
from typing import TYPE_CHECKING, Any

from . import images, layout
from .content import Column, Item, fmt_article_date, fmt_list_date
from .hdjl import InteractionArticles
from .httpbase import Request, Response, SiteApp, html_response, json_response, redirect, text_response
from .mailbox import Mailbox

if TYPE_CHECKING:
    from .world import World

SPIDER_UA = re.compile(r"Baiduspider|Googlebot|Sogou|360Spider|bingbot|YisouSpider", re.IGNORECASE)
SEARCH_REFERER = re.compile(r"https?://([a-z0-9.-]+\.)?(baidu|sogou|so|google|bing|sm)\.(com|cn)/", re.IGNORECASE)
ARTICLE_RE = re.compile(r"^/col/([a-z]+)/(\d{6})/t(\d{8})_(\d+)\.html$")
LIST_RE = re.compile(r"^/col/([a-z]+)/(?:index(?:_(\d+))?\.html?|)$")


class Portal(SiteApp):
    name = "portal"

    def __init__(self, world: World) -> None:
        super().__init__(world)
        self.m = world.portal_model
        self.mailbox = Mailbox(self)
        self.hdjl = InteractionArticles(self) if self.params["interaction_articles"] else None
        self.home_requests = 0
        self.home_failures = 0
        self._home_lock = threading.Lock()

    # ------------------------------------------------------------------ helpers
    def today(self) -> date:
        return self.clock.today()

    def shown(self, it: Item) -> datetime:
        """The date a visitor sees: forged-date columns always show the clock's today."""
        if it.dynamic_date:
            n = self.clock.now()
            return it.published.replace(year=n.year, month=n.month, day=n.day)
        return it.published

    def page(self, title: str, body: str, **kw: Any) -> str:
        return layout.page(self.m, self.clock, title, body, **kw)

    def respond(self, text: str, col: Column | None = None, status: int = 200) -> Response:
        if col is not None and col.encoding == "gbk-header":
            return html_response(text, status, encoding="gbk")
        if col is not None and col.encoding == "gb2312-meta":
            return html_response(text, status, encoding="gb2312", declare_in_header=False)
        return html_response(text, status)

    def charset_of(self, col: Column | None) -> str | None:
        if col is None:
            return "utf-8"
        return {"gbk-header": None, "gb2312-meta": "gb2312"}.get(col.encoding, "utf-8")

    # ------------------------------------------------------------------ routing
    def route(self, req: Request) -> Response | None:
        path = req.path
        if ";jsessionid=" in path and self.params["traps"]:
            return self.session_trap(req)
        if path in ("/", "/index.html", "/index.htm", "/index.shtml"):
            return self.home_with_availability(req)
        if path.startswith("/hdjl/xzxx"):
            return self.mailbox.route(req)
        if self.hdjl is not None and self.hdjl.handles(path):
            return self.hdjl.route(req)
        m = ARTICLE_RE.match(path)
        if m:
            return self.article(m.group(1), int(m.group(4)), path)
        m = LIST_RE.match(path)
        if m:
            return self.column_list(m.group(1), int(m.group(2) or 0) + 1)
        if re.match(r"^/col/[a-z]+/list\.json$", path):
            return self.column_json(path.split("/")[2], req)
        simple = {
            "/css/style.css": lambda: Response(200, layout.CSS.encode(), "text/css; charset=utf-8"),
            "/images/emblem.png": lambda: Response(200, images.emblem_png(), "image/png"),
            "/images/gaba.png": lambda: Response(200, images.psb_png(), "image/png"),
            "/images/tpxw1.png": lambda: Response(200, images.news_png(), "image/png"),
            "/robots.txt": lambda: self.robots(req),
            "/sitemap.xml": lambda: self.sitemap_xml(req),
            "/sitemap.html": self.sitemap_html,
            "/zwgk/index.html": self.directory,
            "/bsfw/index.html": self.services,
            "/hdjl/index.html": self.interaction,
            "/lxwm.html": lambda: self.static_page("联系我们", self.contact_html()),
            "/wza.html": lambda: self.static_page(
                "无障碍", "<p>本网站已完成无障碍和适老化改造，支持键盘操作、大字体、高对比度和语音朗读。</p>"
            ),
            "/ghb.html": lambda: self.static_page(
                "关怀版", "<p style='font-size:24px'>关怀版（长者模式）：字体放大、去除广告和弹窗，方便老年人浏览。</p>"
            ),
            "/wzsm.html": lambda: self.static_page(
                "网站声明", "<p>本网站所载内容，凡注明来源为本网站的，版权均属本网站所有。</p>"
            ),
            "/zjxq.html": lambda: self.static_page(
                "走进" + self.m.county[:-1],
                f"<p>{escape(self.m.county)}位于{escape(self.m.city)}，"
                "辖7个乡镇，总面积502平方公里，户籍人口约45万人。</p>",
            ),
        }
        if path in simple:
            return simple[path]()
        if path == "/images/dzjg.png" and self.m.identity.badge:
            return Response(200, images.badge_png(), "image/png")
        if path == "/search":
            return self.search(req)
        if path.startswith("/bsfw/zn_"):
            return self.guide(path)
        if path in self.m.files:
            data, ctype = self.m.files[path]
            return Response(200, data, ctype)
        if path.startswith("/zt/"):
            return self.special(path, req)
        if path.startswith("/oa/") and self.params["broken_links"]:
            return html_response("<h1>403 Forbidden</h1><p>您无权访问内部办公系统。</p>", 403)
        if path == "/calendar" and self.params["traps"]:
            return self.calendar(req)
        return self.not_found()

    def not_found(self) -> Response:
        return html_response(
            "<html><head><meta charset='utf-8'><title>404 Not Found</title></head>"
            "<body><h1>404 Not Found</h1><p>您访问的页面不存在。</p></body></html>",
            404,
        )

    # ------------------------------------------------------------------ home
    def home_with_availability(self, req: Request) -> Response | None:
        with self._home_lock:
            self.home_requests += 1
            n = self.home_requests
        share = float(self.params["failure_share"])
        # Evenly spread, deterministic failures: request n fails when floor(n·share) steps up,
        # so any prefix of k requests has floor(k·share) failures (5 % → every 20th request).
        if share > 0 and int(n * share + 1e-9) > int((n - 1) * share + 1e-9):
            with self._home_lock:
                self.home_failures += 1
            if self.params["failure_mode"] == "hang":
                self.world.stop_event.wait(float(self.params["hang_seconds"]))
                return None
            return html_response("<h1>503 Service Temporarily Unavailable</h1>", 503)
        delay = float(self.params["home_delay"])
        if delay > 0:
            self.world.stop_event.wait(delay)
        return self.home(req)

    def is_spider_view(self, req: Request) -> bool:
        return bool(SPIDER_UA.search(req.user_agent) or SEARCH_REFERER.match(req.headers.get("Referer", "")))

    def block(self, col: Column, n: int = 7, extra: str = "") -> str:
        lis = []
        for it in col.items[:n]:
            d = fmt_list_date(self.shown(it), col.home_fmt, self.today())
            lis.append(
                f'<li><span class="d">{d}</span><a href="{it.url}" title="{escape(it.title)}" target="_blank">'
                f"{escape(it.title)}</a></li>"
            )
        return (
            f'<div class="block"><h3><span>{escape(col.name)}</span><a class="more" href="{col.url}">更多&gt;&gt;</a></h3>'
            f"<ul>{''.join(lis)}{extra}</ul></div>"
        )

    def home(self, req: Request) -> Response:
        m = self.m
        cols = m.columns
        hx = m.home_extras
        head = m.items[m.headline]
        hd = (
            ""
            if head.home_undated
            else f'<span class="d">{fmt_list_date(self.shown(head), "iso", self.today())}</span>'
        )
        parts = [f'<div class="headline"><a href="{head.url}">{escape(head.title)}</a>{hd}</div>']
        broken_li = ""
        if hx.get("broken"):
            d = fmt_list_date(self.m.today - timedelta(days=6), "mmdd", self.today())
            broken_li = (
                f'<li><span class="d">{d}</span><a href="/col/ywdt/202611/t20261110_99901.html">'
                "我县召开冬季供暖保障工作会议</a></li>"
            )
        grid = [
            (
                f'<div class="pic"><a href="{cols["ywdt"].items[1].url}"><img src="/images/tpxw1.png" alt="图片新闻">'
                f"<p>{escape(cols['ywdt'].items[1].title)}</p></a></div>"
            ),
            self.block(cols["ywdt"], 6 if broken_li else 7, broken_li),
        ]
        for code in ("bmdt", "mtgz", "tzgg", "zcwj", "zcjd", "rsxx", "ghjh", "ndbg"):
            grid.append(self.block(cols[code]))
        parts.append(f'<div class="grid">{"".join(grid)}</div>')
        w = self.world.urls
        entries = [
            *([] if self.hdjl is not None else [(f"{w['board']}list", "领导留言板", "red")]),
            ("/hdjl/xzxx/", "县长信箱", "red"),
            (f"{w['complaints']}submit", "民心网投诉", "red"),
            ("/bsfw/index.html", "办事服务", ""),
            ("/zwgk/index.html", "政府信息公开", ""),
            ("/col/ndbg/index.html", "政府网站年度报表", ""),
        ]
        parts.append(
            '<div class="entries">'
            + "".join(f'<a class="{c}" href="{h}">{escape(t)}</a>' for h, t, c in entries)
            + "</div>"
        )
        zt = [
            ("/zt/xczx/index.html", "乡村振兴专题"),
            ("/zt/yshj/index.html", "优化营商环境"),
            ("/zt/aqsc/index.html", "安全生产月"),
        ]
        if hx.get("broken"):
            zt += [
                ("/zt/2019/lhzt/index.html", "2019年全国两会专题"),
                ("/oa/index.html", "内部办公"),
                (self.world.dead_url, "便民热线"),
            ]
        if hx.get("traps"):
            zt += [
                ("/zt/hdzt/index.html", "活动专题"),
                (f"/calendar?month={self.today():%Y-%m}", "活动日历"),
                ("/jsp/activity.jsp;jsessionid=0A1B2C3D4E5F", "网上活动报名"),
                ("/zt/a/", "专题汇编"),
            ]
        zt_html = " ".join(f'<a href="{escape(h)}">【{escape(t)}】</a>' for h, t in zt)
        if hx.get("broken"):
            zt_html += ' <img src="/images/zt_banner_2019.jpg" alt="专题横幅" width="120" height="30">'
        parts.append(
            f'<div class="block" style="width:100%;height:auto;float:none"><h3><span>专题专栏</span></h3>'
            f'<ul><li style="white-space:normal;height:auto">{zt_html}</li></ul></div>'
        )
        meta = {
            "ColumnName": "首页",
            "ColumnType": "首页",
            "keywords": f"{m.county},{m.county}人民政府,政务公开,政务服务",
            "description": f"{m.county}人民政府门户网站是{m.county}人民政府发布政府信息和提供在线服务的综合平台。",
        }
        title = f"{m.identity.site_name}"
        if hx.get("meta_spam"):
            meta["keywords"] += "," + hx["meta_spam"]
            meta["description"] += "澳门金沙官方娱乐平台，真人百家乐在线。"
        if hx.get("hidden_links"):
            parts.append("".join(tpl.format(href=href, text=escape(text)) for _, href, text, tpl in hx["hidden_links"]))
        if hx.get("cloaking") and self.is_spider_view(req):
            title = "澳门金沙娱乐-真人百家乐-" + title
            parts.append(
                '<div class="block" style="width:100%;height:auto;float:none"><h3><span>友情推荐</span></h3><ul>'
                + "".join(f'<li><a href="{h}">{escape(t)}</a></li>' for h, t in hx["cloaking"])
                + "</ul></div>"
            )
        return html_response(self.page(title, "".join(parts), meta=meta, nav_on="首页", home=True))

    # ------------------------------------------------------------------ columns
    def sidebar(self, active: Column) -> str:
        links = "".join(
            f'<a href="{c.url}"{" class=on" if c is active else ""}>{escape(c.name)}</a>'
            for c in self.m.columns.values()
        )
        return f'<div class="side"><h2>政务公开</h2>{links}</div>'

    def column_list(self, code: str, page: int) -> Response:
        col = self.m.columns.get(code)
        if col is None or page > col.pages:
            return self.not_found()
        today = self.today()
        if col.js:
            inner = (
                f'<div class="list"><ul id="infolist"></ul></div><div class="pager" id="pager"></div>\n'
                f"<script>\n(function(){{\n var m=location.search.match(/page=(\\d+)/);var p=m?parseInt(m[1]):1;\n"
                f' fetch("/col/{code}/list.json?page="+p).then(function(r){{return r.json()}}).then(function(d){{\n'
                f'  var ul=document.getElementById("infolist");\n'
                f'  d.items.forEach(function(it){{var li=document.createElement("li");'
                f'li.innerHTML="<span>"+it.date+"</span><a href=\\""+it.url+"\\" target=\\"_blank\\">"+it.title+"</a>";ul.appendChild(li);}});\n'
                f'  var pg="共"+d.pages+"页 ";if(d.page>1)pg+="<a href=\\"?page="+(d.page-1)+"\\">上一页</a> ";'
                f'if(d.page<d.pages)pg+="<a href=\\"?page="+(d.page+1)+"\\">下一页</a>";document.getElementById("pager").innerHTML=pg;\n'
                f" }});\n}})();\n</script>"
            )
        elif col.blank:
            if col.blank == "empty" and not col.note:
                inner = '<div class="list"><ul></ul></div>'
            else:
                inner = f'<div class="list"><ul><li style="text-align:center;color:#999">{escape(col.placeholder)}</li></ul></div>'
            if col.note:
                inner += f'<p class="note" style="margin-top:12px;color:#666">说明：{escape(col.note)}</p>'
        else:
            start = (page - 1) * col.page_size
            lis = "".join(
                f"<li><span>{fmt_list_date(self.shown(it), col.list_fmt, today)}</span>"
                f'<a href="{it.url}" target="_blank" title="{escape(it.title)}">{escape(it.title)}</a></li>'
                for it in col.items[start : start + col.page_size]
            )
            inner = f'<div class="list"><ul>{lis}</ul></div>{self.pager(col, page)}'
        body = f'{self.sidebar(col)}<div class="content"><h2 style="font-size:18px;margin-bottom:10px;color:#1559a8">{escape(col.name)}</h2>{inner}</div>'
        meta = {"ColumnName": col.name, "ColumnType": col.column_type_zh}
        text = self.page(
            col.name,
            body,
            meta=meta,
            charset=self.charset_of(col),
            crumb=[("政务公开", "/zwgk/index.html"), (col.name, "")],
        )
        return self.respond(text, col)

    def pager(self, col: Column, page: int) -> str:
        n = col.pages
        parts = [f"<span>共{n}页</span>", f"<span>当前第{page}页</span>", f'<a href="{col.page_url(1)}">首页</a>']
        parts.append(f'<a href="{col.page_url(page - 1)}">上一页</a>' if page > 1 else "<span>上一页</span>")
        parts.append(f'<a href="{col.page_url(page + 1)}">下一页</a>' if page < n else "<span>下一页</span>")
        parts.append(f'<a href="{col.page_url(n)}">尾页</a>')
        return f'<div class="pager">{" ".join(parts)}</div>'

    def column_json(self, code: str, req: Request) -> Response:
        col = self.m.columns.get(code)
        if col is None:
            return json_response({"error": "no such column"}, 404)
        try:
            page = max(1, int(req.arg("page", "1")))
        except ValueError:
            page = 1
        start = (page - 1) * col.page_size
        items = [
            {"title": it.title, "url": it.url, "date": fmt_list_date(self.shown(it), col.list_fmt, self.today())}
            for it in col.items[start : start + col.page_size]
        ]
        return json_response(
            {"column": col.name, "total": len(col.items), "page": page, "pages": col.pages, "items": items}
        )

    # ------------------------------------------------------------------ articles
    def article(self, code: str, item_id: int, path: str) -> Response:
        it = self.m.items.get(item_id)
        if it is None or it.col != code or it.url != path:
            return self.not_found()
        col = self.m.columns[code]
        county = self.m.county
        shown = self.shown(it)
        pubdate = (it.regen or shown).strftime("%Y-%m-%d %H:%M" if it.regen is None else "%Y-%m-%d %H:%M:%S")
        title, keywords = it.title, f"{county},{col.name}"
        if it.kind == "defaced":
            title, keywords = "澳门金沙博彩娱乐平台-" + it.title, "澳门金沙,博彩,百家乐,真人娱乐"
        meta = {
            "ColumnName": col.name,
            "ColumnType": col.column_type_zh,
            "ArticleTitle": title,
            "PubDate": pubdate,
            "ContentSource": it.source,
            "Keywords": keywords,
        }
        rng_paras = self._paragraphs(it)
        body_html = "".join(f"<p>{escape(p)}</p>" for p in rng_paras)
        body_html += self._special_body(it)
        body_html += it.extra_html
        docno = f'<div class="docno">{escape(it.docno)}</div>' if it.docno else ""
        att = ""
        if it.attachments:
            att = (
                '<div class="related">附件：'
                + "".join(f'<p><a href="{h}">{escape(t)}</a></p>' for t, h in it.attachments)
                + "</div>"
            )
        rel = ""
        if it.related and it.related in self.m.items:
            other = self.m.items[it.related]
            label = "相关解读" if col.ctype == "policy" else "相关文件"
            rel = f'<div class="related">{label}：<a href="{other.url}">{escape(other.title)}</a></div>'
        info = (
            f"<span>{fmt_article_date(shown, col.article_fmt)}</span><span>来源：{escape(it.source)}</span>"
            f'<span>【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span>'
        )
        body = (
            f'<div class="article"><h1>{escape(it.title)}</h1><div class="info">{info}</div>{docno}'
            f'<div class="body">{body_html}</div>{att}{rel}'
            f'<div style="margin-top:20px;text-align:center"><a href="javascript:window.print()">【打印本页】</a> '
            f'<a href="javascript:window.close()">【关闭窗口】</a></div></div>'
        )
        text = self.page(
            title,
            body,
            meta=meta,
            charset=self.charset_of(col),
            crumb=[("政务公开", "/zwgk/index.html"), (col.name, col.url), ("正文", "")],
        )
        return self.respond(text, col)

    def _paragraphs(self, it: Item) -> list[str]:
        import random

        from . import texts

        rng = random.Random(it.id)
        return texts.article_paragraphs(rng, it.title, self.m.county, 3 + it.id % 3)

    def _special_body(self, it: Item) -> str:
        county, hx = self.m.county, self.m.home_extras
        if it.kind == "crackdown":
            return (
                f"<p>为坚决遏制跨境赌博和网络赌博违法犯罪活动，{escape(county)}公安局联合相关部门开展打击治理专项行动，"
                "截至目前共破获网络赌博案件12起，抓获犯罪嫌疑人37名。请广大群众远离赌博，发现线索及时举报。</p>"
            )
        if it.kind == "misstatement":
            return f"<p>会议传达学习了中国入民政治协商会议第十四届全国委员会有关会议精神，{escape(county)}政协主席出席会议。</p>"
        if it.kind == "misstatement2":
            return "<p>清明节前夕，镇机关干部和学生代表来到烈土陵园，向革命先烈敬献花篮。</p>"
        if it.kind == "redated_copy":
            return (
                "<p>新华社北京2017年10月18日电　中国共产党第十九次全国代表大会18日上午在人民大会堂开幕。"
                "大会的主题是：不忘初心，牢记使命，高举中国特色社会主义伟大旗帜。</p>"
            )
        if it.kind == "pii":
            rows = [
                ("1", "王建华", hx["pii_id"], hx["pii_mobile"], "3"),
                ("2", "李秀英", f"{hx['pii_id'][:6]}********1234", "138****5678", "2"),
                ("3", "张国强", f"{hx['pii_id'][:6]}********402X", "159****0012", "1"),
                ("4", "刘春梅", f"{hx['pii_id'][:6]}********0566", "137****3321", "4"),
            ]
            trs = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows)
            return (
                "<p>根据《社会救助暂行办法》有关规定，经个人申请、入户调查、民主评议，现将拟纳入城乡低保保障对象名单公示如下：</p>"
                f"<table><tr><th>序号</th><th>姓名</th><th>身份证号</th><th>联系电话</th><th>保障人数</th></tr>{trs}</table>"
                f"<p>公示期7天。如有异议，请向{escape(county)}民政局反映。</p>"
            )
        return ""

    # ------------------------------------------------------------------ other pages
    def static_page(self, title: str, html: str) -> Response:
        return html_response(
            self.page(
                title,
                f'<div class="article"><h1>{escape(title)}</h1><div class="body">{html}</div></div>',
                meta={"ColumnName": title},
                crumb=[(title, "")],
            )
        )

    def contact_html(self) -> str:
        i = self.m.identity
        return (
            f"<p>主办单位：{escape(i.sponsor)}</p><p>联系电话：{escape(i.phone)}</p><p>通讯地址：{escape(i.address)}</p>"
            f"<p>电子邮箱：{escape(i.email)}</p>"
        )

    def directory(self) -> Response:
        groups: dict[str, list[Any]] = {}
        for c in self.m.columns.values():
            groups.setdefault(c.column_type_zh, []).append(c)
        html = "".join(
            f'<div class="block" style="height:auto;min-height:120px"><h3><span>{escape(g)}</span></h3><ul>'
            + "".join(f'<li><a href="{c.url}">{escape(c.name)}</a></li>' for c in cols)
            + "</ul></div>"
            for g, cols in groups.items()
        )
        html += (
            '<div class="block" style="height:auto;min-height:120px"><h3><span>其他</span></h3><ul>'
            '<li><a href="/bsfw/index.html">办事服务</a></li><li><a href="/hdjl/index.html">互动交流</a></li></ul></div>'
        )
        return html_response(
            self.page(
                "政府信息公开",
                f'<div class="grid">{html}</div>',
                meta={"ColumnName": "政府信息公开"},
                nav_on="政务公开",
                crumb=[("政府信息公开", "")],
            )
        )

    def search(self, req: Request) -> Response:
        q = req.arg("q").strip()
        hits: list[tuple[Item, Column]] = []
        if q and self.params["search_works"]:
            for col in self.m.columns.values():
                hits += [(it, col) for it in col.items if q in it.title]
            hits.sort(key=lambda h: self.shown(h[0]), reverse=True)
        lis = "".join(
            f"<li><span>{fmt_list_date(self.shown(it), 'iso', self.today())}</span>"
            f'<a href="{it.url}">{escape(it.title)}</a> <em style="color:#999">[{escape(c.name)}]</em></li>'
            for it, c in hits[:50]
        )
        form = (
            f'<form action="/search" method="get" style="margin-bottom:12px"><input type="text" name="q" value="{escape(q)}" '
            f'style="width:400px;height:32px"> <button class="btn" type="submit">搜索</button></form>'
        )
        res = f'<p>搜索“{escape(q)}”，共找到{len(hits)}条结果</p><div class="list"><ul>{lis}</ul></div>' if q else ""
        if q and not hits:
            res += "<p>未找到相关结果，请更换关键词。</p>"
        return html_response(
            self.page("站内搜索", form + res, meta={"ColumnName": "站内搜索"}, crumb=[("站内搜索", "")])
        )

    def services(self) -> Response:
        if not self.m.guides:
            body = '<div class="list"><ul><li style="text-align:center;color:#999">暂无办事服务事项</li></ul></div>'
        else:
            body = (
                '<div class="list"><ul>'
                + "".join(
                    f'<li><a href="/bsfw/zn_{g.id}.html">{escape(g.name)}办事指南</a></li>' for g in self.m.guides
                )
                + "</ul></div>"
            )
            body += '<p style="margin-top:12px">网上办事请登录 <a href="/bsfw/index.html">政务服务网</a>，或到县政务服务中心现场办理。</p>'
        return html_response(
            self.page(
                "办事服务",
                f'<h2 style="font-size:18px;color:#1559a8;margin-bottom:10px">办事服务</h2>{body}',
                meta={"ColumnName": "办事服务"},
                nav_on="办事服务",
                crumb=[("办事服务", "")],
            )
        )

    def guide(self, path: str) -> Response:
        m = re.match(r"^/bsfw/zn_(\d+)\.html$", path)
        g = next((g for g in self.m.guides if m and g.id == int(m.group(1))), None)
        if g is None:
            return self.not_found()
        rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in g.elements.items())
        body = f'<div class="article"><h1>{escape(g.name)}办事指南</h1><table class="guide" style="width:100%">{rows}</table></div>'
        return html_response(
            self.page(
                g.name + "办事指南",
                body,
                meta={"ColumnName": "办事指南"},
                crumb=[("办事服务", "/bsfw/index.html"), (g.name, "")],
            )
        )

    def interaction(self) -> Response:
        w = self.world.urls
        lis = [
            (f"{w['board']}list", "领导留言板", "向县领导留言，查看答复"),
            (f"{w['board']}write", "我要留言", "提交咨询、建议、求助"),
            ("/hdjl/xzxx/", "县长信箱", "查看已公开来信及答复"),
            ("/hdjl/xzxx/write", "给县长写信", "在线写信"),
            (f"{w['complaints']}submit", "民心网投诉", "投诉举报，凭查询码查询办理进度"),
            (f"{w['complaints']}query", "投诉查询", ""),
        ]
        body = (
            '<div class="list"><ul>'
            + "".join(
                f'<li><a href="{h}">{escape(t)}</a> <em style="color:#999">{escape(d)}</em></li>' for h, t, d in lis
            )
            + "</ul></div>"
        )
        return html_response(
            self.page(
                "互动交流",
                f'<h2 style="font-size:18px;color:#1559a8;margin-bottom:10px">互动交流</h2>{body}',
                meta={"ColumnName": "互动交流"},
                nav_on="互动交流",
                crumb=[("互动交流", "")],
            )
        )

    def robots(self, req: Request) -> Response:
        host = req.headers.get("Host", "127.0.0.1")
        return text_response(
            f"User-agent: *\nDisallow: /_sim/\nDisallow: /admin/\nSitemap: http://{host}/sitemap.xml\n"
        )

    def all_pages(self) -> list[str]:
        urls = ["/", "/zwgk/index.html", "/bsfw/index.html", "/hdjl/index.html", "/hdjl/xzxx/"]
        for c in self.m.columns.values():
            urls += [c.page_url(p) for p in range(1, c.pages + 1)]
            urls += [it.url for it in c.items]
        urls += [f"/bsfw/zn_{g.id}.html" for g in self.m.guides]
        return urls

    def sitemap_xml(self, req: Request) -> Response:
        host = req.headers.get("Host", "127.0.0.1")
        locs = "".join(f"<url><loc>http://{host}{escape(u)}</loc></url>\n" for u in self.all_pages())
        xml = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{locs}</urlset>\n'
        return Response(200, xml.encode(), "application/xml; charset=utf-8")

    def sitemap_html(self) -> Response:
        cols = "".join(f'<li><a href="{c.url}">{escape(c.name)}</a></li>' for c in self.m.columns.values())
        body = (
            f'<div class="list"><ul><li><a href="/">网站首页</a></li><li><a href="/zwgk/index.html">政府信息公开</a></li>{cols}'
            '<li><a href="/bsfw/index.html">办事服务</a></li><li><a href="/hdjl/index.html">互动交流</a></li>'
            '<li><a href="/hdjl/xzxx/">县长信箱</a></li><li><a href="/search">站内搜索</a></li></ul></div>'
        )
        return html_response(self.page("网站地图", body, meta={"ColumnName": "网站地图"}, crumb=[("网站地图", "")]))

    # ------------------------------------------------------------------ 专题 and crawler traps
    def special(self, path: str, req: Request) -> Response:
        p = self.params
        topics = {
            "/zt/xczx/index.html": "乡村振兴专题",
            "/zt/yshj/index.html": "优化营商环境",
            "/zt/aqsc/index.html": "安全生产月",
        }
        if path == "/zt/xczx/index.html" and p["broken_links"]:
            # soft 404: the CMS answers 200 with an error text
            return html_response(
                self.page(
                    "页面不存在",
                    '<div style="text-align:center;padding:80px 0;font-size:20px;color:#999">'
                    "抱歉，您访问的页面不存在或已被删除！<br><a href='/'>返回首页</a></div>",
                )
            )
        if path in topics:
            items = self.m.columns["ywdt"].items[:5]
            lis = "".join(
                f'<li><span>{fmt_list_date(self.shown(it), "iso", self.today())}</span><a href="{it.url}">'
                f"{escape(it.title)}</a></li>"
                for it in items
            )
            return html_response(
                self.page(
                    topics[path],
                    f'<h2>{topics[path]}</h2><div class="list"><ul>{lis}</ul></div>',
                    meta={"ColumnName": topics[path]},
                    crumb=[(topics[path], "")],
                )
            )
        if p["traps"]:
            if path == "/zt/hdzt/index.html":
                return redirect("/zt/hdzt/index2.html")
            if path == "/zt/hdzt/index2.html":
                return redirect("/zt/hdzt/index.html")
            if re.fullmatch(r"/zt/(a/)+", path):
                depth = path.count("a/")
                return html_response(
                    self.page(
                        "专题汇编",
                        f'<p>专题汇编（第{depth}层）</p><p><a href="a/">下一级专题</a></p>',
                        meta={"ColumnName": "专题汇编"},
                    )
                )
        return self.not_found()

    def calendar(self, req: Request) -> Response:
        mm = re.fullmatch(r"(\d{4})-(\d{2})", req.arg("month"))
        if not mm:
            return self.not_found()
        y, mo = int(mm.group(1)), int(mm.group(2))
        nxt = f"{y + (mo == 12)}-{mo % 12 + 1:02d}"
        prv = f"{y - (mo == 1)}-{(mo - 2) % 12 + 1:02d}"
        body = (
            f"<h2>活动日历 {y}年{mo}月</h2><p>本月暂无活动安排。</p>"
            f'<p><a href="/calendar?month={prv}">上个月</a> | <a href="/calendar?month={nxt}">下个月</a></p>'
        )
        return html_response(self.page("活动日历", body, meta={"ColumnName": "活动日历"}))

    def session_trap(self, req: Request) -> Response:
        import secrets

        sid = secrets.token_hex(8).upper()
        body = (
            f'<h2>网上活动报名</h2><p>活动报名系统</p><p><a href="/jsp/activity.jsp;jsessionid={sid}">刷新</a> '
            f'<a href="/jsp/activity.jsp;jsessionid={sid}?page=2">下一页</a></p>'
        )
        return html_response(self.page("网上活动报名", body, meta={"ColumnName": "网上活动报名"}))

    def stats(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "home_requests": self.home_requests,
            "home_failures": self.home_failures,
            **self.mailbox.stats(),
        }
