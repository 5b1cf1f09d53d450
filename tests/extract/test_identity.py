"""Identity marks on the markup real government sites use (see also tests/realworld/test_homepage_identity.py)."""

import pytest

from inspector.extract.footer_marks import PROVINCES
from inspector.extract.html import parse_html
from inspector.extract.identity import (
    extract_identity,
    merge_identity,
    valid_badge,
    valid_icp,
    valid_psb,
    valid_site_code,
)

from ._shared import read_page, realworld

URL = "http://www.example.gov.cn/"


def marks(body: str, head: str = ""):
    return extract_identity(parse_html(f"<html><head>{head}</head><body>{body}</body></html>", URL))


def test_validators():
    assert valid_site_code("3609220011") and valid_site_code("bm01000001")
    assert not valid_site_code("bm0100") and not valid_site_code("123") and not valid_site_code(None)
    assert valid_icp("赣ICP备11002306号-1") and valid_icp("京ICP备05070218号") and valid_icp("滇ICP备05000002号")
    assert not valid_icp("京ICP证030173号") and not valid_icp("ICP备06000141号") and not valid_icp("京ICP14006156")
    assert valid_psb("赣公网安备36092202000105号") and valid_psb("公安机关备案号43010302000524")
    assert valid_psb("53011203202042")  # shown as an image linking its record
    assert not valid_psb("公网安备123号") and not valid_psb("京公网安备110401200028") and not valid_psb(None)
    assert valid_badge("https://bszs.conac.cn/sitename?method=show&id=1") and not valid_badge("http://x.com/red.png")


def test_fixture_footer(fixture_html):
    m = extract_identity(parse_html(fixture_html("home.html"), "http://www.mmx.gov.cn/"))
    assert (m.site_code, m.site_code_source, m.site_code_meta) == ("3609220011", "footer-text", "3609220011")
    assert m.icp == "赣ICP备11002306号-1"
    assert m.psb == "赣公网安备36092202000105号"
    assert m.badge and "conac.cn" in m.badge and m.sources["badge"] == "link"
    assert m.sponsor == "某某县人民政府"
    assert m.contact == "0795-1234567"
    assert m.find_errors and m.sources["find_errors"] == "link"
    assert m.footer == "static"


def test_non_government_page_has_no_marks():
    m = marks("<div class=footer>版权所有 某公司 联系电话：010-12345678</div>")
    assert (m.site_code, m.site_code_meta, m.icp, m.psb, m.badge, m.sponsor, m.find_errors) == (None,) * 7


# ---------------------------------------------------------------- badge and 纠错 script


CONAC_WRITE = (
    '<script type="text/javascript">document.write(unescape("%3Cspan id=\'_ideConac\' %3E%3C/span%3E%3Cscript '
    "src='http://dcs.conac.cn/js/33/000/0000/60411711/CA330000000604117110003.js' "
    "type='text/javascript'%3E%3C/script%3E\"));</script>"
)
JIUCUO = "<script id=\"_jiucuo_\" sitecode='bm29000002' src='http://pucha.kaipuyun.cn/exposure/jiucuo.js'></script>"


def test_badge_written_by_document_write_unescape():
    m = marks(f"<div class=foot>{CONAC_WRITE} 京ICP备13021685号-2</div>")
    assert m.badge == "http://dcs.conac.cn/js/33/000/0000/60411711/CA330000000604117110003.js"
    assert m.sources["badge"] == "document-write"
    assert m.site_code is None  # CA330000000604117110003 is the badge's id, not a 网站标识码


def test_badge_after_an_unclosed_fragment_written_earlier():
    flash = "<script>document.write('<object width=\"');</script>"
    assert marks(flash + CONAC_WRITE).sources.get("badge") == "document-write"


def test_conac_ministry_site_link_is_not_a_badge():
    assert marks('<div class=foot><a href="http://www.conac.cn/">中央编办</a></div>').badge is None


def test_site_code_only_in_the_jiucuo_script():
    m = marks(f"<div class=foot>国家税务总局办公厅主办 电子税务管理中心技术支持 {JIUCUO}</div>")
    assert (m.site_code, m.site_code_source) == ("bm29000002", "jiucuo-script")
    assert (
        m.find_errors == "http://pucha.kaipuyun.cn/exposure/jiucuo.js" and m.sources["find_errors"] == "jiucuo-script"
    )
    assert m.sponsor == "国家税务总局办公厅"


def test_local_copy_of_the_jiucuo_script_and_its_link_form():
    m = marks("<div class=foot><script id='_jiucuo_' sitecode='4300000001' src='./images/jiucuo.js'></script></div>")
    assert m.site_code == "4300000001" and m.sources["find_errors"] == "jiucuo-script"
    link = '<a href="http://121.43.68.40/exposure/jiucuo.html?site_code=6101110007&url=x"><img src="p.jpg"></a>'
    m = marks(f"<div class=f-wrong>{link}</div>")
    assert (m.site_code, m.sources["site_code"], m.sources["find_errors"]) == (
        "6101110007",
        "jiucuo-link",
        "jiucuo-link",
    )


def test_rendered_jiucuo_image():
    html = "<span id=_span_jiucuo><img onclick=\"Link('bm55000001')\" src='https://zfwzgl.www.gov.cn/exposure/images/jiucuo.png'></span>"
    m = marks(html)
    assert (m.site_code, m.sources["find_errors"]) == ("bm55000001", "jiucuo-image")


def test_hidden_jiucuo_link_is_not_an_entry():
    link = '<a style="display:none" href="http://121.43.68.40/exposure/jiucuo.html?site_code=3300000020"><img src=x.png></a>'
    assert marks(f"<div class=foot>{link}</div>").find_errors is None


def test_footer_text_code_wins_over_the_script_and_meta_is_kept_apart():
    head = '<meta name="SiteIDCode" content="1200000052">'
    m = marks(f"<div class=foot>网站标识码：1200000053 {JIUCUO}</div>", head)
    assert (m.site_code, m.site_code_source, m.site_code_meta) == ("1200000053", "footer-text", "1200000052")


def test_meta_code_alone_is_a_claim_not_a_shown_code():
    m = marks("<div class=foot>版权所有：某县人民政府</div>", '<meta name="SiteIDCode" content="3609220011">')
    assert (m.site_code, m.site_code_meta) == (None, "3609220011")


@pytest.mark.parametrize(
    "text",
    [
        "联系电话：0951-5043180 网站标识码：",
        "网站标识码：0951-5043180",
        "搜索 siteCode=N000015434",
        "标识：CA330000000604117110003",
    ],
)
def test_no_site_code_is_invented(text):
    assert marks(f"<div class=foot>{text}</div>").site_code is None


# ---------------------------------------------------------------- ICP and 公安备案 variants


@pytest.mark.parametrize("province", list(PROVINCES))
def test_icp_with_every_province_abbreviation(province):
    assert marks(f"<div class=foot>备案号：{province}ICP备05000618号-2</div>").icp == f"{province}ICP备05000618号-2"


@pytest.mark.parametrize(
    ("text", "icp"),
    [
        ("ICP备案编号：京ICP备14005922号－1", "京ICP备14005922号-1"),  # full-width dash
        ("备案号：湘ICP备05000618", "湘ICP备05000618"),  # no 号: reported as shown, malformed
        ("版权所有：北京市政府采购中心 京ICP14006156", "京ICP14006156"),
        ("京ICP证030173号 京ICP备12025439号-3", "京ICP备12025439号-3"),  # the filing before the licence
        ("沪ICP证：沪B2-20170116 | 沪ICP备14003370号", "沪ICP备14003370号"),
        ("京ICP证030173号", "京ICP证030173号"),  # a commercial licence is an ICP mark, never a 标识码
    ],
)
def test_icp_as_shown(text, icp):
    m = marks(f"<div class=foot>{text}</div>")
    assert m.icp == icp and m.site_code is None


@pytest.mark.parametrize(
    ("text", "psb"),
    [
        ("京公网安备 11010102000001号", "京公网安备11010102000001号"),
        ("京公网安备:11010202000001号", "京公网安备11010202000001号"),
        ("京公网安备110401200028", "京公网安备110401200028"),
        ("京公备：110108000001", "京公备110108000001"),
        ("蜀公网安备 51010402000123号", "蜀公网安备51010402000123号"),
        ("公安机关备案号：43010302000524", "公安机关备案号43010302000524"),
        ("湘公安网备号43010402000231号", "湘公安网备号43010402000231号"),
    ],
)
def test_psb_variants(text, psb):
    assert marks(f"<div class=foot>{text}</div>").psb == psb


def test_psb_shown_only_as_an_image_link():
    html = (
        '<div class=foot><a href="http://61.159.214.200:81/RecValidate/RecView.aspx?RecordID=53011203202042">'
        '<img src="/images/BA.jpg"></a> 滇ICP备05000002</div>'
    )
    m = marks(html)
    assert (m.psb, m.sources["psb"]) == ("53011203202042", "image-link")


def test_beian_portal_banner_is_not_a_record():
    assert marks('<a href="http://www.beian.gov.cn/"><img src="b.jpg"></a>').psb is None


def test_unlinked_filing_image_is_noted_not_read():
    m = marks('<table><tr><td><img src="/image/beian.gif"></td><td>主办单位：某部</td></tr></table>')
    assert (m.icp, m.psb) == (None, None) and m.filing_image == "http://www.example.gov.cn/image/beian.gif"


# ---------------------------------------------------------------- 主办单位


@pytest.mark.parametrize(
    ("text", "sponsor"),
    [
        ("主办：天津市人民政府办公厅 版权所有© 承办：天津市人民政府办公厅政务网办公室", "天津市人民政府办公厅"),
        ("主办单位：国务院办公厅　运行维护单位：中国政府网运行中心", "国务院办公厅"),
        ("主办：万载县人民政府  承办：万载县人民政府办公室", "万载县人民政府"),
        ("国家税务总局办公厅主办 电子税务管理中心技术支持", "国家税务总局办公厅"),
        ("陕西省西安市灞桥区人民政府版权所有", None),
    ],
)
def test_sponsor(text, sponsor):
    assert marks(f"<div class=foot>{text}</div>").sponsor == sponsor


def test_an_event_organiser_in_the_news_is_not_the_sponsor():
    body = "<p>2014年8月22日，由北京知道创宇联合知乎网主办的第三届知道安全论坛在北京举行。</p>"
    assert marks(body + "<div class=foot>京ICP备19004658号</div>").sponsor is None


# ---------------------------------------------------------------- where the footer comes from


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("<div class=foot>版权所有：某县人民政府</div>", "static"),
        ('<div id="footer"></div>', "script"),
        ('<p>内容</p><script src="/resource/js/home_bottom.js"></script>', "script"),
        ('<p>内容</p><iframe src="201802/201802foot.htm"></iframe>', "iframe"),
        ("<p>欢迎访问</p>", "none"),
        ("<script>location.href='/web/index.htm'</script>", "none"),
    ],
)
def test_footer_kind(body, kind):
    assert marks(body).footer == kind


def test_merge_takes_only_missing_marks_and_records_their_origin():
    raw = marks('<div id="footer"></div>', '<meta name="SiteIDCode" content="1101060001">')
    rendered = marks(f"<div class=foot>{CONAC_WRITE} 京ICP备05083647号-1 京公网安备11010602060030号</div>")
    merged = merge_identity(raw, rendered, "rendered")
    assert merged.icp == "京ICP备05083647号-1" and merged.sources["icp"] == "rendered:footer-text"
    assert merged.sources["badge"] == "rendered:document-write"
    assert merged.site_code_meta == "1101060001" and merged.footer == "script"
    assert raw.icp is None  # the raw marks are not changed


# ---------------------------------------------------------------- real pages of the SOURCE.md tables


REAL = [
    (
        "gne-chinese-pages/pages",
        "tests__shanxi__1.html",
        "1400000045",
        "晋ICP备12000773号",
        "晋公网安备14010502050691号",
    ),
    (
        "gne-chinese-pages/pages",
        "tests__other__1.html",
        "bm01000001",
        "京ICP备05070218号",
        "京公网安备11010202000001号",
    ),
    (
        "jiangxi-gov-saved-articles",
        "wanzai_2015_tjgb_201705.html",
        "3609220011",
        "赣ICP备11002306号-1",
        "赣公网安备36092202000105号",
    ),
    (
        "nfra-gov-rendered-pages",
        "tests_page_source_debug.html",
        "bm55000001",
        "京ICP备19014889号",
        "京公网安备11010202008000号",
    ),
]


@pytest.mark.parametrize(("folder", "name", "code", "icp", "psb"), REAL, ids=[r[1] for r in REAL])
def test_real_gov_page_identity(folder, name, code, icp, psb):
    m = extract_identity(parse_html(read_page(realworld(folder) / name), URL))
    assert (m.site_code, m.icp, m.psb) == (code, icp, psb)


def test_gzggw_site_code_comes_from_footer_when_meta_is_empty():
    doc = parse_html(read_page(realworld("gne-chinese-pages/pages") / "tests__gzggw__1.html"), "http://fgw.zj.gov.cn/")
    m = extract_identity(doc)
    assert (m.site_code, m.site_code_source, m.site_code_meta) == ("3300000020", "footer-text", None)


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        ("备案号：京ICP备案05070218号", "icp", "京ICP备案05070218号"),
        ("浙公网安备案号：33010602009328号", "psb", "浙公网安备案号33010602009328号"),
    ],
)
def test_sloppy_wordings_are_reported_as_shown(text, name, value):
    assert getattr(marks(f"<div class=foot>{text}</div>"), name) == value


def test_badge_image_without_its_link():
    m = marks('<div class=foot><img src="https://dcs.conac.cn/image/red.png"> 京ICP备05070218号</div>')
    assert m.sources["badge"] == "image" and valid_badge(m.badge)
