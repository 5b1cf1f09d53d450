"""CI gating: --fail-on veto | score:<N> | new (with a baseline)."""

from __future__ import annotations

import pytest
from report_builders import broken_home_link, site_verdict, stale_home, suspected_link

from inspector.report import GateError, batch_to_json, gate, parse_fail_on, verdict_to_json


def test_parse_fail_on():
    assert parse_fail_on(["veto", "score:60", "NEW"]) == [("veto", None), ("score", 60.0), ("new", None)]
    assert parse_fail_on(["veto,score:75.5"]) == [("veto", None), ("score", 75.5)]


@pytest.mark.parametrize("bad", ["score:", "score:abc", "vetoes", "new:1"])
def test_bad_criterion_is_a_clear_error(bad):
    with pytest.raises(GateError, match="--fail-on"):
        parse_fail_on([bad])


def test_veto_gate(failing, passing):
    result = gate([failing], ["veto"], None)
    assert result.failed and result.exit_code == 1
    assert "V3" in result.reasons[0]
    assert not gate([passing], ["veto"], None).failed


def test_score_gate(profile, passing):
    many = [broken_home_link(i) for i in range(5)]  # capped at 5 points → 95
    v = site_verdict(profile, many)
    assert v.score == 95
    assert not gate([v], ["score:60"], None).failed
    assert gate([v], ["score:96"], None).failed
    assert "below 96" in gate([v], ["score:96"], None).reasons[0]


def test_new_gate_passes_when_nothing_new(profile):
    before = site_verdict(profile, [stale_home(), broken_home_link(1)])
    after = site_verdict(profile, [stale_home(), broken_home_link(1)])
    result = gate([after], ["new"], verdict_to_json(before))
    assert not result.failed, result.reasons


def test_new_gate_fails_on_one_added_finding(profile):
    before = site_verdict(profile, [stale_home(), broken_home_link(1)])
    after = site_verdict(profile, [stale_home(), broken_home_link(1), broken_home_link(2)])
    result = gate([after], ["new"], batch_to_json([before]))
    assert result.failed
    assert len(result.reasons) == 1 and "missing-2" in result.reasons[0]


def test_new_gate_passes_when_a_finding_was_fixed(profile):
    before = site_verdict(profile, [stale_home(), broken_home_link(1)])
    after = site_verdict(profile, [broken_home_link(1)])
    assert not gate([after], ["new"], verdict_to_json(before)).failed


def test_new_gate_ignores_information(profile):
    before = site_verdict(profile, [broken_home_link(1)])
    after = site_verdict(profile, [broken_home_link(1), suspected_link()])
    assert not gate([after], ["new"], verdict_to_json(before)).failed


def test_new_gate_pairs_one_site_with_a_one_site_baseline(profile):
    # The baseline came from production, the run audits staging: same paths, another host.
    before = site_verdict(profile, [stale_home()], site="http://staging.example.gov.cn/")
    before.findings[0].url = "http://www.example-county.gov.cn/"
    after = site_verdict(profile, [stale_home()])
    assert not gate([after], ["new"], verdict_to_json(before)).failed


def test_new_needs_a_baseline(failing):
    with pytest.raises(GateError, match="--baseline"):
        gate([failing], ["new"], None)


def test_bad_baseline_is_a_clear_error(failing):
    with pytest.raises(GateError, match="--baseline"):
        gate([failing], ["new"], {"schema": "nope"})


def test_not_inspected_site_fails_every_gate(unreachable):
    for criterion in ("veto", "score:0"):
        result = gate([unreachable], [criterion], None)
        assert result.failed and "not inspected" in result.reasons[0]


def test_no_criteria_never_fails(failing):
    assert not gate([failing], [], None).failed
