"""The year-less list date rule (``resolve_yearless``): item URL first, then the page's own date."""

from datetime import date

import pytest

from inspector.extract.dates import parse_date_text, resolve_yearless

REF = date(2018, 3, 20)


@pytest.mark.parametrize(
    ("month", "day", "url", "expected"),
    [
        (5, 10, "http://x.gov.cn/a/201205/t20120510_1.html", date(2012, 5, 10)),
        (5, 10, "http://x.gov.cn/zwgk/2012/05/abc.html", date(2012, 5, 10)),
        (5, 10, "http://x.gov.cn/a/201205/abc.html", date(2012, 5, 10)),
        (2, 21, "http://x.gov.cn/art/2012/2/21/art_1.html", date(2012, 2, 21)),
        (5, 12, "http://x.gov.cn/2012-05/10/content_1.htm", date(2012, 5, 12)),  # re-filed two days later
        (1, 2, "http://x.gov.cn/a/201112/t20111231_9.html", date(2012, 1, 2)),  # across the new year
    ],
)
def test_item_url_gives_the_year(month, day, url, expected):
    assert resolve_yearless(month, day, REF, url) == (expected, "item_url")


@pytest.mark.parametrize(
    ("month", "day", "url", "expected"),
    [
        (3, 15, None, date(2018, 3, 15)),
        (3, 21, None, date(2017, 3, 21)),  # later than the reference ⇒ the previous year
        (5, 10, "http://x.gov.cn/a/201207/abc.html", date(2017, 5, 10)),  # URL month disagrees
        (5, 10, "http://x.gov.cn/a/detail.jsp?id=201205", date(2017, 5, 10)),  # not a path date
        (5, 10, "http://192.168.1.2:8080/info/12345.htm", date(2017, 5, 10)),
    ],
)
def test_reference_day_rule_not_in_the_future(month, day, url, expected):
    assert resolve_yearless(month, day, REF, url) == (expected, "reference")


def test_leap_day_and_impossible_days():
    assert resolve_yearless(2, 29, date(2025, 3, 1)) == (date(2024, 2, 29), "reference")
    assert resolve_yearless(2, 30, REF) is None
    assert resolve_yearless(13, 1, REF) is None


def test_parse_date_text_passes_the_item_url():
    ev = parse_date_text("[02-21]", REF, item_url="http://x.gov.cn/art/2012/2/21/art_1.html")
    assert ev is not None and ev.value == date(2012, 2, 21) and ev.year_implied
    ev = parse_date_text("（03-15）", REF)
    assert ev is not None and ev.value == date(2018, 3, 15) and ev.year_implied
