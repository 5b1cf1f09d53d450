"""Site and batch HTML: content, order, languages, template overrides, and escaping of hostile text."""

from __future__ import annotations

import re

import pytest
from hostile import IMG, JS_URL, SCRIPT, SVG, assert_inert, audit, poison
from PIL import Image
from report_builders import broken_home_link, site_verdict

from inspector.model import Evidence
from inspector.report import ReportError, render_batch_html, render_site_html
from inspector.report.charts import failing_items, sparkline_svg, verdict_distribution_svg


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _csp(html: str) -> str:
    (meta,) = [a for t, a in audit(html).tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    return meta["content"] or ""


def test_site_report_zh(failing):
    html = render_site_html(failing)
    text = _text(html)
    assert 'data-verdict="fail"' in html and "不合格" in text and "得分 98" in text
    # veto first, then deductions, then information
    assert text.index("单项否决项（1）") < text.index("扣分项（2）") < text.index("信息（不计分）（1）")
    assert "V3 首页不更新" in text and "单项否决 3：监测2周，首页无信息更新" in text
    assert "−1" in text and "非官方分值" in text
    assert "列表页日期" in text and "文章发布时间" in text and "2024-05-06 10:00" in text
    assert "未能判定（1）" in text and "未发现留言板" in text
    assert "抓取页面数 120" in text and "政府网站与政务新媒体检查指标" in text
    assert '<a href="http://www.example-county.gov.cn/xwdt/202405/t20240506_1.html"' in html


def test_site_report_en(failing):
    text = _text(render_site_html(failing, lang="en"))
    assert "Fail" in text and "Veto items (1)" in text and "provisional" in text
    assert "date on the list page" in text and "no message board found" in text
    assert "不合格" not in text


def test_self_contained_and_printable(failing):
    html = render_site_html(failing)
    assert "@media print" in html and "Noto Sans CJK SC" in html
    for tag, attrs in audit(html).tags:
        assert not (tag == "link" and attrs.get("rel") == "stylesheet")
        assert tag != "script"
    assert "script-src 'none'" in _csp(html)  # CSP: nothing may run in a site report


def test_not_inspected_site(unreachable):
    text = _text(render_site_html(unreachable))
    assert "未能检查" in text and "域名无法解析" in text and "得分" not in text


def test_passing_site(passing):
    text = _text(render_site_html(passing))
    assert "合格" in text and "未发现单项否决问题" in text and "不合格" not in text


def test_screenshot_is_embedded_as_thumbnail(tmp_path, failing):
    shot = tmp_path / "home.png"
    Image.new("RGB", (1280, 2000), "#c00").save(shot)
    failing.findings[0].evidence[0].screenshot = str(shot)
    html = render_site_html(failing)
    (img,) = [a for t, a in audit(html).tags if t == "img"]
    assert img["src"].startswith("data:image/png;base64,")
    assert str(shot) not in html  # the path is not leaked/linked; the picture is inline


def test_missing_or_bogus_screenshot_is_skipped(tmp_path, failing):
    bogus = tmp_path / "x.png"
    bogus.write_text("<svg onload=alert(1)>")
    failing.findings[0].evidence[0].screenshot = str(bogus)
    failing.findings[1].evidence[0].screenshot = str(tmp_path / "missing.png")
    assert not [t for t, _ in audit(render_site_html(failing)).tags if t == "img"]


def test_probe_timeline_rendered(failing):
    failing.run["probes"] = [
        {
            "token": "GI-7Q2X",
            "channel": "县长信箱",
            "states": [
                {"state": "submitted", "at": "2024-05-01T10:00", "evidence": "受理编号 A123"},
                {"state": "replied", "at": "2024-05-09T16:00", "evidence": None},
            ],
        }
    ]
    text = _text(render_site_html(failing))
    assert "留言测试记录" in text and "GI-7Q2X" in text and "受理编号 A123" in text and "已答复" in text
    assert "replied" not in text and "submitted" not in text  # state names in the report's language
    assert "2024-05-09 16:00:00" in text  # one clock, to the second


def test_batch_report(failing, passing, unreachable):
    html = render_batch_html(
        [failing, passing, unreachable], site_links={failing.site: "www-example-county-gov-cn.html"}
    )
    text = _text(html)
    assert "政府网站检查汇总" in text and "合格 1" in text and "不合格 1" in text and "未能检查 1" in text
    assert '<a href="www-example-county-gov-cn.html">示例县人民政府</a>' in html
    assert html.count("<svg") == 2 and "V3 首页不更新" in html
    assert len([t for t, _ in audit(html).tags if t == "script"]) == 1
    assert "script-src 'sha256-" in _csp(html)  # only our own sort script may run


def test_unknown_language_and_template_folder_are_clear_errors(failing, tmp_path):
    with pytest.raises(ReportError, match="language"):
        render_site_html(failing, lang="fr")
    with pytest.raises(ReportError, match="not a folder"):
        render_site_html(failing, templates=tmp_path / "nope")


def test_user_template_overrides_one_file(failing, tmp_path):
    (tmp_path / "report.css").write_text("body { color: #123456; }", encoding="utf-8")
    html = render_site_html(failing, templates=tmp_path)
    assert "#123456" in html and "不合格" in html  # the rest still comes from the built-ins


def test_user_templates_are_autoescaped_too(failing, tmp_path):
    (tmp_path / "site.html.j2").write_text("<h1>{{ site_name }}</h1>", encoding="utf-8")
    failing.name = SCRIPT
    html = render_site_html(failing, templates=tmp_path)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_hostile_content_is_escaped_in_site_report(failing):
    html = render_site_html(poison(failing))
    assert_inert(html)
    for payload in (SCRIPT, IMG, SVG):
        assert payload not in html
    assert "&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;" in html  # shown, as text
    assert not re.search(r'href="\s*javascript', html, re.IGNORECASE)
    assert JS_URL in html  # the bad URL is still visible as text, for the inspector


def test_hostile_content_is_escaped_in_batch_report(failing, passing):
    v = poison(failing)
    html = render_batch_html([v, passing], site_links={v.site: JS_URL, passing.site: "javascript&colon;x"})
    assert_inert(html, allowed_scripts=1)
    assert SCRIPT not in html and IMG not in html and SVG not in html


def test_hostile_site_url(profile):
    v = site_verdict(profile, [broken_home_link(1)], site=JS_URL)
    assert_inert(render_site_html(v))
    assert_inert(render_batch_html([v], site_links={v.site: "x.html"}), allowed_scripts=1)


def test_charts(failing, passing, unreachable):
    svg = str(verdict_distribution_svg([failing, passing, unreachable]))
    assert svg.startswith("<svg") and "合格" in svg and "未能检查" in svg
    items = failing_items([failing, passing])
    assert items[0][1] == 2 and items[0][0].startswith("D-links-home")  # both sites
    assert items[1] == ("V3 首页不更新", 1, True)
    line = str(sparkline_svg([60, None, 80, 95], title="趋势"))
    assert line.count("<polyline") == 2 and "<title>趋势</title>" in line
    hostile = str(verdict_distribution_svg([]))
    assert "<svg" in hostile


def test_chart_labels_are_escaped(failing):
    """The failing-items chart draws indicator titles: a hostile title is drawn as text, never as markup."""
    from markupsafe import escape

    from inspector.report.charts import failing_items_svg

    failing.items[0].title_zh = SVG
    chart = str(failing_items_svg([failing]))
    assert str(escape(SVG)) in chart  # the title really is in the chart …
    assert "<svg onload" not in chart  # … and only as escaped text


def test_evidence_without_url_or_dates(failing):
    failing.findings[0].evidence = [Evidence(snippet="只有摘录")]
    assert "只有摘录" in render_site_html(failing)
