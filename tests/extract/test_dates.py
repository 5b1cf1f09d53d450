from datetime import date

import pytest

from inspector.extract.dates import choose, page_dates, parse_date_text, url_date
from inspector.extract.html import parse_html
from inspector.model import DateEvidence, to_jsonable

from ._shared import read_page, realworld

AS_OF = date(2024, 5, 20)


@pytest.mark.parametrize(
    ("text", "expected", "time", "implied"),
    [
        ("2024-05-06", date(2024, 5, 6), None, False),
        ("2024年5月6日", date(2024, 5, 6), None, False),
        ("2024年05月06日 10:30", date(2024, 5, 6), "10:30", False),
        ("2024.05.06", date(2024, 5, 6), None, False),
        ("2024/5/6 9:38:01", date(2024, 5, 6), "09:38:01", False),
        ("２０２４－０５－０６ １０：３０", date(2024, 5, 6), "10:30", False),
        ("发布时间：2024-05-06", date(2024, 5, 6), None, False),
        ("[05-06]", date(2024, 5, 6), None, True),
        ("05-06", date(2024, 5, 6), None, True),
        ("(12-30)", date(2023, 12, 30), None, True),  # after as_of this year ⇒ last year
        ("5月6日", date(2024, 5, 6), None, True),
        ("2007-08-20-23:59:59", date(2007, 8, 20), "23:59:59", False),
    ],
)
def test_parse_date_text_formats(text, expected, time, implied):
    ev = parse_date_text(text, AS_OF)
    assert ev is not None, text
    assert (ev.value, ev.time, ev.year_implied, ev.source) == (expected, time, implied, "list_line")


@pytest.mark.parametrize("text", ["", "政府工作报告", "2024年工作要点", "第5期", "2024-13-45", "共12页"])
def test_parse_date_text_rejects_non_dates(text):
    assert parse_date_text(text, AS_OF) is None


def test_implied_leap_day_goes_back_to_a_leap_year():
    ev = parse_date_text("02-29", date(2025, 3, 1))
    assert ev is not None and ev.value == date(2024, 2, 29)


def test_url_dates():
    assert url_date("http://x.gov.cn/a/202405/t20240506_123.html").value == date(2024, 5, 6)
    assert url_date("https://www.gov.cn/zhengce/content/2019-04/18/content_5384134.htm").value == date(2019, 4, 18)
    assert url_date("http://x.gov.cn/2024/09/05/art_1.html").value == date(2024, 9, 5)
    assert url_date("http://x.gov.cn/tjgb/201705/9c05.shtml") is None  # month only


def _page(body: str, head: str = "", url: str = "http://x.gov.cn/a/202401/t20240102_1.html"):
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return page_dates(parse_html(html, url), url, AS_OF)


def test_label_beats_meta_regeneration_time_and_header_today():
    ev, win = _page(
        '<div class="top">2024年05月20日 星期一</div><div>发布日期：<b>2017-05-15 10:49:00</b></div>',
        '<meta name="PubDate" content="2022-04-24 10:00:43">',
    )
    assert win is not None and (win.value, win.source, win.time) == (
        date(2017, 5, 15),
        "publish_label",
        "10:49:00",
    )
    sources = {e.source: e.value for e in ev}
    assert sources["header_today"] == date(2024, 5, 20)
    assert sources["meta_pubdate"] == date(2022, 4, 24)
    assert sources["url_path"] == date(2024, 1, 2)


def test_other_event_labels_are_not_publish_dates():
    _, win = _page("<p>留言时间：2024-05-01</p><p>页面生成时间 2024-05-19</p>", "")
    assert win is not None and win.source == "url_path"


def test_meta_wins_without_label_and_url_last():
    _, win = _page("<p>正文</p>", '<meta name="PubDate" content="2024-01-05 09:00">')
    assert (win.value, win.source) == (date(2024, 1, 5), "meta_pubdate")


def test_future_date_recorded_but_not_chosen_unless_alone():
    ev, win = _page("<p>发布时间：2030-01-01</p>", '<meta name="PubDate" content="2024-01-05">')
    assert any(e.value == date(2030, 1, 1) for e in ev)
    assert win.value == date(2024, 1, 5)
    assert choose([DateEvidence(date(2030, 1, 1), "publish_label")], AS_OF).value == date(2030, 1, 1)


def test_no_dates_gives_no_winner():
    ev, win = page_dates(parse_html("<p>hello</p>", "http://x/"), "http://x/", AS_OF)
    assert win is None and ev == []


# ---------------------------------------------------------------- real pages (SOURCE.md tables)

REAL = [
    (
        "gne-chinese-pages/pages/tests__shanxi__1.html",
        "http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_1.shtml",
        date(2019, 9, 18),
    ),
    (
        "gne-chinese-pages/pages/tests__gzggw__1.html",
        "http://fgw.zj.gov.cn/art/2016/11/22/art_1.html",
        date(2016, 11, 22),
    ),
    (
        "gne-chinese-pages/pages/tests__other__1.html",
        "http://www.gov.cn/gongbao/content/2007/content_1.htm",
        date(2007, 8, 20),
    ),
    ("gne-chinese-pages/pages/tests__cmse__1.html", "http://www.cmse.gov.cn/xwzx/1.html", date(2012, 6, 24)),
    ("gne-chinese-pages/pages/tests__sxmu__1.html", "http://jjjc.sxmu.edu.cn/info/1.htm", date(2018, 5, 17)),
    (
        "jiangxi-gov-saved-articles/wanzai_2015_tjgb_201705.html",
        "http://www.wanzai.gov.cn/wzxrmzf/tjgb/201705/9c059bf058ef4db8b3c8f920e22186fe.shtml",
        date(2017, 5, 15),
    ),
    (
        "jiangxi-gov-saved-articles/wanzai_2022_tjsja_202305.html",
        "http://www.wanzai.gov.cn/wzxrmzf/tjsja/202305/7215380191c5400397df5d7d0b5fd06b.shtml",
        date(2023, 5, 11),
    ),
    (
        "jiangxi-gov-saved-articles/yichun_2022_tjgb_202305.html",
        "https://www.yichun.gov.cn/ycsrmzf/tjgb/202305/36796cdc82d04268913f2884cf2fe579.shtml",
        date(2023, 4, 18),
    ),
    (
        "jiangxi-gov-saved-articles/yichun_jiangxi2022_tjgb_202304.html",
        "https://www.yichun.gov.cn/ycsrmzf/tjgb/202304/3f093ec317ba4609b241d0c79175c7cd.shtml",
        date(2023, 3, 31),
    ),
    (
        "nfra-gov-rendered-pages/tests_page_source_debug.html",
        "https://www.nfra.gov.cn/cn/view/pages/ItemDetail.html?docId=1",
        date(2024, 7, 12),
    ),
    (
        "nfra-gov-rendered-pages/tests_merged_cells_page_source.html",
        "https://www.nfra.gov.cn/cn/view/pages/ItemDetail.html?docId=2",
        date(2025, 6, 3),
    ),
]


@pytest.mark.parametrize(("rel", "url", "truth"), REAL, ids=[r[0].split("/")[-1] for r in REAL])
def test_real_gov_page_publish_date_matches_source_table(rel, url, truth):
    folder, _, name = rel.partition("/")
    path = realworld(folder) / name
    doc = parse_html(read_page(path), url)
    evidence, winner = page_dates(doc, url, date(2025, 12, 31))
    assert winner is not None and winner.value == truth, [to_jsonable(e) for e in evidence]


def test_jiangxi_header_today_is_recorded_and_ignored():
    path = realworld("jiangxi-gov-saved-articles") / "wanzai_2015_tjgb_201705.html"
    url = "http://www.wanzai.gov.cn/wzxrmzf/tjgb/201705/9c.shtml"
    evidence, winner = page_dates(parse_html(read_page(path), url), url, date(2025, 12, 31))
    today = [e for e in evidence if e.source == "header_today"]
    assert today and today[0].value == date(2023, 10, 11)
    meta = [e for e in evidence if e.source == "meta_pubdate"]
    assert meta and meta[0].value == date(2022, 4, 24)  # the regeneration time, five years off
    assert winner.value == date(2017, 5, 15)
