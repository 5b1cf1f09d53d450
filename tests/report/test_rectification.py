"""Remediation under findings, the 整改清单 (HTML, CSV, XLSX), one count and one language (issue 15)."""

from __future__ import annotations

import csv
import re

from openpyxl import load_workbook
from PIL import Image
from report_builders import SITE, broken_home_link, site_verdict, stale_home, suspected_link

from inspector.check import registry
from inspector.model import Evidence, Finding
from inspector.report import render_batch_html, render_site_html, write_reports
from inspector.report.rectification import COLUMNS
from inspector.report.remediation import advice, known

HEADER = [zh for _, zh, _ in COLUMNS]


def _identity(rule: str, value: str = "") -> Finding:
    msg = f"网站标识码格式不规范：{value}" if value else "未找到党政机关网站标识"
    return Finding(
        check="identity-marks",
        rule=rule,
        url=SITE,
        message_zh=msg,
        message_en=msg,
        evidence=[Evidence(url=SITE, snippet=value)],
    )


def test_every_installed_check_has_its_advice():
    missing = [cid for cid in registry() if not known(cid)]
    assert missing == []


def test_advice_gives_the_expected_form():
    code = advice(_identity("site_code", "130199001"), "zh")
    assert "10位" in code.expected and "bm" in code.expected and "页脚" in code.where
    badge = advice(_identity("badge"), "zh")
    assert "_ideConac" in badge.expected and "conac.cn" in badge.how
    column = advice(Finding(check="column-freshness", rule="news_policy", message_zh="", message_en=""), "en")
    assert "14 days" in column.expected and "column" in column.where


def _verdict(profile):
    v = site_verdict(
        profile, [stale_home(), broken_home_link(1), _identity("site_code", "130199001"), suspected_link()]
    )
    v.run.update(agency="示例县人民政府办公室", level="county")
    return v


def test_site_report_shows_remediation_under_each_counted_finding(profile):
    html = render_site_html(_verdict(profile))
    vetoes = html.split('id="vetoes"')[1].split("</section>")[0]
    assert vetoes.count('class="remedy"') == 1 and "首页2周内有新发布的信息" in vetoes
    deductions = html.split('id="deductions"')[1].split("</section>")[0]
    assert "10位：地方网站为10位数字" in deductions
    info = html.split('id="information"')[1].split("</section>")[0]
    assert 'class="remedy"' not in info  # information needs no fix
    assert "首页不更新：监测2周内首页无信息更新" in vetoes  # the check's failure title is rendered
    assert 'id="site-facts"' in html and "示例县人民政府办公室" in html and "县级" in html


def test_rectification_list_in_html_csv_and_xlsx(tmp_path, profile):
    v = _verdict(profile)
    written = write_reports([v], tmp_path, {"html", "csv", "xlsx"})
    with written["rectification.csv"].open(encoding="utf-8-sig") as fh:
        header, *rows = list(csv.reader(fh))
    assert header == HEADER
    assert [r[0] for r in rows] == ["1", "2", "3"]  # veto first; the suspected link (information) stays out
    assert [r[4] for r in rows] == ["否决", "扣分", "扣分"]
    first = dict(zip(header, rows[0], strict=True))
    assert first["网站名称"] == "示例县人民政府" and first["主办单位"] == "示例县人民政府办公室"
    assert first["地区/层级"] == "县级" and first["指标"] == "V3 首页不更新"
    assert "2024-05-06（列表页日期）" in first["证据"] and "应为：" in first["整改建议"]
    assert first["整改期限"] == first["责任人"] == first["整改情况"] == ""

    sheet = load_workbook(written["inspection.xlsx"])["整改清单"]
    assert [c.value for c in sheet[1]] == HEADER and sheet.max_row == 4
    assert sheet.cell(row=4, column=7).value == "网站标识码格式不规范：130199001"

    site_page = written[f"{'www-example-county-gov-cn'}.html"].read_text(encoding="utf-8")
    table = site_page.split('id="rectification"')[1].split("</section>")[0]
    assert table.count('<tr data-kind="') == 3
    batch = written["index.html"].read_text(encoding="utf-8")
    assert batch.split('id="rectification"')[1].count('<tr data-kind="') == 3


def test_one_count_on_batch_banner_and_changes(profile):
    v = _verdict(profile)
    below = Finding(
        check="column-freshness",
        rule="news_policy",
        message_zh="栏目“要闻”已20天未更新",
        message_en="x",
        url=SITE + "yw/",
        column="要闻",
    )
    v2 = site_verdict(profile, [stale_home(), broken_home_link(1), below])  # one stale column: below the veto line
    assert below.severity == "info" and below.level == "fail"
    v2.run["changes"] = {
        "baseline": "2024-05-18",
        "new": [below.key],
        "open": sorted(f.key for f in v2.findings if f.level == "fail"),
        "fixed": [],
        "fixed_findings": [],
    }
    site = render_site_html(v2)
    banner = re.sub(r"<[^>]+>|\s+", "", site.split('id="verdict"')[1].split("</section>")[0])
    assert "单项否决问题:1条（涉及1项指标）·扣分问题:1条" in banner
    changes = dict(re.findall(r'data-count="(\w+)"><span class="n">(\d+)</span>', site))
    assert changes == {"new": "0", "fixed": "0", "open": "2"}  # the below-threshold finding is not counted
    batch = render_batch_html([v, v2])
    row = [r for r in batch.split("<tr data-site=")[1:]][0]
    assert re.findall(r'class="num" data-v="(\d+)">\1</td>', row)[0] == "1"
    assert "单项否决问题: 2条" in batch and "否决问题（条）" in batch


def test_chinese_report_has_no_raw_keys_or_codes(profile):
    fresh = Finding(
        check="column-freshness",
        rule="news_policy",
        message_zh="动态要闻栏目“要闻动态”已40天未更新",
        message_en="x",
        url=SITE + "ywdt/",
        column="要闻动态",
        evidence=[
            Evidence(
                url=SITE + "ywdt/",
                data={
                    "column_type": "news",
                    "type_source": "dictionary",
                    "age_days": 40,
                    "window_days": 14,
                    "items": 20,
                    "pages_seen": 1,
                },
            )
        ],
    )
    cloak = Finding(
        check="cloaking",
        message_zh="页面对搜索引擎爬虫显示不同内容",
        message_en="x",
        url=SITE,
        evidence=[Evidence(url=SITE, data={"variant": "spider", "spam_words_added": ["博彩", "娱乐城"]})],
    )
    link = broken_home_link(2)
    link.evidence[0].data.update(outcome="broken", internal=True, tag="a")
    html = render_site_html(site_verdict(profile, [fresh, cloak, link]))
    assert 'class="raw-key"' not in html
    text = re.sub(r"<[^>]+>", " ", html)
    for raw in ("age_days", "window_days", "spam_words_added", "column_type", ">news<", "dictionary", "spider", "True"):
        assert raw not in text, raw
    assert "未更新天数" in text and "新增违规词" in text and "博彩、娱乐城" in text and "搜索引擎爬虫" in text


def test_screenshots_only_on_counted_findings_once_each_with_full_size_link(tmp_path, profile):
    home = tmp_path / "elsewhere" / "home.png"
    home.parent.mkdir()
    Image.new("RGB", (1280, 2400), "#1565c0").save(home)
    veto, link, note = stale_home(), broken_home_link(1), suspected_link()
    for f in (veto, link):
        f.evidence[0].screenshot = str(home)
    note.evidence = [Evidence(url=SITE, screenshot=str(home))]
    v = site_verdict(profile, [veto, link, note])
    written = write_reports([v], tmp_path / "out", {"html"})
    html = written["www-example-county-gov-cn.html"].read_text(encoding="utf-8")
    assert html.count("<img ") == 1  # one picture, not one per finding; none on the information note
    assert 'href="screenshots/home.png"' in html and (tmp_path / "out" / "screenshots" / "home.png").is_file()
    assert 'href="#shot-1"' in html.split('id="deductions"')[1]  # the later finding points to it


def test_coded_values_and_times_read_as_words():
    from inspector.report.wording import probe_rows, value_text

    assert value_text("http_5xx: HTTP 503", "zh") == "服务器错误（HTTP 503）"
    assert value_text("2026-11-16T02:00:00.123456+00:00", "zh") == "2026-11-16 10:00:00"  # UTC → CST, to the second
    assert value_text({"state": "answered", "working_days": 3}, "zh") == "办理状态：已答复；工作日：3"
    [row] = probe_rows(
        [{"state": "overdue", "at": "2026-11-30T09:00:00.5+08:00", "evidence": {"waiting": {"working_days": 11}}}], "zh"
    )
    assert row == {"state": "超期未答复", "at": "2026-11-30 09:00:00", "evidence": "已等待：工作日：11"}
