"""县长信箱 on the portal: a CSRF-protected form with client-side validation and a simulated clerk.

The clerk answers each letter at 09:00 on the N-th working day after the day it was received
(N = ``clerk_delay_workdays``), judged lazily against the shared SimClock, so a test can move the
clock and see the answer appear.  ``publish_answer = false`` keeps answers out of the public list.
"""

from __future__ import annotations

import random
import re
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape
from typing import TYPE_CHECKING, Any

from inspector.workdays import add_working_days

from . import texts
from .clock import CST
from .httpbase import Request, Response, html_response

if TYPE_CHECKING:
    from .portal import Portal

PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
CSRF_COOKIE = "XZXX_CSRF"


@dataclass
class Letter:
    no: str
    title: str
    content: str
    name: str
    phone: str
    category: str
    submitted: datetime
    answer_at: datetime
    reply: str
    unit: str
    online: bool  # submitted during this run (a probe), not pre-generated history


class Mailbox:
    def __init__(self, portal: Portal) -> None:
        self.portal = portal
        self.clock = portal.clock
        self.params = portal.params
        self._lock = threading.Lock()
        self.tokens: set[str] = set()
        self.letters: list[Letter] = []
        self.submissions = 0
        self.rejected = 0
        self._history()

    def _history(self) -> None:
        """Published letters from the past months, each answered within 1–5 working days."""
        rng = random.Random(f"mailbox:{self.portal.m.scenario}:{self.params['seed']}")
        now = self.portal.m.today
        for k, age in enumerate(sorted(rng.sample(range(9, 240), 12), reverse=True)):
            subject_t, unit = rng.choice(texts.QUESTION_SUBJECTS)
            town = rng.choice(texts.TOWNS)
            subject = subject_t.format(town=town, road=rng.choice(texts.ROADS))
            day = now.date() - timedelta(days=age)
            sub = datetime(day.year, day.month, day.day, rng.randint(8, 21), rng.randint(0, 59), tzinfo=CST)
            ans_day = add_working_days(day, rng.randint(1, 5))
            ans = datetime(ans_day.year, ans_day.month, ans_day.day, rng.randint(9, 17), rng.randint(0, 59), tzinfo=CST)
            asker = rng.choice(texts.SURNAMES) + "先生"
            self.letters.append(
                Letter(
                    f"XZ{day:%Y%m%d}{k + 1:04d}",
                    subject,
                    texts.question_text(rng, subject, town),
                    asker,
                    "",
                    "咨询",
                    sub,
                    min(ans, now - timedelta(hours=1)),
                    texts.substantive_reply(rng, asker, subject, unit),
                    unit,
                    False,
                )
            )

    # ------------------------------------------------------------------ state
    def answered(self, letter: Letter) -> bool:
        return self.clock.now() >= letter.answer_at

    def published(self, letter: Letter) -> bool:
        return self.answered(letter) and (not letter.online or bool(self.params["publish_answer"]))

    def stats(self) -> dict[str, Any]:
        with self._lock:
            online = [lt for lt in self.letters if lt.online]
            return {
                "mailbox_submissions": self.submissions,
                "mailbox_rejected": self.rejected,
                "mailbox_letters": [
                    {
                        "no": lt.no,
                        "title": lt.title,
                        "submitted": lt.submitted.isoformat(),
                        "answer_at": lt.answer_at.isoformat(),
                        "answered": self.answered(lt),
                        "published": self.published(lt),
                    }
                    for lt in online
                ],
            }

    # ------------------------------------------------------------------ routing
    def route(self, req: Request) -> Response:
        path = req.path
        if path in ("/hdjl/xzxx", "/hdjl/xzxx/", "/hdjl/xzxx/index.html"):
            return self.index(req)
        if path == "/hdjl/xzxx/write":
            if not self.params["interaction_open"]:
                return self.page(
                    "给县长写信",
                    '<div class="err" style="font-size:18px;padding:60px 0;text-align:center">'
                    "系统升级维护中，暂停受理来信，给您带来不便敬请谅解。</div>",
                )
            return self.submit(req) if req.method == "POST" else self.form(req)
        if path == "/hdjl/xzxx/search":
            return self.search(req)
        m = re.fullmatch(r"/hdjl/xzxx/detail/(XZ\d{12})\.html", path)
        if m:
            return self.detail(m.group(1))
        return self.portal.not_found()

    def page(self, title: str, body: str, status: int = 200, cookie: str | None = None) -> Response:
        resp = html_response(
            self.portal.page(
                title,
                body,
                meta={"ColumnName": "县长信箱"},
                crumb=[("互动交流", "/hdjl/index.html"), ("县长信箱", "/hdjl/xzxx/")],
            ),
            status,
        )
        if cookie:
            resp.set_cookie(CSRF_COOKIE, cookie)
        return resp

    def index(self, req: Request) -> Response:
        with self._lock:
            rows = sorted((lt for lt in self.letters if self.published(lt)), key=lambda lt: lt.submitted, reverse=True)
        trs = "".join(
            f'<tr><td>{lt.no}</td><td class="t"><a href="/hdjl/xzxx/detail/{lt.no}.html">{escape(lt.title)}</a></td>'
            f"<td>{lt.submitted:%Y-%m-%d}</td><td>{lt.answer_at:%Y-%m-%d}</td><td>已回复</td></tr>"
            for lt in rows
        )
        body = (
            '<h2 style="font-size:18px;color:#1559a8;margin-bottom:10px">县长信箱 <a class="btn" style="float:right;font-size:14px"'
            ' href="/hdjl/xzxx/write">我要写信</a></h2>'
            '<form action="/hdjl/xzxx/search" method="get" style="margin:8px 0">信件查询：<input type="text" name="q"> '
            '<button type="submit">查询</button></form>'
            f'<table class="tbl"><tr><th>信件编号</th><th>信件标题</th><th>来信时间</th><th>回复时间</th><th>状态</th></tr>{trs}</table>'
        )
        return self.page("县长信箱", body)

    def detail(self, no: str) -> Response:
        lt = next((x for x in self.letters if x.no == no), None)
        if lt is None or not self.published(lt):
            return self.portal.not_found()
        body = (
            f'<div class="article"><h1>{escape(lt.title)}</h1><table class="tbl">'
            f'<tr><th>信件编号</th><td class="t">{lt.no}</td></tr>'
            f'<tr><th>来信时间</th><td class="t">{lt.submitted:%Y-%m-%d %H:%M:%S}</td></tr>'
            f'<tr><th>来信内容</th><td class="t">{escape(lt.content)}</td></tr>'
            f'<tr><th>回复单位</th><td class="t">{escape(lt.unit)}</td></tr>'
            f'<tr><th>回复时间</th><td class="t">{lt.answer_at:%Y-%m-%d %H:%M:%S}</td></tr>'
            f'<tr><th>回复内容</th><td class="t">{escape(lt.reply)}</td></tr></table></div>'
        )
        return self.page(lt.title, body)

    def search(self, req: Request) -> Response:
        q = req.arg("q").strip()
        with self._lock:
            hits = [lt for lt in self.letters if q and (q in lt.title or q in lt.content or q == lt.no)]
        trs = "".join(
            f'<tr><td>{lt.no}</td><td class="t">'
            + (
                f'<a href="/hdjl/xzxx/detail/{lt.no}.html">{escape(lt.title)}</a>'
                if self.published(lt)
                else escape(lt.title)
            )
            + f"</td><td>{lt.submitted:%Y-%m-%d %H:%M}</td><td>{'已回复' if self.answered(lt) else '已受理'}</td></tr>"
            for lt in hits
        )
        body = (
            f'<p>查询“{escape(q)}”，共{len(hits)}封信件</p><table class="tbl"><tr><th>信件编号</th><th>信件标题</th>'
            f"<th>来信时间</th><th>状态</th></tr>{trs}</table>"
        )
        return self.page("信件查询", body)

    def form(
        self, req: Request, errors: list[str] | None = None, values: dict[str, str] | None = None, status: int = 200
    ) -> Response:
        token = secrets.token_urlsafe(16)
        with self._lock:
            self.tokens.add(token)
        v = values or {}
        cats = "".join(
            f"<option{' selected' if v.get('category') == c else ''}>{c}</option>"
            for c in ("咨询", "建议", "求助", "投诉")
        )
        err = "".join(f'<div class="err">{escape(e)}</div>' for e in errors or [])
        body = f"""<h2 style="font-size:18px;color:#1559a8;margin-bottom:10px">给县长写信</h2>{err}
<form id="letter" class="form" method="post" action="/hdjl/xzxx/write" novalidate>
<input type="hidden" name="csrf_token" value="{token}">
<table>
<tr><td>信件标题：</td><td><input type="text" name="title" id="title" value="{escape(v.get("title", ""))}" placeholder="不少于5个字"></td></tr>
<tr><td>信件类别：</td><td><select name="category">{cats}</select></td></tr>
<tr><td>信件内容：</td><td><textarea name="content" id="content">{escape(v.get("content", ""))}</textarea></td></tr>
<tr><td>姓　　名：</td><td><input type="text" name="name" value="{escape(v.get("name", ""))}"></td></tr>
<tr><td>联系电话：</td><td><input type="text" name="phone" id="phone" value="{escape(v.get("phone", ""))}"></td></tr>
<tr><td>电子邮箱：</td><td><input type="text" name="email" value="{escape(v.get("email", ""))}"></td></tr>
<tr><td></td><td><label><input type="checkbox" name="agree" id="agree" value="1"> 我已阅读并同意《县长信箱使用须知》</label></td></tr>
<tr><td></td><td><button class="btn" type="submit">提交</button></td></tr>
</table></form>
<script>
document.getElementById("letter").addEventListener("submit", function (e) {{
  var msg = [];
  if (document.getElementById("title").value.trim().length < 5) msg.push("信件标题不少于5个字");
  if (!document.getElementById("content").value.trim()) msg.push("请填写信件内容");
  if (!/^(1[3-9]\\d{{9}}|0\\d{{2,3}}-?\\d{{7,8}})$/.test(document.getElementById("phone").value.trim())) msg.push("联系电话格式不正确");
  if (!document.getElementById("agree").checked) msg.push("请阅读并同意使用须知");
  if (msg.length) {{ e.preventDefault(); alert(msg.join("\\n")); }}
}});
</script>"""
        return self.page("给县长写信", body, status, cookie=token)

    def submit(self, req: Request) -> Response:
        f = req.form
        token, cookie = f.get("csrf_token", ""), req.cookies.get(CSRF_COOKIE, "")
        with self._lock:
            valid = bool(token) and token == cookie and token in self.tokens
        if not valid:
            with self._lock:
                self.rejected += 1
            return self.page(
                "提交失败",
                '<div class="err" style="font-size:18px">提交失败：安全校验令牌（CSRF token）缺失或无效，'
                '请刷新写信页面后重新提交。</div><p><a href="/hdjl/xzxx/write">返回写信页面</a></p>',
                403,
            )
        errors = []
        title, content, phone = f.get("title", "").strip(), f.get("content", "").strip(), f.get("phone", "").strip()
        if len(title) < 5:
            errors.append("信件标题不少于5个字")
        if not content:
            errors.append("请填写信件内容")
        if not PHONE_RE.match(phone):
            errors.append("联系电话格式不正确")
        if not f.get("agree"):
            errors.append("请阅读并同意使用须知")
        if errors:
            with self._lock:
                self.rejected += 1
            return self.form(req, errors, f, 400)
        now = self.clock.now()
        due = add_working_days(now.date(), int(self.params["clerk_delay_workdays"]))
        with self._lock:
            self.tokens.discard(token)  # single use: a replayed POST cannot create a second letter
            self.submissions += 1
            no = f"XZ{now:%Y%m%d}{9000 + self.submissions:04d}"
            unit = "县人民政府办公室"
            reply = (
                f"{f.get('name') or '来信人'}：您好！您的来信《{title}》已收到。经县人民政府办公室会同有关单位调查核实，"
                "现将办理结果答复如下：所反映问题已列入今年整改台账，相关单位已完成现场核查并制定整改措施，"
                "预计于本月底前办结，办结后将通过电话向您反馈。感谢您对政府工作的支持。"
            )
            self.letters.append(
                Letter(
                    no,
                    title,
                    content,
                    f.get("name", ""),
                    phone,
                    f.get("category", "咨询"),
                    now,
                    datetime(due.year, due.month, due.day, 9, 0, tzinfo=CST),
                    reply,
                    unit,
                    True,
                )
            )
        body = (
            f'<div class="ok">提交成功！您的信件编号为：<b id="letter-no">{no}</b>，请妥善保存。</div>'
            f"<p>我们将在{int(self.params['clerk_delay_workdays'])}个工作日内办理答复，您可凭信件编号在"
            f'<a href="/hdjl/xzxx/search?q={no}">信件查询</a>中查看办理进度。</p>'
        )
        return self.page("提交成功", body)
