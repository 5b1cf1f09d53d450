"""Delivering an alert: e-mail over SMTP and robot webhooks (plain JSON, WeCom, DingTalk, Feishu).

These talk to the inspection team's own receivers, never to an audited site, so they do not go
through the crawler. Each delivery is bounded by its timeout and never raises: a broken mail server
must not fail the scheduled task that noticed the event.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import os
import smtplib
import ssl
import time
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any
from urllib.parse import quote

import httpx

from inspector.alerts.config import EmailConfig, WebhookConfig
from inspector.alerts.message import Alert


def _send_mail(cfg: EmailConfig, alert: Alert, lang: str) -> None:
    msg = EmailMessage()
    msg["Subject"] = alert.title(lang)
    msg["From"] = cfg.sender
    msg["To"] = ", ".join(cfg.to)
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=cfg.sender.split("@", 1)[1])
    msg.set_content(alert.text(lang), charset="utf-8")
    password = os.environ.get(cfg.password_env, "") if cfg.password_env else ""
    smtp_cls = smtplib.SMTP_SSL if cfg.ssl else smtplib.SMTP
    with smtp_cls(cfg.host, cfg.port, timeout=cfg.timeout_s) as smtp:
        if cfg.starttls and not cfg.ssl:
            smtp.starttls(context=ssl.create_default_context())
        if cfg.username:
            smtp.login(cfg.username, password)
        smtp.send_message(msg)


async def send_email(cfg: EmailConfig, alert: Alert, lang: str) -> tuple[bool, str]:
    try:
        await asyncio.wait_for(asyncio.to_thread(_send_mail, cfg, alert, lang), timeout=cfg.timeout_s * 3)
    except (OSError, smtplib.SMTPException, TimeoutError) as exc:
        return False, f"smtp {cfg.host}:{cfg.port}: {type(exc).__name__}: {exc}"[:300]
    return True, f"smtp {cfg.host}:{cfg.port} → {len(cfg.to)} recipient(s)"


def _dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    # DingTalk robots: HMAC-SHA256 of "timestamp\nsecret" keyed by the secret, Base64, URL-encoded.
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return quote(base64.b64encode(digest).decode())


def _feishu_sign(secret: str, timestamp_s: int) -> str:
    # Feishu robots: HMAC-SHA256 keyed by "timestamp\nsecret" over an empty message, Base64.
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def payload(cfg: WebhookConfig, alert: Alert, lang: str, *, now: float | None = None) -> tuple[str, dict[str, Any]]:
    """(URL, JSON body) in the receiver's own format."""
    secret = os.environ.get(cfg.secret_env, "") if cfg.secret_env else ""
    text = alert.text(lang)
    url = cfg.url
    now = time.time() if now is None else now
    if cfg.format == "wecom":
        return url, {"msgtype": "text", "text": {"content": text}}
    if cfg.format == "dingtalk":
        if secret:
            ts = int(now * 1000)
            url += ("&" if "?" in url else "?") + f"timestamp={ts}&sign={_dingtalk_sign(secret, ts)}"
        return url, {"msgtype": "text", "text": {"content": text}}
    if cfg.format == "feishu":
        body: dict[str, Any] = {"msg_type": "text", "content": {"text": text}}
        if secret:
            ts = int(now)
            body.update(timestamp=str(ts), sign=_feishu_sign(secret, ts))
        return url, body
    return url, alert.as_json(lang)


def _accepted(cfg: WebhookConfig, response: httpx.Response) -> tuple[bool, str]:
    if response.status_code >= 400:
        return False, f"HTTP {response.status_code}"
    if cfg.format == "json":
        return True, f"HTTP {response.status_code}"
    try:  # the robots answer 200 with an error code in the body
        data = response.json()
    except ValueError:
        return True, f"HTTP {response.status_code}"
    code = data.get("errcode", data.get("code", data.get("StatusCode", 0))) if isinstance(data, dict) else 0
    if code not in (0, "0", None):
        return False, f"robot refused: {str(data)[:200]}"
    return True, f"HTTP {response.status_code}"


async def send_webhook(cfg: WebhookConfig, alert: Alert, lang: str) -> tuple[bool, str]:
    url, body = payload(cfg, alert, lang)
    host = httpx.URL(cfg.url).host
    try:
        async with httpx.AsyncClient(timeout=cfg.timeout_s, trust_env=False, follow_redirects=False) as client:
            response = await client.post(url, json=body, headers={"User-Agent": "gov-inspector-alerts"})
    except httpx.HTTPError as exc:
        return False, f"{cfg.format} {host}: {type(exc).__name__}: {exc}"[:300]
    ok, why = _accepted(cfg, response)
    return ok, f"{cfg.format} {host}: {why}"
