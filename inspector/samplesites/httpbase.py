"""Tiny request/response layer over ``http.server`` shared by all simulated sites.

A threading server with a deep listen queue: inspectors crawl with many parallel connections and a
single-threaded server with the default queue of 5 would stall them (issue 3, "done when").
"""

from __future__ import annotations

import json
import logging
import threading
import traceback
from dataclasses import dataclass, field
from email.message import Message as HeaderMessage
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

if TYPE_CHECKING:
    from .world import World

log = logging.getLogger(__name__)
LOCAL_CLIENTS = {"127.0.0.1", "::1", "::ffff:127.0.0.1"}


@dataclass
class Request:
    method: str
    target: str  # raw request target, e.g. /col/x/index.html;jsessionid=1?a=b
    path: str  # decoded path without query (matrix params kept)
    query: dict[str, list[str]]
    headers: HeaderMessage
    body: bytes
    client: str

    def arg(self, name: str, default: str = "") -> str:
        vals = self.query.get(name)
        return vals[0] if vals else default

    @property
    def form(self) -> dict[str, str]:
        ctype = self.headers.get("Content-Type", "")
        if "application/json" in ctype:
            try:
                data = json.loads(self.body or b"{}")
                return {k: str(v) for k, v in data.items()} if isinstance(data, dict) else {}
            except ValueError:
                return {}
        parsed = parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True)
        return {k: v[0] for k, v in parsed.items()}

    def json(self) -> Any:
        try:
            return json.loads(self.body or b"{}")
        except ValueError:
            return None

    @property
    def cookies(self) -> dict[str, str]:
        c = SimpleCookie()
        try:
            c.load(self.headers.get("Cookie", ""))
        except Exception:  # noqa: BLE001 - a malformed cookie header must not crash the site
            return {}
        return {k: m.value for k, m in c.items()}

    @property
    def user_agent(self) -> str:
        return self.headers.get("User-Agent", "")

    @property
    def is_local(self) -> bool:
        return self.client in LOCAL_CLIENTS


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)

    def set_cookie(self, name: str, value: str, path: str = "/") -> None:
        self.headers.append(("Set-Cookie", f"{name}={value}; Path={path}; HttpOnly; SameSite=Lax"))


def html_response(text: str, status: int = 200, *, encoding: str = "utf-8", declare_in_header: bool = True) -> Response:
    """Encode a page. ``declare_in_header=False`` leaves the charset to the page's <meta> only."""
    body = text.encode(encoding, errors="xmlcharrefreplace")
    ctype = f"text/html; charset={encoding}" if declare_in_header else "text/html"
    return Response(status, body, ctype)


def json_response(data: Any, status: int = 200) -> Response:
    return Response(
        status, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"), "application/json; charset=utf-8"
    )


def redirect(location: str, status: int = 302) -> Response:
    return Response(status, b"", "text/plain", [("Location", location)])


def text_response(text: str, status: int = 200, ctype: str = "text/plain; charset=utf-8") -> Response:
    return Response(status, text.encode("utf-8"), ctype)


class SiteApp:
    """One simulated site.  Subclasses implement :meth:`route`."""

    name = "site"

    def __init__(self, world: World) -> None:
        self.world = world
        self.clock = world.clock
        self.params = world.params
        self._lock = threading.Lock()
        self.requests = 0

    @property
    def base_url(self) -> str:
        return self.world.urls[self.name]

    def handle(self, req: Request) -> Response | None:  # None: drop the connection (a simulated failure)
        with self._lock:
            self.requests += 1
        if req.path.startswith("/_sim/"):
            if not req.is_local:
                return text_response("forbidden", 403)
            return self.sim(req)
        return self.route(req)

    def sim(self, req: Request) -> Response:
        if req.path == "/_sim/clock":
            if req.method == "POST":
                data = req.json() or {}
                if "set" in data:
                    self.clock.set(str(data["set"]))
                if "advance_days" in data or "advance_hours" in data:
                    self.clock.advance(
                        days=float(data.get("advance_days", 0)), hours=float(data.get("advance_hours", 0))
                    )
            return json_response(self.clock.as_dict())
        if req.path == "/_sim/stats":
            return json_response(self.world.stats())
        if req.path == "/_sim/manifest":
            return json_response(self.world.manifest())
        return self.sim_extra(req)

    def sim_extra(self, req: Request) -> Response:
        return text_response("unknown sim endpoint", 404)

    def route(self, req: Request) -> Response | None:  # pragma: no cover - abstract
        raise NotImplementedError

    def stats(self) -> dict[str, Any]:
        return {"requests": self.requests}


class _Handler(BaseHTTPRequestHandler):
    server_version = "nginx"
    sys_version = ""
    protocol_version = "HTTP/1.0"  # one request per connection: no idle keep-alive threads to reap

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)

    def _dispatch(self) -> None:
        app: SiteApp = self.server.app  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        parts = urlsplit(self.path)
        req = Request(
            self.command,
            self.path,
            parts.path or "/",
            parse_qs(parts.query, keep_blank_values=True),
            self.headers,
            body,
            self.client_address[0],
        )
        try:
            resp = app.handle(req)
        except Exception:  # noqa: BLE001 - keep serving; a crash in one page must not take the site down
            log.error("sample site %s: error on %s\n%s", app.name, self.path, traceback.format_exc())
            resp = text_response("500 Internal Server Error", 500)
        if resp is None:  # the app chose to drop the connection (simulated failure)
            self.close_connection = True
            return
        try:
            self.send_response(resp.status)
            self.send_header("Content-Type", resp.content_type)
            self.send_header("Content-Length", str(len(resp.body)))
            for k, v in resp.headers:
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(resp.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (e.g. timed out on a hanging page)

    do_GET = do_POST = do_HEAD = _dispatch


class SimServer(ThreadingHTTPServer):
    request_queue_size = 256
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str, port: int, app: SiteApp) -> None:
        self.app = app
        super().__init__((host, port), _Handler)
