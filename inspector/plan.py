"""Plan files: which sites an inspection team audits, with what overrides and on what schedule.

    profile: cn-gov-2019
    db: sqlite:///inspector.db
    output: reports
    broker: redis://127.0.0.1:6379/0 # optional: programmes and `schedule run` go to Celery workers
    politeness: {per_host_delay_s: 0.5, per_host_concurrency: 2}   # any CrawlSettings field, typed
    schedules:                       # cron expressions per task kind
      availability: "*/30 * * * *"
      audit: "0 2 * * 1"
      probes: "0 9 * * *"
      report: "0 8 * * 1"
    alerts:                          # optional: e-mail and robot webhooks (inspector/alerts)
      email: {host: smtp.example.gov.cn, port: 25, from: inspector@example.gov.cn, to: [team@example.gov.cn]}
      webhooks:
        - {url: https://hooks.example.gov.cn/inspector, format: json}   # json | wecom | dingtalk | feishu
      min_interval_minutes: 60       # per site and kind of alert: a flapping site does not flood
    sites:
      - name: 示例县人民政府
        url: https://www.example.gov.cn/
        agency: 示例县人民政府办公室
        level: county
        columns:                     # column URL or name → type (news, notice, policy, …)
          https://www.example.gov.cn/col/tzgg/: notice
        boards:                      # message boards the crawler may not find by itself
          - {url: https://liuyan.example.gov.cn/, kind: consultation}
        probe: {opt_in: false}

Errors name the file and line of the offending entry and, for a value of the wrong type, the type
expected (``per_host_delay_s: "0.5"`` is refused: a quoted string is not a number). A site URL with
``user:password@`` is split: the plan keeps the URL without them, the credentials stay in memory
(``Plan.credentials``) for the fetcher to send to that host only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from inspector.settings import DEFAULT_DB_URL, DEFAULT_PROFILE
from inspector.strict import describe, field_types, mismatch

COLUMN_TYPES = {
    "news",
    "notice",
    "policy",
    "interpretation",
    "personnel",
    "plan",
    "annual_report",
    "interaction",
    "service",
    "other",
}
BOARD_KINDS = {"consultation", "complaint", "mailbox", "petition", "discipline", "survey", "interview"}
TASK_KINDS = {"availability", "audit", "probes", "report"}


class PlanError(ValueError):
    pass


@dataclass
class SitePlan:
    url: str
    name: str | None = None
    agency: str | None = None
    level: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    boards: list[dict[str, Any]] = field(default_factory=list)
    probe: dict[str, Any] = field(default_factory=dict)
    ignore_robots: bool = False
    max_pages: int | None = None

    def overrides(self) -> dict[str, Any]:
        return {"columns": self.columns, "boards": self.boards, "probe": self.probe, "name": self.name}


@dataclass
class Plan:
    sites: list[SitePlan]
    profile: str = DEFAULT_PROFILE
    db: str = DEFAULT_DB_URL
    output: str = "reports"
    schedules: dict[str, str] = field(default_factory=dict)
    politeness: dict[str, Any] = field(default_factory=dict)
    retention_days: int = 30
    samples_per_day: int = 24
    probe_plan: str | None = None  # path of the probe plan (inspector.probe.plan), relative to this file
    alerts: dict[str, Any] = field(default_factory=dict)  # inspector.alerts.config: e-mail, webhooks, rate limit
    broker: str | None = None  # redis://host:6379/0: `schedule run` and `programme run` hand tasks to workers
    path: str = ""
    credentials: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)  # host[:port] → Basic auth

    def site(self, url: str) -> SitePlan | None:
        for s in self.sites:
            if s.url.rstrip("/") == url.rstrip("/"):
                return s
        return None


def _line(node: yaml.Node | None) -> str:
    return f"line {node.start_mark.line + 1}" if node is not None else "top"


def _find(mapping: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    for k, v in mapping.value:
        if getattr(k, "value", None) == key:
            return v
    return None


def load_plan(path: Path | str) -> Plan:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PlanError(f"cannot read plan {path}: {exc.strerror}") from None
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "?"
        raise PlanError(f"{path}:{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise PlanError(f"{path}: a plan is a mapping with at least `sites:`")
    return parse_plan(data, root, str(path))


def parse_plan(data: dict[str, Any], root: yaml.Node | None = None, where: str = "<plan>") -> Plan:
    def err(node: yaml.Node | None, msg: str) -> PlanError:
        return PlanError(f"{where}:{_line(node)}: {msg}")

    known = {
        "sites",
        "profile",
        "db",
        "output",
        "schedules",
        "politeness",
        "retention_days",
        "samples_per_day",
        "probe_plan",
        "alerts",
        "broker",
    }
    for key in data:
        if key not in known:
            raise err(_find(root, key), f"unknown key {key!r} (known: {', '.join(sorted(known))})")
    for key, hint in _TOP_TYPES.items():
        _typed(err, _find(root, key), key, data.get(key), hint)
    for key in ("retention_days", "samples_per_day"):
        if data.get(key) is not None and data[key] < 1:
            raise err(_find(root, key), f"{key}: expected a whole number of at least 1, got {data[key]}")
    credentials: dict[str, tuple[str, str]] = {}
    raw_sites = data.get("sites")
    sites_node = _find(root, "sites")
    if not isinstance(raw_sites, list) or not raw_sites:
        raise err(sites_node, "`sites:` must be a non-empty list")
    sites = []
    for i, raw in enumerate(raw_sites):
        node = sites_node.value[i] if isinstance(sites_node, yaml.SequenceNode) else None
        if isinstance(raw, str):
            raw = {"url": raw}
        if not isinstance(raw, dict) or "url" not in raw:
            raise err(node, "each site needs a `url:`")
        url = str(raw["url"])
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
            raise err(_find(node, "url") or node, f"not an http(s) URL: {url!r}")
        allowed = set(SitePlan.__dataclass_fields__)
        for key in raw:
            if key not in allowed:
                raise err(_find(node, key) or node, f"unknown site key {key!r} (known: {', '.join(sorted(allowed))})")
        for key, hint in _SITE_TYPES.items():
            _typed(err, _find(node, key) or node, f"sites[{i}].{key}", raw.get(key), hint)
        if raw.get("max_pages") is not None and raw["max_pages"] < 1:
            raise err(
                _find(node, "max_pages") or node, f"sites[{i}].max_pages: expected at least 1, got {raw['max_pages']}"
            )
        from inspector.crawl.credentials import split_credentials

        url, auth = split_credentials(url)
        if auth is not None:
            credentials[urlsplit(url).netloc.lower()] = auth
        raw = {**raw, "url": url}
        for col, ctype in (raw.get("columns") or {}).items():
            if ctype not in COLUMN_TYPES:
                raise err(
                    _find(_find(node, "columns"), col) or node,
                    f"column type {ctype!r} unknown (use {', '.join(sorted(COLUMN_TYPES))})",
                )
        for b in raw.get("boards") or []:
            if not isinstance(b, dict) or "url" not in b or b.get("kind", "consultation") not in BOARD_KINDS:
                raise err(
                    _find(node, "boards") or node,
                    f"boards entries need url and kind in {', '.join(sorted(BOARD_KINDS))}",
                )
        sites.append(SitePlan(**{k: v for k, v in raw.items() if v is not None}))
    politeness = data.get("politeness") or {}
    if politeness:
        from inspector.settings import CrawlSettings

        hints = field_types(CrawlSettings)
        for key, value in politeness.items():
            node = _find(_find(root, "politeness"), key)
            if key not in CrawlSettings.__dataclass_fields__:
                raise err(node, f"unknown politeness setting {key!r} (see inspector/settings.py)")
            _typed(err, node, f"politeness.{key}", value, hints[key])
    schedules = data.get("schedules") or {}
    if schedules:
        from croniter import croniter

        for kind, expr in schedules.items():
            node = _find(_find(root, "schedules"), kind)
            if kind not in TASK_KINDS:
                raise err(node, f"unknown schedule {kind!r} (use {', '.join(sorted(TASK_KINDS))})")
            if not croniter.is_valid(str(expr)):
                raise err(node, f"schedule {kind}: {expr!r} is not a cron expression")
    broker = data.get("broker")
    if broker is not None and not str(broker).startswith(("redis://", "rediss://", "redis+socket://")):
        raise err(_find(root, "broker"), f"broker: {broker!r} is not a Redis URL (redis://host:6379/0)")
    if data.get("alerts") is not None:
        from inspector.alerts.config import AlertConfigError, parse_alerts

        try:
            parse_alerts(data["alerts"])
        except AlertConfigError as exc:
            raise err(_find(root, "alerts"), f"alerts: {exc}") from None
    return Plan(
        sites=sites,
        profile=str(data.get("profile", DEFAULT_PROFILE)),
        db=str(data.get("db", DEFAULT_DB_URL)),
        output=str(data.get("output", "reports")),
        schedules={k: str(v) for k, v in schedules.items()},
        politeness=dict(data.get("politeness") or {}),
        retention_days=int(data.get("retention_days", 30)),
        samples_per_day=int(data.get("samples_per_day", 24)),
        probe_plan=_relative(data.get("probe_plan"), where),
        alerts=dict(data.get("alerts") or {}),
        broker=str(broker) if broker else None,
        path=where,
        credentials=credentials,
    )


_TOP_TYPES: dict[str, Any] = {
    "sites": list[Any],
    "profile": str,
    "db": str,
    "output": str,
    "schedules": dict[str, str],
    "politeness": dict[str, Any],
    "retention_days": int,
    "samples_per_day": int,
    "probe_plan": str,
    "alerts": dict[str, Any],
    "broker": str,
}
_SITE_TYPES: dict[str, Any] = {
    "url": str,
    "name": str,
    "agency": str,
    "level": str,
    "columns": dict[str, str],
    "boards": list[dict[str, Any]],
    "probe": dict[str, Any],
    "ignore_robots": bool,
    "max_pages": int,
}


def _typed(err: Any, node: yaml.Node | None, name: str, value: Any, hint: Any) -> None:
    """Refuse a value of the wrong type (None: the key is absent or empty, defaults apply)."""
    if value is None:
        return
    want = mismatch(value, hint)
    if want:
        raise err(node, f"{name}: expected {want}, got {describe(value)}")


def _relative(value: Any, where: str) -> str | None:
    if not value:
        return None
    p = Path(str(value))
    if not p.is_absolute() and where not in ("<plan>", ""):
        p = Path(where).parent / p
    return str(p)
