"""The plan's ``alerts:`` section: where alerts go (SMTP, robot webhooks), which events, how often.

alerts:
  email:
    host: smtp.example.gov.cn
    port: 25                      # 465 with ssl: true; 587 with starttls: true
    from: inspector@example.gov.cn
    to: [team@example.gov.cn]
    username: inspector           # optional; the password is read from the environment variable
    password_env: SMTP_PASSWORD   # named here, never written in the plan
  webhooks:
    - {url: https://hooks.example.gov.cn/inspector, format: json}
    - {url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…", format: wecom}
    - {url: "https://oapi.dingtalk.com/robot/send?access_token=…", format: dingtalk, secret_env: DING_SECRET}
    - {url: "https://open.feishu.cn/open-apis/bot/v2/hook/…", format: feishu, secret_env: FEISHU_SECRET}
  events: [site_down, site_up, new_veto, probe_overdue]   # default: all four
  min_interval_minutes: 60        # per site and kind: a flapping site sends one alert an hour at most
  down_after: 2                   # consecutive failed samples before "site down"
  lang: zh                        # zh | en
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

EVENTS = ("site_down", "site_up", "new_veto", "probe_overdue")
FORMATS = ("json", "wecom", "dingtalk", "feishu")


class AlertConfigError(ValueError):
    """The ``alerts:`` section cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class EmailConfig:
    host: str
    sender: str
    to: tuple[str, ...]
    port: int = 25
    ssl: bool = False
    starttls: bool = False
    username: str | None = None
    password_env: str | None = None
    timeout_s: float = 10.0


@dataclass(frozen=True)
class WebhookConfig:
    url: str
    format: str = "json"
    secret_env: str | None = None  # DingTalk / Feishu signing secret, read from this environment variable
    timeout_s: float = 10.0


@dataclass(frozen=True)
class AlertConfig:
    email: EmailConfig | None = None
    webhooks: tuple[WebhookConfig, ...] = ()
    events: frozenset[str] = field(default_factory=lambda: frozenset(EVENTS))
    min_interval_minutes: float = 60.0
    down_after: int = 2
    lang: str = "zh"

    @property
    def channels(self) -> int:
        return (1 if self.email else 0) + len(self.webhooks)


def _keys(raw: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = set(raw) - allowed
    if unknown:
        raise AlertConfigError(
            f"{where}: unknown key(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(allowed))})"
        )


def _http_url(url: Any, where: str) -> str:
    parts = urlsplit(str(url))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise AlertConfigError(f"{where}: not an http(s) URL: {url!r}")
    return str(url)


def _email(raw: Any) -> EmailConfig:
    if not isinstance(raw, dict):
        raise AlertConfigError("email: a mapping with host, from and to")
    _keys(raw, {"host", "port", "from", "to", "ssl", "starttls", "username", "password_env", "timeout_s"}, "email")
    for need in ("host", "from", "to"):
        if not raw.get(need):
            raise AlertConfigError(f"email: `{need}:` is required")
    to = raw["to"]
    recipients = tuple(str(x) for x in (to if isinstance(to, list) else [to]))
    if not all("@" in r for r in recipients) or "@" not in str(raw["from"]):
        raise AlertConfigError("email: `from` and every `to` must be e-mail addresses")
    try:
        port = int(raw.get("port", 465 if raw.get("ssl") else 25))
        timeout = float(raw.get("timeout_s", 10.0))
    except (TypeError, ValueError):
        raise AlertConfigError("email: port and timeout_s must be numbers") from None
    return EmailConfig(
        host=str(raw["host"]),
        sender=str(raw["from"]),
        to=recipients,
        port=port,
        ssl=bool(raw.get("ssl", False)),
        starttls=bool(raw.get("starttls", False)),
        username=str(raw["username"]) if raw.get("username") else None,
        password_env=str(raw["password_env"]) if raw.get("password_env") else None,
        timeout_s=timeout,
    )


def _webhook(raw: Any, i: int) -> WebhookConfig:
    where = f"webhooks[{i}]"
    if isinstance(raw, str):
        raw = {"url": raw}
    if not isinstance(raw, dict) or "url" not in raw:
        raise AlertConfigError(f"{where}: needs a `url:`")
    _keys(raw, {"url", "format", "secret_env", "timeout_s"}, where)
    fmt = str(raw.get("format", "json")).lower()
    if fmt not in FORMATS:
        raise AlertConfigError(f"{where}: format {fmt!r} unknown (use {', '.join(FORMATS)})")
    try:
        timeout = float(raw.get("timeout_s", 10.0))
    except (TypeError, ValueError):
        raise AlertConfigError(f"{where}: timeout_s must be a number") from None
    return WebhookConfig(
        url=_http_url(raw["url"], where),
        format=fmt,
        secret_env=str(raw["secret_env"]) if raw.get("secret_env") else None,
        timeout_s=timeout,
    )


def parse_alerts(raw: Any) -> AlertConfig:
    """The ``alerts:`` mapping of a plan → AlertConfig; AlertConfigError says what is wrong."""
    if raw is None or raw == {}:
        return AlertConfig()
    if not isinstance(raw, dict):
        raise AlertConfigError("a mapping with email and/or webhooks")
    _keys(raw, {"email", "webhooks", "events", "min_interval_minutes", "down_after", "lang"}, "alerts")
    hooks = raw.get("webhooks") or []
    if not isinstance(hooks, list):
        raise AlertConfigError("webhooks: a list of {url, format}")
    events = raw.get("events", list(EVENTS))
    if not isinstance(events, list) or any(e not in EVENTS for e in events):
        raise AlertConfigError(f"events: a list of {', '.join(EVENTS)}")
    lang = str(raw.get("lang", "zh"))
    if lang not in ("zh", "en"):
        raise AlertConfigError("lang: zh or en")
    try:
        interval = float(raw.get("min_interval_minutes", 60))
        down_after = int(raw.get("down_after", 2))
    except (TypeError, ValueError):
        raise AlertConfigError("min_interval_minutes and down_after must be numbers") from None
    if interval < 0 or down_after < 1:
        raise AlertConfigError("min_interval_minutes must be ≥ 0 and down_after ≥ 1")
    return AlertConfig(
        email=_email(raw["email"]) if raw.get("email") else None,
        webhooks=tuple(_webhook(h, i) for i, h in enumerate(hooks)),
        events=frozenset(events),
        min_interval_minutes=interval,
        down_after=down_after,
        lang=lang,
    )
