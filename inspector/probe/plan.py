"""The probe plan: which channel of which site may be probed, by whom, about what, how often.

TOML or YAML, e.g.::

    [team]
    name = "某省政务公开办网站检查组"
    contact_name = "张检查"
    phone = "010-12345678"
    email = "inspect@example.gov.cn"

    [[sites]]
    site = "http://127.0.0.1:8001/"
    channel_url = "http://127.0.0.1:8001/mailbox/write"
    list_url = "http://127.0.0.1:8001/mailbox/"          # public list (disclosure, token search)
    lookup_url = "http://127.0.0.1:8001/mailbox/query?code={code}"   # tracking-code lookup
    search_url = "http://127.0.0.1:8001/mailbox/search?q={q}"        # token search
    kind = "mailbox"
    opt_in = true                  # the site's owner agreed to be probed; nothing is sent otherwise
    max_per_day = 1                # rate limit per site
    sla_working_days = 10

    [[topics]]
    title = "咨询网站留言答复时限"
    body = "请问……"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspector.probe.text import DEFAULT_TOPICS


class PlanError(ValueError):
    """The plan file is missing, unreadable or incomplete: the message says what to fix."""


@dataclass(frozen=True)
class Team:
    name: str
    contact_name: str = ""
    phone: str = ""
    email: str = ""

    @property
    def contact(self) -> str:
        return " ".join(x for x in (self.contact_name, self.phone, self.email) if x)


@dataclass(frozen=True)
class Topic:
    title: str
    body: str


@dataclass(frozen=True)
class ProbeTarget:
    site: str
    channel_url: str
    kind: str = "mailbox"
    list_url: str | None = None
    lookup_url: str | None = None  # with "{code}" for the tracking code
    search_url: str | None = None  # with "{q}": the board's own search, used to find the probe token
    opt_in: bool = False
    max_per_day: int = 1
    sla_working_days: int = 10
    fields: dict[str, str] = field(default_factory=dict)  # fixed form values (category selects …)


@dataclass(frozen=True)
class ProbePlan:
    team: Team
    targets: list[ProbeTarget]
    topics: list[Topic]
    source: str = ""


def _load(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PlanError(f"cannot read probe plan {path}: {exc.strerror}") from None
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(text)
        else:
            data = tomllib.loads(text)
    except Exception as exc:  # noqa: BLE001 — any parser error becomes one clear message
        raise PlanError(f"probe plan {path} is not valid {path.suffix.lstrip('.') or 'TOML'}: {exc}") from None
    if not isinstance(data, dict):
        raise PlanError(f"probe plan {path}: expected a table/mapping at the top")
    return data


def plan_from_dict(data: dict[str, Any], source: str = "") -> ProbePlan:
    team = data.get("team") or {}
    if not team.get("name"):
        raise PlanError(f"{source or 'probe plan'}: [team] name is required (the probe names its sender)")
    if not (team.get("phone") or team.get("email")):
        raise PlanError(f"{source or 'probe plan'}: [team] needs a phone or email so the site can reach the team")
    targets = []
    for i, s in enumerate(data.get("sites") or []):
        if not s.get("site") or not s.get("channel_url"):
            raise PlanError(f"{source or 'probe plan'}: sites[{i}] needs site and channel_url")
        known = {f for f in ProbeTarget.__dataclass_fields__}
        unknown = set(s) - known
        if unknown:
            raise PlanError(f"{source or 'probe plan'}: sites[{i}] has unknown keys {sorted(unknown)}")
        targets.append(ProbeTarget(**s))
    topics = [Topic(t["title"], t["body"]) for t in data.get("topics") or []] or [Topic(*t) for t in DEFAULT_TOPICS]
    return ProbePlan(
        Team(**{k: str(v) for k, v in team.items() if k in Team.__dataclass_fields__}), targets, topics, source
    )


def load_plan(path: str | Path) -> ProbePlan:
    p = Path(path)
    return plan_from_dict(_load(p), str(p))
