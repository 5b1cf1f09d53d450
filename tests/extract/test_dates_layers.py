"""The date layers on small pages written for each rule: structured metadata, time zones, the dateline, htmldate."""

from datetime import date

import pytest

from inspector.extract.dates import is_index_url, page_dates
from inspector.extract.dates_htmldate import htmldate_day
from inspector.extract.dates_meta import parse_instant
from inspector.extract.html import parse_html
from inspector.inspect_page import inspect_page

AS_OF = date(2024, 6, 1)
CN_URL = "http://www.example.gov.cn/xwzx/content_1.html"
EN_URL = "https://news.example.org/story/1"


def _dates(body: str, head: str = "", url: str = CN_URL, title: str = "", as_of: date = AS_OF):
    html = f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"
    return page_dates(parse_html(html, url), url, as_of)


def _ld(value: str, key: str = "datePublished", kind: str = "NewsArticle") -> str:
    return f'<script type="application/ld+json">{{"@type": "{kind}", "{key}": "{value}"}}</script>'


# ---------------------------------------------------------------- instants and time zones


@pytest.mark.parametrize(
    ("value", "cst_day", "local_day", "time"),
    [
        ("2024-05-12T20:00:00Z", date(2024, 5, 13), date(2024, 5, 12), "04:00:00"),
        ("2024-05-12T20:00:00+08:00", date(2024, 5, 12), date(2024, 5, 12), "20:00:00"),
        ("2024-05-12T14:30:00-05:00", date(2024, 5, 13), date(2024, 5, 12), "03:30:00"),
        ("2024-05-12T23:59:00.000+0000", date(2024, 5, 13), date(2024, 5, 12), "07:59:00"),
        ("2024-05-12 09:30", date(2024, 5, 12), date(2024, 5, 12), "09:30"),
        ("18.10.2019 17:08", date(2019, 10, 18), date(2019, 10, 18), "17:08"),
        ("2024年5月12日", date(2024, 5, 12), date(2024, 5, 12), None),
        ("20240512", date(2024, 5, 12), date(2024, 5, 12), None),
    ],
)
def test_instants_are_read_and_offsets_converted_to_cst(value, cst_day, local_day, time):
    instant = parse_instant(value)
    assert instant is not None
    assert (instant.day, instant.local_day, instant.time) == (cst_day, local_day, time)


@pytest.mark.parametrize("value", ["", "soon", "2024-13-40", "12:30", "version 2.0.1"])
def test_non_instants(value):
    assert parse_instant(value) is None


def test_chinese_page_takes_the_cst_day_of_an_offset_stamp():
    ev, win = _dates("<h1>通知</h1><p>正文</p>", _ld("2024-05-12T20:00:00Z"))
    assert (win.value, win.source, win.time) == (date(2024, 5, 13), "jsonld", "04:00:00")


def test_foreign_page_keeps_the_publishers_own_day():
    _, win = _dates("<h1>Story</h1><p>Text</p>", _ld("2019-10-18T18:11:44+02:00"), url=EN_URL)
    assert (win.value, win.source) == (date(2019, 10, 18), "jsonld")


# ---------------------------------------------------------------- structured metadata


def test_article_object_of_a_jsonld_graph_wins_over_the_webpage():
    graph = (
        '<script type="application/ld+json">{"@graph": ['
        '{"@type": "WebPage", "datePublished": "2020-01-01T00:00:00+08:00"},'
        '{"@type": "NewsArticle", "datePublished": "2024-03-04T10:00:00+08:00",'
        ' "dateModified": "2024-03-09T10:00:00+08:00"}]}</script>'
    )
    ev, win = _dates("<p>正文</p>", graph)
    assert (win.value, win.source) == (date(2024, 3, 4), "jsonld")
    assert any(e.source == "meta_modified" and e.value == date(2024, 3, 9) for e in ev)


def test_broken_jsonld_is_still_read():
    broken = '<script type="application/ld+json">{"@type": "Article", "datePublished": "2024-03-04", }</script>'
    _, win = _dates("<p>正文</p>", broken)
    assert win.value == date(2024, 3, 4)


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="article:published_time" content="2024-03-04T10:00:00+08:00">',
        '<meta property="og:release_date" content="2024-03-04">',
        '<meta name="date" content="2024-03-04">',
        '<meta name="DC.date.issued" content="2024-03-04">',
        '<meta itemprop="datePublished" content="2024-03-04">',
        '<meta name="release_date" content="2024-03-04">',
    ],
)
def test_meta_published_tags(head):
    _, win = _dates("<p>正文</p>", head)
    assert (win.value, win.source) == (date(2024, 3, 4), "meta_published")


def test_modified_time_alone_is_never_the_publication_date():
    ev, win = _dates("<p>正文</p>", '<meta property="article:modified_time" content="2024-03-04T10:00:00+08:00">')
    assert [e.source for e in ev] == ["meta_modified"] and win is None


def test_time_element_marked_as_publication():
    _, win = _dates('<article><time class="entry-date published" datetime="2024-03-04T08:00:00+08:00">4 March')
    assert (win.value, win.source) == (date(2024, 3, 4), "time_element")


def test_many_published_time_elements_are_a_comment_list_not_the_article():
    comments = "".join(f'<li><time pubdate datetime="2024-03-{d:02d}T08:00:00Z">x</time></li>' for d in range(1, 9))
    ev, win = _dates(f"<ul>{comments}</ul>")
    assert not any(e.source == "time_element" for e in ev)


def test_url_date_that_is_a_reading_of_a_utc_stamp_is_the_publishers_day():
    url = "https://pages.example.com/2020/02/24/some-story/"
    head = '<meta property="article:published_time" content="2020-02-25T02:25:54+00:00">'
    _, win = _dates("<h1>Some story</h1><p>Text</p>", head, url=url)
    assert (win.value, win.source) == (date(2020, 2, 24), "url_path")


def test_tms_pubdate_and_visible_label_keep_their_precedence_over_structured_dates():
    head = '<meta name="PubDate" content="2024-01-05 09:00">' + _ld("2024-01-09")
    _, win = _dates("<p>正文</p>", head)
    assert (win.value, win.source) == (date(2024, 1, 5), "meta_pubdate")
    _, win = _dates("<p>发布时间：2024-01-02</p>", head)
    assert (win.value, win.source) == (date(2024, 1, 2), "publish_label")


# ---------------------------------------------------------------- labels without a full year


def test_two_digit_year_label_glued_to_its_time():
    _, win = _dates("<div>发布时间：<span>18-03-08</span><span>23:16</span></div>", as_of=date(2020, 1, 1))
    assert (win.value, win.source, win.time) == (date(2018, 3, 8), "publish_label", "23:16")


def test_year_less_label_takes_the_year_of_the_meta_date_with_the_same_day():
    head = '<meta itemprop="dateUpdate" content="2019-09-30 22:46:13">'
    _, win = _dates("<div>发布时间：<span>09-30</span><span>22:46</span></div>", head, as_of=date(2024, 6, 1))
    assert (win.value, win.source, win.year_implied) == (date(2019, 9, 30), "publish_label", False)


def test_year_less_label_without_a_machine_date_follows_the_year_less_rule():
    _, win = _dates("<div>发布时间：10-08 12:00</div>", as_of=date(2024, 6, 1))
    assert (win.value, win.year_implied) == (date(2023, 10, 8), True)


# ---------------------------------------------------------------- the dateline under the title


@pytest.mark.parametrize(
    ("line", "expected", "time"),
    [
        ("2024-05-13 06:15 发布于:北京市", date(2024, 5, 13), "06:15"),
        ("2024-05-09 22:30·新华社", date(2024, 5, 9), "22:30"),
        ("原创:39健康网2024-04-23", date(2024, 4, 23), None),
        ("2019年09月07日 04:04 新京报", date(2019, 9, 7), "04:04"),
        ("12.01.2022", date(2022, 1, 12), None),
        ("Updated Mar 12, 2020 @ 10:42 am", date(2020, 3, 12), None),
        ("26. September 2019 Ulrike Stockhausen Schreibe einen Kommentar", date(2019, 9, 26), None),
    ],
)
def test_dateline_under_the_title(line, expected, time):
    ev, win = _dates(
        f"<h1>某某县召开全县工作会议</h1><div>{line}</div><p>正文内容。</p>",
        title="某某县召开全县工作会议_某某县人民政府",
    )
    assert (win.value, win.source) == (expected, "dateline"), ev
    assert win.time == time


def test_a_date_inside_the_title_is_not_the_dateline():
    title = "5月20日至2024年5月31日京沪高速封闭"
    ev, win = _dates(f"<h1>{title}</h1><div>2024-05-17</div><p>正文</p>", title=title)
    assert win.value == date(2024, 5, 17)


@pytest.mark.parametrize(
    "line",
    [
        "2019年10月15日，沈阳，在八一公园晨练的老年人。",  # a caption: the date begins a sentence
        "他对政治没兴趣，却老跟政治扯上关系2015-09-22",  # a related-article line
        "阿勒泰市:“我们老百姓的生活会越来越美好…[2018-03-22]",  # a list item with a cut title
        "2024年05月20日 星期一",  # the header's today
    ],
)
def test_lines_that_are_not_datelines(line):
    ev, win = _dates(f"<h1>某某县召开全县工作会议</h1><div>{line}</div><p>正文内容。</p>")
    assert not any(e.source == "dateline" for e in ev), ev


def test_dates_after_a_related_articles_heading_are_not_the_dateline():
    body = "<h1>某某县召开全县工作会议</h1><div>关联稿件:</div><div>2023-07-12</div><p>正文</p>"
    ev, _ = _dates(body)
    assert not any(e.source == "dateline" for e in ev)


def test_dateline_wins_over_structured_metadata_and_loses_to_a_label():
    head = _ld("2021-11-29T14:13:37+00:00") + _ld("2022-01-12T14:27:30+00:00", key="dateModified")
    _, win = _dates("<h1>Fische Schmerzen</h1><div>12.01.2022</div><p>Text</p>", head, url=EN_URL)
    assert (win.value, win.source) == (date(2022, 1, 12), "dateline")
    _, win = _dates("<h1>某某县召开全县工作会议</h1><div>2024-05-13</div><p>发布日期：2024-05-10</p>")
    assert (win.value, win.source) == (date(2024, 5, 10), "publish_label")


# ---------------------------------------------------------------- htmldate, bounded


def test_htmldate_fills_coverage_only_with_a_day_the_page_shows():
    body = '<div class="meta"><span class="date">03/04/2024</span></div><p>Text of the story.</p>'
    ev, win = _dates(body, url=EN_URL)
    shown = [e for e in ev if e.source == "htmldate"]
    if win is not None:  # htmldate may read 03/04 either way; whatever it says must be written on the page
        assert win.source == "htmldate" and win.value in (date(2024, 3, 4), date(2024, 4, 3)) and shown


def test_htmldate_day_from_links_only_is_dropped():
    links = "".join(f'<a href="/news/2023-0{m}-1{m}/item.html">item</a>' for m in range(1, 8))
    ev, win = _dates(f"<h1>Archive</h1><p>Text</p>{links}", url=EN_URL)
    assert win is None and not any(e.source == "htmldate" for e in ev)


def test_htmldate_never_raises_and_never_fetches():
    assert htmldate_day("", None, AS_OF) is None
    assert htmldate_day("http://127.0.0.1:9/never-fetched", None, AS_OF) is None
    assert htmldate_day("\x00\x01<<<>>>\ufffe" * 1000, "not a url", AS_OF) is None
    assert htmldate_day("<html><body>" + "<div>2024-05-06</div>" * 50_000, None, AS_OF) in (None, date(2024, 5, 6))


def test_header_today_is_never_htmldates_answer():
    ev, win = _dates("<div>今天是2024年05月20日 星期一</div><h1>标题</h1><p>正文</p>")
    assert win is None or win.value != date(2024, 5, 20)


@pytest.mark.parametrize(
    ("url", "index"),
    [
        ("http://www.example.gov.cn/", True),
        ("http://www.example.gov.cn", True),
        ("http://www.example.gov.cn/xwdt/index.html", True),
        ("http://www.example.gov.cn/xwdt/index_2.shtml", True),
        ("http://www.example.gov.cn/xwdt/202405/t20240506_1.html", False),
        ("https://blog.example.org/fische-schmerzen/", False),
        ("file:///tmp/home.html", False),
    ],
)
def test_index_urls(url, index):
    assert is_index_url(url) is index


def test_home_page_gets_no_dateline_or_htmldate_date():
    body = "<h1>某某县人民政府</h1><div>2024-05-13</div><ul><li><a href='/a'>新闻</a> 2024-05-12</li></ul>"
    ev, win = _dates(body, url="http://www.example.gov.cn/", title="某某县人民政府")
    assert win is None and not any(e.source in ("dateline", "htmldate") for e in ev)


def test_inspect_page_shows_every_candidate_with_provenance_and_the_winner():
    html = (
        "<html><head><title>通知</title>"
        '<meta name="PubDate" content="2022-04-24 10:00:43">'
        '<meta property="article:published_time" content="2017-05-14T18:00:00Z"></head><body>'
        "<div>2023年10月11日 星期三</div><h1>通知</h1><div>发布日期：2017-05-15 10:49:00</div><p>正文</p></body></html>"
    )
    out = inspect_page(html, "http://www.example.gov.cn/tjgb/201705/9c05.shtml", date(2025, 1, 1))
    sources = [e["source"] for e in out["dates"]["evidence"]]
    assert {"header_today", "publish_label", "meta_pubdate", "meta_published"} <= set(sources)
    assert out["dates"]["published"]["source"] == "publish_label"
    assert out["dates"]["published"]["value"] == "2017-05-15"
    assert "dateline" in out["dates"]["rule"] and "htmldate" in out["dates"]["rule"]
