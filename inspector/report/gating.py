"""CI gating: turn verdicts into a pass/fail exit decision (``--fail-on veto|score:<N>|new``).

Criteria combine with OR: the gate fails when any criterion fails for any site. A site that could
not be inspected fails every gate — a release must not pass because its staging site was down.
``new`` fails only on defects whose ``Finding.key`` is absent from the baseline (a previous run's
JSON), so a team can adopt the gate on a site with known, accepted problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from inspector.model import Finding, Verdict
from inspector.report.json_out import batch_from_json


class GateError(ValueError):
    """A --fail-on criterion or baseline that cannot be used; the message says why."""


@dataclass
class GateResult:
    failed: bool
    reasons: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def parse_fail_on(criteria: list[str]) -> list[tuple[str, float | None]]:
    """``["veto", "score:60", "new"]`` → ``[("veto", None), ("score", 60.0), ("new", None)]``."""
    parsed: list[tuple[str, float | None]] = []
    for raw in criteria:
        for part in str(raw).split(","):  # "--fail-on veto,score:60" works too
            c = part.strip().lower()
            if not c:
                continue
            if c in ("veto", "new"):
                parsed.append((c, None))
            elif c.startswith("score:"):
                try:
                    parsed.append(("score", float(c.split(":", 1)[1])))
                except ValueError:
                    raise GateError(f"--fail-on {part!r}: the score must be a number, e.g. score:60") from None
            else:
                raise GateError(f"--fail-on {part!r}: use veto, score:<N> or new")
    return parsed


def counted(f: Finding) -> bool:
    """A defect the site is answerable for; info-level observations (e.g. suspected links) never gate."""
    return f.level == "fail"


def baseline_keys(baseline: dict[str, Any]) -> dict[str, set[str]]:
    """Finding keys per site from a previous run's verdict or batch JSON."""
    try:
        verdicts = batch_from_json(baseline)
    except ValueError as exc:
        raise GateError(f"--baseline: {exc}") from None
    return {v.site: {f.key for f in v.findings if counted(f)} for v in verdicts}


def _keys_for(site: str, known: dict[str, set[str]], single_site_run: bool) -> set[str] | None:
    if site in known:
        return known[site]
    # One site against a one-site baseline: pair them even if the start URL changed (staging host).
    if single_site_run and len(known) == 1:
        return next(iter(known.values()))
    return None


def gate(verdicts: list[Verdict], fail_on: list[str], baseline: dict[str, Any] | None) -> GateResult:
    criteria = parse_fail_on(fail_on)
    if any(c == "new" for c, _ in criteria) and baseline is None:
        raise GateError("--fail-on new needs --baseline previous.json (a JSON report of an earlier run)")
    known = baseline_keys(baseline) if baseline is not None else {}
    reasons: list[str] = []
    for v in verdicts:
        if not criteria:
            break
        if v.verdict == "not_inspected":
            reasons.append(f"{v.site}: not inspected ({v.not_inspected_reason or 'unknown reason'})")
            continue
        for kind, threshold in criteria:
            if kind == "veto" and v.vetoes:
                items = sorted({f.item or f.check for f in v.vetoes})
                reasons.append(f"{v.site}: {len(v.vetoes)} veto finding(s) ({', '.join(items)})")
            elif kind == "score" and threshold is not None and (v.score is None or v.score < threshold):
                reasons.append(f"{v.site}: score {v.score} below {threshold:g}")
            elif kind == "new":
                before = _keys_for(v.site, known, len(verdicts) == 1)
                new = [f for f in v.findings if counted(f) and f.key not in (before or set())]
                if new and before is None:
                    reasons.append(f"{v.site}: not in the baseline, so all its findings count as new")
                for f in new:
                    reasons.append(f"{v.site}: new finding {f.key} — {f.message_en}")
    return GateResult(failed=bool(reasons), reasons=reasons)
