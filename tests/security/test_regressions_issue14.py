"""Regression list of the false positives and true positives of issue 14 (real cases, made small)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from inspector.cli import cli
from inspector.extract.html import parse_html
from inspector.extract.security import default_lexicon, find_pii, scan_hidden
from inspector.inspect_page import judge_page

PAGE = "http://www.example.gov.cn/"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("最火博文", []),  # sina: 火博 across a word boundary
        ("火博体育注册", ["火博"]),
        ("a stabbing in the city", []),  # BBIN inside a word
        ("BBIN视讯", ["BBIN"]),
        ("SWIFT code ABCDCNBJXXX", []),  # xxx inside a SWIFT code
        ("Pornhub owner fined", []),
        ("黄色情歌", []),  # 色情 across 黄色|情歌
        ("新开私服务中心", []),
        ("澳门金沙博彩娱乐平台", ["澳门金沙", "博彩", "娱乐平台"]),
        ("bet365体育在线", ["bet365"]),
        ("java average hdmi", []),
    ],
)
def test_lexicon_word_boundaries(text: str, words: list[str]) -> None:
    assert [h.word for h in default_lexicon().find(text)] == words


def test_crackdown_context_still_weighs_nothing() -> None:
    [hit] = default_lexicon().find("严厉打击网络赌博")
    assert hit.allowed


def _hidden(html: str) -> list[tuple[str, str]]:
    return [(e["url"], e["technique"]) for e in scan_hidden(parse_html(html, PAGE)).links]


def test_font_size_zero_layout_trick_is_not_hiding() -> None:
    # news.cn: a whitespace-collapsing container with font-size:0 whose children reset to 12px
    html = (
        "<style>.nav{font-size:0}.nav a{font-size:12px}</style><div class=nav>"
        '<a href="http://mrdx.example.cn/">新华每日电讯</a><a href="http://jjckb.example.cn/">经济参考</a></div>'
    )
    assert _hidden(html) == []
    assert (
        _hidden(
            '<div style="font-size:0"><a href="http://x.example.cn/"><span style="font-size:12px">x</span></a></div>'
        )
        == []
    )
    assert _hidden('<div style="font-size:0"><a href="http://x.example.cn/">x</a></div>') == [
        ("http://x.example.cn/", "tiny-font")
    ]


def test_visible_document_write_menu_is_not_hidden() -> None:
    menu = "".join(f"<li><a href='http://site{i}.example.com/'>栏目{i}</a></li>" for i in range(15))
    assert _hidden(f'<script>document.write("<ul class=menu>{menu}</ul>");</script>') == []


def test_escort_box_of_one_pixel_is_a_certain_veto() -> None:
    html = (
        "<html><head><title>博客文章</title></head><body><p>正文</p>"
        '<div style="width:1px;height:1px;overflow:hidden"><a href="http://girls.example.com/">上门服务 包夜 楼凤</a></div>'
        "</body></html>"
    )
    v = judge_page(html, PAGE, "2024-05-06")
    assert {f.check for f in v.vetoes} == {"hidden-links", "spam-content"}  # the link, and the hidden words
    assert all(f.certainty == "certain" for f in v.vetoes)


def test_published_reporting_mobile_is_not_a_leak() -> None:
    text = "举报电话：0791-88888888、13912345678（24小时）。联系人：张三，手机 13812345679"
    assert all(h["contact"] for h in find_pii(text, date(2024, 5, 6)) if h["kind"] == "mobile")


def test_english_edition_is_not_defacement() -> None:
    html = (
        "<html><head><title>China Daily</title></head><body>"
        + "<p>News of the day in English.</p>" * 60
        + "</body></html>"
    )
    v = judge_page(html, "http://www.chinadaily.com.cn/", "2024-05-06")
    assert not v.vetoes and not v.reviews


def test_inspect_page_judge(tmp_path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>县人民政府</title><meta name=keywords content='澳门金沙,百家乐,时时彩'></head><body>x</body></html>",
        encoding="utf-8",
    )
    res = CliRunner().invoke(cli, ["inspect-page", str(page), "--judge", "--as-of", "2024-05-06"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert "hidden_links" in data["security"] and data["judge"]["vetoes"] == 1
    [f] = [f for f in data["judge"]["findings"] if f["severity"] == "veto"]
    assert f["check"] == "spam-content" and f["certainty"] == "certain"
