"""领导留言板: public list (20 per page), detail pages, statistics block and a submit form."""

from __future__ import annotations

import re
import threading
from datetime import timedelta
from html import escape
from typing import TYPE_CHECKING, Any

from . import sitebase
from .httpbase import Request, Response, SiteApp, html_response, redirect
from .messages import Message, fmt_time

if TYPE_CHECKING:
    from .world import World

PAGE_SIZE = 20
STATUS_CLASS = {"已回复": "st-ok", "未回复": "st-no", "办理中": "st-ing"}


class Board(SiteApp):
    name = "board"

    def __init__(self, world: World) -> None:
        super().__init__(world)
        self.messages: list[Message] = list(world.board_rows)
        self.by_id = {m.id: m for m in self.messages}
        self.submissions = 0
        self._mlock = threading.Lock()
        self.style = self.params["board_time_format"]
        m = world.portal_model
        self.county = m.county
        self.sponsor = m.identity.sponsor

    def t(self, msg: Message, which: str) -> str:
        if which == "submitted":
            return fmt_time(msg.submitted, self.style, msg.raw_submitted)
        return fmt_time(msg.replied, self.style, msg.raw_replied)

    def render(self, title: str, body: str, status: int = 200) -> Response:
        menu = [("留言首页", "/list"), ("我要留言", "/write"), (f"{self.county}人民政府", self.world.urls["portal"])]
        footer = f"主办单位：{escape(self.sponsor)}　　{escape(self.county)}人民政府领导留言办理平台"
        return html_response(
            sitebase.page(title, f"{self.county}领导留言板", "倾听民声 汇聚民智 解决民忧", menu, body, footer), status
        )

    def route(self, req: Request) -> Response:
        if req.path in ("/", "/index.html"):
            return redirect("/list")
        if req.path == "/list":
            return self.list_page(req)
        m = re.fullmatch(r"/detail/(\d+)", req.path)
        if m:
            return self.detail(int(m.group(1)))
        if req.path == "/write":
            return self.write(req)
        return self.render("页面不存在", "<p>您访问的页面不存在。</p>", 404)

    def stats_block(self) -> str:
        with self._mlock:
            msgs = list(self.messages)
        answered = [(m.submitted, m.replied) for m in msgs if m.status == "已回复" and m.replied and m.submitted]
        rate = 100.0 * len(answered) / len(msgs) if msgs else 100.0
        avg = (
            sum((replied - submitted).total_seconds() for submitted, replied in answered)
            / 86400
            / max(1, len(answered))
        )
        cutoff = self.clock.today() - timedelta(days=1)
        return (
            f'<div class="stats" id="stats">留言办理情况统计：收到留言<b>{len(msgs)}</b>条，已答复<b>{len(answered)}</b>条，'
            f"答复率<b>{rate:.1f}%</b>，平均办理时长<b>{avg:.1f}</b>天（统计截止{cutoff.year}年{cutoff.month}月{cutoff.day}日）</div>"
        )

    def list_page(self, req: Request) -> Response:
        try:
            page = max(1, int(req.arg("page", "1")))
        except ValueError:
            page = 1
        with self._mlock:
            msgs = sorted(self.messages, key=lambda m: m.submitted, reverse=True)
        pages = max(1, -(-len(msgs) // PAGE_SIZE))
        if page > pages:
            return self.render("页面不存在", "<p>没有更多留言。</p>", 404)
        rows = "".join(
            f'<tr><td>{m.id}</td><td class="t"><a href="/detail/{m.id}">{escape(m.title)}</a></td>'
            f'<td>{escape(self.t(m, "submitted"))}</td><td class="{STATUS_CLASS.get(m.status, "")}">{m.status}</td>'
            f"<td>{escape(m.unit if m.status != '未回复' else '')}</td></tr>"
            for m in msgs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        )
        pager = [f"<span>共{len(msgs)}条 共{pages}页 第{page}页</span>"]
        pager.append(f'<a href="/list?page={page - 1}">上一页</a>' if page > 1 else "<span>上一页</span>")
        pager.append(f'<a href="/list?page={page + 1}">下一页</a>' if page < pages else "<span>下一页</span>")
        pager.append(f'<a href="/list?page={pages}">尾页</a>')
        stats = self.stats_block() if self.params["board_statistics"] else ""
        body = (
            f"{stats}<table class='tbl'><tr><th>留言编号</th><th>标题</th><th>留言时间</th><th>状态</th><th>答复单位</th></tr>"
            f"{rows}</table><div class='pager'>{' '.join(pager)}</div>"
        )
        return self.render(f"{self.county}领导留言板", body)

    def detail(self, mid: int) -> Response:
        m = self.by_id.get(mid)
        if m is None:
            return self.render("页面不存在", "<p>该留言不存在或未公开。</p>", 404)
        content = "".join(f"<p>{escape(line)}</p>" for line in m.content.splitlines()) or "&nbsp;"
        reply = "".join(f"<p>{escape(line)}</p>" for line in m.reply.splitlines())
        body = f"""<table class="tbl" id="message">
<tr><th style="width:140px">留言编号</th><td class="t">{m.id}</td></tr>
<tr><th>留言标题</th><td class="t">{escape(m.title)}</td></tr>
<tr><th>留言人</th><td class="t">{escape(m.asker)}</td></tr>
<tr><th>留言时间</th><td class="t">{escape(self.t(m, "submitted"))}</td></tr>
<tr><th>留言内容</th><td class="t">{content}</td></tr>
<tr><th>状态</th><td class="t {STATUS_CLASS.get(m.status, "")}">{m.status}</td></tr>
<tr><th>答复单位</th><td class="t">{escape(m.unit if m.status != "未回复" else "")}</td></tr>
<tr><th>答复时间</th><td class="t">{escape(self.t(m, "replied") if m.status == "已回复" else "")}</td></tr>
<tr><th>答复内容</th><td class="t">{reply}</td></tr>
</table>"""
        return self.render(m.title, body)

    def write(self, req: Request) -> Response:
        if not self.params["interaction_open"]:
            return self.render(
                "我要留言",
                '<div class="err" style="text-align:center;padding:60px 0;font-size:18px">'
                "系统维护中，暂停留言。给您带来不便，敬请谅解。</div>",
            )
        if req.method == "POST":
            f = req.form
            errors = []
            if len(f.get("title", "").strip()) < 5:
                errors.append("留言标题不少于5个字")
            if not f.get("content", "").strip():
                errors.append("请填写留言内容")
            if not re.fullmatch(r"1[3-9]\d{9}", f.get("phone", "").strip()):
                errors.append("请填写正确的手机号码")
            if not f.get("agree"):
                errors.append("请同意留言须知")
            if not errors:
                with self._mlock:
                    self.submissions += 1
                    mid = max(self.by_id) + 1 if self.by_id else 1
                    msg = Message(
                        mid,
                        f["title"].strip(),
                        f["content"].strip(),
                        self.clock.now(),
                        f.get("unit") or "待分办",
                        "未回复",
                        asker=(f.get("name") or "网友")[:1] + "**",
                        category=f.get("category", "咨询"),
                        submitted_online=True,
                    )
                    self.messages.append(msg)
                    self.by_id[mid] = msg
                return self.render(
                    "留言成功",
                    f'<div class="ok">留言提交成功！留言编号：<b id="msg-id">{mid}</b>。'
                    f'我们将尽快转交有关单位办理，请关注答复。</div><p><a href="/detail/{mid}">查看留言</a></p>',
                )
            return self.render("我要留言", self.form_html(errors, f), 400)
        return self.render("我要留言", self.form_html([], {}))

    def form_html(self, errors: list[str], v: dict[str, str]) -> str:
        err = "".join(f'<div class="err">{escape(e)}</div>' for e in errors)
        cats = "".join(f"<option>{c}</option>" for c in ("咨询", "建议", "求助", "投诉"))
        return f"""{err}<form class="form" method="post" action="/write"><table>
<tr><td>留言标题：</td><td><input type="text" name="title" value="{escape(v.get("title", ""))}"></td></tr>
<tr><td>留言类别：</td><td><select name="category">{cats}</select></td></tr>
<tr><td>留言内容：</td><td><textarea name="content">{escape(v.get("content", ""))}</textarea></td></tr>
<tr><td>姓　　名：</td><td><input type="text" name="name" value="{escape(v.get("name", ""))}"></td></tr>
<tr><td>手机号码：</td><td><input type="text" name="phone" value="{escape(v.get("phone", ""))}"></td></tr>
<tr><td>电子邮箱：</td><td><input type="text" name="email" value="{escape(v.get("email", ""))}"></td></tr>
<tr><td></td><td><label><input type="checkbox" name="agree" value="1"> 我已阅读并同意《留言须知》</label></td></tr>
<tr><td></td><td><button class="btn" type="submit">提交留言</button></td></tr></table></form>"""

    def stats(self) -> dict[str, Any]:
        with self._mlock:
            return {
                "requests": self.requests,
                "board_submissions": self.submissions,
                "board_messages": len(self.messages),
            }
