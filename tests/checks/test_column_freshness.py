from datetime import date

import pytest
from _content_site import column, run, site

from inspector.check import NotApplicable


def test_pass_fixture_all_columns_within_their_windows():
    cols = [
        column("政务要闻", "news", date(2024, 5, 10), date(2024, 4, 1)),
        column("通知公告", "notice", date(2024, 1, 2)),
        column("人事信息", "personnel", date(2023, 8, 1)),
        column("政府信息公开年报", "annual_report", date(2020, 1, 1)),  # not judged for freshness
        column("领导信箱", "interaction", date(2019, 1, 1)),
    ]
    assert run("column-freshness", site(columns=cols)) == []


def test_fail_fixture_one_finding_per_stale_column_with_rule():
    cols = [
        column("政务要闻", "news", date(2024, 5, 1)),  # 19 days > 14
        column("政策文件", "policy", date(2023, 10, 1)),  # > 183, first level
        column("部门文件", "policy", date(2023, 10, 1), level=2),  # sub-column ⇒ long_stale
        column("规划计划", "plan", date(2023, 1, 1)),  # > 365
        column("工作动态", "news", None),  # undated ⇒ not updated
    ]
    findings = run("column-freshness", site(columns=cols))
    rules = {f.column: f.rule for f in findings}
    assert rules == {
        "政务要闻": "news_policy",
        "政策文件": "news_policy",
        "部门文件": "long_stale",
        "规划计划": "long_stale",
        "工作动态": "news_policy",
    }
    news = next(f for f in findings if f.column == "政务要闻")
    assert news.evidence[0].dates[0].value == date(2024, 5, 1) and news.evidence[0].data["age_days"] == 19


def test_windows_are_parameters():
    cols = [column("政务要闻", "news", date(2024, 5, 1))]
    assert run("column-freshness", site(columns=cols), news_days=30) == []


def test_unvisited_columns_are_not_judged():
    with pytest.raises(NotApplicable):
        run("column-freshness", site(columns=[column("政务要闻", "news", date(2020, 1, 1), pages_seen=0)]))
