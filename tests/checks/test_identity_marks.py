from dataclasses import replace
from pathlib import Path

import pytest
from _content_site import GOOD_MARKS, home_page, run, site

from inspector.check import NotApplicable

FIXTURES = Path(__file__).resolve().parents[1] / "extract" / "fixtures"


def test_pass_fixture_home_html_footer():
    html = (FIXTURES / "home.html").read_text(encoding="utf-8")
    assert run("identity-marks", site(home=home_page(html))) == []


def test_pass_with_gathered_marks():
    assert run("identity-marks", site(identity=GOOD_MARKS)) == []


def test_fail_fixture_one_finding_per_missing_or_malformed_mark():
    html = "<html><body><div class='footer'>版权所有 某某县 京ICP证030173号 网站标识码：bm0100</div></body></html>"
    findings = run("identity-marks", site(home=home_page(html)))
    assert sorted(f.rule for f in findings) == ["badge", "contact", "icp", "psb", "site_code", "sponsor"]
    code = next(f for f in findings if f.rule == "site_code")
    assert "bm0100" in code.message_zh


def test_malformed_psb():
    findings = run("identity-marks", site(identity=replace(GOOD_MARKS, psb="公网安备123号")))
    assert [f.rule for f in findings] == ["psb"]


def test_not_judged_without_marks_or_home_text():
    with pytest.raises(NotApplicable):
        run("identity-marks", site())
