"""The failure taxonomy: what went wrong when fetching, named the way an inspection report needs.

A site whose home page fails with one of ``SITE_FAILURES`` is "not inspected" (无法检查) with the
class as the reason — never a content failure.
"""

from __future__ import annotations

import asyncio
import errno
import socket
import ssl

import httpx

DNS = "dns"
CONNECT = "connect"  # refused or reset
TLS = "tls"
TIMEOUT = "timeout"
TOO_MANY_REDIRECTS = "too_many_redirects"  # including loops
HTTP_5XX = "http_5xx"
HTTP_4XX = "http_4xx"
BLOCKED = "blocked"  # firewall / WAF page
TOO_LARGE = "too_large"
NOT_HTML = "not_html"
ROBOTS = "robots"  # disallowed by robots.txt: not fetched
BAD_URL = "bad_url"
PRIVATE_ADDRESS = "private_address"  # an internal address the network policy refused (inspector.crawl.netpolicy)
NOT_FINISHED = "not_finished"  # the audit's wall-clock limit was reached
OTHER = "other"

SITE_FAILURES = (DNS, CONNECT, TLS, TIMEOUT, TOO_MANY_REDIRECTS, HTTP_5XX, BLOCKED, ROBOTS, BAD_URL, PRIVATE_ADDRESS)

ERROR_ZH = {
    DNS: "域名解析失败",
    CONNECT: "连接被拒绝或重置",
    TLS: "HTTPS证书或TLS握手错误",
    TIMEOUT: "访问超时",
    TOO_MANY_REDIRECTS: "重定向过多或循环重定向",
    HTTP_5XX: "服务器错误（5xx）",
    HTTP_4XX: "请求错误（4xx）",
    BLOCKED: "被防火墙拦截",
    TOO_LARGE: "页面过大",
    NOT_HTML: "非网页内容",
    ROBOTS: "robots.txt 禁止抓取",
    BAD_URL: "网址无效",
    PRIVATE_ADDRESS: "指向内网地址，未访问",
    NOT_FINISHED: "检查未完成：达到时间上限",
    OTHER: "其他错误",
}


# Pages served by Chinese and international web application firewalls when they refuse a client.
WAF_MARKERS = (
    "安全狗",
    "云锁",
    "网站防火墙",
    "Web应用防火墙",
    "web应用防火墙",
    "您的访问被拦截",
    "访问被拦截",
    "访问已被拦截",
    "请求已被拦截",
    "访问被阻断",
    "您的请求带有不合法参数",
    "非法请求",
    "创宇盾",
    "知道创宇",
    "安恒",
    "玄武盾",
    "360网站卫士",
    "阿里云盾",
    "腾讯云WAF",
    "Access Denied",
    "Request blocked",
    "Request Rejected",
    "The requested URL was rejected",
    "Attention Required! | Cloudflare",
    "Sorry, you have been blocked",
)

SOFT404_MARKERS = (
    "页面不存在",
    "页面未找到",
    "找不到页面",
    "找不到该页面",
    "您访问的页面不存在",
    "您所访问的页面不存在",
    "该页面已被删除",
    "页面已删除",
    "信息不存在",
    "文章不存在",
    "内容不存在",
    "网页不存在",
    "页面找不到",
    "404 Not Found",
    "Page Not Found",
    "Page not found",
    "404错误",
    "错误404",
    "HTTP 404",
)


def looks_blocked(status: int | None, title: str, text: str) -> bool:
    """A firewall page: a refusal status (or a tiny 200) carrying a WAF vendor's wording."""
    sample = f"{title}\n{text[:4000]}"
    if not any(m in sample for m in WAF_MARKERS):
        return False
    return status in (403, 405, 406, 412, 418, 429, 444, 493, 501, 503) or len(text) < 3000


def looks_soft404(title: str, visible_text: str) -> bool:
    """A 200 page that says the page does not exist: in its title, or as nearly all it says."""
    if any(m in title for m in SOFT404_MARKERS) or title.strip().startswith("404"):
        return True
    return len(visible_text) < 1500 and any(m in visible_text for m in SOFT404_MARKERS)


def classify_exception(exc: BaseException) -> tuple[str, str]:
    """(failure class, one-line detail) for an exception raised while fetching."""
    from inspector.crawl.netpolicy import blocked_in

    blocked = blocked_in(exc)
    if blocked is not None:
        return PRIVATE_ADDRESS, str(blocked)[:300]
    detail = f"{type(exc).__name__}: {exc}".strip()[:300]
    if isinstance(exc, httpx.TimeoutException | TimeoutError):
        return TIMEOUT, detail
    if isinstance(exc, httpx.TooManyRedirects):
        return TOO_MANY_REDIRECTS, detail
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return BAD_URL, detail
    # httpx wraps the OS error; walk the cause chain to find what really happened.
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError | ssl.CertificateError):
            return TLS, detail
        if isinstance(seen, socket.gaierror):
            return DNS, detail
        if isinstance(seen, ConnectionRefusedError | ConnectionResetError | BrokenPipeError):
            return CONNECT, detail
        if isinstance(seen, OSError) and seen.errno in (
            errno.ECONNREFUSED,
            errno.ECONNRESET,
            errno.EHOSTUNREACH,
            errno.ENETUNREACH,
            errno.ECONNABORTED,
        ):
            return CONNECT, detail
        seen = seen.__cause__ or seen.__context__
    text = str(exc).lower()
    if any(
        w in text
        for w in (
            "name or service not known",
            "nodename nor servname",
            "getaddrinfo",
            "temporary failure in name resolution",
            "no address associated",
        )
    ):
        return DNS, detail
    if any(w in text for w in ("ssl", "tls", "certificate", "wrong version number")):
        return TLS, detail
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError | httpx.ConnectError):
        # "Server disconnected without sending a response": the socket was closed on us.
        return CONNECT, detail
    return OTHER, detail


_BROWSER_ERRORS = (
    ("ERR_NAME_NOT_RESOLVED", DNS),
    ("ERR_NAME_RESOLUTION_FAILED", DNS),
    ("ERR_CONNECTION_REFUSED", CONNECT),
    ("ERR_CONNECTION_RESET", CONNECT),
    ("ERR_EMPTY_RESPONSE", CONNECT),
    ("ERR_CONNECTION_CLOSED", CONNECT),
    ("ERR_ADDRESS_UNREACHABLE", CONNECT),
    ("ERR_CERT", TLS),
    ("ERR_SSL", TLS),
    ("SSL_PROTOCOL", TLS),
    ("ERR_TOO_MANY_REDIRECTS", TOO_MANY_REDIRECTS),
    ("ERR_TIMED_OUT", TIMEOUT),
    ("Timeout", TIMEOUT),
)


def classify_browser_error(exc: BaseException) -> tuple[str, str]:
    """Playwright reports Chromium's net::ERR_* codes in the message."""
    text = str(exc)
    detail = text.splitlines()[0][:300] if text else type(exc).__name__
    for marker, kind in _BROWSER_ERRORS:
        if marker in text:
            return kind, detail
    if isinstance(exc, TimeoutError | asyncio.TimeoutError):
        return TIMEOUT, detail
    return OTHER, detail
