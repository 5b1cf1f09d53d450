"""Artifacts → findings → verdict. Pure: no network, no browser, so stored artifacts can be re-judged.

Honest inputs (issue 14): a check runs only when every artifact it declares in ``requires`` was
gathered; an artifact whose gatherer failed (``stats["gather_errors"]``) makes the check "not
judged" with that gatherer's error, never a failure. The check sees the artifacts through a guard:
reading an artifact that is not available raises ``NotApplicable`` (so an undeclared read of a failed
artifact cannot become a finding either), and ``strict`` mode (tests) refuses undeclared reads.
"""

from __future__ import annotations

import dataclasses
import logging
import statistics
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from inspector.check import Check, CheckContext, NotApplicable, registry
from inspector.model import Finding, NotJudged, SiteArtifacts, Verdict
from inspector.profile import Profile
from inspector.scoring import Decision, score

log = logging.getLogger(__name__)

# SiteArtifacts fields that are artifacts (gathered, possibly failed); the rest is context.
_CONTEXT = {"site", "as_of", "plan", "gathered", "not_inspected", "not_inspected_detail", "extra", "stats"}
ARTIFACTS = tuple(f.name for f in dataclasses.fields(SiteArtifacts) if f.name not in _CONTEXT)


class UndeclaredArtifact(AssertionError):
    """A check read an artifact it does not declare in ``requires`` (strict mode only)."""


def gather_failures(a: SiteArtifacts) -> dict[str, str]:
    """Artifact → the error of the gatherer that should have produced it (``stats["gather_errors"]``)."""
    errors = a.stats.get("gather_errors") if isinstance(a.stats, dict) else None
    if not errors:
        return {}
    from inspector.gather import gatherers

    out: dict[str, str] = {}
    for g in gatherers():
        if g.artifact and g.step in errors:
            out[g.artifact] = str(errors[g.step])
    for name, err in errors.items():  # a plug-in step named after its artifact
        out.setdefault(str(name), str(err))
    return out


def unavailable(a: SiteArtifacts, name: str, failures: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """Why artifact ``name`` cannot be read (zh, en), or None when it was gathered."""
    failures = gather_failures(a) if failures is None else failures
    if name in failures:
        return f"{name}（采集失败：{failures[name]}）", f"{name} (gathering failed: {failures[name]})"
    if not a.has(name):
        skipped = (a.stats.get("gather_skipped") or {}).get(name) if isinstance(a.stats, dict) else None
        return (f"{name}（未采集：{skipped}）", f"{name} (not gathered: {skipped})") if skipped else (name, name)
    return None


class _Guarded(SiteArtifacts):
    """The artifacts as one check sees them (see module doc). Built by ``guarded``; never stored."""

    def __getattribute__(self, name: str) -> Any:
        if name in ARTIFACTS:
            guard = object.__getattribute__(self, "_guard")
            guard(name)
        return object.__getattribute__(self, name)

    def has(self, name: str) -> bool:
        base = object.__getattribute__(self, "_base")
        return base.has(name) and name not in object.__getattribute__(self, "_failures")


def guarded(a: SiteArtifacts, check: Check, *, strict: bool = False, reads: set[str] | None = None) -> SiteArtifacts:
    """A view of ``a`` for ``check``: unavailable artifacts raise NotApplicable; ``reads`` collects what was read."""
    failures = gather_failures(a)
    declared = set(check.requires)
    view = object.__new__(_Guarded)
    view.__dict__.update(a.__dict__)

    def guard(name: str) -> None:
        if reads is not None:
            reads.add(name)
        if strict and name not in declared:
            raise UndeclaredArtifact(f"check {check.id} reads {name!r} but requires only {sorted(declared)}")
        why = unavailable(a, name, failures)
        if why is not None and name not in declared:
            raise NotApplicable(f"缺少所需采集数据：{why[0]}", f"artifacts not gathered: {why[1]}")

    object.__setattr__(view, "_guard", guard)
    object.__setattr__(view, "_base", a)
    object.__setattr__(view, "_failures", failures)
    return view


def run_checks(
    a: SiteArtifacts, profile: Profile, lang: str = "zh", *, strict: bool = False
) -> tuple[list[Finding], list[NotJudged]]:
    checks = registry()
    findings: list[Finding] = []
    not_judged: list[NotJudged] = []
    failures = gather_failures(a)
    for cid in profile.checks:
        check = checks.get(cid)
        if check is None:
            not_judged.append(NotJudged(cid, "未安装该检查项", "check not installed"))
            continue
        missing = [why for r in check.requires if (why := unavailable(a, r, failures)) is not None]
        if missing:
            zh, en = "；".join(m[0] for m in missing), "; ".join(m[1] for m in missing)
            not_judged.append(NotJudged(cid, f"缺少所需采集数据：{zh}", f"artifacts not gathered: {en}"))
            continue
        ctx = CheckContext(as_of=a.as_of, params=profile.params_for(cid), lang=lang)
        try:
            findings.extend(check(guarded(a, check, strict=strict), ctx))
        except NotApplicable as exc:
            not_judged.append(NotJudged(cid, exc.reason_zh, exc.reason_en))
        except UndeclaredArtifact:
            raise
        except Exception as exc:  # one faulty check must not lose the whole audit
            log.exception("check %s failed", cid)
            not_judged.append(NotJudged(cid, f"检查项运行出错：{exc}", f"check crashed: {exc!r}"))
    return findings, not_judged


def judge(
    a: SiteArtifacts,
    profile: Profile,
    lang: str = "zh",
    *,
    decisions: Mapping[str, Decision] | None = None,
    strict: bool = False,
) -> Verdict:
    """``decisions``: people's decisions by finding key (``inspector.store.reviews``), e.g. dismissals
    remembered from the site's earlier audits; ``strict``: refuse undeclared artifact reads (tests)."""
    as_of = a.as_of.date().isoformat()
    if a.not_inspected:
        reason = a.not_inspected + (f": {a.not_inspected_detail}" if a.not_inspected_detail else "")
        v = score(a.site, [], profile, as_of, not_inspected=reason)
    else:
        findings, not_judged = run_checks(a, profile, lang, strict=strict)
        v = score(a.site, findings, profile, as_of, not_judged=not_judged, decisions=decisions)
    _attach_screenshots(a, v)
    v.stats = key_figures(a, v)
    v.columns = column_map(a, profile)
    if a.identity and a.identity.site_name:
        v.name = a.identity.site_name
    elif a.home and a.home.title:
        v.name = a.home.title
    return v


def column_map(a: SiteArtifacts, profile: Profile) -> list[dict[str, Any]]:
    """Every column with its type, newest date, where that date came from and how it was judged."""
    if not a.columns:
        return []
    from checks.column_freshness import CHECK as FRESHNESS
    from checks.column_freshness import column_rows

    return column_rows(a.columns, a.as_of.date(), {**FRESHNESS.defaults, **profile.params_for(FRESHNESS.id)})


def _attach_screenshots(a: SiteArtifacts, v: Verdict) -> None:
    """Findings about a page that was screenshotted show the picture beside their evidence."""
    shots = {p.final_url or p.url: p.screenshot for p in ([a.home] if a.home else []) + a.pages if p.screenshot}
    if a.home and a.home.screenshot:
        shots.setdefault(a.home.url, a.home.screenshot)
    for f in v.findings:
        for ev in f.evidence:
            if ev.screenshot is None and ev.url in shots:
                ev.screenshot = shots[ev.url]
                break


def key_figures(a: SiteArtifacts, v: Verdict) -> dict[str, object]:
    """The numbers an inspection team scans in the batch table."""
    by_check: dict[str, int] = {}
    for f in v.findings:
        if f.level == "fail":
            by_check[f.check] = by_check.get(f.check, 0) + 1
    latencies: list[float] = []
    for board in a.boards:
        for m in board.messages:
            if m.submitted_at and m.replied_at and m.replied_at >= m.submitted_at:
                latencies.append((m.replied_at - m.submitted_at).total_seconds() / 86400)
    return {
        "pages": len(a.pages),
        "columns": len(a.columns),
        "stale_columns": by_check.get("column-freshness", 0),
        "blank_columns": by_check.get("blank-columns", 0),
        "broken_links": by_check.get("broken-links", 0),
        "messages": sum(len(b.messages) for b in a.boards),
        "unanswered_messages": by_check.get("unanswered-messages", 0),
        "median_reply_days": round(statistics.median(latencies), 1) if latencies else None,
        "vetoes": len(v.vetoes),
        "needs_review": len(v.reviews),
    }


def as_of_instant(day: str | None, now: datetime | None = None) -> datetime:
    """The inspection instant: the end of the given day (the monitoring point), or now."""
    if day is None:
        from inspector.timeutil import cst_now

        return now or cst_now()
    d = datetime.strptime(day, "%Y-%m-%d")
    return d.replace(hour=23, minute=59, second=59)
