from datetime import date, datetime

import pytest
from _content_site import column, home_page, item, run, site

from inspector.check import NotApplicable
from inspector.model import Link

FEB = datetime(2024, 2, 10)


def test_pass_fixture_link_on_home_page():
    links = [Link(url="http://www.mmx.gov.cn/nb/1.html", text="某某县人民政府网站2023年度工作报表")]
    assert run("annual-report", site(home=home_page(links=links)), as_of=FEB) == []


def test_pass_from_annual_report_column():
    col = column("网站年度报表", "annual_report")
    col.items = [item("2023年政府网站工作年度报表", date(2024, 1, 20))]
    assert run("annual-report", site(columns=[col]), as_of=FEB) == []


def test_fail_fixture_only_older_report_and_disclosure_report():
    links = [
        Link(url="http://x/1", text="2022年政府网站工作年度报表"),
        Link(url="http://x/2", text="2023年政府信息公开工作年度报告"),
    ]
    findings = run("annual-report", site(home=home_page(links=links)), as_of=FEB)
    assert len(findings) == 1 and findings[0].evidence[0].data["year"] == 2023


def test_not_due_before_february():
    with pytest.raises(NotApplicable):
        run("annual-report", site(), as_of=datetime(2024, 1, 31, 12))
