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
    assert set(blocks) == {"政务要闻", "通知公告"}  # dated lists only: a one-line list with heading and 更多 counts
    news = blocks["政务要闻"]
    assert news.url == "http://www.mmx.gov.cn/xwzx/zwyw/" and news.type == "news" and news.name_source == "heading"
    assert [i.date.value for i in news.items] == [date(2024, 5, 18), date(2024, 5, 10)]
    assert news.items[0].date.year_implied and news.items[0].date.source == "list_line"
    assert blocks["通知公告"].url == "http://www.mmx.gov.cn/tzgg/"
    leads = {c.name: c for c in cols if not c.on_home}
    assert leads["政策解读"].url == "http://www.mmx.gov.cn/zcjd/" and not leads["政策解读"].items  # undated: a lead
    assert {"政务公开", "办事服务", "互动交流"} <= set(leads) and "首页" not in leads


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


# ---------------------------------------------------------------- layouts seen on real homepages


def _home(body: str) -> list:
    html = f"<html><body>{body}</body></html>"
    return [c for c in home_blocks(parse_html(html, "http://www.x.gov.cn/"), date(2018, 3, 24)) if c.on_home]


def test_list_in_table_rows_is_one_block():
    rows = "".join(
        f'<tr><td><li><span>2018-03-{d:02d}</span><a href="/xw/201803/t201803{d:02d}_{d}.html">新闻标题第{d}条</a></li></td></tr>'
        for d in (18, 17, 16, 15)
    )
    rows += "".join(
        f'<tr><td class="t"><a href="/tz/{d}.html">通知公告标题{d}</a></td><td>[2018-02-{d:02d}]</td></tr>'
        for d in (20, 11)
    )
    cols = _home(
        f'<table><tr><td class="title">政务要闻</td><td><a href="/xw/">更多</a></td></tr>{rows[: rows.index("<tr><td class")]}</table>'
        f'<table><tr><td class="title">通知公告</td></tr>{rows[rows.index("<tr><td class") :]}</table>'
    )
    assert [(c.name, len(c.items), c.latest.date.value) for c in cols] == [
        ("政务要闻", 4, date(2018, 3, 18)),
        ("通知公告", 2, date(2018, 2, 20)),
    ]


def test_tabs_are_one_column_each_named_after_their_own_tab():
    panels = [
        ("政务动态", ["2018-03-20", "2018-03-19"]),
        ("通知公告", ["2017-11-02", "2017-10-09"]),
        ("政策文件", []),  # an empty panel keeps its place
        ("人事信息", ["2016-05-04"]),
    ]
    strip = "".join(f'<li onmouseover="tab({i})">{n}</li>' for i, (n, _) in enumerate(panels))
    body = "".join(
        f'<div class="pane{" on" if i == 0 else ""}"><ul>'
        + "".join(f'<li><a href="/c{i}/{j}.html">第{i}栏第{j}条信息</a><span>{d}</span></li>' for j, d in enumerate(ds))
        + "</ul></div>"
        for i, (_, ds) in enumerate(panels)
    )
    cols = _home(f'<div class="box"><ul class="tabs">{strip}</ul><div class="panes">{body}</div></div>')
    got = {c.name: (c.name_source, c.latest.date.value, len(c.items)) for c in cols}
    assert got == {
        "政务动态": ("tab", date(2018, 3, 20), 2),
        "通知公告": ("tab", date(2017, 11, 2), 2),
        "人事信息": ("tab", date(2016, 5, 4), 1),
    }  # the strip itself is no column; each tab has its own newest date


def test_yearless_dates_take_the_year_of_the_item_url_then_the_order_of_the_list():
    lines = [("t20120510_1", "[05-10]"), ("t20120502_2", "[05-02]")]
    body = "".join(f'<li><a href="/zw/201205/{u}.html">旧闻一则{u}</a><span>{d}</span></li>' for u, d in lines)
    cols = _home(f"<div><h3>政务要闻</h3><ul>{body}</ul></div>")
    assert [i.date.value for i in cols[0].items] == [date(2012, 5, 10), date(2012, 5, 2)]
    assert all(i.date.year_implied and i.date.source == "list_line" for i in cols[0].items)
    body = "".join(
        f'<li><a href="/q/{n}.html">问答第{n}条内容</a><span>[{d}]</span></li>'
        for n, d in enumerate(["09-15", "05-11", "12-21", "08-15"])
    )
    qa = _home(f"<div><h3>热点问答</h3><ul>{body}</ul></div>")[0]
    assert [i.date.value for i in qa.items] == [
        date(2017, 9, 15),
        date(2017, 5, 11),
        date(2016, 12, 21),
        date(2016, 8, 15),
    ]


def test_a_date_inside_a_title_is_never_a_list_date():
    body = "".join(f'<li><a href="/fb/{d}.html">国台办新闻发布会辑录（2018-02-{d:02d}）</a></li>' for d in (28, 14, 7))
    ticker = '<marquee><a href="/a.html" title="要点">住房城乡建设部确定五大要点[2018.03.20]</a></marquee>'
    assert _home(f"<div><h3>新闻发布会</h3><ul>{body}</ul></div>{ticker}") == []


def test_navigation_link_farms_footers_and_calendars_are_not_columns():
    nav = '<div class="nav"><ul>' + "".join(f'<li><a href="/c{i}/">栏目{i}</a></li>' for i in range(8)) + "</ul></div>"
    farm = (
        "<ul>" + "".join(f'<li><a href="http://www.s{i}.gov.cn/">兄弟单位网站{i}</a></li>' for i in range(12)) + "</ul>"
    )
    footer = '<div class="footer">网站标识码：1100000001 更新时间：2018-03-20 <a href="/map">网站地图</a></div>'
    calendar = (
        "<ul>"
        + "".join(
            f'<li><span>3月{d}日 周{w} 9:30</span><a href="/fb/{d}.html">统计数据发布</a></li>'
            for d, w in ((26, "一"), (27, "二"))
        )
        + "</ul>"
    )
    headline = '<div class="headline"><a href="/t/1.html">头条新闻标题</a><span>2018-03-20</span></div>'
    assert _home(nav + farm + footer + "<h3>发布日历</h3>" + calendar + headline) == []


# ---------------------------------------------------------------- pagination: from the pager only


def _next(body: str, url: str = "http://gxt.x.gov.cn/zfxxgk/zc86/qtwj87/4337d733-1.html") -> str | None:
    lis = "".join(f'<li><a href="{n}.html">条目标题{n}</a><span>2024-0{n}-01</span></li>' for n in range(1, 4))
    html = f"<html><body><ul>{lis}</ul>{body}</body></html>"
    return parse_list_page(parse_html(html, url), date(2024, 9, 30)).next_url


@pytest.mark.parametrize(
    ("pager", "expected"),
    [
        (
            '<div class="page">共2页 <a href="4337d733-2.html">下一页</a> <a href="4337d733-2.html">尾页</a></div>',
            "4337d733-2.html",
        ),
        (
            '<div class="pagination"><span class="cur">1</span><a href="?page=2">2</a><a href="?page=3">3</a></div>',
            "4337d733-1.html?page=2",
        ),
        ('<div>首页 上一页 <a href="index_1.html">下页</a> 末页 第1页/共5页</div>', "index_1.html"),
        (
            '<script>var countPage = 3; var currentPage = 0; createPageHTML(countPage, currentPage, "index", "html");</script>',
            "index_1.html",
        ),
        ('<div class="page"><a href="javascript:goPage(2)">下一页</a></div>', None),  # a pager we cannot follow
        ("", None),  # no pager: one page
    ],
)
def test_next_page_from_the_pager(pager, expected):
    got = _next(pager)
    assert got == (None if expected is None else "http://gxt.x.gov.cn/zfxxgk/zc86/qtwj87/" + expected)


def test_next_column_links_after_a_list_are_not_its_next_page():
    """政府信息公开年报 (one page) followed by the link to the next column, a column switcher and a side menu."""
    after = (
        '<div class="lmqh"><a href="/zfxxgk/zc86/index.html">政策文件</a> <a href="/zfxxgk/zc86/index.html">»</a></div>'
        '<div class="left"><ul><li><a href="/zfxxgk/zc86/qtwj87/4337d733-1.html">产业政策</a></li>'
        '<li><a href="/zfxxgk/zc86/index_1.html">政策文件</a></li><li><a href="/zfxxgk/zc86/?page=2">下一页</a></li></ul></div>'
    )
    assert _next(after, "http://gxt.x.gov.cn/zfxxgk/zfxxgknb/index.html") is None


def _hebei_columns() -> dict[str, list[dict]]:
    csv.field_size_limit(10**9)
    folder = realworld("hebei-gov-column-items") / "csv"
    out = {}
    for name in ("政府信息公开年报", "产业政策", "中小企业、民营经济发展政策"):
        path = folder / f"6工业和信息化厅-政府信息公开__{name}.csv"
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
            out[name] = [{"title": r["标题"].strip(), "date": r["时间"].strip()} for r in csv.DictReader(fh)]
    return out


def _dept_page(title: str, rows: list[dict], tail: str) -> str:
    """A Hebei department list page: banner, side menu of the 政府信息公开 columns, the list, then ``tail``."""
    side = (
        '<div class="leftnav"><ul><li><a href="/zfxxgk/zfxxgknb/index.html">政府信息公开年报</a></li>'
        '<li><a href="/zfxxgk/zc86/qtwj87/4337d733-1.html">产业政策</a></li>'
        '<li><a href="/zfxxgk/zc86/zxqymyjjfzzc27/index.html">中小企业、民营经济发展政策</a></li></ul></div>'
    )
    lis = "".join(
        f'<li><a href="/zfxxgk/art/{r["date"].replace("-", "")}_{n}.html" title="{r["title"]}">{r["title"]}</a>'
        f"<span>{r['date']}</span></li>"
        for n, r in enumerate(rows)
    )
    return (
        f'<html><head><meta name="ColumnName" content="{title}"></head><body><div class="top">河北省工业和信息化厅</div>'
        f'{side}<div class="right"><div class="lmmc">{title}</div><ul class="list">{lis}</ul>{tail}</div>'
        '<div class="footer">主办：河北省工业和信息化厅</div></body></html>'
    )


def test_department_list_pages_are_read_from_their_own_pager_only(tmp_path):
    from inspector.crawl import Fetcher
    from inspector.settings import CrawlSettings
    from tests.crawl.servers import Reply, serve

    cols = _hebei_columns()
    nb, cy, zx = cols["政府信息公开年报"], cols["产业政策"], cols["中小企业、民营经济发展政策"]
    half = (len(cy) + 1) // 2
    # right after the list, the link to the next column (a "»" the old reader took for the next page)
    next_column = '<div class="lmqh">下一栏目：产业政策 <a href="/zfxxgk/zc86/qtwj87/4337d733-1.html">»</a></div>'
    routes = {
        "/zfxxgk/zfxxgknb/index.html": Reply(body=_dept_page("政府信息公开年报", nb, next_column)),
        "/zfxxgk/zc86/qtwj87/4337d733-1.html": Reply(
            body=_dept_page("产业政策", cy[:half], '<div class="page">共2页 <a href="4337d733-2.html">下一页</a></div>')
        ),
        "/zfxxgk/zc86/qtwj87/4337d733-2.html": Reply(
            body=_dept_page("产业政策", cy[half:], '<div class="page">共2页 <a href="4337d733-1.html">上一页</a></div>')
        ),
        "/zfxxgk/zc86/zxqymyjjfzzc27/index.html": Reply(body=_dept_page("中小企业、民营经济发展政策", zx, "")),
    }
    with serve(routes) as site:
        home = Page(url=site.url("/"), final_url=site.url("/"), status=200, text=_dept_page("首页", [], ""))

        async def run() -> list:
            settings = CrawlSettings(sitemap=False, auto_render=False, per_host_delay_s=0.0)
            async with Fetcher(settings) as f:
                return await map_columns(home, f.fetch, date(2024, 9, 30))

        by = {c.name: c for c in asyncio.run(run())}
    annual = by["政府信息公开年报"]
    assert annual.pages_seen == 1 and len(annual.items) == len(nb)  # did not absorb 产业政策 after it
    assert annual.latest.date.value == max(date.fromisoformat(r["date"]) for r in nb)
    industry = by["产业政策"]
    assert industry.pages_seen == 2 and len(industry.items) == len(cy)
    assert industry.latest.date.value == max(date.fromisoformat(r["date"]) for r in cy)
    assert by["中小企业、民营经济发展政策"].pages_seen == 1 and len(by["中小企业、民营经济发展政策"].items) == len(zx)


def test_flat_lists_two_digit_years_rows_with_two_dates_and_strips_with_more():
    flat = "".join(f'· <a href="/t/{d}.html">通知标题第{d}号</a> 18-03-{d:02d}<br>' for d in (20, 12))
    cols = _home(f'<div class="box"><div class="tit">通知公告</div><div class="con">{flat}</div></div>')
    assert [(c.name, [i.date.value for i in c.items]) for c in cols] == [
        ("通知公告", [date(2018, 3, 20), date(2018, 3, 12)])
    ]
    rows = "".join(
        f'<tr><td><a href="/zb/{d}.html">采购项目{d}招标公告</a></td><td>2018-03-{d:02d}</td><td>2018-04-{d:02d}</td></tr>'
        for d in (20, 10)
    )  # 发布日期 and 截止日期: the line is dated by its first date
    table = f"<h3>招标公告</h3><table><tr><th>标题</th><th>发布日期</th><th>截止日期</th></tr>{rows}</table>"
    assert [(c.name, c.latest.date.value, len(c.items)) for c in _home(table)] == [("招标公告", date(2018, 3, 20), 2)]
    strip = '<ul class="tabs"><li>要闻</li><li>|</li><li>公告</li><li><a href="/more/">更多</a></li></ul>'
    panes = "".join(
        f'<div class="pane"><ul><li><a href="/{n}/1.html">{n}第一条信息</a><span>2018-03-0{k}</span></li>'
        f'<li><a href="/{n}/2.html">{n}第二条信息</a><span>2018-02-0{k}</span></li></ul></div>'
        for k, n in ((5, "yw"), (6, "gg"))
    )
    assert [(c.name, c.name_source) for c in _home(f"<div>{strip}<div>{panes}</div></div>")] == [
        ("要闻", "tab"),
        ("公告", "tab"),
    ]


def test_sections_switched_by_the_navigation_keep_their_own_headed_lists():
    """A navigation strip over sections that each hold several headed lists (天津-style 首页/新闻 panels):
    the lists keep their own headings and are neither merged nor named after the strip."""

    def block(name: str, month: int) -> str:
        lis = "".join(
            f'<li><span>2018-0{month}-1{k}</span><a href="/{name}/{k}.html">{name}的第{k}条信息</a></li>'
            for k in (5, 2)
        )
        return f'<div class="sub"><div class="title"><span>{name}</span></div><ul class="list">{lis}</ul></div>'

    nav = '<ul class="menu"><li><a href="/">首页</a></li><li><a href="/xw/">新闻</a></li></ul>'
    sections = (
        f'<div class="sec">{block("今日关注", 3)}{block("投资天津", 2)}</div>'
        f'<div class="sec" style="display:none">{block("天津新闻", 3)}{block("通知通告", 1)}</div>'
    )
    cols = _home(f'<div class="top">{nav}</div><div class="body">{sections}</div>')
    assert [(c.name, c.name_source, len(c.items)) for c in cols] == [
        ("今日关注", "heading", 2),
        ("投资天津", "heading", 2),
        ("天津新闻", "heading", 2),
        ("通知通告", "heading", 2),
    ]
