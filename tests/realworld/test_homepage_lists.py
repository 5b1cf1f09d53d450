"""The truth table of dated lists on real 2018 homepages (tests/realworld/homepage_lists.toml) holds.

Each labelled list must be found with its newest date (the figure bench/columns_eval.py reports), no
column may be claimed that is not a labelled or tolerated (weak) list, and the pages without a dated
list (redirect stubs, iframe shells, JS-built lists, URL-only dates) claim none. Pages are read from
../shared via inspector.shared; the module skips, visibly, only when that material is absent.
"""

from __future__ import annotations

import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest

from inspector.extract.columns import home_blocks
from inspector.extract.html import parse_html
from inspector.shared import realworld

ROOT = Path(__file__).resolve().parents[2]
TRUTH = tomllib.loads((Path(__file__).parent / "homepage_lists.toml").read_text(encoding="utf-8"))
PAGES = realworld("gov-homepages-2018-dev/pages")
AS_OF = date.fromisoformat(TRUTH["as_of"])

pytestmark = pytest.mark.skipif(not PAGES.is_dir(), reason=f"real homepages not available: {PAGES}")

sys.path.insert(0, str(ROOT / "bench"))
from columns_eval import Outcome, evaluate_page, norm  # noqa: E402


def _page(entry: dict) -> str:
    return (PAGES / entry["file"]).read_bytes().decode("utf-8", "replace")


def test_truth_table_is_complete_and_consistent():
    pages = TRUTH["page"]
    assert len(pages) == len({p["file"] for p in pages}) == 40
    lists = [lst for p in pages for lst in p.get("list", [])]
    assert len(lists) >= 90 and len([p for p in pages if p.get("list")]) >= 15
    for p in pages:
        assert (p["status"] == "lists") == bool(p.get("list")), p["file"]
        for lst in p.get("list", []):
            assert lst["oldest"] <= lst["newest"] <= TRUTH["as_of"] and lst["items"] >= 1, (p["file"], lst["name"])


@pytest.mark.parametrize("entry", [p for p in TRUTH["page"] if p.get("list")], ids=lambda p: p["file"])
def test_every_dated_list_found_with_its_newest_date(entry):
    out = Outcome()
    evaluate_page(entry, _page(entry), AS_OF, out)
    misses = [(r.name, r.newest, r.found, r.found_newest) for r in out.rows if not r.ok]
    assert not misses, misses
    assert not out.false, out.false  # no column that is not a dated list, none split in two


@pytest.mark.parametrize("entry", [p for p in TRUTH["page"] if not p.get("list")], ids=lambda p: p["file"])
def test_pages_without_a_dated_list_claim_no_column(entry):
    doc = parse_html(_page(entry), entry["url"])
    claimed = [c.name for c in home_blocks(doc, AS_OF) if c.on_home]
    tolerated = {norm(w["name"]) for w in entry.get("weak", [])}
    assert [n for n in claimed if norm(n) not in tolerated] == []


def test_provenance_of_hard_cases():
    """Year-less dates get their year from the item URL, down-the-list order, never the crawl year blindly."""
    by = {p["file"]: p for p in TRUTH["page"]}

    def columns(file: str) -> dict:
        doc = parse_html(_page(by[file]), by[file]["url"])
        return {c.name: c for c in home_blocks(doc, AS_OF) if c.on_home}

    gwytb = columns("gwytb.gov.cn.html")
    pinned = [i for i in gwytb["政务要闻"].items if i.url and "t20160712" in i.url]
    assert pinned and pinned[0].date.value == date(2016, 7, 12) and pinned[0].date.year_implied
    assert gwytb["两会商谈"].latest.date.value == date(2016, 10, 19)  # list 10-19 under t20161026
    assert gwytb["政务要闻"].name_source == "link"  # heading drawn as an image: named after its column link
    qa = columns("bjchy.gov.cn.html")["热点问答"]  # [09-15] [05-11] [12-21] …: two year boundaries
    assert [i.date.value.year for i in qa.items] == [2017, 2017, 2016, 2016, 2016, 2016, 2016, 2016]
    nx = columns("nx.gov.cn.html")  # an empty first panel still takes the first tab's title
    assert nx["政务动态"].name_source == "tab" and nx["政务动态"].url.endswith("/zwdt/")
    alt = columns("alt.gov.cn.html")
    assert "人事任免" not in alt  # titles carry dates (干部任职前公示(2018-01-30)): not list dates
    mohurd = columns("mohurd.gov.cn.html")
    assert (
        len(mohurd["要闻"].items) == 10 and "滚动新闻" not in mohurd
    )  # table rows: one list; a ticker's date is in its title


def test_the_same_lists_from_a_saved_file():
    """``inspect-page PAGE`` reads a saved page under a file:// URL: relative links resolve there."""
    out = Outcome()
    for entry in TRUTH["page"]:
        evaluate_page({**entry, "url": (PAGES / entry["file"]).as_uri()}, _page(entry), AS_OF, out)
    assert [(r.file, r.name) for r in out.rows if not r.ok] == [] and out.false == []
