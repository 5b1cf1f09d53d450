"""Evidence screenshots of the evidence page (issue 15), taken through the crawler after judging,
and the plan's name, agency and level used once: real sample site, real Chromium."""

from __future__ import annotations

import pytest
from PIL import Image

from inspector.audit import AuditOptions, run_audit
from inspector.gather.evidence import Target, target_for
from inspector.model import Evidence, Finding, SiteArtifacts
from inspector.plan import parse_plan
from inspector.profile import load_profile
from inspector.samplesites import serve_scenario

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_targets_are_the_evidence_pages():
    a = SiteArtifacts(site="http://x.gov.cn/", as_of=None)  # type: ignore[arg-type]
    col = Finding(
        check="column-freshness",
        message_zh="",
        message_en="",
        url="http://x.gov.cn/col/tzgg/",
        column="通知公告",
        evidence=[Evidence(url="http://x.gov.cn/col/tzgg/t1.html")],
    )
    assert target_for(col, a) == Target("http://x.gov.cn/col/tzgg/", href="http://x.gov.cn/col/tzgg/t1.html")
    link = Finding(
        check="broken-links",
        message_zh="",
        message_en="",
        url="http://x.gov.cn/gone.html",
        evidence=[Evidence(url="http://x.gov.cn/gone.html", data={"found_on": ["http://x.gov.cn/zwgk/"]})],
    )
    assert target_for(link, a) == Target("http://x.gov.cn/zwgk/", href="http://x.gov.cn/gone.html")


def test_stale_columns_audit_shows_each_list_page_with_its_newest_item_outlined(tmp_path):
    with serve_scenario("stale-columns") as world:
        url = world.urls["portal"]
        plan = parse_plan(
            {"sites": [{"url": url, "name": "东平县人民政府", "agency": "东平县人民政府办公室", "level": "county"}]}
        )
        options = AuditOptions(
            profile=load_profile("cn-gov-2019"),
            as_of=world.manifest()["today"],
            max_pages=80,
            plan=plan,
            fetch_settings={"per_host_delay_s": 0.0},
            screenshot_dir=tmp_path / "shots",
        )
        [v] = run_audit([url], options, db_url=f"sqlite:///{tmp_path / 'e.db'}")
    assert v.name == "东平县人民政府"  # not "东平县人民政府 · 东平县人民政府"
    assert v.run["agency"] == "东平县人民政府办公室" and v.run["level"] == "county"
    stale = [f for f in v.vetoes if f.check == "column-freshness"]
    assert len(stale) == 5
    fulls = {f.evidence[0].screenshot_full for f in stale}
    assert len(fulls) == 5 and None not in fulls  # one picture per list page, not the home page
    for f in stale:
        ev = f.evidence[0]
        assert ev.screenshot and ev.screenshot.endswith(".focus.png")
        with Image.open(ev.screenshot) as img:
            px = img.convert("RGB")
            red = sum(
                1
                for x in range(0, img.width, 2)
                for y in range(0, img.height, 2)
                if px.getpixel((x, y)) == (229, 57, 53)
            )
        assert red > 50, f"no outline on {f.url}"
    info = [f for f in v.findings if f.severity == "info"]
    assert not any(e.screenshot_full for f in info for e in f.evidence)
