import asyncio
import csv
from datetime import date

import pytest

from inspector.extract.columns import classify_column, home_blocks, parse_list_page
from inspector.extract.dates import parse_date_text
from inspector.extract.html import parse_html
from inspector.gather.columns import map_columns, probe_search
from inspector.inspect_page import inspect_page
from inspector.model import Page

from ._shared import realworld

AS_OF = date(2024, 5, 20)
HOME = "http://www.mmx.gov.cn/"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("政务要闻", "news"),
        ("部门动态", "news"),
        ("通知公告", "notice"),
        ("政策文件", "policy"),
        ("政策解读", "interpretation"),
        ("人事信息", "personnel"),
        ("规划计划", "plan"),
        ("政府信息公开年报", "annual_report"),
        ("领导信箱", "interaction"),
        ("办事服务", "service"),
        ("网站地图", "other"),
    ],
)
def test_classify_column(name, kind):
    assert classify_column(name) == kind


def test_classify_with_custom_dictionary():
    d = {"order": ["news"], "types": {"news": {"keywords": ["乡镇风采"]}}}
    assert classify_column("乡镇风采", d) == "news" and classify_column("政务要闻", d) == "other"


def test_home_blocks(fixture_html):
    cols = home_blocks(parse_html(fixture_html("home.html"), HOME), AS_OF)
    blocks = {c.name: c for c in cols if c.on_home}
    assert set(blocks) == {"政务要闻", "通知公告", "政策解读"}
    news = blocks["政务要闻"]
    assert news.url == "http://www.mmx.gov.cn/xwzx/zwyw/" and news.type == "news"
    assert [i.date.value for i in news.items] == [date(2024, 5, 18), date(2024, 5, 10)]
    assert news.items[0].date.year_implied and news.items[0].date.source == "list_line"
    assert blocks["政策解读"].items[0].date is None
    nav = {c.name for c in cols if not c.on_home}
    assert {"政务公开", "办事服务", "互动交流"} <= nav and "首页" not in nav


def test_list_page_items_dates_and_trs_pagination(fixture_html):
    lp = parse_list_page(parse_html(fixture_html("list.html"), "http://www.mmx.gov.cn/xwzx/zwyw/"), AS_OF)
    assert [i.title for i in lp.items] == [
        "县长调研春耕生产",
        "全县召开安全生产会议",
        "第三条",
    ]  # side list left out
    assert lp.items[2].date.value == date(2024, 4, 20)  # full-width digits
    assert lp.next_url == "http://www.mmx.gov.cn/xwzx/zwyw/index_1.html"
    assert lp.blank_text is None and lp.note is None


def test_list_page_next_link():
    html = '<ul><li><a href="a.html">甲</a><span>2024-05-01</span></li></ul><div class="page"><a href="?page=2">下一页</a></div>'
    lp = parse_list_page(parse_html(html, "http://x.gov.cn/col/"), AS_OF)
    assert lp.next_url == "http://x.gov.cn/col/?page=2"


def test_blank_explained_and_js_pages(fixture_html):
    url = "http://www.mmx.gov.cn/rsxx/"
    blank = parse_list_page(parse_html(fixture_html("blank.html"), url), AS_OF)
    assert blank.items == [] and blank.blank_text == "暂无信息" and blank.note is None and not blank.needs_render
    explained = parse_list_page(parse_html(fixture_html("explained.html"), url), AS_OF)
    assert explained.note and "原因" in explained.note
    js = parse_list_page(parse_html(fixture_html("jslist.html"), url), AS_OF)
    assert js.needs_render and js.items == []


def _page(url: str, html: str | None, status: int = 200) -> Page:
    return Page(url=url, final_url=url, status=status, text=html)


def test_map_columns_follows_more_paginates_and_marks_js(fixture_html):
    list_html = fixture_html("list.html")
    page2 = '<ul><li><a href="old.html">旧闻</a><span>2024-01-02</span></li></ul>'
    site = {
        "http://www.mmx.gov.cn/xwzx/zwyw/": list_html,
        "http://www.mmx.gov.cn/xwzx/zwyw/index_1.html": page2,
        "http://www.mmx.gov.cn/tzgg/": fixture_html("blank.html"),
        "http://www.mmx.gov.cn/zcjd/": fixture_html("jslist.html"),
    }
    calls: list[str] = []

    async def fetch(url: str) -> Page:  # no render keyword: JS columns are marked, not rendered
        calls.append(url)
        return _page(url, site.get(url), 200 if url in site else 404)

    home = _page(HOME, fixture_html("home.html"))
    cols = asyncio.run(map_columns(home, fetch, AS_OF, overrides={"http://www.mmx.gov.cn/bsfw/": "other"}))
    by = {c.name: c for c in cols}
    news = by["政务要闻"]
    assert news.pages_seen == 2 and news.latest.date.value == date(2024, 5, 18)
    assert any(i.title == "旧闻" for i in news.items)
    assert by["通知公告"].blank_text == "暂无信息"
    assert by["政策解读"].error == "needs_render"
    assert by["办事服务"].type == "other" and by["办事服务"].type_source == "plan"
    assert by["政务公开"].error == "http_404"
    assert home.signals["home_items"][0]["title"] == "县长调研春耕生产"
    assert calls.count("http://www.mmx.gov.cn/xwzx/zwyw/") == 1


def test_map_columns_renders_when_fetch_supports_it(fixture_html):
    rendered = '<ul><li><a href="1.html">渲染后的解读</a><span>2024-05-02</span></li></ul>'

    async def fetch(url: str, render: bool = False) -> Page:
        if url == "http://www.mmx.gov.cn/zcjd/":
            return _page(url, rendered if render else fixture_html("jslist.html"))
        return _page(url, None, 404)

    cols = asyncio.run(map_columns(_page(HOME, fixture_html("home.html")), fetch, AS_OF))
    zcjd = next(c for c in cols if c.name == "政策解读")
    assert zcjd.error is None and any(i.title == "渲染后的解读" for i in zcjd.items)


def test_probe_search(fixture_html):
    home = _page(HOME, fixture_html("home.html"))
    doc = parse_html(home.text, HOME)
    seen: list[str] = []

    async def fetch(url: str) -> Page:
        seen.append(url)
        return _page(url, "<ul><li><a href='/1.html'><em>县长调研</em>春耕生产</a></li></ul>")

    probe = asyncio.run(probe_search(home, doc, "县长调研春耕生产", fetch))
    assert probe.found is True and "searchword=" in seen[0]
    probe = asyncio.run(probe_search(home, doc, "完全不存在的标题文字", fetch))
    assert probe.found is False
    nodoc = parse_html("<p>no form</p>", HOME)
    assert asyncio.run(probe_search(home, nodoc, "x", fetch)).error == "no_search_form"


def test_inspect_page_is_json_ready(fixture_html):
    import json

    out = inspect_page(fixture_html("home.html"), HOME, AS_OF)
    json.dumps(out, ensure_ascii=False)
    assert out["identity"]["valid"] == {"site_code": True, "icp": True, "psb": True}
    assert out["dates"]["evidence"][0]["source"] == "header_today" and out["dates"]["published"] is None
    assert any(c["name"] == "政务要闻" for c in out["columns"])
    assert out["forms"][0]["purpose"] == "search"


# ---------------------------------------------------------------- Hebei column CSVs (real list dates)


def _hebei_rows():
    folder = realworld("hebei-gov-column-items")
    with (folder / "index.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return folder, [r for r in rows if r["date_col"] not in ("", "-")]


def test_hebei_list_dates_normalise_and_newest_matches_index():
    csv.field_size_limit(10**9)
    folder, rows = _hebei_rows()
    assert rows
    for row in rows:
        with (folder / "csv" / row["file"]).open(encoding="utf-8-sig", errors="replace", newline="") as fh:
            values = [r.get(row["date_col"]) for r in csv.DictReader(fh)]
        values = [v.strip() for v in values if isinstance(v, str) and v.strip()]
        parsed = [parse_date_text(v, date(2024, 9, 30)) for v in values]
        unparsed = [v for v, p in zip(values, parsed) if p is None]
        assert not unparsed, (row["file"], unparsed[:5])
        assert max(p.value for p in parsed).isoformat() == row["max_date"], row["file"]
        assert min(p.value for p in parsed).isoformat() == row["min_date"], row["file"]
