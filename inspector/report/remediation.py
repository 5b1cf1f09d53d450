"""Fix advice per check and failure kind, from ``inspector/data/remediation.toml`` (zh + en).

``advice(finding, lang)`` merges the check's default with its rule's entry: what to do, where, and the
expected form (a format, the code to embed, which column to update).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from inspector.model import Finding
from inspector.report.i18n import pick

DEFAULT = "_default"


@dataclass(frozen=True)
class Advice:
    how: str
    where: str = ""
    expected: str = ""

    def as_text(self, lang: str) -> str:
        """One cell of the 整改清单: what to do, then where and the expected form."""
        parts = [self.how]
        if self.where:
            parts.append(("位置：" if lang == "zh" else "Where: ") + self.where)
        if self.expected:
            parts.append(("应为：" if lang == "zh" else "Expected: ") + self.expected)
        return "\n".join(parts)


@lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    raw = (resources.files("inspector") / "data" / "remediation.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


def entry(check: str, rule: str | None) -> dict[str, str]:
    """The merged entry (check default ← rule); the generic default for an unknown check."""
    data = table()
    base = data.get(check)
    if not isinstance(base, dict):
        return {k: v for k, v in data[DEFAULT].items() if isinstance(v, str)}
    merged = {k: v for k, v in base.items() if isinstance(v, str)}
    specific = base.get(rule or "")
    if isinstance(specific, dict):
        merged.update({k: v for k, v in specific.items() if isinstance(v, str)})
    return merged


def advice(f: Finding, lang: str) -> Advice:
    e = entry(f.check, f.rule)
    return Advice(
        how=pick(e.get("zh"), e.get("en"), lang),
        where=pick(e.get("where_zh"), e.get("where_en"), lang),
        expected=pick(e.get("expected_zh"), e.get("expected_en"), lang),
    )


def known(check: str) -> bool:
    return isinstance(table().get(check), dict) and check != DEFAULT
