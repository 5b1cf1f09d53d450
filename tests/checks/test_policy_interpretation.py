import pytest
from _content_site import column, item, run, site

from inspector.check import NotApplicable
from inspector.model import Link, Page


def _policy(url: str, title: str, links: list[Link]) -> Page:
    return Page(url=url, final_url=url, status=200, title=title, links=links, meta={"ColumnName": "政策文件"})


def test_pass_fixture_policy_page_links_its_interpretation():
    p = _policy(
        "http://x.gov.cn/zcwj/1.html",
        "关于促进民营经济发展的若干措施",
        [Link(url="http://x.gov.cn/zcjd/1.html", text="【政策解读】促进民营经济发展")],
    )
    assert run("policy-interpretation", site(pages=[p])) == []


def test_pass_when_interpretation_column_names_the_document():
    p = _policy("http://x.gov.cn/zcwj/2.html", "关于促进民营经济发展的若干措施", [])
    jd = column("政策解读", "interpretation")
    jd.items = [item("《关于促进民营经济发展的若干措施》解读", None)]
    assert run("policy-interpretation", site(pages=[p], columns=[jd])) == []


def test_fail_fixture_policy_page_without_interpretation():
    p = _policy(
        "http://x.gov.cn/zcwj/3.html",
        "某某县农村公路养护管理办法",
        [Link(url="http://x.gov.cn/", text="首页")],
    )
    findings = run("policy-interpretation", site(pages=[p]))
    assert len(findings) == 1 and findings[0].url == "http://x.gov.cn/zcwj/3.html"


def test_not_judged_without_policy_pages():
    with pytest.raises(NotApplicable):
        run(
            "policy-interpretation",
            site(pages=[Page(url="http://x/", status=200, meta={"ColumnName": "要闻"})]),
        )
