import pytest
from _content_site import run, site

from inspector.check import NotApplicable
from inspector.model import SearchProbe


def test_pass_fixture_recent_title_found():
    probe = SearchProbe(
        form_url="http://x/",
        query="县长调研春耕生产",
        results_url="http://x/s?q=1",
        found=True,
        result_count=2,
    )
    assert run("site-search", site(search=probe)) == []


@pytest.mark.parametrize(
    ("probe", "rule"),
    [
        (SearchProbe(error="no_search_form"), "missing"),
        (SearchProbe(query="t", results_url="http://x/s", error="http_500"), "broken"),
        (
            SearchProbe(query="县长调研春耕生产", results_url="http://x/s", found=False, result_count=0),
            "not_found",
        ),
    ],
)
def test_fail_fixtures(probe, rule):
    findings = run("site-search", site(search=probe))
    assert [f.rule for f in findings] == [rule]


def test_not_judged_without_probe():
    with pytest.raises(NotApplicable):
        run("site-search", site())


@pytest.mark.parametrize("error", ["search_widget", "search_unreadable"])
def test_not_judged_when_the_search_cannot_be_queried(error):
    with pytest.raises(NotApplicable):
        run("site-search", site(search=SearchProbe(error=error, kind="script", note="Baidu 站内搜索")))


def test_missing_search_is_certain_only_when_nothing_suggests_an_unseen_box():
    (sure,) = run("site-search", site(search=SearchProbe(form_url="http://x/", error="no_search_form")))
    assert sure.certainty == "certain"
    unsure = SearchProbe(form_url="http://x/", error="no_search_form", note="frames searched: http://x/top.html")
    (f,) = run("site-search", site(search=unsure))
    assert f.certainty == "possible" and "frames" in f.certainty_reason


def test_not_found_and_broken_are_likely_and_say_how_the_box_was_found():
    probe = SearchProbe(query="县长调研春耕生产", results_url="http://x/s", found=False, kind="js", field="title")
    (f,) = run("site-search", site(search=probe))
    assert f.certainty == "likely" and f.evidence[0].data["kind"] == "js"
    (b,) = run("site-search", site(search=SearchProbe(query="t", results_url="http://x/s", error="http_500")))
    assert b.certainty == "likely"
