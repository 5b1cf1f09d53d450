import re

import pytest

from inspector.extract.html import parse_html
from inspector.extract.identity import extract_identity, valid_badge, valid_icp, valid_psb, valid_site_code

from ._shared import read_page, realworld


def test_validators():
    assert valid_site_code("3609220011") and valid_site_code("bm01000001")
    assert not valid_site_code("bm0100") and not valid_site_code("123") and not valid_site_code(None)
    assert valid_icp("赣ICP备11002306号-1") and valid_icp("京ICP备05070218号")
    assert not valid_icp("京ICP证030173号") and not valid_icp("ICP备06000141号")
    assert valid_psb("赣公网安备 36092202000105号") and not valid_psb("公网安备123号")
    assert valid_badge("https://bszs.conac.cn/sitename?method=show&id=1") and not valid_badge("http://x.com/red.png")


def test_fixture_footer(fixture_html):
    marks = extract_identity(parse_html(fixture_html("home.html"), "http://www.mmx.gov.cn/"))
    assert marks.site_code == "3609220011" and marks.site_code_source == "meta"
    assert marks.icp == "赣ICP备11002306号-1"
    assert marks.psb and "36092202000105" in marks.psb
    assert marks.badge and "conac.cn" in marks.badge
    assert marks.sponsor == "某某县人民政府"
    assert marks.contact == "0795-1234567"


def test_non_government_page_has_no_marks():
    marks = extract_identity(
        parse_html("<html><body><div class=footer>版权所有 某公司</div></body></html>", "http://x.com/")
    )
    assert (marks.site_code, marks.icp, marks.psb, marks.badge, marks.sponsor) == (
        None,
        None,
        None,
        None,
        None,
    )


# (file, 网站标识码, ICP, 公安备案) from the SOURCE.md tables; "" = none found on the page
REAL = [
    (
        "gne-chinese-pages/pages",
        "tests__shanxi__1.html",
        "1400000045",
        "晋ICP备12000773号",
        "公网安备 14010502050691号",
    ),
    (
        "gne-chinese-pages/pages",
        "tests__gzggw__1.html",
        "3300000020",
        "浙ICP备05018911号",
        "公网安备 33010602009328号",
    ),
    (
        "gne-chinese-pages/pages",
        "tests__other__1.html",
        "bm01000001",
        "京ICP备05070218号",
        "京公网安备11010202000001号",
    ),
    ("gne-chinese-pages/pages", "tests__cmse__1.html", "", "京ICP备20027467号-1", ""),
    ("gne-chinese-pages/pages", "tests__sxmu__1.html", "", "", ""),
    (
        "jiangxi-gov-saved-articles",
        "wanzai_2015_tjgb_201705.html",
        "3609220011",
        "赣ICP备11002306号-1",
        "公网安备 36092202000105号",
    ),
    (
        "jiangxi-gov-saved-articles",
        "wanzai_2022_tjsja_202305.html",
        "3609220011",
        "赣ICP备11002306号-1",
        "公网安备 36092202000105号",
    ),
    (
        "jiangxi-gov-saved-articles",
        "yichun_2022_tjgb_202305.html",
        "3609000002",
        "ICP备06000141号",
        "公网安备 36090202000004号",
    ),
    (
        "jiangxi-gov-saved-articles",
        "yichun_jiangxi2022_tjgb_202304.html",
        "3609000002",
        "ICP备06000141号",
        "公网安备 36090202000004号",
    ),
    (
        "nfra-gov-rendered-pages",
        "tests_page_source_debug.html",
        "bm55000001",
        "京ICP备19014889号",
        "京公网安备11010202008000号",
    ),
    (
        "nfra-gov-rendered-pages",
        "tests_merged_cells_page_source.html",
        "bm55000001",
        "京ICP备19014889号",
        "京公网安备11010202008000号",
    ),
]


def _squash(s: str | None) -> str:
    return re.sub(r"\s", "", s or "")


@pytest.mark.parametrize(("folder", "name", "code", "icp", "psb"), REAL, ids=[r[1] for r in REAL])
def test_real_gov_page_identity_matches_source_table(folder, name, code, icp, psb):
    doc = parse_html(read_page(realworld(folder) / name), "http://example.gov.cn/")
    marks = extract_identity(doc)
    assert (marks.site_code or "") == code
    # the table writes some marks without the province prefix: compare as a suffix
    assert _squash(marks.icp).endswith(_squash(icp)) and bool(marks.icp) == bool(icp), marks.icp
    assert _squash(marks.psb).endswith(_squash(psb)) and bool(marks.psb) == bool(psb), marks.psb


def test_gzggw_site_code_comes_from_footer_when_meta_is_empty():
    doc = parse_html(read_page(realworld("gne-chinese-pages/pages") / "tests__gzggw__1.html"), "http://fgw.zj.gov.cn/")
    marks = extract_identity(doc)
    assert (marks.site_code, marks.site_code_source) == ("3300000020", "footer")
