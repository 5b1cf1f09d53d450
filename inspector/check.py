"""The check API: a check is metadata plus a pure function of artifacts.

    from inspector.check import Check, CheckContext, NotApplicable
    from inspector.model import Finding, SiteArtifacts

    def run(a: SiteArtifacts, ctx: CheckContext) -> list[Finding]: ...

    CHECK = Check(id="homepage-freshness", title_zh=..., title_en=..., failure_zh=..., failure_en=...,
                  clause="V3", requires=("home", "columns"), run=run)

No network, no browser: everything a check needs is in the artifacts, so a check can be re-run on
stored artifacts. Built-in checks live in the ``checks`` package; third parties register more
through the ``gov_inspector.checks`` entry-point group (the entry point names a Check or a list of them).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from inspector.model import Finding, SiteArtifacts

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "gov_inspector.checks"  # see inspector.hookspecs


class NotApplicable(Exception):
    """Raised by a check that cannot judge (e.g. no message board was found)."""

    def __init__(self, reason_zh: str, reason_en: str):
        super().__init__(reason_en)
        self.reason_zh = reason_zh
        self.reason_en = reason_en


@dataclass
class CheckContext:
    """What a check knows besides the artifacts: the inspection instant and its profile parameters."""

    as_of: datetime
    params: dict[str, Any] = field(default_factory=dict)
    lang: str = "zh"

    @property
    def today(self) -> date:
        return self.as_of.date()

    def param(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)


@dataclass(frozen=True)
class Check:
    id: str
    title_zh: str  # wording when the site passes
    title_en: str
    failure_zh: str  # wording when it fails
    failure_en: str
    clause: str  # the rule it implements, e.g. "国办秘函〔2019〕19号 单项否决 3"
    run: Callable[[SiteArtifacts, CheckContext], list[Finding]]
    requires: tuple[str, ...] = ()  # SiteArtifacts attribute names
    description_zh: str = ""
    description_en: str = ""
    defaults: dict[str, Any] = field(default_factory=dict)  # parameters a profile may override

    def __call__(self, artifacts: SiteArtifacts, ctx: CheckContext) -> list[Finding]:
        params = {**self.defaults, **ctx.params}
        return self.run(artifacts, CheckContext(as_of=ctx.as_of, params=params, lang=ctx.lang))


_registry: dict[str, Check] | None = None


def registry(reload: bool = False) -> dict[str, Check]:
    """All known checks by id: the built-ins plus the ``gov_inspector.checks`` plug-ins (a built-in id wins)."""
    global _registry
    if _registry is not None and not reload:
        return _registry
    import checks as builtin  # always available, even from a source checkout without entry points
    from inspector.hookspecs import CHECKS, _flatten, _objects

    found: dict[str, Check] = {c.id: c for c in _flatten(builtin.BUILTIN_CHECKS, Check)}
    for c in _objects(CHECKS, Check):
        found.setdefault(c.id, c)
    _registry = found
    return found
