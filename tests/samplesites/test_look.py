"""The sample portal looks like a county government site in a real Chromium (a screenshot is kept)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from inspector.samplesites import serve_scenario

pytestmark = pytest.mark.browser


def test_clean_portal_renders_like_a_government_site(page, tmp_path):
    with serve_scenario("clean") as world:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(world.urls["portal"])
        name = world.manifest()["facts"]["identity"].get("site_name") or "人民政府"
        expect(page.locator("body")).to_contain_text(name)
        for block in ("要闻动态", "通知公告", "政策文件", "政策解读"):
            expect(page.get_by_text(block, exact=True).first).to_be_visible()
        footer = page.locator("body")
        expect(footer).to_contain_text("网站标识码")
        expect(footer).to_contain_text("公网安备")
        expect(page.get_by_text("我为政府网站找错").first).to_be_visible()
        shot = tmp_path / "portal.png"
        page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 50_000
