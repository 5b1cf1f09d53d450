"""JUnit XML: one <testsuite> per site, one <testcase> per check, so CI systems list each indicator.

A test case fails exactly when its findings are what fails the job, so that the test report and the
exit code agree: with ``--fail-on`` the gates decide (``veto``: veto findings; ``score:N``: the
deductions of a site below N; ``new``: findings not in the baseline); without gates the verdict
decides (veto findings of a failing site, and its deductions when the score is below the pass
line). Other counted findings are listed in <system-out>, visible but not failing. The failure
text carries the evidence. Checks that could not judge are <skipped>; a site that could not be
inspected gets an <error> per check, never a content failure.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from typing import Any

from inspector.model import Finding, Verdict
from inspector.report.html import format_score

# XML 1.0 cannot carry most control characters; hostile page text may contain them.
_XML_BAD = dict.fromkeys(i for i in range(32) if i not in (9, 10, 13))


def _clean(text: str) -> str:
    return text.translate(_XML_BAD)


def _finding_text(f: Finding) -> str:
    lines = [f"[{f.severity}] {f.item or f.check}: {f.message_zh} / {f.message_en}"]
    if f.clause:
        lines.append(f"  clause: {f.clause}")
    if f.severity in ("deduction", "bonus"):
        lines.append(f"  points: {format_score(f.points)}" + ("" if f.official else " (provisional)"))
    if f.url:
        lines.append(f"  url: {f.url}")
    if f.column:
        lines.append(f"  column: {f.column}")
    for e in f.evidence:
        if e.url:
            lines.append(f"  evidence: {e.url}")
        if e.snippet:
            lines.append(f"    snippet: {e.snippet}")
        for d in e.dates:
            lines.append(f"    date: {d.value.isoformat()} ({d.source}{': ' + d.raw if d.raw else ''})")
    return "\n".join(lines)


def _pass_line(profile_id: str) -> float:
    from inspector.profile import load_profile

    try:
        return load_profile(profile_id).pass_line
    except (ValueError, OSError):
        return 60.0


def failing_keys(v: Verdict, fail_on: list[str] | None, baseline: dict[str, Any] | None) -> set[str]:
    """Keys of the findings that fail the job for this site (see the module docstring)."""
    counted = [f for f in v.findings if f.severity in ("veto", "deduction")]
    if not fail_on:
        if v.verdict != "fail":
            return set()
        below = v.score is not None and v.score < _pass_line(v.profile)
        return {f.key for f in counted if f.severity == "veto" or below}
    from inspector.report.gating import _keys_for, baseline_keys, parse_fail_on

    known = baseline_keys(baseline) if baseline is not None else {}
    out: set[str] = set()
    for kind, threshold in parse_fail_on(fail_on):
        if kind == "veto":
            out |= {f.key for f in counted if f.severity == "veto"}
        elif kind == "score" and threshold is not None and (v.score is None or v.score < threshold):
            out |= {f.key for f in counted if f.severity == "deduction"}
        elif kind == "new":
            before = _keys_for(v.site, known, len(known) <= 1) or set()
            out |= {f.key for f in v.findings if f.level == "fail" and f.key not in before}
    return out


def _suite(v: Verdict, check_ids: list[str], failing: set[str]) -> ET.Element:
    by_check: dict[str, list[Finding]] = defaultdict(list)
    for f in v.findings:
        by_check[f.check].append(f)
    not_judged = {n.check: n for n in v.not_judged}
    ids = list(dict.fromkeys([*check_ids, *by_check]))  # never drop a finding of an unlisted check
    suite = ET.Element("testsuite", name=_clean(v.name or v.site), hostname=_clean(v.site))
    props = ET.SubElement(suite, "properties")
    for name, value in (
        ("verdict", v.verdict),
        ("score", format_score(v.score)),
        ("profile", v.profile),
        ("as_of", v.as_of),
    ):
        ET.SubElement(props, "property", name=name, value=_clean(str(value)))
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for check in ids:
        case = ET.SubElement(suite, "testcase", name=check, classname=_clean(v.site))
        counts["tests"] += 1
        findings = by_check.get(check, [])
        counted = [f for f in findings if f.key in failing]
        if v.verdict == "not_inspected":
            err = ET.SubElement(
                case,
                "error",
                message=_clean(f"not inspected: {v.not_inspected_reason}"),
                type="not_inspected",
            )
            err.text = _clean(v.not_inspected_reason or "")
            counts["errors"] += 1
        elif counted:
            severity = "veto" if any(f.severity == "veto" for f in counted) else "deduction"
            per_item = Counter(f.item or check for f in counted)  # "5 × D-links-home, 3 × D-links-other"
            summary = ", ".join(f"{n} × {item}" for item, n in per_item.most_common())
            fail = ET.SubElement(
                case,
                "failure",
                type=severity,
                message=_clean(f"{summary}: {counted[0].message_zh}"),
            )
            fail.text = _clean("\n\n".join(_finding_text(f) for f in counted))
            counts["failures"] += 1
        elif check in not_judged and not findings:
            n = not_judged[check]
            ET.SubElement(case, "skipped", message=_clean(f"not judged: {n.reason_zh} / {n.reason_en}"))
            counts["skipped"] += 1
        rest = [f for f in findings if f not in counted]
        if rest:
            out = ET.SubElement(case, "system-out")  # visible, not failing this job
            out.text = _clean("\n\n".join(_finding_text(f) for f in rest))
    for k, total in counts.items():
        suite.set(k, str(total))
    return suite


def render_junit(
    verdicts: list[Verdict],
    check_ids: list[str],
    *,
    fail_on: list[str] | None = None,
    baseline: dict[str, Any] | None = None,
) -> str:
    root = ET.Element("testsuites", name="gov-inspector")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for v in verdicts:
        suite = _suite(v, check_ids, failing_keys(v, fail_on, baseline))
        root.append(suite)
        for k in totals:
            totals[k] += int(suite.get(k, "0"))
    for k, n in totals.items():
        root.set(k, str(n))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
