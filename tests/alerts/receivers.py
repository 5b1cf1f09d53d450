"""Real local receivers for alerts: an SMTP server (aiosmtpd) and an HTTP webhook receiver, on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Collect:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 — aiosmtpd hook
        raw = envelope.original_content or envelope.content
        self.messages.append(email.message_from_bytes(raw, policy=email.policy.default))  # type: ignore[arg-type]
        return "250 OK"


class SmtpReceiver:
    """``with SmtpReceiver() as smtp: smtp.port; smtp.messages``."""

    def __init__(self) -> None:
        self.handler = _Collect()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def messages(self) -> list[EmailMessage]:
        return self.handler.messages

    def __enter__(self) -> SmtpReceiver:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


class WebhookReceiver:
    """Collects POSTed JSON by path; answers like the robots do ({"errcode": 0} / {"code": 0})."""

    def __init__(self) -> None:
        self.posts: list[dict[str, Any]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 — http.server hook
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                parts = urlsplit(self.path)
                receiver.posts.append({"path": parts.path, "query": parse_qs(parts.query), "body": body})
                answer = b'{"code": 0}' if "feishu" in parts.path else b'{"errcode": 0, "errmsg": "ok"}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def at(self, path: str) -> list[dict[str, Any]]:
        return [p for p in self.posts if p["path"] == path]

    def __enter__(self) -> WebhookReceiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def alerts_section(smtp: SmtpReceiver, hooks: WebhookReceiver, **extra: Any) -> dict[str, Any]:
    """A plan's ``alerts:`` pointing at the local receivers, one webhook per format."""
    return {
        "email": {
            "host": "127.0.0.1",
            "port": smtp.port,
            "from": "inspector@example.gov.cn",
            "to": ["team@example.gov.cn"],
        },
        "webhooks": [
            {"url": f"{hooks.url}/json", "format": "json"},
            {"url": f"{hooks.url}/wecom?key=k1", "format": "wecom"},
            {"url": f"{hooks.url}/dingtalk?access_token=t1", "format": "dingtalk", "secret_env": "TEST_DING_SECRET"},
            {"url": f"{hooks.url}/feishu", "format": "feishu", "secret_env": "TEST_FEISHU_SECRET"},
        ],
        **extra,
    }


def free_block(size: int = 4) -> int:
    """A first port with ``size`` consecutive free ports after it (a sample world binds portal … refused port)."""
    for _ in range(200):
        base = free_port()
        socks = []
        try:
            for p in range(base, base + size):
                s = socket.socket()
                socks.append(s)
                s.bind(("127.0.0.1", p))
            return base
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    raise RuntimeError("no block of free ports")
