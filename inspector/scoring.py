"""Scoring: findings + profile → verdict, explaining every point taken.

The 2019 model (rules §2.1): any veto ⇒ 不合格; otherwise score = 100 − Σ deductions, each
indicator capped at its points; score < 60 ⇒ 不合格; bonus counted only when score > 80.
A site that could not be inspected gets ``not_inspected``, never a content failure.

Certainty (issue 14, docs/certainty.md): a check says how sure it is of each finding.
- Only a **certain** finding vetoes. A veto-strength finding that is likely or possible becomes
  **待人工复核 / needs review** (severity ``review``): listed first in the report, not scored, until a
  person confirms it (it then vetoes) or dismisses it (it is then information, with the reason).
- A deduction or bonus counts when it is certain or likely; a possible one is information.
- A count threshold (``min_count``: 5 stale columns …) is met by certain findings alone for a veto;
  when only certain + uncertain reach it, every finding of the item needs review.
- A dismissal remembered from an earlier audit (same site, same finding key) keeps a later finding
  out of the score as "dismissed earlier" — unless the later finding is certain and its evidence
  changed (``fingerprint``), so a new defect on the same page is never hidden by an old decision.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from inspector.model import Finding, ItemScore, NotJudged, Verdict, VerdictValue
from inspector.profile import Profile, ProfileItem

DecisionState = Literal["confirmed", "dismissed"]


@dataclass(frozen=True)
class Decision:
    """A person's decision on a finding key (stored by ``inspector.store.reviews``)."""

    key: str
    state: DecisionState
    by: str
    at: str  # ISO datetime, China Standard Time
    why: str = ""
    audit_id: int | None = None
    fingerprint: str = ""  # of the finding decided on (see ``fingerprint``)
    earlier: bool = False  # True: remembered from an earlier audit of the same site


def fingerprint(f: Finding) -> str:
    """What the finding says, hashed: a remembered dismissal does not cover changed certain evidence."""
    raw = "|".join([f.check, f.rule or "", f.url or "", f.message_zh or f.message_en])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def apply_decisions(findings: list[Finding], decisions: Mapping[str, Decision] | None) -> None:
    """Attach each applicable decision to its findings as ``Finding.review``."""
    if not decisions:
        return
    for f in findings:
        d = decisions.get(f.key)
        if d is None:
            continue
        if d.earlier:
            if d.state != "dismissed":
                continue  # only dismissals are remembered across audits
            if f.certainty == "certain" and d.fingerprint and d.fingerprint != fingerprint(f):
                continue  # a certain finding whose evidence changed is judged afresh
            state = "dismissed_earlier"
        else:
            state = d.state
        f.review = {"state": state, "by": d.by, "at": d.at, "why": d.why, "audit_id": d.audit_id}


def _dismissed(f: Finding) -> bool:
    return f.review is not None and f.review.get("state") in ("dismissed", "dismissed_earlier")


def _certain(f: Finding) -> bool:
    return f.certainty == "certain" or bool(f.review and f.review.get("state") == "confirmed")


def score(
    site: str,
    findings: list[Finding],
    profile: Profile,
    as_of: str,
    *,
    not_judged: list[NotJudged] | None = None,
    not_inspected: str | None = None,
    decisions: Mapping[str, Decision] | None = None,
) -> Verdict:
    not_judged = list(not_judged or [])
    if not_inspected:
        return Verdict(
            site=site,
            verdict="not_inspected",
            score=None,
            profile=profile.id,
            as_of=as_of,
            findings=[_as_info(f) for f in findings],
            not_judged=not_judged,
            not_inspected_reason=not_inspected,
        )
    apply_decisions(findings, decisions)

    by_item: dict[str, list[Finding]] = defaultdict(list)
    items: dict[str, ProfileItem] = {}
    for f in findings:
        item = profile.item_for(f.check, f.rule) if f.level == "fail" else None
        if item is None:
            _as_info(f)
            continue
        f.item, f.clause, f.official = item.id, item.clause, item.official
        if _dismissed(f):
            _as_info(f)  # a person said it is not a defect: shown with the reason, never counted
            continue
        by_item[item.id].append(f)
        items[item.id] = item

    scores: list[ItemScore] = []
    deducted = 0.0
    bonus = 0.0
    for item_id, group in by_item.items():
        item = items[item_id]
        if item.severity == "veto":
            counted = _veto_group(group, item)
        elif item.severity in ("deduction", "bonus"):
            counted = _points_group(group, item)
        else:
            counted = []
            for f in group:
                _as_info(f)
        if not counted:
            continue
        raw = item.points * len(counted)
        capped = min(raw, item.cap) if item.cap is not None else raw
        scores.append(
            ItemScore(
                item=item.id,
                title_zh=item.title_zh,
                title_en=item.title_en,
                clause=item.clause,
                severity=item.severity,
                points=capped if item.severity in ("deduction", "bonus") else 0.0,
                raw_points=raw if item.severity in ("deduction", "bonus") else 0.0,
                cap=item.cap,
                official=item.official,
                findings=len(counted),
            )
        )
        if item.severity == "deduction":
            deducted += capped
        elif item.severity == "bonus":
            bonus += capped

    order = {"review": 0, "veto": 1, "deduction": 2, "bonus": 3, "info": 4}
    findings = sorted(findings, key=lambda f: (order.get(f.severity, 9), -f.points, f.check))
    scores.sort(key=lambda s: (order.get(s.severity, 9), -s.points))
    value = max(profile.base_score - deducted, 0.0)
    bonus = min(bonus, profile.bonus_max)
    final = value + bonus if value > profile.bonus_above else value
    has_veto = any(s.severity == "veto" for s in scores)
    verdict: VerdictValue = "fail" if has_veto or value < profile.pass_line else "pass"
    return Verdict(
        site=site,
        verdict=verdict,
        score=round(final, 2),
        profile=profile.id,
        as_of=as_of,
        findings=findings,
        items=scores,
        not_judged=not_judged,
        bonus=round(bonus if value > profile.bonus_above else 0.0, 2),
    )


def _veto_group(group: list[Finding], item: ProfileItem) -> list[Finding]:
    """Certain findings veto; the others of the item need review. Returns the vetoing findings."""
    sure = [f for f in group if _certain(f)]
    unsure = [f for f in group if not _certain(f)]
    if len(sure) >= item.min_count:
        for f in sure:
            f.severity, f.points = "veto", 0.0
        for f in unsure:
            f.severity, f.points = "review", 0.0
        return sure
    if len(group) >= item.min_count:
        # The threshold is reached only with uncertain findings: the whole item waits for a person.
        for f in group:
            f.severity, f.points = "review", 0.0
        return []
    for f in group:  # below the indicator's threshold (4 stale columns where 5 veto): shown, not counted
        _as_info(f)
    return []


def _points_group(group: list[Finding], item: ProfileItem) -> list[Finding]:
    """Certain and likely findings take (or give) points; possible ones are information."""
    scored = [f for f in group if _certain(f) or f.certainty == "likely"]
    for f in group:
        _as_info(f)
    if len(scored) < item.min_count:
        return []
    for f in scored:
        f.severity, f.points = item.severity, item.points  # type: ignore[assignment]
    return scored


def _as_info(f: Finding) -> Finding:
    f.severity, f.points = "info", 0.0
    return f


def rescore(verdict: Verdict, profile: Profile, decisions: Mapping[str, Decision] | None) -> Verdict:
    """The same findings scored again with a person's decisions (``inspector review``); run and stats kept."""
    for f in verdict.findings:
        f.review = None
    new = score(
        verdict.site,
        list(verdict.findings),
        profile,
        verdict.as_of,
        not_judged=verdict.not_judged,
        not_inspected=verdict.not_inspected_reason,
        decisions=decisions,
    )
    new.name, new.run = verdict.name, verdict.run
    new.stats = {**verdict.stats, "vetoes": len(new.vetoes), "needs_review": len(new.reviews)}
    return new
