"""History in the reports (issue 8): new / fixed / still open since the previous audit, and trend lines.

Two verdicts are scored by the real profile; ``run.changes`` and ``run.trend`` are filled by
``inspector.history`` exactly as ``inspector.audit.audit_site`` does, so the report reads what an audit writes.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import jsonschema
import pytest
from hostile import ALL, IMG, JS_URL, SCRIPT, SVG, assert_inert
from report_builders import broken_home_link, site_verdict, stale_home

from inspector.history import compare, trend
from inspector.model import Verdict
from inspector.profile import Profile
from inspector.report import render_batch_html, render_site_html
from inspector.report.charts import sparkline_svg
from inspector.report.json_out import schema, verdict_from_json, verdict_to_json

PREVIOUS_AS_OF = "2024-05-18T09:00:00+08:00"


def _stored_row(as_of: str, score: float, stale: int, broken: int, reply: float | None) -> dict:
    """A row as ``Store.history`` returns it."""
    return {
        "as_of": as_of,
        "score": score,
        "verdict": "fail",
        "stats": {"stale_columns": stale, "broken_links": broken, "median_reply_days": reply},
    }


def _with_history(previous: Verdict | None, current: Verdict, older_rows: list[dict]) -> Verdict:
    """What audit_site does: compare with the stored previous verdict, then trend + this audit."""
    stored = verdict_to_json(previous) if previous is not None else None
    current.run["changes"] = compare(stored, current)
    current.run["trend"] = trend(older_rows) + [
        {
            "as_of": current.as_of,
            "score": current.score,
            "verdict": current.verdict,
            **{k: current.stats.get(k) for k in ("stale_columns", "broken_links", "median_reply_days")},
        }
    ]
    return current


@pytest.fixture
def previous(profile: Profile) -> Verdict:
    """Last audit: stale home page (veto) and broken links 1 and 2."""
    v = site_verdict(profile, [stale_home(), broken_home_link(1), broken_home_link(2)])
    v.as_of = PREVIOUS_AS_OF
    v.run["as_of"] = PREVIOUS_AS_OF
    return v


@pytest.fixture
def current(profile: Profile, previous: Verdict) -> Verdict:
    """This audit: home page fixed, link 1 fixed, link 2 still broken, link 3 newly broken."""
    v = site_verdict(profile, [broken_home_link(2), broken_home_link(3)])
    rows = [  # newest first, as the store lists them
        _stored_row(PREVIOUS_AS_OF, previous.score or 0, 3, 2, 7.0),
        _stored_row("2024-05-04T09:00:00+08:00", 90.0, 6, 5, 12.5),
    ]
    return _with_history(previous, v, rows)


def _section(html: str, section_id: str) -> str:
    m = re.search(rf'<section[^>]*id="{section_id}".*?</section>', html, re.DOTALL)
    assert m, f"no #{section_id} section"
    return m.group(0)


def _polylines(svg: str) -> list[list[str]]:
    return [p.split() for p in re.findall(r'<polyline[^>]*points="([^"]*)"', svg)]


def test_history_feeds_the_expected_changes(current):
    ch = current.run["changes"]
    assert ch["baseline"] == PREVIOUS_AS_OF
    assert [k.split("|")[2].rsplit("/", 1)[-1] for k in ch["new"]] == ["missing-3.html"]
    assert len(ch["fixed"]) == 2 and len(ch["open"]) == 1
    assert len(current.run["trend"]) == 3


def test_site_report_shows_new_fixed_and_open(current):
    html = render_site_html(current)
    sec = _section(html, "changes")
    assert "与上次检查相比" in sec and "2024-05-18 09:00:00" in sec  # one clock: CST to the second
    counts = dict(re.findall(r'data-count="(\w+)"><span class="n">(\d+)</span>', sec))
    assert counts == {"new": "1", "fixed": "2", "open": "1"}
    # The fixed list: the stale home page (V3) and broken link 1, with their URLs.
    fixed = _section(html, "changes").split('id="fixed-findings"')[1]
    assert "V3" in fixed and "首页不更新" in fixed and "首页最近一条信息发布于2024-05-06" in fixed
    assert "missing-1.html" in fixed and "missing-2.html" not in fixed
    # The "new" badge sits on link 3's finding only, not on the still-open link 2.
    articles = re.findall(r'<article class="finding.*?</article>', html, re.DOTALL)
    badged = [a for a in articles if '<span class="badge new">新增</span>' in a]
    assert len(badged) == 1 and "missing-3.html" in badged[0]
    assert any("missing-2.html" in a for a in articles if a not in badged)


def test_english_wording(current):
    html = render_site_html(current, lang="en")
    sec = _section(html, "changes")
    assert "Since the previous inspection" in sec and "Still open" in sec
    assert '<span class="badge new">new</span>' in html


def test_no_changes_section_on_a_first_audit(profile):
    first = _with_history(None, site_verdict(profile, [broken_home_link(1)]), [])
    assert first.run["changes"]["baseline"] is None
    html = render_site_html(first)
    assert 'id="changes"' not in html and "badge new" not in html
    assert 'id="trends"' not in html  # one point is not a trend


def test_trend_lines_have_one_point_per_audit(current):
    html = render_site_html(current)
    sec = _section(html, "trends")
    figures = dict(re.findall(r'<figure data-series="(\w+)">(.*?)</figure>', sec, re.DOTALL))
    assert set(figures) == {"score", "stale_columns", "broken_links", "median_reply_days"}
    for key, svg in figures.items():
        lines = _polylines(svg)
        assert len(lines) == 1 and len(lines[0]) == 3, key
        # the as-of dates label the line
        assert "2024-05-04" in svg and "2024-06-01" in svg, key
    # The score line goes up (y shrinks) from 90 to the current score.
    ys = [float(p.split(",")[1]) for p in _polylines(figures["score"])[0]]
    assert current.score is not None and current.score > 90 and ys[-1] < ys[0]


def test_missing_figures_break_the_line(current):
    current.run["trend"][1]["median_reply_days"] = None
    svg = dict(
        re.findall(
            r'<figure data-series="(\w+)">(.*?)</figure>', _section(render_site_html(current), "trends"), re.DOTALL
        )
    )["median_reply_days"]
    assert [len(p) for p in _polylines(svg)] == [1, 1]


def test_labelled_sparkline_geometry():
    svg = str(sparkline_svg([3, 5, 4, 8], width=320, height=96, labels=["a", "b", "c", "d"], title="t"))
    assert [len(p) for p in _polylines(svg)] == [4]
    assert svg.count("<circle") == 4 and ">d</text>" in svg
    with pytest.raises(ValueError):
        sparkline_svg([1, 2], labels=["only one"])


def test_batch_report_has_a_score_sparkline_per_site_with_history(current, passing):
    html = render_batch_html([current, passing])
    rows = re.findall(r"<tr data-site=.*?</tr>", html, re.DOTALL)
    assert len(rows) == 2
    with_trend = next(r for r in rows if current.site in r)
    lines = _polylines(with_trend)
    assert len(lines) == 1 and len(lines[0]) == 3
    without = next(r for r in rows if passing.site in r)
    assert "<svg" not in without and '<td class="trend">—</td>' in without


def test_batch_without_any_history_has_no_trend_column(passing, failing):
    assert "得分趋势" not in render_batch_html([passing, failing])


def test_json_keeps_changes_and_trend(current):
    d = verdict_to_json(current)
    jsonschema.Draft202012Validator(schema()).validate(d)
    back = verdict_from_json(d)
    assert back.run["changes"] == current.run["changes"]
    assert back.run["trend"] == current.run["trend"]
    d["run"]["changes"]["new"] = [1]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(d, schema())


def test_hostile_history_stays_inert(current):
    ch = current.run["changes"]
    ch["baseline"] = "2024" + SCRIPT
    for f in ch["fixed_findings"]:
        f["message_zh"] = f["message_en"] = "消息" + ALL
        f["url"] = JS_URL
        f["column"] = SVG
        f["item"] = IMG
    ch["fixed_findings"].append("not a finding")  # hand-edited JSON: ignored, not a crash
    current.run["trend"][0]["as_of"] = SVG
    current.run["trend"][1]["score"] = SCRIPT  # a figure of the wrong type is a gap
    for f in current.findings:
        f.message_zh = "新" + ALL
    html = render_site_html(current)
    assert_inert(html)
    assert "&lt;script&gt;" in _section(html, "changes")
    assert 'href="javascript' not in html.lower()
    assert_inert(render_batch_html([current]), allowed_scripts=1)


@pytest.mark.browser
def test_changes_section_visible_in_chromium(page, tmp_path, current):
    file = tmp_path / "site.html"
    file.write_text(render_site_html(current), encoding="utf-8")
    page.set_viewport_size({"width": 1100, "height": 900})
    page.goto(file.as_uri())
    from playwright.sync_api import expect

    sec = page.locator("#changes")
    expect(sec).to_be_visible()
    expect(sec.locator('[data-count="fixed"]')).to_contain_text("2")
    expect(sec.locator("#fixed-findings")).to_contain_text("missing-1.html")
    expect(page.locator(".badge.new")).to_have_count(1)
    expect(page.locator(".badge.new")).to_be_visible()
    chart = page.locator('#trends figure[data-series="score"] svg')
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 90
    folder = Path(os.environ.get("REPORT_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "changes-trends.png"
    page.locator("#changes").scroll_into_view_if_needed()
    page.screenshot(path=str(out), full_page=True)
    assert out.stat().st_size > 20_000
