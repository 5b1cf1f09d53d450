"""What changed since the previous audit of a site: new, fixed and still-open findings, and trends."""

from __future__ import annotations

from typing import Any

from inspector.model import Finding, Verdict, from_jsonable


def finding_key(f: dict[str, Any] | Finding) -> str:
    """``Finding.key`` for a finding object or one read back from stored JSON."""
    return (f if isinstance(f, Finding) else from_jsonable(Finding, f)).key


def compare(previous: dict[str, Any] | None, current: Verdict) -> dict[str, Any]:
    """Counted findings (level fail) only: information does not make a finding 'new'."""
    now = {f.key: f for f in current.findings if f.level == "fail"}
    if previous is None:
        return {"baseline": None, "new": [], "fixed": [], "open": sorted(now)}
    before = {finding_key(f): f for f in previous.get("findings", []) if f.get("level", "fail") == "fail"}
    return {
        "baseline": previous.get("run", {}).get("as_of") or previous.get("as_of"),
        "new": sorted(k for k in now if k not in before),
        "fixed": sorted(k for k in before if k not in now),
        "open": sorted(k for k in now if k in before),
        "fixed_findings": [before[k] for k in sorted(before) if k not in now][:200],
    }


# The key figures (Verdict.stats) the report draws over time, besides the score: listed once, here.
TREND_KEYS = ("stale_columns", "broken_links", "median_reply_days")


def trend_point(as_of: Any, score: Any, verdict: Any, stats: dict[str, Any] | None) -> dict[str, Any]:
    stats = stats or {}
    return {"as_of": str(as_of or "")[:10], "score": score, "verdict": verdict, **{k: stats.get(k) for k in TREND_KEYS}}


def trend(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Oldest first: score and key figures of each finished audit, for the report's trend lines."""
    return [trend_point(r.get("as_of"), r.get("score"), r.get("verdict"), r.get("stats")) for r in reversed(rows)]
