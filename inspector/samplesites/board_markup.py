"""The markups of ``board_styles``: one class per style, sharing the site chrome and the pages to ignore.

Every site has a home page whose "最新留言" block links message titles (many contain 咨询/投诉: a
board finder must not take them for boards), a petition channel (网上信访, excluded by the rules),
an interview column of articles (在线访谈) and a write form. Only the board differs.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from html import escape as e
from urllib.parse import parse_qs, urlsplit

from .board_styles import Row
from .httpbase import Request, Response, html_response

FOOT = "主办单位：A市人民政府办公厅　网站标识码4300000001　湘ICP备05001234号"


def _paras(text: str) -> str:
    return "".join(f"<p>{e(line)}</p>" for line in text.splitlines() if line.strip()) or "&nbsp;"


def _iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S")


class Markup:
    board_name = "领导留言板"
    board_path = "/board/"
    per_page = 20
    encoding = "utf-8"

    def __init__(self, rows: list[Row], as_of: datetime, page_size: int | None = None):
        self.rows, self.as_of = rows, as_of
        self.per_page = page_size or self.per_page
        self.by_id = {r.id: r for r in rows}
        self.pages = max(1, -(-len(rows) // self.per_page))

    # ------------------------------------------------------------------ to override
    def list_path(self, n: int) -> str:
        raise NotImplementedError

    def detail_path(self, row_id: str) -> str:
        raise NotImplementedError

    def row_of(self, url: str) -> str | None:
        raise NotImplementedError

    def list_page(self, req: Request) -> Response | None:
        raise NotImplementedError

    def detail(self, req: Request) -> Response | None:
        raise NotImplementedError

    # ------------------------------------------------------------------ shared
    def answered(self, r: Row) -> bool:
        return r.answered_at(self.as_of)

    def page(self, title: str, body: str, status: int = 200) -> Response:
        charset = "gb2312" if self.encoding != "utf-8" else "utf-8"
        nav = (
            f'<div class="top"><a href="/">首页</a> <a href="{self.list_path(1)}">{self.board_name}</a> '
            '<a href="/xf/">网上信访</a> <a href="/ft/">在线访谈</a> <a href="/write">我要写信</a></div>'
        )
        html = (
            f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f"<title>{e(title)}</title></head><body>{nav}{body}<div class='foot'>{FOOT}</div></body></html>"
        )
        if self.encoding == "utf-8":
            return html_response(html, status)
        return html_response(html, status, encoding=self.encoding, declare_in_header=False)

    def stats(self) -> str:
        done = sum(1 for r in self.rows if self.answered(r))
        rate = 100.0 * done / len(self.rows) if self.rows else 100.0
        day = (self.as_of - timedelta(days=1)).date()
        return (
            f'<div class="stats">本平台共收到留言{len(self.rows)}条，已答复{done}条，答复率{rate:.1f}%。'
            f"统计截止：{day.year}年{day.month}月{day.day}日</div>"
        )

    def home(self) -> Response:
        latest = "".join(f'<li><a href="{self.detail_path(r.id)}">{e(r.title)}</a></li>' for r in self.rows[:8])
        body = (
            f'<div class="entries"><a href="{self.list_path(1)}">{self.board_name}</a> <a href="/write">我要写信</a></div>'
            f'<div class="block"><h3>最新留言</h3><ul class="latest">{latest}</ul></div>'
        )
        return self.page("A市人民政府", body)

    def route(self, req: Request) -> Response:
        path = req.path
        if path in ("/", "/index.html"):
            return self.home()
        if path == "/write":
            return self.page(
                "我要写信",
                '<form action="/write" method="post"><table><tr><td>留言标题：</td><td><input name="title"></td></tr>'
                '<tr><td>留言内容：</td><td><textarea name="content"></textarea></td></tr></table>'
                "<button>提交留言</button></form>",
            )
        if path == "/xf/":
            return self.page(
                "网上信访",
                '<form method="post" action="/xf/submit">信访事项<textarea name="content"></textarea><button>提交</button></form>',
            )
        if path == "/ft/":
            items = "".join(
                f'<li><a href="/ft/{k}.html">在线访谈：市{u}局负责人谈民生实事</a><span>2019-0{k}-1{k}</span></li>'
                for k, u in ((1, "交通"), (2, "教育"), (3, "卫健"))
            )
            return self.page("在线访谈", f'<ul class="ft">{items}</ul>')
        if re.fullmatch(r"/ft/\d\.html", path):
            return self.page(
                "在线访谈",
                "<h1>在线访谈：市交通局负责人谈民生实事</h1><p>发布时间：2019-01-11</p>"
                "<p>主持人：各位网友好。</p><p>网友：公交什么时候加密？</p><p>嘉宾：下月起加密。</p>",
            )
        resp = self.list_page(req) or self.detail(req)
        return resp or self.page("页面不存在", "<p>您访问的页面不存在。</p>", 404)

    def chunk(self, n: int) -> list[Row] | None:
        if not 1 <= n <= self.pages:
            return None
        return self.rows[(n - 1) * self.per_page : n * self.per_page]

    def listed(self, req: Request, path: str, arg: str) -> tuple[int, list[Row]] | None:
        """(page number, its rows) when ``req`` asks for a list page at ``path?arg=N``."""
        if req.path != path:
            return None
        try:
            n = int(req.arg(arg, "1"))
        except ValueError:
            return None
        rows = self.chunk(n)
        return (n, rows) if rows is not None else None


def query_arg(url: str, path: str, name: str) -> str | None:
    parts = urlsplit(url)
    return next(iter(parse_qs(parts.query).get(name) or []), None) if parts.path == path else None


# ====================================================================== table


class TableMarkup(Markup):
    board_name = "领导留言板"
    per_page = 15

    def list_path(self, n: int) -> str:
        return "/board/index.html" if n == 1 else f"/board/list_{n}.html"

    def detail_path(self, row_id: str) -> str:
        return f"/board/detail_{row_id}.html"

    def row_of(self, url: str) -> str | None:
        m = re.search(r"/board/detail_(\w+)\.html$", url)
        return m.group(1) if m else None

    def list_page(self, req: Request) -> Response | None:
        m = re.fullmatch(r"/board/(?:index|list_(\d+))\.html", req.path)
        if not m:
            return None
        n = int(m.group(1) or 1)
        rows = self.chunk(n)
        if rows is None:
            return None
        trs = "".join(
            f"<tr><td>{e(r.id)}</td><td class='t'><a href='{self.detail_path(r.id)}' title='{e(r.title)}'>"
            f"{e(r.title[:18] + ('…' if len(r.title) > 18 else ''))}</a></td><td>{_iso(r.submitted)}</td>"
            f"<td>{'已答复' if self.answered(r) else '未答复'}</td>"
            f"<td>{r.replied.strftime('%Y-%m-%d') if self.answered(r) and r.replied else ''}</td></tr>"
            for r in rows
        )
        pager = f"共{len(self.rows)}条 第{n}/{self.pages}页 "
        if n > 1:
            pager += f"<a href='{self.list_path(1)}'>首页</a> <a href='{self.list_path(n - 1)}'>上一页</a> "
        if n < self.pages:
            pager += f"<a href='{self.list_path(n + 1)}'>下一页</a> <a href='{self.list_path(self.pages)}'>尾页</a>"
        body = (
            f"{self.stats() if n == 1 else ''}<table class='list'><tr><th>编号</th><th>留言主题</th><th>留言时间</th>"
            f"<th>状态</th><th>答复时间</th></tr>{trs}</table><div class='pager'>{pager}</div>"
        )
        return self.page(self.board_name, body)

    def detail(self, req: Request) -> Response | None:
        rid = self.row_of(req.path)
        r = self.by_id.get(rid or "")
        if r is None:
            return None
        done = self.answered(r)
        cells = [
            ("留言编号", e(r.id)),
            ("留言用户", e(r.user)),
            ("留言主题", e(r.title)),
            ("留言时间", _iso(r.submitted)),
            ("留言详情", _paras(r.question)),
            ("答复时间", _iso(r.replied) if done and r.replied else ""),
            ("答复意见", _paras(r.reply) if done else "暂无答复"),
        ]
        trs = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in cells)
        return self.page(r.title, f"<table class='detail'>{trs}</table>")


# ====================================================================== cards


class CardsMarkup(Markup):
    board_name = "市长信箱"
    per_page = 20

    def list_path(self, n: int) -> str:
        return "/letters" if n == 1 else f"/letters?page={n}"

    def detail_path(self, row_id: str) -> str:
        return f"/letter/show?id={row_id}"

    def row_of(self, url: str) -> str | None:
        return query_arg(url, "/letter/show", "id")

    def list_page(self, req: Request) -> Response | None:
        found = self.listed(req, "/letters", "page")
        if found is None:
            return None
        n, rows = found
        cards = "".join(
            f'<div class="letter-item"><a class="tt" href="{self.detail_path(r.id)}">{e(r.title)}</a>'
            f'<div class="meta"><span>来信人：{e(r.user[:3])}**</span><span>来信时间：{r.submitted:%Y-%m-%d}</span>'
            f'<em class="badge {"done" if self.answered(r) else "doing"}">{"已办结" if self.answered(r) else "办理中"}</em>'
            "</div></div>"
            for r in rows
        )
        lo, hi = max(1, n - 4), min(self.pages, n + 4)
        nums = " ".join(
            f'<a href="{self.list_path(k)}">{k}</a>' if k != n else f"<b>{k}</b>" for k in range(lo, hi + 1)
        )
        nxt = f' <a href="{self.list_path(n + 1)}">下页</a>' if n < self.pages else ""
        body = f'<div class="letters">{cards}</div><div class="pg">{nums}{nxt}</div>'
        return self.page(self.board_name, body)

    def detail(self, req: Request) -> Response | None:
        if req.path != "/letter/show":
            return None
        r = self.by_id.get(req.arg("id"))
        if r is None:
            return None
        done = self.answered(r)
        i = self.rows.index(r)
        neighbours = ""
        if i > 0:
            neighbours += (
                f'<p>上一条：<a href="{self.detail_path(self.rows[i - 1].id)}">{e(self.rows[i - 1].title)}</a></p>'
            )
        if i + 1 < len(self.rows):
            neighbours += (
                f'<p>下一条：<a href="{self.detail_path(self.rows[i + 1].id)}">{e(self.rows[i + 1].title)}</a></p>'
            )
        reply = ""
        if done and r.replied:
            reply = (
                f'<div class="reply"><p class="reply-info">回复单位：A市人民政府办公厅　回复时间：{_iso(r.replied)}</p>'
                f'<div class="reply-text">{_paras(r.reply)}</div></div>'
            )
        body = (
            f'<div class="letter"><h1>{e(r.title)}</h1><p class="info">来信人：{e(r.user)}　来信时间：{_iso(r.submitted)}'
            f"　办理状态：{'已办结' if done else '办理中'}</p><div class='content'>{_paras(r.question)}</div>{reply}"
            '<div class="rate">满意度评价：<a href="#">满意</a> <a href="#">基本满意</a> <a href="#">不满意</a></div>'
            f'<div class="tools">【<a href="#">打印</a>】【<a href="#">关闭</a>】</div>{neighbours}</div>'
        )
        return self.page(r.title, body)


# ====================================================================== gbk


class GbkMarkup(Markup):
    board_name = "网上咨询"
    per_page = 30
    encoding = "gbk"

    def list_path(self, n: int) -> str:
        return f"/gbk/list.asp?page={n}"

    def detail_path(self, row_id: str) -> str:
        return f"/gbk/show.asp?id={row_id}"

    def row_of(self, url: str) -> str | None:
        return query_arg(url, "/gbk/show.asp", "id")

    @staticmethod
    def cn(t: datetime) -> str:
        return f"{t.year}年{t.month:02d}月{t.day:02d}日 {t:%H:%M:%S}"

    def list_page(self, req: Request) -> Response | None:
        found = self.listed(req, "/gbk/list.asp", "page")
        if found is None:
            return None
        n, rows = found
        lis = "".join(
            f'<li><span class="date">[{r.submitted:%Y-%m-%d}]</span><a href="show.asp?id={e(r.id)}" target="_blank">'
            f"{e(r.title)}</a></li>"
            for r in rows
        )
        nav = f"第{n}页/共{self.pages}页 "
        nav += f'<a href="list.asp?page={n - 1}">上一页</a> ' if n > 1 else ""
        nav += f'<a href="list.asp?page={n + 1}">下一页</a>' if n < self.pages else ""
        return self.page(self.board_name, f'<ul class="list">{lis}</ul><div class="page">{nav}</div>')

    def detail(self, req: Request) -> Response | None:
        if req.path != "/gbk/show.asp":
            return None
        r = self.by_id.get(req.arg("id"))
        if r is None:
            return None
        done = self.answered(r)
        if done and r.replied:
            result = (
                f'<div class="hfnr">{_paras(r.reply)}</div>'
                f'<div class="hfsj">回复单位：A市信访局　回复时间：{self.cn(r.replied)}</div>'
            )
            state = '<font color="green">已回复</font>'
        else:
            result, state = '<div class="hfnr">正在办理中，请耐心等待。</div>', '<font color="red">正在办理</font>'
        body = (
            f"<dl class='ly'><dt>留言标题：</dt><dd>{e(r.title)}</dd><dt>留 言 人：</dt><dd>{e(r.user)}</dd>"
            f"<dt>留言时间：</dt><dd>{self.cn(r.submitted)}</dd><dt>留言内容：</dt><dd>{_paras(r.question)}</dd></dl>"
            f"<p>办理状态：{state}</p><div class='hf'><h3>办理结果</h3>{result}</div>"
        )
        return self.page(r.title, body)


# ====================================================================== steps


class StepsMarkup(Markup):
    board_name = "在线咨询"
    per_page = 25

    def list_path(self, n: int) -> str:
        return f"/zx/list?p={n}"

    def detail_path(self, row_id: str) -> str:
        return f"/zx/detail?code=SQ{row_id}"

    def row_of(self, url: str) -> str | None:
        code = query_arg(url, "/zx/detail", "code") or ""
        return code[2:] if code.startswith("SQ") else None

    def list_page(self, req: Request) -> Response | None:
        found = self.listed(req, "/zx/list", "p")
        if found is None:
            return None
        n, rows = found
        trs = "".join(
            f'<tr><td><a href="{self.detail_path(r.id)}">{e(r.title)}</a></td><td>{r.submitted:%Y-%m-%d %H:%M}</td>'
            f'<td><span class="st">{"已办结" if self.answered(r) else "办理中"}</span></td></tr>'
            for r in rows
        )
        nav = f'<a href="{self.list_path(n + 1)}">下一页</a>' if n < self.pages else ""
        return self.page(self.board_name, f'<table class="sq">{trs}</table><div class="pages">{nav}</div>')

    def steps(self, r: Row) -> list[tuple[str, datetime, str]]:
        done = r.replied if self.answered(r) else None
        accept = r.submitted + timedelta(minutes=40)
        forward = r.submitted + timedelta(hours=20)
        if done is not None:  # the record never runs past its own conclusion
            accept, forward = min(accept, done), min(forward, done)
        out = [("提交", r.submitted, "市民提交诉求"), ("受理", accept, "12345热线已受理")]
        out.append(("转办", forward, "已转A市相关单位办理"))
        if done is not None:
            out.append(("办结", done, "承办单位已答复"))
        return [s for s in out if s[1] <= self.as_of]

    def detail(self, req: Request) -> Response | None:
        if req.path != "/zx/detail":
            return None
        r = self.by_id.get(self.row_of(req.target) or "")
        if r is None:
            return None
        done = self.answered(r)
        lis = "".join(f"<li><b>{n}</b>　{t:%Y-%m-%d %H:%M:%S}　{e(x)}</li>" for n, t, x in self.steps(r))
        reply = f"<h4>答复意见</h4><div class='dfyj'>{_paras(r.reply)}</div>" if done else ""
        body = (
            f"<div class='sq'><p>诉求编号：SQ{e(r.id)}</p><p>诉求标题：{e(r.title)}</p><p>诉求人：{e(r.user)}</p>"
            f"<p>诉求内容：</p>{_paras(r.question)}<h4>办理过程</h4><ul class='steps'>{lis}</ul>{reply}</div>"
        )
        return self.page(r.title, body)


MARKUPS: dict[str, type[Markup]] = {
    "table": TableMarkup,
    "cards": CardsMarkup,
    "gbk": GbkMarkup,
    "steps": StepsMarkup,
}
