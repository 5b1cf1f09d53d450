from pathlib import Path

from _content_site import home_page, run, site

from inspector.model import Link

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
