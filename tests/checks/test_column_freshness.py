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


def _yearless(name: str, kind: str, *shown: tuple[str, date]) -> "Column":  # noqa: F821
    from inspector.model import Column, ColumnItem, DateEvidence

    return Column(
        name=name,
        url=f"http://www.mmx.gov.cn/{kind}/{abs(hash(name)) % 1000}/",
        type=kind,
        pages_seen=1,
        items=[
            ColumnItem(
                title=f"{name}{n}",
                url=f"http://www.mmx.gov.cn/{kind}/{n}.html",
                date=DateEvidence(value=v, source="list_line", raw=raw, year_implied=True),
            )
            for n, (raw, v) in enumerate(shown)
        ],
    )


def test_other_columns_are_judged_for_long_staleness_as_information():
    cols = [
        column("民生工程", "other", date(2022, 3, 4), date(2021, 5, 1)),  # 807 days
        column("网站导航", "other", None),  # an undated link list of no known type: not judged
        column("专题专栏", "other", date(2024, 1, 2)),  # within a year
    ]
    findings = run("column-freshness", site(columns=cols))
    assert [(f.column, f.rule, f.level) for f in findings] == [("民生工程", "other_stale", "info")]
    assert findings[0].evidence[0].data["window_days"] == 365 and findings[0].certainty == "certain"
    assert run("column-freshness", site(columns=cols[:1]), other_days=1000) == []


def test_certainty_of_stale_findings():
    cols = [
        column("政务要闻", "news", date(2024, 4, 1), date(2024, 3, 1)),
        # [03-10] read as 2024-03-10 is as late as it can be: the verdict stands
        _yearless("部门动态", "news", ("[03-10]", date(2024, 3, 10)), ("[03-02]", date(2024, 3, 2))),
        # down an unsorted list [03-01] [02-20] [05-12]: 05-12 was read 2023 by the list's order
        _yearless(
            "乡镇动态",
            "news",
            ("[03-01]", date(2024, 3, 1)),
            ("[02-20]", date(2024, 2, 20)),
            ("[05-12]", date(2023, 5, 12)),
        ),
        column("工作信息", "news", None),
    ]
    by = {f.column: f for f in run("column-freshness", site(columns=cols))}
    assert by["政务要闻"].certainty == "certain" and by["部门动态"].certainty == "certain"
    assert by["乡镇动态"].certainty == "likely" and "2024-05-12" in by["乡镇动态"].certainty_reason
    assert by["工作信息"].certainty == "possible"


def test_column_rows_give_every_column_its_type_newest_date_and_provenance():
    from checks.column_freshness import column_rows

    cols = [
        column("政务要闻", "news", date(2024, 5, 10)),
        column("政府信息公开年报", "annual_report", date(2024, 1, 20)),
        column("领导信箱", "interaction", pages_seen=0),
        _yearless("民生工程", "other", ("[03-04]", date(2022, 3, 4))),
    ]
    rows = {r["name"]: r for r in column_rows(cols, date(2024, 5, 20))}
    assert rows["政务要闻"]["status"] == "fresh" and rows["政务要闻"]["newest_source"] == "list_line"
    assert rows["政府信息公开年报"]["status"] == "not_judged" and rows["领导信箱"]["status"] == "not_read"
    old = rows["民生工程"]
    assert (old["status"], old["rule"], old["newest"], old["year_implied"]) == (
        "stale",
        "other_stale",
        "2022-03-04",
        True,
    )
