"""The report lists every column with its type, newest date and where that date was read (issue 18)."""

from __future__ import annotations

from datetime import date, datetime

from inspector.judge import judge
from inspector.model import Column, ColumnItem, DateEvidence, Page, SiteArtifacts
from inspector.profile import load_profile
from inspector.report import render_site_html
from inspector.settings import DEFAULT_PROFILE


def _artifacts() -> SiteArtifacts:
    def col(name: str, kind: str, day: date | None, source: str = "list_line") -> Column:
        items = [
            ColumnItem(
                title=f"{name}条目",
                url=f"http://x.gov.cn/{kind}/1.html",
                date=DateEvidence(value=day, source=source, raw=f"[{day}]") if day else None,
            )
        ]
        return Column(name=name, url=f"http://x.gov.cn/{kind}/", type=kind, items=items, pages_seen=1)

    home = Page(url="http://x.gov.cn/", final_url="http://x.gov.cn/", status=200, title="示例县人民政府")
    return SiteArtifacts(
        site="http://x.gov.cn/",
        as_of=datetime(2026, 11, 16, 23, 59, 59),
        home=home,
        columns=[col("工作动态", "news", date(2026, 11, 10)), col("民生工程", "other", date(2024, 4, 19), "url_path")],
        gathered=["home", "pages", "columns"],
    )


def test_every_column_with_type_newest_date_and_its_source() -> None:
    v = judge(_artifacts(), load_profile(DEFAULT_PROFILE))
    rows = {c["name"]: c for c in v.columns}
    assert rows["工作动态"]["status"] == "fresh" and rows["工作动态"]["newest_source"] == "list_line"
    assert rows["民生工程"]["type"] == "other" and rows["民生工程"]["newest"] == "2024-04-19"
    html = render_site_html(v, lang="zh")
    section = html[html.index('id="columns"') :]
    assert "民生工程" in section and "2024-04-19" in section and "其他" in section
    assert "工作动态" in section and "动态要闻" in section
    assert "Columns" in render_site_html(v, lang="en")
