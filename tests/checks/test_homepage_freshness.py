from datetime import date
from pathlib import Path

import pytest
from _content_site import AS_OF, column, home_page, run, site

from inspector.check import NotApplicable
from inspector.model import Link

HOME_HTML = (Path(__file__).resolve().parents[1] / "extract" / "fixtures" / "home.html").read_text(encoding="utf-8")


def test_pass_fixture_home_html_with_recent_item():
    assert run("homepage-freshness", site(home=home_page(HOME_HTML))) == []  # [05-18] on 2024-05-20


def test_fail_fixture_home_html_read_a_month_later():
    later = AS_OF.replace(month=6, day=20)
    findings = run("homepage-freshness", site(home=home_page(HOME_HTML)), as_of=later)
    assert len(findings) == 1
    ev = findings[0].evidence[0]
    assert ev.dates[0].value == date(2024, 5, 18) and ev.dates[0].year_implied and ev.data["age_days"] == 33


def test_undated_items_count_as_not_updated():
    html = '<div><h3>要闻</h3><ul><li><a href="/1.html">无日期新闻</a></li></ul></div>'
    findings = run("homepage-freshness", site(home=home_page(html)))
    assert len(findings) == 1 and findings[0].evidence[0].data["undated"] == 1


def test_navigation_only_home_is_judged_on_level2_pages():
    nav = '<div class="nav"><a href="/xw/">新闻动态</a></div>'
    fresh = column("新闻动态", "news", date(2024, 5, 15))
    stale = column("新闻动态", "news", date(2024, 1, 15))
    assert run("homepage-freshness", site(home=home_page(nav), columns=[fresh])) == []
    findings = run("homepage-freshness", site(home=home_page(nav), columns=[stale]))
    assert len(findings) == 1 and "二级页面" in findings[0].message_zh


def test_signals_from_the_gatherer_are_preferred():
    home = home_page(
        None,
        signals={"home_items": [{"title": "t", "url": None, "date": {"value": "2024-04-01", "source": "list_line"}}]},
    )
    assert len(run("homepage-freshness", site(home=home))) == 1


def test_not_judged_without_home():
    with pytest.raises(NotApplicable):
        run("homepage-freshness", site(home=None))


def test_certainty_of_a_stale_home_page():
    yearless = '<div><h3>要闻</h3><ul><li><a href="/a/1.html">县长调研春耕</a><span>[04-20]</span></li>' + (
        '<li><a href="/a/2.html">全县安全生产会议</a><span>[04-11]</span></li></ul></div>'
    )
    f = run("homepage-freshness", site(home=home_page(yearless)))[0]
    assert f.certainty == "certain"  # [04-20] read as late as it can be: 30 days, stale whatever the year
    undated = '<div><h3>要闻</h3><ul><li><a href="/xw/202405/t20240518_1.html">无日期新闻</a></li></ul></div>'
    links = [Link(url="http://www.mmx.gov.cn/xw/202405/t20240518_1.html", text="无日期新闻")]
    f = run("homepage-freshness", site(home=home_page(undated, links=links)))[0]
    assert f.certainty == "possible" and "2024-05-18" in f.certainty_reason
