"""A small 县长信箱 on 127.0.0.1 for the probe tests: CSRF form, optional captcha, a clerk who answers
after N working days on a controllable clock, a public list, a token search and a submission count.
(The project's sample sites replace this once ``inspector.samplesites.serve_scenario`` exists.)"""

from __future__ import annotations

import html
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from inspector.workdays import add_working_days

E = html.escape


@dataclass
class Mailbox:
    now: datetime
    delay_workdays: int = 12
    captcha: bool = False
    publish: bool = True
    letters: list[dict[str, Any]] = field(default_factory=list)
    tokens: set[str] = field(default_factory=set)
    submissions: int = 0

    def answer_at(self, lt: dict[str, Any]) -> datetime:
        return datetime.combine(add_working_days(lt["submitted"], self.delay_workdays), time(9, 0))

    def answered(self, lt: dict[str, Any]) -> bool:
        return self.now >= self.answer_at(lt)


def _page(title: str, body: str) -> bytes:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{E(title)}</title></head><body>{body}</body></html>".encode()


def make_handler(box: Mailbox) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, body: bytes, status: int = 200, cookie: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            if cookie:
                self.send_header("Set-Cookie", f"CSRF={cookie}; Path=/")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _rows(self, letters: list[dict[str, Any]]) -> str:
            out = []
            for lt in letters:
                link = (
                    f"<a href='/detail/{lt['no']}.html'>{E(lt['title'])}</a>"
                    if box.answered(lt) and box.publish
                    else E(lt["title"])
                )
                out.append(
                    f"<tr><td>{lt['no']}</td><td>{link}</td><td>{lt['submitted']:%Y-%m-%d %H:%M:%S}</td>"
                    f"<td>{'已回复' if box.answered(lt) else '已受理'}</td></tr>"
                )
            return (
                "<table><tr><th>信件编号</th><th>信件标题</th><th>来信时间</th><th>状态</th></tr>"
                + "".join(out)
                + "</table>"
            )

        def do_GET(self) -> None:
            u = urlsplit(self.path)
            if u.path == "/write":
                token = secrets.token_hex(8)
                box.tokens.add(token)
                cap = (
                    "<tr><td>验证码：</td><td><input name='yzm'><img src='/captcha.png' alt='验证码'></td></tr>"
                    if box.captcha
                    else ""
                )
                form = (
                    f"<form method='post' action='/write'><input type='hidden' name='csrf' value='{token}'><table>"
                    "<tr><td>信件标题：</td><td><input name='title' required></td></tr>"
                    "<tr><td>信件类别：</td><td><select name='category'><option value=''>请选择</option><option value='咨询'>咨询</option></select></td></tr>"
                    "<tr><td>信件内容：</td><td><textarea name='content' required></textarea></td></tr>"
                    "<tr><td>姓名：</td><td><input name='name'></td></tr><tr><td>联系电话：</td><td><input name='phone' required></td></tr>"
                    f"<tr><td>电子邮箱：</td><td><input name='email'></td></tr>{cap}"
                    "<tr><td></td><td><label><input type='checkbox' name='agree' value='1' required>我已阅读并同意使用须知</label></td></tr>"
                    "</table><button type='submit'>提交</button></form>"
                )
                return self._send(_page("我要写信", form), cookie=token)
            if u.path == "/captcha.png":
                png = bytes.fromhex(
                    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
                )
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(png)))
                self.end_headers()
                self.wfile.write(png)
                return None
            if u.path == "/list":
                pub = [lt for lt in box.letters if box.answered(lt) and box.publish]
                return self._send(_page("信件公开", self._rows(pub)))
            if u.path == "/search":
                q = parse_qs(u.query).get("q", [""])[0]
                hits = [lt for lt in box.letters if q and (q in lt["title"] or q in lt["content"] or q == lt["no"])]
                return self._send(_page("信件查询", self._rows(hits)))
            if u.path.startswith("/detail/"):
                lt = next((x for x in box.letters if x["no"] == u.path[8:-5]), None)
                if lt is None or not (box.answered(lt) and box.publish):
                    return self._send(_page("404", "无此信件"), 404)
                body = (
                    f"<table><tr><th>信件标题</th><td>{E(lt['title'])}</td></tr><tr><th>来信时间</th><td>{lt['submitted']:%Y-%m-%d %H:%M:%S}</td></tr>"
                    f"<tr><th>来信内容</th><td>{E(lt['content'])}</td></tr><tr><th>回复单位</th><td>县人民政府办公室</td></tr>"
                    f"<tr><th>回复时间</th><td>{box.answer_at(lt):%Y-%m-%d %H:%M:%S}</td></tr>"
                    "<tr><th>回复内容</th><td>您好！经核实，现将办理结果答复如下：信箱答复时限为10个工作日，答复结果在网站公开。</td></tr></table>"
                )
                return self._send(_page(lt["title"], body))
            return self._send(_page("404", "页面不存在"), 404)

        def do_POST(self) -> None:
            n = int(self.headers.get("Content-Length") or 0)
            f = {k: v[0] for k, v in parse_qs(self.rfile.read(n).decode()).items()}
            cookie = (self.headers.get("Cookie") or "").removeprefix("CSRF=")
            if not f.get("csrf") or f["csrf"] != cookie or f["csrf"] not in box.tokens:
                return self._send(_page("提交失败", "安全校验失败"), 403)
            if box.captcha and f.get("yzm") != "8421":
                return self._send(_page("提交失败", "验证码错误"), 400)
            if not (f.get("title") and f.get("content") and f.get("phone") and f.get("agree")):
                return self._send(_page("提交失败", "请填写完整"), 400)
            box.tokens.discard(f["csrf"])
            box.submissions += 1
            no = f"XZ{box.now:%Y%m%d}{9000 + box.submissions}"
            box.letters.append({"no": no, "title": f["title"], "content": f["content"], "submitted": box.now})
            return self._send(_page("提交成功", f"<div>提交成功！您的信件编号为：<b>{no}</b>，请妥善保存。</div>"))

    return Handler


@contextmanager
def serve_mailbox(box: Mailbox) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(box))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
