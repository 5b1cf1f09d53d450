"""What a reply says and how long it took: shared by the interaction checks and the probe follow-ups.

Wording patterns are data (inspector/data/brush_off.toml, rules §7). Latency classes follow the
profile's ``[checks.reply-latency]`` parameters (``LatencyRule``): on time (≤ SLA working days),
late (> SLA), overdue (> factor × SLA), long overdue (> long_overdue_days calendar days).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

BRUSH_OFF = Path(__file__).resolve().parents[1] / "data" / "brush_off.toml"


@lru_cache(maxsize=1)
def reply_patterns() -> dict[str, Any]:
    return tomllib.loads(BRUSH_OFF.read_text(encoding="utf-8"))


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def has_outcome(reply: str) -> bool:
    text = compact(reply)
    return any(re.search(p, text) for p in reply_patterns()["outcome"]["patterns"])


def wording(reply: str) -> str | None:
    """The boilerplate rule a reply matches ("refer_elsewhere" | "forwarded_wait"), or None."""
    p = reply_patterns()
    text = compact(reply)
    if any(re.search(x, text) for x in p["refer_elsewhere"]["patterns"]) and not re.search(
        p["refer_elsewhere"]["names_unit"], text
    ):
        return "refer_elsewhere"
    if all(re.search(x, text) for x in p["forwarded_wait"]["all_of"]) and not has_outcome(reply):
        return "forwarded_wait"
    return None


def forwarded_only(reply: str) -> bool:
    """The reply only says the message was forwarded: no handling result."""
    text = compact(reply)
    return any(re.search(p, text) for p in reply_patterns()["forwarded_only"]["patterns"]) and not has_outcome(reply)


@dataclass(frozen=True)
class LatencyRule:
    """The latency classes of the profile's reply-latency check (its defaults are these)."""

    sla_working_days: int = 10  # local, not national (rules §7)
    overdue_factor: float = 2
    long_overdue_days: int = 90  # calendar days

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> LatencyRule:
        d = cls()
        return cls(
            int(params.get("sla_working_days", d.sla_working_days)),
            float(params.get("overdue_factor", d.overdue_factor)),
            int(params.get("long_overdue_days", d.long_overdue_days)),
        )

    def params(self) -> dict[str, Any]:
        return {
            "sla_working_days": self.sla_working_days,
            "overdue_factor": self.overdue_factor,
            "long_overdue_days": self.long_overdue_days,
        }

    def classify(self, working_days: int, calendar_days: int) -> str:
        return classify(working_days, calendar_days, self.sla_working_days, self.overdue_factor, self.long_overdue_days)


def classify(working_days: int, calendar_days: int, sla: int, factor: float, long_days: int) -> str:
    if calendar_days > long_days:
        return "long_overdue"
    if working_days > factor * sla:
        return "overdue"
    if working_days > sla:
        return "late"
    return "on_time"
