"""Scoring: findings + profile → verdict, explaining every point taken.

The 2019 model (rules §2.1): any veto ⇒ 不合格; otherwise score = 100 − Σ deductions, each
indicator capped at its points; score < 60 ⇒ 不合格; bonus counted only when score > 80.
A site that could not be inspected gets ``not_inspected``, never a content failure.
"""

from __future__ import annotations

from collections import defaultdict

from inspector.model import Finding, ItemScore, NotJudged, Verdict
from inspector.profile import Profile, ProfileItem


def score(
    site: str,
    findings: list[Finding],
    profile: Profile,
    as_of: str,
    *,
    not_judged: list[NotJudged] | None = None,
    not_inspected: str | None = None,
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

    by_item: dict[str, list[Finding]] = defaultdict(list)
    items: dict[str, ProfileItem] = {}
    for f in findings:
        item = profile.item_for(f.check, f.rule) if f.level == "fail" else None
        if item is None:
            _as_info(f)
            continue
        by_item[item.id].append(f)
        items[item.id] = item

    scores: list[ItemScore] = []
    deducted = 0.0
    bonus = 0.0
    for item_id, group in by_item.items():
        item = items[item_id]
        for f in group:
            f.item, f.clause, f.official = item.id, item.clause, item.official
        if len(group) < item.min_count:
            # Below the indicator's threshold (e.g. 4 stale columns where 5 veto): shown, not counted.
            for f in group:
                f.severity, f.points = "info", 0.0
            continue
        raw = item.points * len(group)
        capped = min(raw, item.cap) if item.cap is not None else raw
        for f in group:
            f.severity = item.severity
            f.points = item.points if item.severity in ("deduction", "bonus") else 0.0
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
                findings=len(group),
            )
        )
        if item.severity == "deduction":
            deducted += capped
        elif item.severity == "bonus":
            bonus += capped

    order = {"veto": 0, "deduction": 1, "bonus": 2, "info": 3}
    findings = sorted(findings, key=lambda f: (order.get(f.severity, 9), -f.points, f.check))
    scores.sort(key=lambda s: (order.get(s.severity, 9), -s.points))
    value = max(profile.base_score - deducted, 0.0)
    bonus = min(bonus, profile.bonus_max)
    final = value + bonus if value > profile.bonus_above else value
    has_veto = any(s.severity == "veto" for s in scores)
    verdict = "fail" if has_veto or value < profile.pass_line else "pass"
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


def _as_info(f: Finding) -> Finding:
    f.severity, f.points = "info", 0.0
    return f
