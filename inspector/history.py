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


def trend(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Oldest first: score and key figures of each finished audit, for the report's trend lines."""
    out = []
    for r in reversed(rows):
        stats = r.get("stats") or {}
        out.append(
            {
                "as_of": str(r.get("as_of", ""))[:10],
                "score": r.get("score"),
                "verdict": r.get("verdict"),
                "stale_columns": stats.get("stale_columns"),
                "broken_links": stats.get("broken_links"),
                "median_reply_days": stats.get("median_reply_days"),
            }
        )
    return out
