"""Publication dates on real pages no one here wrote (../shared/realworld), so the traps found there cannot regress.

The hand-checked truth is the one of ``bench/dates_eval.py`` (the benchmark prints the figures); here every
Chinese page of it must stay exact, and so must the foreign pages that each hold one trap.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bench.dates_eval import GNE_TRUTH, OTHER_TRUTH, Case, cases
from inspector.crawl.decode import decode_html
from inspector.extract.dates import page_dates
from inspector.extract.html import parse_html
from inspector.model import to_jsonable
from inspector.shared import realworld

AS_OF = date(2026, 1, 1)  # after every page; the pages' own dates decide
ROOT = realworld()


def _read(rel: str, url: str):
    path = ROOT / rel
    if not path.is_file():
        pytest.skip(f"real page not available: {path} (../shared absent; set INSPECTOR_SHARED_DIR)")
    html, _ = decode_html(path.read_bytes())
    doc = parse_html(html, url)
    return page_dates(doc, url, AS_OF)


CHINESE = [Case("gne", "gne-chinese-pages/pages/" + f, u, date.fromisoformat(t), w) for f, u, t, w in GNE_TRUTH]
CHINESE += [Case(s, rel, u, date.fromisoformat(t), w) for s, rel, u, t, w in OTHER_TRUTH]


@pytest.mark.parametrize("case", CHINESE, ids=[Path(c.rel).name for c in CHINESE])
def test_chinese_and_government_pages_are_exact(case: Case):
    evidence, winner = _read(case.rel, case.url)
    assert winner is not None and winner.value == case.truth, (case.why, [to_jsonable(e) for e in evidence])


# One page per trap of htmldate's own evaluation set: (file, expected day, winning source, what it holds).
FOREIGN_TRAPS = [
    ("default__d20cc6511c6f4cb3bad3a1e57435456d.html", "2019-10-18", "jsonld", "18:11+02:00 abroad: its own day"),
    ("default__pagesix.com.myers.html", "2020-02-24", "url_path", "UTC stamp 02:25 on the 25th, URL /2020/02/24/"),
    ("default__bloghaus.hypotheses.org.2320.html", "2019-09-26", "dateline", "byline first, 'Aktualisiert am' next"),
    ("default__computerbild.de-streamingcloud.html", "2023-04-01", "dateline", "shown date = dateModified"),
    ("default__la-bas.org.porte.html", "2019-06-28", "dateline", "comment <time pubdate> list"),
    ("default__kochbar.de.schneiden.html", "2020-09-20", "dateline", "htmldate reads a comment date"),
    ("default__hellogiggles.com.skin.html", "2020-03-12", "dateline", "'Updated Mar 12, 2020' under the title"),
    ("mediacloud__1676872902.html", "2020-07-09", "dateline", "URL /2020/07/08/ is the draft's day"),
    ("default__angelmagazin.de-schmerzen.html", "2022-01-12", "dateline", "12.01.2022 shown, published 2021-11-29"),
]


@pytest.mark.parametrize(("name", "truth", "source", "trap"), FOREIGN_TRAPS, ids=[t[0][:40] for t in FOREIGN_TRAPS])
def test_foreign_page_traps(name: str, truth: str, source: str, trap: str):
    found = {c.rel: c for c in cases(ROOT)} if ROOT.is_dir() else {}
    case = found.get(f"htmldate-dev-dates/pages/{name}")
    if case is None:
        pytest.skip(f"htmldate-dev-dates not available under {ROOT}")
    assert case.truth == date.fromisoformat(truth)
    evidence, winner = _read(case.rel, case.url)
    assert winner is not None, trap
    assert (winner.value.isoformat(), winner.source) == (truth, source), (trap, [to_jsonable(e) for e in evidence])


def test_title_date_is_not_the_page_date():
    """163: the title says 5月20日至31日; the page is of 2019-05-17."""
    evidence, winner = _read("gne-chinese-pages/pages/tests__163__9.html", "https://dy.163.com/article/9.html")
    assert winner is not None and (winner.value, winner.source) == (date(2019, 5, 17), "dateline")


def test_baijiahao_year_less_and_two_digit_year_labels():
    _, two_digit = _read("gne-chinese-pages/pages/tests__baijiahao__3.html", "https://baijiahao.baidu.com/s?id=3")
    assert two_digit is not None and (two_digit.value, two_digit.source) == (date(2018, 3, 8), "publish_label")
    _, yearless = _read("gne-chinese-pages/pages/tests__baijiahao__2.html", "https://baijiahao.baidu.com/s?id=2")
    assert yearless is not None and (yearless.value, yearless.year_implied) == (date(2019, 9, 30), False)


def test_gov_cn_gongbao_first_published_meta_beats_page_generation_time():
    evidence, winner = _read(
        "gne-chinese-pages/pages/tests__other__1.html", "http://www.gov.cn/gongbao/content/2007/content_1.htm"
    )
    assert winner is not None and (winner.value, winner.source) == (date(2007, 8, 20), "meta_pubdate")
    assert not any(e.value == date(2023, 10, 23) and e.source != "body_text" for e in evidence)


def test_real_homepages_get_no_weak_page_date():
    """A home page is a page of lists: no dateline or htmldate date stands for it (a list date is not its date)."""
    pages = sorted((ROOT / "gov-homepages-2018-dev" / "pages").glob("*.html"))
    if not pages:
        pytest.skip(f"gov-homepages-2018-dev not available under {ROOT}")
    for path in pages:
        html, _ = decode_html(path.read_bytes())
        url = f"http://www.{path.stem}/"
        evidence, winner = page_dates(parse_html(html, url), url, date(2018, 4, 1))
        assert not any(e.source in ("dateline", "htmldate") for e in evidence), path.name
        assert winner is None or winner.source in ("publish_label", "meta_pubdate", "jsonld", "meta_published"), (
            path.name,
            to_jsonable(winner),
        )
