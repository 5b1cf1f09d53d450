from pathlib import Path

import pytest
from _content_site import home_page, run, site

from inspector.model import IdentityMarks, Link

FIXTURES = Path(__file__).resolve().parents[1] / "extract" / "fixtures"


def test_pass_fixture_home_html_links_the_platform():
    html = (FIXTURES / "home.html").read_text(encoding="utf-8")
    assert run("find-errors-entry", site(home=home_page(html))) == []


def test_pass_on_platform_url_with_image_link():
    links = [Link(url="https://www.gov.cn/zhuanti/zfwzjc/index.htm", text="", tag="a")]
    assert run("find-errors-entry", site(home=home_page(links=links))) == []


def test_fail_fixture_no_entry():
    links = [
        Link(url="http://www.mmx.gov.cn/xw/", text="新闻"),
        Link(url="http://www.example.com/zhaocuo", text="纠错"),
    ]
    findings = run("find-errors-entry", site(home=home_page(links=links)))
    assert len(findings) == 1 and findings[0].evidence[0].data["home_links"] == 2


JIUCUO = "<script id=\"_jiucuo_\" sitecode='1100000065' src='http://pucha.kaipuyun.cn/exposure/jiucuo.js'></script>"


@pytest.mark.parametrize(
    "footer",
    [
        JIUCUO,
        "<script id='_jiucuo_' sitecode='4300000001' src='./images/jiucuo.js'></script>",
        "<script>document.write(unescape(\"%3Cscript id='_jiucuo_' sitecode='bm55000001' "
        "src='https://zfwzgl.www.gov.cn/exposure/jiucuo.js'%3E%3C/script%3E\"));</script>",
        '<a href="http://121.43.68.40/exposure/jiucuo.html?site_code=6101110007&url=x"><img src="pic3.jpg"></a>',
        '<a href="http://114.55.181.28/errorInfo/jcInfo/0551bdd7"><img src="/uploads/2017.jpg"></a>',
        '<a href="http://www.gov.cn/c125533/jbxxk.htm"><img src="/image/jiucuo.jpg"></a>',
        "<span><img onclick=\"Link('bm55000001')\" src='https://zfwzgl.www.gov.cn/exposure/images/jiucuo.png'></span>",
    ],
)
def test_pass_on_the_national_jiucuo_entry_in_its_real_forms(footer):
    html = f"<html><body><div class=footer>版权所有 {footer}</div></body></html>"
    assert run("find-errors-entry", site(home=home_page(html))) == []


def test_pass_on_gathered_identity():
    marks = IdentityMarks(
        find_errors="http://pucha.kaipuyun.cn/exposure/jiucuo.js", sources={"find_errors": "rendered:jiucuo-script"}
    )
    assert run("find-errors-entry", site(home=home_page("<p>x</p>"), identity=marks)) == []


def test_the_sites_own_error_page_or_a_hidden_link_is_not_the_entry():
    html = (
        '<html><body><div class=footer>版权所有 <a href="javascript:void(0)" onclick="window.open(\'/n_wyjc.html\')">我要纠错</a>'
        '<a href="http://hdjl.example.gov.cn/webapp/szf/errorReport.jsp">页面纠错</a>'
        '<a style="display:none" href="http://121.43.68.40/exposure/jiucuo.html?site_code=1"><img src=x.png></a>'
        "</div></body></html>"
    )
    (f,) = run("find-errors-entry", site(home=home_page(html)))
    assert f.certainty == "certain"


def test_missing_entry_behind_an_unrendered_script_footer_is_possible():
    marks = IdentityMarks(footer="script", rendered=None)
    (f,) = run("find-errors-entry", site(home=home_page('<div id="footer"></div>'), identity=marks))
    assert f.certainty == "possible" and "not rendered" in f.certainty_reason
