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
    findings = run(
        "service-offering", site(home=home_page(links=links), columns=[column("新闻动态", "news")])
    )
    assert len(findings) == 1 and findings[0].check == "service-offering"
