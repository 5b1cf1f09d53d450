"""Static dark-link detection: the synthetic YuanZhao page (every technique) and small fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector.extract.html import parse_html
from inspector.extract.security import page_signals, scan_hidden
from inspector.extract.security._css import parse_stylesheet, resolve
from inspector.extract.security.hidden_links import hiding_technique

PAGE = "http://www.test.gov.cn/index.html"


def _scan(html: str):
    return scan_hidden(parse_html(html, PAGE))


def test_synthetic_dark_link_page_every_technique(shared: Path) -> None:
    html = (shared / "realworld/spam-lexicons/YuanZhao_test_dark_link.html").read_text(encoding="utf-8")
    scan = _scan(html)
    by_url = {e["url"].rstrip("/"): e["technique"] for e in scan.links}
    expected = {
        "http://malware-site.ml/install": "display-none",  # hidden iframe
        "http://illegal-gambling.tf": "display-none",  # .hidden1 via <style>
        "http://porn-site.ga": "visibility-hidden",
        "http://bet365-clone.gq": "opacity-0",
        "http://game-private-server.tk": "off-screen",
        "http://hacker-tools.ml": "negative-z-index",  # weak: only a browser can tell it is covered
        "http://lottery-predict.cm": "negative-text-indent",
        "http://adult-videos.ga": "tiny-font",
        "http://loan-shark.tf": "same-colour",
        "http://hidden-evil-site.tk": "display-none",  # inline style on a span
        "http://hidden-link-using-spaces.ga": "whitespace-padding",
        "http://multi-level-hidden.ml": "display-none",  # nested
        "http://noscript-hidden.tf": "display-none",
        "http://evil-gambling-site.tk/promotion": "script-written+display-none",  # document.write
        # innerHTML strings put into elements the same script hides (el.style.display = 'none'): weak
        # static evidence, confirmed by the rendered pass
        "http://dynamic-evil-link.tk/headless-test": "script-written+script-hidden",
        "http://interaction-triggered.ml/click-me": "script-written+script-hidden",
        "http://dom-based-hidden.cm": "script-written+script-hidden",
        "http://gambling-site.cm/register": "html-comment",
    }
    for url, technique in expected.items():
        assert by_url.get(url) == technique, (url, by_url.get(url))
    script_techniques = {(s["technique"], s.get("url")) for s in scan.scripts}
    assert ("eval", None) in script_techniques
    redirect = [s for s in scan.scripts if s["technique"] == "script-redirect"]
    assert redirect and redirect[0]["url"] == "http://malicious-phishing.ga/login" and redirect[0]["delayed"]
    # Evidence: the hiding style and the element's HTML travel with each finding.
    offscreen = next(e for e in scan.links if e["url"] == "http://game-private-server.tk")
    assert "left: -9999px" in offscreen["style"] and ".hidden4" in offscreen["style"]
    assert "hidden4" in offscreen["html"]
    # The normal visible link is not reported.
    assert "https://www.example.com" not in by_url


def test_meta_keywords_of_dark_link_page_are_spam(shared: Path) -> None:
    html = (shared / "realworld/spam-lexicons/YuanZhao_test_dark_link.html").read_text(encoding="utf-8")
    sig = page_signals(parse_html(html, PAGE), PAGE)
    assert {"赌博", "博彩", "时时彩", "六合彩"} <= {h["word"] for h in sig["spam"]["hits"] if h["where"] == "meta"}


@pytest.mark.parametrize(
    ("style", "technique"),
    [
        ("display:none", "display-none"),
        ("visibility:hidden", "visibility-hidden"),
        ("position:absolute;left:-3000px", "off-screen"),
        ("position:fixed;top:-120px", "off-screen"),
        ("text-indent:-999em", "negative-text-indent"),
        ("font-size:0", "tiny-font"),
        ("font-size:0.1px", "tiny-font"),
        ("line-height:0;overflow:hidden", "zero-line-height"),
        ("color:#FFF;background-color:#ffffff", "same-colour"),
        ("color:rgb(255,255,255);background-color:white", "same-colour"),
        ("opacity:0", "opacity-0"),
        ("position:absolute;clip:rect(0 0 0 0)", "clip"),
        ("clip-path: inset(100%)", "clip"),
        ("width:1px;height:1px;overflow:hidden", "zero-size-box"),
        ("height:0;overflow:hidden", "zero-size-box"),
    ],
)
def test_each_css_technique(style: str, technique: str) -> None:
    scan = _scan(f'<div style="{style}"><a href="http://xx-bet.example.com/">皇冠体育</a></div>')
    assert [e["technique"] for e in scan.links] == [technique]


@pytest.mark.parametrize(
    "style",
    [
        "display:block",
        "position:absolute;left:10px",
        "font-size:12px",
        "color:#333;background:#fff",
        "text-indent:2em",
        "opacity:0.5",
        "width:1px",
    ],
)
def test_visible_styles_not_flagged(style: str) -> None:
    assert _scan(f'<div style="{style}"><a href="http://other.example.com/">x</a></div>').links == []


def test_iframe_and_marquee() -> None:
    scan = _scan(
        '<iframe src="http://a.example.com/x" width="1" height="1"></iframe>'
        '<marquee scrollamount="3000"><a href="http://b.example.com/">六合彩</a></marquee>'
    )
    assert [(e["url"], e["technique"]) for e in scan.links] == [
        ("http://a.example.com/x", "tiny-iframe"),
        ("http://b.example.com/", "marquee"),
    ]


def test_stylesheet_selectors_resolve_descendants() -> None:
    html = """<style>.box .inner{position:absolute;top:-5000px} #x{display:none} a:hover{display:none}</style>
    <div class="box"><span class="inner"><a href="http://c.example.com/">c</a></span></div>
    <p id="x"><a href="http://d.example.com/">d</a></p><a href="http://e.example.com/">visible</a>"""
    urls = {e["url"]: e["technique"] for e in _scan(html).links}
    assert urls == {"http://c.example.com/": "off-screen", "http://d.example.com/": "display-none"}
    rules = parse_stylesheet("a:hover{display:none} .k{color:red;margin:0} @media print{.p{display:none}}")
    assert [r.selector for r in rules] == [".k", ".p"]
    assert resolve(parse_html("<b class=k></b>", PAGE).tree, rules)


def test_meta_refresh_and_referer_hijack() -> None:
    html = (
        '<meta http-equiv="refresh" content="0;url=http://bet.example.tk/">'
        '<script>if(document.referrer.indexOf("baidu")>-1){window.location.href="http://x.example.ml/";}</script>'
    )
    scripts = {s["technique"]: s for s in _scan(html).scripts}
    assert scripts["meta-refresh"]["url"] == "http://bet.example.tk/"
    assert scripts["script-redirect"]["url"] == "http://x.example.ml/"
    assert "referer-hijack" in scripts


def test_hiding_technique_none_for_plain_element() -> None:
    assert hiding_technique("div", {}, {"color": "red"}) is None
    assert hiding_technique("div", {"hidden": None}, {}) == "hidden-attribute"
