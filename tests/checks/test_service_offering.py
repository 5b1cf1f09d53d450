from pathlib import Path

from _content_site import column, home_page, run, site

from inspector.model import Link

FIXTURES = Path(__file__).resolve().parents[1] / "extract" / "fixtures"


def test_pass_fixture_home_html_has_service_entry():
    html = (FIXTURES / "home.html").read_text(encoding="utf-8")
    assert run("service-offering", site(home=home_page(html))) == []


def test_pass_with_service_column():
    assert (
        run(
            "service-offering",
            site(
                home=home_page(links=[Link(url="http://x/", text="首页")]),
                columns=[column("便民服务", "service")],
            ),
        )
        == []
    )


def test_fail_fixture_no_service_anywhere():
    links = [Link(url="http://x/xw/", text="新闻动态"), Link(url="http://x/gk/", text="政务公开")]
    findings = run("service-offering", site(home=home_page(links=links), columns=[column("新闻动态", "news")]))
    assert len(findings) == 1 and findings[0].check == "service-offering"


def _service_site(entry_text: str, entry_links: list[Link], guides: list[tuple[str, str]]):
    from inspector.model import Page

    a = site(home=home_page(links=[Link(url="http://x/bsfw/index.html", text="办事服务")]))
    a.pages = [
        Page(
            url="http://x/bsfw/index.html",
            final_url="http://x/bsfw/index.html",
            status=200,
            title="办事服务",
            visible_text=entry_text,
            links=entry_links,
        )
    ]
    for i, (title, text) in enumerate(guides):
        a.pages.append(Page(url=f"http://x/bsfw/zn_{i}.html", status=200, title=title, visible_text=text))
    return a


def test_fail_service_entry_that_offers_nothing_is_no_service():
    findings = run("service-offering", _service_site("办事服务\n暂无办事服务事项", [], []))
    assert [(f.rule, f.url) for f in findings] == [("no_service", "http://x/bsfw/index.html")]


def test_guides_missing_four_elements_are_reported_complete_ones_pass():
    complete = "事项名称：A\n设定依据：法\n申请条件：无\n申请材料：身份证\n办理地点：大厅\n办理时间：工作日\n咨询电话：123\n办理流程：受理"
    poor = "事项名称：B\n办理地点：大厅\n办理时间：工作日\n联系电话：123"
    a = _service_site(
        "办事指南列表",
        [Link(url="http://x/bsfw/zn_0.html", text="A办事指南")],
        [("A办事指南", complete), ("B办事指南", poor)],
    )
    findings = run("service-offering", a)
    assert [(f.rule, f.url) for f in findings] == [("guide_elements", "http://x/bsfw/zn_1.html")]
    assert findings[0].evidence[0].data["missing"] == ["设定依据", "申请条件", "办理材料", "办理流程"]
