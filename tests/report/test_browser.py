"""The reports as a reader sees them, in Chromium: verdict, vetoes, evidence visible; hostile content inert.

Screenshots go to $REPORT_SCREENSHOT_DIR when set (to look at them), else to the test's tmp dir.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hostile import poison
from PIL import Image
from playwright.sync_api import Page, expect

from inspector.report import render_batch_html, render_site_html, write_reports

pytestmark = pytest.mark.browser


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("REPORT_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _open(page: Page, tmp_path: Path, name: str, html: str) -> None:
    file = tmp_path / name
    file.write_text(html, encoding="utf-8")
    page.goto(file.as_uri())


def _guard(page: Page) -> list[str]:
    """Record any dialog (alert/confirm) a script might open."""
    dialogs: list[str] = []

    def on_dialog(d):
        dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


def test_site_report_shows_verdict_vetoes_and_evidence(page: Page, tmp_path, failing):
    shot = tmp_path / "evidence.png"
    Image.new("RGB", (800, 600), "#1565c0").save(shot)
    failing.findings[0].evidence[0].screenshot = str(shot)
    page.set_viewport_size({"width": 1100, "height": 900})
    _open(page, tmp_path, "site.html", render_site_html(failing))

    banner = page.locator("#verdict")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("不合格")
    expect(banner).to_contain_text("98")
    vetoes = page.locator("#vetoes")
    expect(vetoes.locator("h3")).to_contain_text("V3 首页不更新")
    evidence = vetoes.locator(".evidence").first
    expect(evidence).to_be_visible()
    expect(evidence).to_contain_text("县政府召开常务会议")
    expect(evidence).to_contain_text("列表页日期")
    thumb = evidence.locator("img")
    expect(thumb).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth", thumb.element_handle()) > 0
    # The CJK font is in use: Chinese glyphs have real width (tofu boxes would too, so compare).
    width = page.evaluate("""() => { const s = document.createElement('span');
        s.textContent = '不合格'; document.body.append(s); const w = s.getBoundingClientRect().width;
        s.remove(); return w; }""")
    assert width > 20
    out = _shots(tmp_path) / "site-report.png"
    page.screenshot(path=str(out), full_page=True)
    assert out.stat().st_size > 20_000


def test_batch_report_shows_and_sorts(page: Page, tmp_path, failing, passing, unreachable):
    written = write_reports([failing, passing, unreachable], tmp_path / "out", {"html"}, lang="zh", templates=None)
    page.set_viewport_size({"width": 1100, "height": 900})
    page.goto(written["index.html"].as_uri())
    table = page.locator("#site-table")
    expect(table).to_be_visible()
    expect(page.locator("#charts svg")).to_have_count(2)

    def sites():
        return page.locator("#site-table tbody tr").evaluate_all("rows => rows.map(r => r.dataset.site)")

    assert sites() == [failing.site, passing.site, unreachable.site]
    score_header = page.locator("#site-table thead th").nth(2).locator("button")
    score_header.click()  # ascending: 98 before 99, not-inspected (no score) last
    assert sites() == [failing.site, passing.site, unreachable.site]
    score_header.click()
    assert sites() == [passing.site, failing.site, unreachable.site]  # the sort script ran under the CSP
    out = _shots(tmp_path) / "batch-report.png"
    page.screenshot(path=str(out), full_page=True)
    assert out.stat().st_size > 10_000
    # Follow the link to the per-site page.
    page.locator("#site-table a", has_text="示例县人民政府").click()
    expect(page.locator("#verdict")).to_contain_text("不合格")


@pytest.mark.parametrize("strip_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_hostile_content_never_runs(page: Page, tmp_path, failing, passing, strip_csp):
    dialogs = _guard(page)
    v = poison(failing)
    site = render_site_html(v)
    batch = render_batch_html(
        [v, passing], site_links={v.site: "javascript:window.__pwned=1", passing.site: "good.html"}
    )
    for name, html in (("site.html", site), ("batch.html", batch)):
        if strip_csp:  # prove the escaping holds without the CSP safety net
            html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
        _open(page, tmp_path, name, html)
        page.wait_for_timeout(200)
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        hrefs = page.locator("a[href]").evaluate_all("as => as.map(a => a.href)")
        assert hrefs and not [h for h in hrefs if h.lower().startswith("javascript:")]
        expect(page.locator("body")).to_contain_text("<script>window.__pwned=1;alert(1)</script>")
        # click every link that stays on the page: none may run code
        for link in page.locator("a[href]").all():
            href = link.get_attribute("href") or ""
            if not href.startswith(("http:", "https:")) and not href.endswith(".html"):
                link.click()
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert dialogs == []
    page.screenshot(path=str(_shots(tmp_path) / f"hostile-{'nocsp' if strip_csp else 'csp'}.png"), full_page=True)


def test_english_report(page: Page, tmp_path, failing):
    _open(page, tmp_path, "en.html", render_site_html(failing, lang="en"))
    expect(page.locator("#verdict")).to_contain_text("Fail")
    expect(page.locator("#vetoes h2")).to_contain_text("Veto items (1)")
