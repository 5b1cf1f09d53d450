"""The portal's content model: columns, items and the explicitly planted defects.

Generated once per world from (scenario, params); every date is relative to the scenario's start
"today" so the ground truth stays exact.  Rendering lives in portal.py, truth in manifest.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from . import texts
from .clock import parse_when
from .scenarios import Scenario

# Date formats of list lines (the real variety seen on gov.cn sites).
LIST_FORMATS = ("iso", "cn", "cn_pad", "dot", "slash", "mmdd")
# Date lines of article pages.
ARTICLE_FORMATS = ("fbsj_min", "fbrq_cn", "sj_fw")


def fmt_list_date(d: datetime | date, fmt: str, today: date) -> str:
    if fmt == "mmdd" and d.year != today.year:
        fmt = "iso"  # CMSs print the year once it is not the current one; keeps [MM-DD] unambiguous
    if fmt == "iso":
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    if fmt == "cn":
        return f"{d.year}年{d.month}月{d.day}日"
    if fmt == "cn_pad":
        return f"{d.year}年{d.month:02d}月{d.day:02d}日"
    if fmt == "dot":
        return f"{d.year}.{d.month:02d}.{d.day:02d}"
    if fmt == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if fmt == "mmdd":
        return f"[{d.month:02d}-{d.day:02d}]"
    raise ValueError(fmt)


def fmt_article_date(d: datetime, fmt: str) -> str:
    if fmt == "fbsj_min":
        return f"发布时间：{d:%Y-%m-%d %H:%M}"
    if fmt == "fbrq_cn":
        return f"发布日期：{d.year}年{d.month:02d}月{d.day:02d}日"
    if fmt == "sj_fw":
        return f"时间：{d:%Y-%m-%d}"
    raise ValueError(fmt)


@dataclass
class Item:
    id: int
    col: str
    title: str
    published: datetime  # the true, visible publication time
    created: date  # the CMS creation date, used in the URL (may differ in month)
    regen: datetime | None = None  # meta PubDate = page regeneration time (trap), if set
    source: str = ""
    kind: str = "normal"  # normal | pii | misstatement | defaced | redated_copy | crackdown
    related: int | None = None  # policy → interpretation id, interpretation → policy id
    attachments: list[tuple[str, str]] = field(default_factory=list)  # (label, path)
    extra_html: str = ""  # planted inner-page links / images
    dynamic_date: bool = False  # forged-dates: shown as the clock's today
    docno: str = ""
    home_undated: bool = False  # shown on the home page without a date

    @property
    def url(self) -> str:
        c = self.created
        return f"/col/{self.col}/{c:%Y%m}/t{c:%Y%m%d}_{self.id}.html"


@dataclass
class Column:
    code: str
    name: str
    ctype: str  # news | notice | policy | interpretation | personnel | plan | annual | other
    first_level: bool
    list_fmt: str
    article_fmt: str
    encoding: str = "utf-8"  # utf-8 | gbk-header | gb2312-meta
    js: bool = False  # list built by JavaScript from list.json
    blank: str | None = None  # None | "empty" | "placeholder"
    placeholder: str = "暂无信息"
    note: str | None = None  # explanatory note on a column with no information
    on_home: bool = False
    home_fmt: str = "iso"
    page_size: int = 15
    items: list[Item] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"/col/{self.code}/index.html"

    def page_url(self, page: int) -> str:
        """TRS style: page 1 is index.html, page 2 is index_1.html …"""
        return self.url if page <= 1 else f"/col/{self.code}/index_{page - 1}.html"

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.items) // self.page_size))

    @property
    def column_type_zh(self) -> str:
        return {
            "news": "动态要闻",
            "notice": "通知公告",
            "policy": "政策文件",
            "interpretation": "政策解读",
            "personnel": "人事信息",
            "plan": "规划计划",
            "annual": "年度报告",
        }.get(self.ctype, "其他")


@dataclass
class Identity:
    site_name: str
    domain: str
    site_code_meta: str
    site_code_footer: str | None  # None = missing from the footer
    icp: str | None
    psb: str | None
    badge: bool
    sponsor: str
    phone: str
    address: str
    email: str
    find_errors: bool


@dataclass
class Guide:
    id: int
    name: str
    elements: dict[str, str]


@dataclass
class PortalModel:
    scenario: str
    county: str
    city: str
    params: dict[str, Any]
    today: datetime
    identity: Identity
    columns: dict[str, Column]
    items: dict[int, Item]
    headline: int
    guides: list[Guide]
    files: dict[str, tuple[bytes, str]]  # existing attachments: path → (bytes, content type)
    plants: list[dict[str, Any]]  # explicitly planted defects, paths relative to a site
    non_defects: list[dict[str, Any]]  # traps that must NOT be reported
    home_extras: dict[str, Any]  # flags for home-page-only plants

    def column_of(self, item: Item) -> Column:
        return self.columns[item.col]


# (code, name, ctype, first_level, list_fmt, article_fmt, encoding, js, on_home, home_fmt)
BASE_COLUMNS = [
    ("ywdt", "要闻动态", "news", True, "iso", "fbsj_min", "utf-8", False, True, "mmdd"),
    ("bmdt", "部门动态", "news", True, "iso", "fbrq_cn", "utf-8", True, True, "iso"),
    ("xzdt", "乡镇动态", "news", True, "dot", "sj_fw", "utf-8", False, False, "iso"),
    ("mtgz", "媒体关注", "news", True, "slash", "fbsj_min", "utf-8", False, True, "iso"),
    ("tzgg", "通知公告", "notice", True, "cn", "fbsj_min", "gbk-header", False, True, "iso"),
    ("zcwj", "政策文件", "policy", True, "dot", "fbrq_cn", "utf-8", False, True, "iso"),
    ("zcjd", "政策解读", "interpretation", True, "slash", "sj_fw", "gb2312-meta", False, True, "iso"),
    ("rsxx", "人事信息", "personnel", True, "iso", "fbsj_min", "utf-8", False, True, "iso"),
    ("ghjh", "规划计划", "plan", True, "cn", "fbrq_cn", "utf-8", False, True, "iso"),
    ("ndbg", "政府信息公开年报", "annual", True, "cn_pad", "fbrq_cn", "utf-8", False, True, "iso"),
]
LONG_STALE_EXTRA = [
    ("rsrm", "人事任免", "personnel"),
    ("gwyzl", "公务员招录", "personnel"),
    ("sydwzp", "事业单位招聘", "personnel"),
    ("rqgs", "干部任前公示", "personnel"),
    ("fzgh", "发展规划", "plan"),
    ("zxgh", "专项规划", "plan"),
    ("ndjh", "年度计划", "plan"),
    ("gzjh", "工作计划", "plan"),
]
BLANK_EXTRA = [
    ("czyjs", "财政预决算", "empty", "暂无信息"),
    ("zdxm", "重点项目", "empty", "暂无信息"),
    ("jyta", "建议提案办理", "placeholder", "暂无信息"),
    ("xzzf", "行政执法公示", "placeholder", "暂无数据"),
    ("yjgl", "应急管理", "placeholder", "暂无信息"),
]
GUIDE_ELEMENTS = ["事项名称", "设定依据", "申请条件", "办理材料", "办理地点", "办理时间", "联系电话", "办理流程"]

# Ages (days before today) of the newest item per column, and spacing between items.
FRESH_AGE = {"ywdt": 1, "bmdt": 1, "xzdt": 2, "mtgz": 3, "tzgg": 4, "zcwj": 10, "rsxx": 20, "ghjh": 45}
SPACING = {"ywdt": 3, "bmdt": 3, "xzdt": 4, "mtgz": 5, "tzgg": 9, "zcwj": 20, "rsxx": 25, "ghjh": 60}
COUNT = {"ywdt": 36, "bmdt": 34, "xzdt": 20, "mtgz": 18, "tzgg": 30, "zcwj": 16, "rsxx": 16, "ghjh": 10}
STALE_ORDER = [("ywdt", 30), ("bmdt", 45), ("tzgg", 220), ("zcwj", 260), ("xzdt", 60)]
STALE_HOME_AGE = {"ywdt": 25, "bmdt": 30, "mtgz": 28, "tzgg": 40, "zcwj": 50, "rsxx": 60, "ghjh": 90}


def build_portal(scenario: Scenario, params: dict[str, Any]) -> PortalModel:
    rng = random.Random(f"{scenario.name}:{params['seed']}")
    now = parse_when(params["today"])
    today = now.date()
    county = scenario.county
    name = county.name
    plants: list[dict[str, Any]] = []
    non_defects: list[dict[str, Any]] = []
    next_id = [8000 + rng.randint(0, 900)]

    def new_id() -> int:
        next_id[0] += rng.randint(1, 7)
        return next_id[0]

    def at(day: date, lo: int = 8, hi: int = 18) -> datetime:
        t = datetime(
            day.year,
            day.month,
            day.day,
            rng.randint(lo, hi - 1),
            rng.randint(0, 59),
            rng.randint(0, 59),
            tzinfo=now.tzinfo,
        )
        return min(t, now - timedelta(minutes=5))  # never in the future

    # ------------------------------------------------------------------ identity
    p = params
    bad = p["bad_identity"]
    identity = Identity(
        site_name=f"{name}人民政府",
        domain=f"www.{county.pinyin}-gov.com" if bad else f"www.{county.pinyin}.gov.cn",
        site_code_meta="" if bad else f"{county.area_code}0001",
        site_code_footer=f"{county.area_code}001" if bad else f"{county.area_code}0001",  # 9 chars = malformed
        icp=f"{county.province}ICP备{rng.randint(10000000, 19999999)}号-1",
        psb=None if bad else f"{county.province}公网安备 {county.area_code}02000123号",
        badge=not bad,
        sponsor=f"{name}人民政府办公室",
        phone=f"0{rng.randint(310, 399)}-{rng.randint(8000000, 8999999)}",
        address=f"{county.city}{name}人民路{rng.randint(1, 200)}号",
        email=f"{county.pinyin}zfb@163.com",
        find_errors=not bad,
    )

    # ------------------------------------------------------------------ columns
    columns: dict[str, Column] = {}
    for code, cname, ctype, fl, lf, af, enc, js, home, hf in BASE_COLUMNS:
        columns[code] = Column(
            code, cname, ctype, fl, lf, af, enc, js, on_home=home, home_fmt=hf, page_size=20 if js else 15
        )

    ages = dict(FRESH_AGE)
    if p["stale_home"]:
        ages.update(STALE_HOME_AGE)
    for code, age in STALE_ORDER[: p["stale_news_policy"]]:
        ages[code] = age
    if p["long_stale"]:
        ages["rsxx"], ages["ghjh"] = 420, 510
        for i, (code, cname, ctype) in enumerate(LONG_STALE_EXTRA[: max(0, p["long_stale"] - 2)]):
            columns[code] = Column(code, cname, ctype, False, "iso" if i % 2 else "cn", "fbsj_min")
            ages[code], SPACING_LOCAL, COUNT_LOCAL = 380 + 37 * i, 70, 6
            _fill_column(columns[code], ages[code], SPACING_LOCAL, COUNT_LOCAL, rng, now, name, new_id, at)
    if p["blank_columns"]:
        for code, cname, mode, text in BLANK_EXTRA[: p["blank_columns"]]:
            columns[code] = Column(code, cname, "other", False, "iso", "fbsj_min", blank=mode, placeholder=text)
    if p["explained_blank"]:
        columns["gyzc"] = Column(
            "gyzc",
            "国有资产管理",
            "other",
            False,
            "iso",
            "fbsj_min",
            blank="placeholder",
            note="本栏目暂无相关信息，原因：本单位无此职能，国有资产管理相关信息由县财政局统一公开。",
        )
        non_defects.append(
            {
                "check": "blank-columns",
                "column": "国有资产管理",
                "path": columns["gyzc"].url,
                "note": "空栏目附有说明（本单位无此职能），不应计为空白栏目",
            }
        )

    for code in ("ywdt", "bmdt", "xzdt", "mtgz", "tzgg", "zcwj", "rsxx", "ghjh"):
        _fill_column(columns[code], ages[code], SPACING[code], COUNT[code], rng, now, name, new_id, at)

    # Policy documents get 文号 and attachments; interpretations are paired with them.
    abbr = name[0]
    files: dict[str, tuple[bytes, str]] = {}
    for n, item in enumerate(columns["zcwj"].items):
        item.docno = f"{abbr}政办发〔{item.published.year}〕{40 - n % 40}号"
        path = f"/uploads/{item.created:%Y%m}/P0{item.created:%Y%m%d}{item.id}.pdf"
        item.attachments.append((f"附件：{item.title[-20:]}.pdf", path))
        files[path] = (_tiny_pdf(item.title), "application/pdf")
    skip_interp = 0 if p["interpretation_links"] else 5
    for n, pol in enumerate(columns["zcwj"].items):
        if n < skip_interp:
            plants.append(
                _plant(
                    "policy-interpretation",
                    None,
                    "portal",
                    pol.url,
                    column="政策文件",
                    dates={"published": pol.published.date().isoformat()},
                    note=f"政策文件《{pol.title}》未关联政策解读",
                )
            )
            continue
        inner = pol.title.split("《")[-1].split("》")[0] if "《" in pol.title else pol.title
        pub = at(min(pol.published.date() + timedelta(days=1), today - timedelta(days=1)))
        interp = Item(
            new_id(), "zcjd", f"《{inner}》政策解读", pub, pub.date(), source=f"{name}人民政府办公室", related=pol.id
        )
        pol.related = interp.id
        columns["zcjd"].items.append(interp)
    columns["zcjd"].items.sort(key=lambda it: it.published, reverse=True)

    # Annual reports: the website annual report (年度报表) is due by 31 January.
    y = today.year if today >= date(today.year, 1, 26) else today.year - 1
    for k in range(5):
        yr = y - k
        if not bad:
            d1 = at(date(yr, 1, 20 - k))
            columns["ndbg"].items.append(
                Item(
                    new_id(),
                    "ndbg",
                    f"{name}人民政府网站工作年度报表（{yr - 1}年度）",
                    d1,
                    d1.date(),
                    source=f"{name}人民政府办公室",
                    kind="annual",
                )
            )
        d2 = at(date(yr, 1, 25))
        columns["ndbg"].items.append(
            Item(
                new_id(),
                "ndbg",
                f"{name}人民政府{yr - 1}年政府信息公开工作年度报告",
                d2,
                d2.date(),
                source=f"{name}人民政府办公室",
            )
        )
    columns["ndbg"].items.sort(key=lambda it: it.published, reverse=True)
    if bad:
        plants.append(_plant("annual-report", None, "portal", "/", note="首页及年报栏目均未发布政府网站工作年度报表"))

    # ---------------------------------------------------------------- traps present everywhere
    ywdt = columns["ywdt"].items
    # A crackdown story: spam keywords in visible news text are normal, not injected content.
    ywdt[5].title, ywdt[5].kind = f"{name}开展打击治理跨境赌博专项行动", "crackdown"
    non_defects.append(
        {
            "check": "spam-content",
            "path": ywdt[5].url,
            "column": "要闻动态",
            "note": "正文为打击网络赌博的新闻报道，可见文本中的“赌博”不属于被植入内容",
        }
    )
    # URL month differs from the list date (created in the CMS before publication).
    moved = ywdt[3]
    moved.created = moved.published.date().replace(day=1) - timedelta(days=2)
    non_defects.append(
        {
            "check": "forged-dates",
            "path": moved.url,
            "column": "要闻动态",
            "dates": {"list": moved.published.date().isoformat(), "url_month": f"{moved.created:%Y-%m}"},
            "note": "URL中的年月与列表日期不同（稿件创建于上月），不是伪造日期",
        }
    )
    # Meta PubDate = regeneration time on some articles (including each column's newest item).
    regen_at = at(today - timedelta(days=1), 2, 3)
    for col in columns.values():
        for i, it in enumerate(col.items):
            if i == 0 or i % 7 == 3:
                it.regen = max(regen_at, it.published + timedelta(hours=1))
                if it.regen > now:
                    it.regen = None
    non_defects.append(
        {
            "check": "column-freshness",
            "path": None,
            "note": f"部分文章的 meta PubDate 为页面重新生成时间（如 {regen_at:%Y-%m-%d %H:%M:%S}），"
            "晚于可见发布日期；应以可见日期为准",
        }
    )
    non_defects.append(
        {"check": "homepage-freshness", "path": "/", "note": "页头显示的是访问当天日期（时钟的今天），不是发布日期"}
    )

    headline = ywdt[0]
    if p["stale_home"]:
        headline.home_undated = True

    # ---------------------------------------------------------------- planted content defects
    home_extras: dict[str, Any] = {}
    if p["hacked"]:
        _plant_hacked(columns, plants, non_defects, rng, name, county.area_code, home_extras)
    if p["forged_dates"]:
        for it in columns["ywdt"].items:
            it.dynamic_date = True
        plants.append(
            _plant(
                "forged-dates",
                "tracks_crawl_date",
                "portal",
                columns["ywdt"].url,
                column="要闻动态",
                note="要闻动态所有条目（列表与正文）的发布日期总是显示为访问当天；URL中的日期才是真实日期",
            )
        )
        cp = columns["mtgz"].items[2]
        cp.kind, cp.source = "redated_copy", "新华社"
        cp.title = "习近平在中国共产党第十九次全国代表大会上的报告要点"
        plants.append(
            _plant(
                "forged-dates",
                "redated_copy",
                "portal",
                cp.url,
                column="媒体关注",
                dates={"shown": cp.published.date().isoformat(), "original": "2017-10-18"},
                note="2017年10月18日的新华社稿件以新日期重新发布",
            )
        )
    if p["broken_links"]:
        _plant_broken(columns, plants, home_extras)
    if p["traps"]:
        home_extras["traps"] = True
        for rule, path, note in [
            ("redirect_loop", "/zt/hdzt/index.html", "重定向循环：/zt/hdzt/index.html ⇄ /zt/hdzt/index2.html"),
            ("infinite_calendar", f"/calendar?month={today:%Y-%m}", "无限日历：每页都链接下一个月"),
            ("session_id", "/jsp/activity.jsp;jsessionid=0A1B2C3D4E5F", "每次访问生成新的 jsessionid 链接"),
            ("repeating_path", "/zt/a/", "相对链接 a/ 造成 /zt/a/a/a/… 无限路径"),
        ]:
            plants.append(_plant("crawler-trap", rule, "portal", path, note=note, found_on="/"))
    if bad:
        plants.append(
            _plant(
                "identity-marks",
                "site_code",
                "portal",
                "/",
                note=f"网站标识码格式错误（页脚“{identity.site_code_footer}”仅9位，meta SiteIDCode为空）",
            )
        )
        plants.append(_plant("identity-marks", "psb", "portal", "/", note="页脚缺少公安机关备案号"))
        plants.append(_plant("identity-marks", "badge", "portal", "/", note="页脚缺少党政机关网站标识"))
        plants.append(
            _plant("gov-domain", None, "portal", "/", note=f"SiteDomain 为 {identity.domain}，不是 .gov.cn 域名")
        )
        plants.append(_plant("find-errors-entry", None, "portal", "/", note="首页缺少“我为政府网站找错”入口"))
    if not p["search_works"]:
        plants.append(_plant("site-search", None, "portal", "/search", note="站内搜索对任何关键词都返回0条结果"))

    # ---------------------------------------------------------------- services
    guides = _guides(rng, name, p["service_mode"], plants)

    items = {it.id: it for col in columns.values() for it in col.items}
    return PortalModel(
        scenario.name,
        name,
        county.city,
        params,
        now,
        identity,
        columns,
        items,
        headline.id,
        guides,
        files,
        plants,
        non_defects,
        home_extras,
    )


def _plant(
    check: str,
    rule: str | None,
    site: str,
    path: str | None,
    *,
    column: str | None = None,
    dates: dict[str, Any] | None = None,
    note: str = "",
    found_on: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "check": check,
        "rule": rule,
        "site": site,
        "path": path,
        "column": column,
        "dates": dates or {},
        "note": note,
        "found_on": found_on,
        **extra,
    }


def _fill_column(
    col: Column, newest_age: int, spacing: int, count: int, rng: random.Random, now: datetime, county: str, new_id, at
) -> None:
    templates = {
        "news": texts.NEWS_TITLES,
        "notice": texts.NOTICE_TITLES,
        "policy": texts.POLICY_TITLES,
        "personnel": texts.PERSONNEL_TITLES,
        "plan": texts.PLAN_TITLES,
    }[col.ctype]
    if col.code == "bmdt":
        templates = texts.DEPT_TITLES
    elif col.code == "xzdt":
        templates = texts.TOWN_TITLES
    elif col.code == "mtgz":
        templates = texts.MEDIA_TITLES
    day = now.date() - timedelta(days=newest_age)
    seen: set[str] = set()
    for _ in range(count):
        for _attempt in range(20):  # unique titles keep the site search unambiguous
            title = texts.fill(rng.choice(templates), rng, county, day.year)
            if title not in seen:
                break
        seen.add(title)
        pub = at(day)
        source = rng.choice(texts.DEPTS) if col.ctype == "news" else f"{county}人民政府办公室"
        col.items.append(Item(new_id(), col.code, title, pub, pub.date(), source=source))
        day -= timedelta(days=max(1, spacing + rng.randint(-1, 1)))


def _tiny_pdf(title: str) -> bytes:
    # A valid one-page PDF; the text is ASCII because the standard fonts lack CJK glyphs.
    body = b"BT /F1 12 Tf 72 720 Td (Attachment) Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>"
        ),
        b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def id_checksum(first17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * w for c, w in zip(first17, weights))
    return "10X98765432"[s % 11]


def _plant_hacked(
    columns: dict[str, Column],
    plants: list,
    non_defects: list,
    rng: random.Random,
    county: str,
    area: str,
    home_extras: dict[str, Any],
) -> None:
    home_extras["hidden_links"] = [
        (
            "display_none",
            "http://www.amjs-8888.com/",
            "澳门金沙娱乐城",
            '<div style="display:none"><a href="{href}">{text}</a></div>',
        ),
        (
            "offscreen",
            "http://www.bet365-vip.cc/",
            "bet365体育在线",
            '<div style="position:absolute;left:-9999px;top:-9999px"><a href="{href}">{text}</a></div>',
        ),
        (
            "tiny_font",
            "http://www.hgty-666.com/",
            "皇冠体育",
            '<p style="font-size:0px;line-height:0">友情链接：<a href="{href}">{text}</a></p>',
        ),
        (
            "same_colour",
            "http://www.lhc-kj2026.net/",
            "六合彩开奖直播",
            '<div style="background-color:#ffffff;color:#ffffff"><a href="{href}" style="color:#ffffff">{text}</a></div>',
        ),
    ]
    for rule, href, text, _ in home_extras["hidden_links"]:
        plants.append(
            _plant("hidden-links", rule, "portal", href, found_on="/", note=f"首页隐藏外链“{text}”（{rule}）")
        )
    home_extras["meta_spam"] = "澳门金沙,百家乐,时时彩,真人荷官"
    plants.append(
        _plant(
            "spam-content",
            "meta",
            "portal",
            "/",
            note="首页 meta keywords/description 被植入博彩关键词：" + home_extras["meta_spam"],
        )
    )
    home_extras["cloaking"] = [
        ("http://www.amjs-vip.com/", "澳门金沙官网"),
        ("http://www.bjl-zr.com/", "真人百家乐"),
        ("http://www.ssc-1688.com/", "时时彩计划"),
    ]
    plants.append(
        _plant(
            "cloaking",
            "user_agent",
            "portal",
            "/",
            note="User-Agent 含 Baiduspider/Googlebot/Sogou/360Spider 时首页出现博彩链接与关键词",
        )
    )
    plants.append(
        _plant(
            "cloaking",
            "referer",
            "portal",
            "/",
            note="Referer 为搜索引擎（如 https://www.baidu.com/s?wd=…）时首页出现博彩链接与关键词",
        )
    )
    ywdt = columns["ywdt"].items
    defaced = ywdt[8]
    defaced.kind = "defaced"
    plants.append(
        _plant(
            "defacement",
            None,
            "portal",
            defaced.url,
            column="要闻动态",
            note="文章页<title>与keywords被篡改为“澳门金沙博彩娱乐平台”",
        )
    )
    mis = ywdt[6]
    mis.kind = "misstatement"
    plants.append(
        _plant(
            "misstatements",
            "中国入民",
            "portal",
            mis.url,
            column="要闻动态",
            note="正文“中国入民政治协商会议”应为“中国人民政治协商会议”",
        )
    )
    mis2 = columns["xzdt"].items[4]
    mis2.kind = "misstatement2"
    plants.append(
        _plant("misstatements", "烈土", "portal", mis2.url, column="乡镇动态", note="正文“烈土陵园”应为“烈士陵园”")
    )
    pii = columns["tzgg"].items[2]
    pii.kind, pii.title = "pii", "关于2026年第四批城乡低保拟保障对象的公示"
    id17 = f"{area}19650312{rng.randint(100, 899)}"
    home_extras["pii_id"] = id17 + id_checksum(id17)
    home_extras["pii_mobile"] = f"13{rng.randint(5, 9)}{rng.randint(10000000, 99999999)}"
    plants.append(
        _plant(
            "personal-data",
            "id_number",
            "portal",
            pii.url,
            column="通知公告",
            note=f"公示表中未脱敏的18位身份证号 {home_extras['pii_id']}（校验位有效）",
            value=home_extras["pii_id"],
        )
    )
    plants.append(
        _plant(
            "personal-data",
            "mobile",
            "portal",
            pii.url,
            column="通知公告",
            note=f"公示表中未脱敏的手机号码 {home_extras['pii_mobile']}",
            value=home_extras["pii_mobile"],
        )
    )
    non_defects.append(
        {
            "check": "personal-data",
            "path": pii.url,
            "column": "通知公告",
            "note": f"同一公示表中已脱敏的身份证号（如 {area}********1234）与手机号（138****5678）不应报告",
        }
    )


def _plant_broken(columns: dict[str, Column], plants: list, home_extras: dict[str, Any]) -> None:
    home_extras["broken"] = True
    for rule, path, note, status in [
        ("home", "/col/ywdt/202611/t20261110_99901.html", "首页要闻链接指向已删除文章（404）", 404),
        ("home", "/zt/2019/lhzt/index.html", "首页专题链接404", 404),
        ("home", "/images/zt_banner_2019.jpg", "首页专题图片404", 404),
        ("home", "/oa/index.html", "首页“内部办公”链接返回403", 403),
        ("home", "/zt/xczx/index.html", "首页专题链接为软404（HTTP 200，页面显示“页面不存在”）", 200),
    ]:
        plants.append(_plant("broken-links", rule, "portal", path, found_on="/", note=note, status=status))
    # Only 404/403 are definite (rules §5.2, UCAP practice); a refused connection is "suspected": information.
    plants.append(
        _plant(
            "broken-links",
            "home",
            "dead",
            "/",
            found_on="/",
            status=None,
            severity="info",
            suspected=True,
            note="首页“便民热线”链接指向无服务监听的端口（连接被拒绝，疑似不可用）",
        )
    )
    art = columns["ywdt"].items[2]
    art.extra_html = (
        '<p>详见附件：<a href="/uploads/202611/P020261105_fj1.pdf">附件1.实施细则.pdf</a></p>'
        '<p><img src="/uploads/202611/W020261105_1.jpg" alt="现场图片"></p>'
    )
    plants.append(
        _plant(
            "broken-links",
            "other",
            "portal",
            "/uploads/202611/P020261105_fj1.pdf",
            found_on=art.url,
            note="文章附件404",
            status=404,
        )
    )
    plants.append(
        _plant(
            "broken-links",
            "other",
            "portal",
            "/uploads/202611/W020261105_1.jpg",
            found_on=art.url,
            note="文章内图片404",
            status=404,
        )
    )
    notice = columns["tzgg"].items[1]
    notice.extra_html = (
        '<p>相关链接：<a href="/col/tzgg/202401/t20240105_99902.html">关于做好2024年元旦春节期间有关工作的通知</a></p>'
    )
    plants.append(
        _plant(
            "broken-links",
            "other",
            "portal",
            "/col/tzgg/202401/t20240105_99902.html",
            found_on=notice.url,
            note="通知公告正文中的相关链接404",
            status=404,
        )
    )


def _guides(rng: random.Random, county: str, mode: str, plants: list) -> list[Guide]:
    if mode == "none":
        plants.append(
            _plant(
                "service-offering",
                "no_service",
                "portal",
                "/bsfw/index.html",
                note="办事服务页面无任何办事事项（“暂无办事服务事项”）",
            )
        )
        return []
    specs = [
        ("个体工商户设立登记", "《促进个体经济发展条例》", "县市场监督管理局"),
        ("城乡居民养老保险参保登记", "《中华人民共和国社会保险法》", "县人力资源和社会保障局"),
        ("农村宅基地和建房（规划许可）审批", "《中华人民共和国土地管理法》", "县自然资源和规划局"),
        ("最低生活保障申请", "《社会救助暂行办法》", "县民政局"),
    ]
    guides = []
    for n, (title, basis, _dept) in enumerate(specs):
        el = {
            "事项名称": title,
            "设定依据": f"{basis}第{rng.randint(3, 60)}条",
            "申请条件": "申请人为本县户籍居民或在本县登记注册的经营主体，符合法律法规规定的条件。",
            "办理材料": "1.申请表（原件1份）；2.申请人身份证（原件及复印件各1份）；3.其他相关证明材料。",
            "办理地点": f"{county}政务服务中心一楼{rng.randint(1, 30)}号窗口",
            "办理时间": "周一至周五 上午8:30—12:00，下午14:30—17:30（法定节假日除外）",
            "联系电话": f"0319-{rng.randint(8100000, 8199999)}",
            "办理流程": "申请—受理—审查—决定—送达",
        }
        if mode == "missing_elements" and n < 3:
            missing = ["设定依据", "申请条件", "办理材料", "办理流程"]
            for k in missing:
                del el[k]
            plants.append(
                _plant(
                    "service-offering",
                    "guide_elements",
                    "portal",
                    f"/bsfw/zn_{n + 1}.html",
                    note=f"办事指南《{title}》缺少要素：" + "、".join(missing),
                    missing=missing,
                )
            )
        guides.append(Guide(n + 1, title, el))
    return guides
