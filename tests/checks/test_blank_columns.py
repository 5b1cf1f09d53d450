from datetime import date
from pathlib import Path

import pytest
from _content_site import column, run, site

from inspector.check import NotApplicable
from inspector.extract.columns import parse_list_page
from inspector.extract.html import parse_html

FIXTURES = Path(__file__).resolve().parents[1] / "extract" / "fixtures"


def _from_page(name: str, fixture: str):
    lp = parse_list_page(
        parse_html((FIXTURES / fixture).read_text(encoding="utf-8"), "http://x.gov.cn/c/"), date(2024, 5, 20)
    )
    return (
        column(name, "other", note=lp.note, blank_text=lp.blank_text)
        if not lp.items
        else column(name, "news", *[i.date.value for i in lp.items])
    )


def test_pass_fixture_columns_with_items():
    assert run("blank-columns", site(columns=[_from_page("政务要闻", "list.html")])) == []


def test_fail_fixture_placeholder_page_is_blank():
    findings = run("blank-columns", site(columns=[_from_page("人事信息", "blank.html")]))
    assert [(f.level, f.rule, f.column) for f in findings] == [("fail", "blank", "人事信息")]
    assert "暂无信息" in findings[0].message_zh


def test_explained_column_is_info_not_fail():
    findings = run("blank-columns", site(columns=[_from_page("规划计划", "explained.html")]))
    assert [(f.level, f.rule) for f in findings] == [("info", "explained")]


def test_placeholder_item_and_unrendered_column():
    placeholder = column("通知公告", "notice")
    placeholder.items = [placeholder.items[0]] if placeholder.items else []
    from _content_site import item

    placeholder.items = [item("暂无信息", None)]
    js = column("政策解读", "interpretation", error="needs_render")
    findings = run("blank-columns", site(columns=[placeholder, js]))
    assert [f.column for f in findings] == ["通知公告"]


def test_not_judged_when_no_column_read():
    with pytest.raises(NotApplicable):
        run("blank-columns", site(columns=[column("政务公开", "other", pages_seen=0)]))
