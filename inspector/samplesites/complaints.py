"""民心网-style complaint platform: submit → 查询码, status history 受理 → 转办 → 办结, optional captcha."""

from __future__ import annotations

import secrets
import string
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape
from typing import TYPE_CHECKING, Any

from inspector.workdays import add_working_days

from . import images, sitebase
from .clock import CST
from .httpbase import Request, Response, SiteApp, html_response, json_response, text_response

if TYPE_CHECKING:
    from .world import World

SESSION_COOKIE = "MXW_SID"


@dataclass
class Complaint:
    code: str
    title: str
    content: str
    name: str
    phone: str
    category: str
    submitted: datetime
    unit: str

    def steps(self, delay_wd: int) -> list[tuple[str, datetime, str]]:
        d = self.submitted
        accept = d + timedelta(hours=2)
        fwd_day = add_working_days(d.date(), 1)
        done_day = add_working_days(d.date(), max(1, delay_wd))
        return [
            ("提交", d, "群众提交诉求"),
            ("受理", accept, "民心网已受理您的诉求"),
            ("转办", datetime(fwd_day.year, fwd_day.month, fwd_day.day, 10, 0, tzinfo=CST), f"已转{self.unit}办理"),
            (
                "办结",
                datetime(done_day.year, done_day.month, done_day.day, 16, 0, tzinfo=CST),
                (
                    f"{self.unit}答复：经调查核实，您反映的“{self.title}”问题情况属实，我局已责成相关科室于3个工作日内完成整改，"
                    "并已电话回访确认。如对办理结果不满意，可在7日内申请复核。"
                ),
            ),
        ]


class Complaints(SiteApp):
    name = "complaints"

    def __init__(self, world: World) -> None:
        super().__init__(world)
        self.items: dict[str, Complaint] = {}
        self.sessions: dict[str, str] = {}  # session id → current captcha answer
        self.submissions = 0
        self.rejected = 0
        self._clock_lock = threading.Lock()
        self.county = world.portal_model.county
        self.city = world.portal_model.city

    def render(self, title: str, body: str, status: int = 200, sid: str | None = None) -> Response:
        menu = [("首页", "/"), ("我要投诉", "/submit"), ("办理查询", "/query"), ("政府网站", self.world.urls["portal"])]
        resp = html_response(
            sitebase.page(
                title,
                "民心网",
                f"{self.city}{self.county}群众诉求办理平台",
                menu,
                body,
                f"主办单位：{escape(self.county)}纪委监委　　承办：{escape(self.county)}人民政府办公室",
            ),
            status,
        )
        if sid:
            resp.set_cookie(SESSION_COOKIE, sid)
        return resp

    def route(self, req: Request) -> Response:
        if req.path in ("/", "/index.html"):
            body = (
                '<p style="font-size:16px;line-height:2">民心网受理群众对政府部门及其工作人员的投诉、咨询和建议，'
                '实行“统一受理、按责转办、限时办结、回访评价”。</p><p><a class="btn" href="/submit">我要投诉</a> '
                '<a class="btn" href="/query">办理查询</a></p>'
            )
            return self.render("民心网", body)
        if req.path == "/submit":
            if not self.params["interaction_open"]:
                return self.render(
                    "我要投诉",
                    '<div class="err" style="text-align:center;padding:60px 0;font-size:18px">'
                    "系统维护中，暂停受理。</div>",
                )
            return self.submit(req) if req.method == "POST" else self.form(req)
        if req.path == "/query":
            return self.query(req)
        if req.path == "/captcha.png":
            return self.captcha(req)
        return self.render("页面不存在", "<p>您访问的页面不存在。</p>", 404)

    def sim_extra(self, req: Request) -> Response:
        if req.path == "/_sim/captcha":  # tests read the answer of their own session here
            sid = req.arg("sid") or req.cookies.get(SESSION_COOKIE, "")
            if not sid and req.arg("latest") and self.sessions:  # the person at the screen: the newest image
                sid = next(reversed(self.sessions))
            return json_response({"sid": sid, "answer": self.sessions.get(sid)})
        return text_response("unknown sim endpoint", 404)

    def session_id(self, req: Request) -> tuple[str, bool]:
        sid = req.cookies.get(SESSION_COOKIE, "")
        if sid:
            return sid, False
        return secrets.token_hex(12), True

    def captcha(self, req: Request) -> Response:
        sid, new = self.session_id(req)
        code = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(4))
        with self._lock:
            self.sessions[sid] = code
        resp = Response(200, images.captcha_png(code, hash(sid) & 0xFFFF), "image/png", [("Cache-Control", "no-store")])
        if new:
            resp.set_cookie(SESSION_COOKIE, sid)
        return resp

    def form(
        self, req: Request, errors: list[str] | None = None, values: dict[str, str] | None = None, status: int = 200
    ) -> Response:
        sid, new = self.session_id(req)
        v = values or {}
        cats = "".join(f"<option>{c}</option>" for c in ("投诉", "咨询", "建议", "求助"))
        cap = ""
        if self.params["captcha"]:
            cap = (
                '<tr><td>验 证 码：</td><td><input type="text" name="captcha" style="width:120px" autocomplete="off"> '
                '<img src="/captcha.png" alt="验证码" style="vertical-align:middle" '
                "onclick=\"this.src='/captcha.png?'+Date.now()\"> 看不清？点击图片换一张</td></tr>"
            )
        err = "".join(f'<div class="err">{escape(e)}</div>' for e in errors or [])
        body = f"""<h2 style="color:#1a4f9c;margin-bottom:10px">我要投诉</h2>{err}<form class="form" method="post" action="/submit"><table>
<tr><td>诉求标题：</td><td><input type="text" name="title" value="{escape(v.get("title", ""))}"></td></tr>
<tr><td>诉求类别：</td><td><select name="category">{cats}</select></td></tr>
<tr><td>诉求内容：</td><td><textarea name="content">{escape(v.get("content", ""))}</textarea></td></tr>
<tr><td>姓　　名：</td><td><input type="text" name="name" value="{escape(v.get("name", ""))}"></td></tr>
<tr><td>联系电话：</td><td><input type="text" name="phone" value="{escape(v.get("phone", ""))}"></td></tr>
{cap}<tr><td></td><td><button class="btn" type="submit">提交</button></td></tr></table></form>"""
        return self.render("我要投诉", body, status, sid=sid if new else None)

    def submit(self, req: Request) -> Response:
        f = req.form
        errors = []
        if self.params["captcha"]:
            sid = req.cookies.get(SESSION_COOKIE, "")
            with self._lock:
                expected = self.sessions.pop(sid, None)  # one attempt per image
            given = f.get("captcha", "").strip().upper()
            if not given:
                errors.append("请输入验证码")
            elif expected is None or given != expected:
                errors.append("验证码错误，请重新输入")
        if len(f.get("title", "").strip()) < 4:
            errors.append("诉求标题不少于4个字")
        if not f.get("content", "").strip():
            errors.append("请填写诉求内容")
        if not f.get("phone", "").strip():
            errors.append("请填写联系电话")
        if errors:
            with self._lock:
                self.rejected += 1
            return self.form(req, errors, f, 400)
        code = "".join(secrets.choice(string.ascii_uppercase + string.digits) for _ in range(10))
        with self._lock:
            self.submissions += 1
            self.items[code] = Complaint(
                code,
                f["title"].strip(),
                f["content"].strip(),
                f.get("name", ""),
                f.get("phone", ""),
                f.get("category", "投诉"),
                self.clock.now(),
                "县市场监督管理局",
            )
        body = (
            f'<div class="ok">提交成功！您的查询码为：<b id="query-code">{code}</b></div>'
            f'<p>请牢记查询码，可在<a href="/query?code={code}">办理查询</a>中查看办理进度和答复。</p>'
        )
        return self.render("提交成功", body)

    def query(self, req: Request) -> Response:
        code = req.arg("code").strip().upper()
        form = (
            f'<form action="/query" method="get">查询码：<input type="text" name="code" value="{escape(code)}"> '
            '<button class="btn" type="submit">查询</button></form>'
        )
        if not code:
            return self.render("办理查询", form)
        c = self.items.get(code)
        if c is None:
            return self.render(
                "办理查询", form + '<div class="err">未找到该查询码对应的诉求，请核对后重新输入。</div>', 404
            )
        now = self.clock.now()
        steps = [s for s in c.steps(int(self.params["complaint_delay_workdays"])) if s[1] <= now]
        status = steps[-1][0] if steps else "提交"
        lis = "".join(f"<li><b>{name}</b>　{when:%Y-%m-%d %H:%M}　{escape(text)}</li>" for name, when, text in steps)
        reply = steps[-1][2] if status == "办结" else ""
        body = (
            f"{form}<h3 style='margin:14px 0'>{escape(c.title)}</h3><p>当前状态：<b id='status'>{status}</b></p>"
            f"<ul class='steps'>{lis}</ul>"
            + (f"<h4 style='margin-top:12px'>答复意见</h4><p id='reply'>{escape(reply)}</p>" if reply else "")
        )
        return self.render("办理查询", body)

    def stats(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "complaint_submissions": self.submissions,
            "complaint_rejected": self.rejected,
        }
