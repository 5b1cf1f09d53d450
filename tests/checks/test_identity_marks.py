from dataclasses import replace
from pathlib import Path

import pytest
from _content_site import GOOD_MARKS, home_page, run, site

from inspector.check import NotApplicable
from inspector.model import IdentityMarks

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


# ---------------------------------------------------------------- certainty from what was seen


def _by_rule(findings):
    return {f.rule: f for f in findings}


def test_script_built_footer_never_rendered_is_only_possible():
    marks = IdentityMarks(footer="script", rendered=None)
    found = _by_rule(run("identity-marks", site(identity=marks)))
    assert set(found) == {"site_code", "icp", "psb", "badge", "sponsor", "contact"}
    assert {f.certainty for f in found.values()} == {"possible"}
    assert "not rendered" in found["icp"].certainty_reason


def test_script_built_footer_when_rendering_failed_or_succeeded():
    failed = _by_rule(run("identity-marks", site(identity=IdentityMarks(footer="script", rendered=False))))
    assert failed["psb"].certainty == "possible" and "could not be rendered" in failed["psb"].certainty_reason
    seen = _by_rule(run("identity-marks", site(identity=IdentityMarks(footer="script", rendered=True))))
    assert seen["psb"].certainty == "likely"


def test_footer_in_a_frame_that_was_read_is_judged():
    marks = replace(GOOD_MARKS, psb=None, footer="iframe", sources={"icp": "iframe:footer-text"})
    assert _by_rule(run("identity-marks", site(identity=marks)))["psb"].certainty == "certain"


def test_static_footer_without_a_mark_is_certain_but_a_filing_image_is_possible():
    static = _by_rule(run("identity-marks", site(identity=replace(GOOD_MARKS, psb=None, footer="static"))))
    assert static["psb"].certainty == "certain"
    image = replace(GOOD_MARKS, icp=None, psb=None, footer="static", filing_image="http://x.gov.cn/image/beian.gif")
    found = _by_rule(run("identity-marks", site(identity=image)))
    assert found["icp"].certainty == found["psb"].certainty == "possible"


def test_malformed_marks_carry_their_own_certainty():
    found = _by_rule(
        run(
            "identity-marks",
            site(
                identity=replace(GOOD_MARKS, icp="京ICP14006156", psb="京公网安备110401200028", site_code="123456789")
            ),
        )
    )
    assert found["icp"].certainty == "certain"
    assert found["psb"].certainty == "possible" and "12 digits" in found["psb"].certainty_reason
    assert found["site_code"].certainty == "likely"
    licence = _by_rule(run("identity-marks", site(identity=replace(GOOD_MARKS, icp="京ICP证030173号"))))
    assert licence["icp"].certainty == "likely"


def test_code_only_in_meta_is_not_shown_and_a_differing_meta_is_information():
    only_meta = replace(GOOD_MARKS, site_code=None, site_code_meta="3609220011", footer="static")
    (f,) = run("identity-marks", site(identity=only_meta))
    assert f.rule == "site_code" and "meta SiteIDCode" in f.message_zh and f.certainty == "likely"
    differ = replace(GOOD_MARKS, site_code="3609220011", site_code_meta="3609220012")
    (info,) = run("identity-marks", site(identity=differ))
    assert (info.rule, info.level) == ("site_code_meta", "info")


def test_real_footer_variants_pass_from_the_home_html():
    html = (
        "<html><body><div class=footer><p>主办单位：湖南省人民政府办公厅</p>"
        "<p>备案号：湘ICP备05000618号  公安机关备案号：43010302000524  网站标识码：4300000001</p>"
        "<script type='text/javascript'>document.write(unescape(\"%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript "
        "src='http://dcs.conac.cn/js/19/000/0000/1/CA19.js' type='text/javascript'%3E%3C/script%3E\"));</script>"
        "<p>联系电话：0731-12345678</p></div></body></html>"
    )
    assert run("identity-marks", site(home=home_page(html))) == []
