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
