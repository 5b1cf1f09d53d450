"""JUnit XML: accepted by a JUnit parser, one test case per check per site, evidence in failures."""

from __future__ import annotations

from junitparser import Error, Failure, JUnitXml, Skipped

from inspector.report import render_junit


def _parse(tmp_path, text):
    path = tmp_path / "junit.xml"
    path.write_text(text, encoding="utf-8")
    return JUnitXml.fromfile(str(path))


def test_junit_counts_and_evidence(tmp_path, profile, failing, passing, unreachable):
    checks = profile.checks
    xml = _parse(tmp_path, render_junit([failing, passing, unreachable], checks))
    suites = list(xml)
    assert len(suites) == 3
    for suite in suites:
        assert suite.tests == len(checks)
    bad, good, down = suites
    assert bad.failures == 2  # homepage-freshness (veto) and broken-links (deduction)
    assert bad.skipped == 1  # unanswered-messages was not judged
    assert good.failures == 1 and good.errors == 0
    assert down.errors == len(checks) and down.failures == 0

    cases = {c.name: c for c in bad}
    home = cases["homepage-freshness"]
    (failure,) = [r for r in home.result if isinstance(r, Failure)]
    assert failure.type == "veto"
    assert "2024-05-06 (list_line: [2024-05-06])" in failure.text
    assert "t20240506_1.html" in failure.text
    assert any(isinstance(r, Skipped) for r in cases["unanswered-messages"].result)
    assert cases["hidden-links"].result == []
    assert any(isinstance(r, Error) for r in next(iter(down)).result)


def test_checks_not_listed_still_appear(tmp_path, failing):
    xml = _parse(tmp_path, render_junit([failing], ["availability"]))
    names = [c.name for c in next(iter(xml))]
    assert names[0] == "availability" and "homepage-freshness" in names and "broken-links" in names


def test_control_characters_do_not_break_the_xml(tmp_path, failing):
    failing.findings[0].message_zh = "坏\x00字符\x1b"
    xml = _parse(tmp_path, render_junit([failing], ["homepage-freshness"]))
    home = next(c for c in next(iter(xml)) if c.name == "homepage-freshness")
    assert "坏字符" in home.result[0].message
