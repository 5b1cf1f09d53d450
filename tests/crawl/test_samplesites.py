"""The crawler against the simulated government sites: every planted broken link is found."""

from __future__ import annotations

import asyncio

import inspector.samplesites as samplesites
from checks.broken_links import CHECK
from inspector.check import CheckContext
from inspector.crawl import CrawlSettings, Fetcher, crawl_site
from inspector.crawl.urls import normalize_url
from inspector.model import SiteArtifacts

S = CrawlSettings(per_host_delay_s=0.0, per_host_concurrency=8, timeout_s=5, max_pages=600)


def crawl(url: str, settings: CrawlSettings = S):
    async def go():
        async with Fetcher(settings) as f:
            return await crawl_site(url, settings, fetcher=f)

    return asyncio.run(go())


def test_broken_links_scenario_matches_manifest() -> None:
    with samplesites.serve_scenario("broken-links") as world:
        manifest = world.manifest()
        # The portal's robots.txt disallows /oa/, which its home page links to (a planted 403):
        # an authorised audit (ignore_robots) checks it; a default one reports it "skipped".
        result = crawl(world.urls["portal"], S.replace(ignore_robots=True))
    assert result.not_inspected is None, result.not_inspected_detail
    expected = [d for d in manifest["defects"] if d["check"] == "broken-links"]
    assert expected
    a = SiteArtifacts(site=world.urls["portal"], as_of=result.home.fetched_at, link_checks=result.link_checks)
    findings = {f.url: f for f in CHECK(a, CheckContext(as_of=a.as_of, params={"definite": ["broken", "forbidden"]}))}
    for d in expected:
        f = findings.get(normalize_url(d["url"]))
        assert f is not None, f"planted defect not found: {d['note']} {d['url']}"
        assert f.rule == d["rule"], d
        if d.get("status") in (403, 404, 410):
            assert f.level == "fail", d  # definite
    clean_urls = {
        normalize_url(d["url"])
        for d in manifest.get("non_defects", [])
        if d.get("check") == "broken-links" and d.get("url")
    }
    assert not clean_urls & {u for u, f in findings.items() if f.level == "fail"}


def test_clean_scenario_has_no_definite_broken_links() -> None:
    with samplesites.serve_scenario("clean") as world:
        result = crawl(world.urls["portal"])
    a = SiteArtifacts(site=world.urls["portal"], as_of=result.home.fetched_at, link_checks=result.link_checks)
    fails = [
        f
        for f in CHECK(a, CheckContext(as_of=a.as_of, params={"definite": ["broken", "forbidden"]}))
        if f.level == "fail"
    ]
    assert fails == [], [(f.url, f.evidence[0].data) for f in fails]
    assert len(result.pages) > 20
