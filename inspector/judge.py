"""Artifacts → findings → verdict. Pure: no network, no browser, so stored artifacts can be re-judged."""

from __future__ import annotations

import logging
import statistics
from datetime import datetime

from inspector.check import CheckContext, NotApplicable, registry
from inspector.model import Finding, NotJudged, SiteArtifacts, Verdict
from inspector.profile import Profile
from inspector.scoring import score

log = logging.getLogger(__name__)


def run_checks(a: SiteArtifacts, profile: Profile, lang: str = "zh") -> tuple[list[Finding], list[NotJudged]]:
    checks = registry()
    findings: list[Finding] = []
    not_judged: list[NotJudged] = []
    for cid in profile.checks:
        check = checks.get(cid)
        if check is None:
            not_judged.append(NotJudged(cid, "未安装该检查项", "check not installed"))
            continue
        missing = [r for r in check.requires if not a.has(r)]
        if missing:
            names = ", ".join(missing)
            not_judged.append(NotJudged(cid, f"缺少所需采集数据：{names}", f"artifacts not gathered: {names}"))
            continue
        ctx = CheckContext(as_of=a.as_of, params=profile.params_for(cid), lang=lang)
        try:
            findings.extend(check(a, ctx))
        except NotApplicable as exc:
            not_judged.append(NotJudged(cid, exc.reason_zh, exc.reason_en))
        except Exception as exc:  # one faulty check must not lose the whole audit
            log.exception("check %s failed", cid)
            not_judged.append(NotJudged(cid, f"检查项运行出错：{exc}", f"check crashed: {exc!r}"))
    return findings, not_judged


def judge(a: SiteArtifacts, profile: Profile, lang: str = "zh") -> Verdict:
    as_of = a.as_of.date().isoformat()
    if a.not_inspected:
        reason = a.not_inspected + (f": {a.not_inspected_detail}" if a.not_inspected_detail else "")
        v = score(a.site, [], profile, as_of, not_inspected=reason)
    else:
        findings, not_judged = run_checks(a, profile, lang)
        v = score(a.site, findings, profile, as_of, not_judged=not_judged)
    _attach_screenshots(a, v)
    v.stats = key_figures(a, v)
    if a.identity and a.identity.site_name:
        v.name = a.identity.site_name
    elif a.home and a.home.title:
        v.name = a.home.title
    return v


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
    }


def as_of_instant(day: str | None, now: datetime | None = None) -> datetime:
    """The inspection instant: the end of the given day (the monitoring point), or now."""
    if day is None:
        from inspector.timeutil import cst_now

        return now or cst_now()
    d = datetime.strptime(day, "%Y-%m-%d")
    return d.replace(hour=23, minute=59, second=59)
