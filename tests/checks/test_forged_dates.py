from __future__ import annotations

from datetime import date, datetime, timedelta

from checks.forged_dates import CHECK
from inspector.check import CheckContext
from inspector.model import Column, ColumnItem, DateEvidence, SiteArtifacts

AS_OF = datetime(2024, 5, 6, 10)


def _col(dates: list[date]) -> Column:
    return Column(
        name="要闻动态",
        url="http://x.gov.cn/ywdt/",
        type="news",
        items=[
            ColumnItem(title=f"新闻{i}", url=f"http://x.gov.cn/ywdt/{i}.html", date=DateEvidence(d, "list_line"))
            for i, d in enumerate(dates)
        ],
    )


def _run(a: SiteArtifacts) -> list:
    return CHECK(a, CheckContext(as_of=AS_OF))


def test_pass_normal_dates() -> None:
    dates = [AS_OF.date() - timedelta(days=i) for i in range(8)]
    assert _run(SiteArtifacts(site="x", as_of=AS_OF, columns=[_col(dates)])) == []


def test_fail_all_items_dated_audit_day() -> None:
    [f] = _run(SiteArtifacts(site="x", as_of=AS_OF, columns=[_col([AS_OF.date()] * 6)]))
    assert f.rule == "same_day" and f.column == "要闻动态"


def test_fail_dates_track_the_crawl() -> None:
    earlier = AS_OF.date() - timedelta(days=3)
    history = [
        {
            "as_of": f"{earlier}T10:00:00",
            "items": [{"url": f"http://x.gov.cn/ywdt/{i}.html", "date": earlier.isoformat()} for i in range(3)],
        }
    ]
    dates = [AS_OF.date()] * 3 + [date(2024, 4, 1)] * 3  # 50 %: not the same-day rule
    found = _run(SiteArtifacts(site="x", as_of=AS_OF, columns=[_col(dates)], history=history))
    assert [f.rule for f in found] == ["tracks_crawl"] * 3


def _redated(source: str) -> list:
    from inspector.model import Page

    page = Page(
        url="http://x.gov.cn/ywdt/9.html",
        final_url="http://x.gov.cn/ywdt/9.html",
        status=200,
        title="全县召开春耕生产工作会议",
        visible_text="新华社北京2019年3月5日电 全县召开春耕生产工作会议……",
        published=DateEvidence(date(2024, 5, 2), source),  # type: ignore[arg-type]
    )
    a = SiteArtifacts(site="x", as_of=AS_OF, pages=[page], columns=[_col([date(2024, 5, 1)])])
    return [f for f in _run(a) if f.rule == "redated_copy"]


def test_redated_copy_is_certain_only_on_a_date_the_site_states() -> None:
    [stated] = _redated("publish_label")
    assert stated.certainty == "certain"
    for weak in ("htmldate", "dateline", "meta_pubdate", "url_path"):
        [f] = _redated(weak)
        assert f.certainty == "likely" and weak in f.certainty_reason
