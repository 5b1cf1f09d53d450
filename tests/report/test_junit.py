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
    # Without gates the verdict decides: the veto fails the job, the deductions of a site above the
    # pass line do not (they are listed in system-out), and a passing site has no failing case.
    assert bad.failures == 1  # homepage-freshness (veto)
    assert bad.skipped == 1  # unanswered-messages was not judged
    assert good.failures == 0 and good.errors == 0
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


def _failures(xml) -> dict[str, str]:
    return {c.name: r.message for suite in xml for c in suite for r in c.result if isinstance(r, Failure)}


def test_junit_follows_the_gates(tmp_path, profile, failing, passing):
    from inspector.report.json_out import batch_to_json

    checks = profile.checks
    veto_only = _failures(_parse(tmp_path, render_junit([failing, passing], checks, fail_on=["veto"])))
    assert list(veto_only) == ["homepage-freshness"]  # a job that --fail-on veto passes has no red deduction
    by_score = _failures(_parse(tmp_path, render_junit([failing, passing], checks, fail_on=["score:99.5"])))
    assert set(by_score) == {"broken-links"}
    baseline = batch_to_json([failing])
    new = _failures(_parse(tmp_path, render_junit([failing], checks, fail_on=["new"], baseline=baseline)))
    assert new == {}
    deduction_case = next(
        c for c in next(iter(_parse(tmp_path, render_junit([failing], checks)))) if c.name == "broken-links"
    )
    assert "missing-1.html" in (deduction_case.system_out or "")


def test_junit_failure_counts_each_indicator(tmp_path, profile):
    from report_builders import broken_home_link, site_verdict

    from inspector.model import Finding

    inner = [
        Finding(
            check="broken-links",
            rule="other",
            message_zh=f"其他页面链接不可用 {i}",
            message_en="x",
            url=f"http://www.example-county.gov.cn/deep-{i}.html",
        )
        for i in range(3)
    ]
    v = site_verdict(profile, [broken_home_link(i) for i in range(5)] + inner)
    message = _failures(_parse(tmp_path, render_junit([v], profile.checks, fail_on=["score:100"])))["broken-links"]
    assert message.startswith("5 × D-links-home, 3 × D-links-other: ")
