"""Sample site `hacked`: every planted content-security defect is found, non-defects are not."""

from __future__ import annotations

import asyncio
from datetime import datetime

import httpx

import inspector.samplesites as samplesites
from checks import cloaking, defacement, hidden_links, misstatements, personal_data, spam_content
from inspector.check import CheckContext
from inspector.extract.html import parse_html
from inspector.extract.security import page_signals
from inspector.extract.security.pii import mask
from inspector.gather.cloaking import gather_cloaking
from inspector.model import Page, SiteArtifacts

CHECKS = {
    c.id: c
    for c in (
        hidden_links.CHECK,
        spam_content.CHECK,
        cloaking.CHECK,
        defacement.CHECK,
        misstatements.CHECK,
        personal_data.CHECK,
    )
}


def _page(client: httpx.Client, url: str) -> Page:
    r = client.get(url)
    doc = parse_html(r.text, url)
    p = Page(url=url, final_url=url, status=r.status_code, title=doc.title)
    p.signals["security"] = page_signals(doc, url)
    return p


async def _fetch(url: str, *, user_agent: str | None = None, referer: str | None = None) -> Page:
    headers = {k: v for k, v in (("User-Agent", user_agent), ("Referer", referer)) if v}
    async with httpx.AsyncClient(timeout=10, follow_redirects=True) as c:
        r = await c.get(url, headers=headers)
    return Page(url=url, final_url=str(r.url), status=r.status_code, text=r.text)


def test_hacked_scenario_matches_manifest() -> None:
    with samplesites.serve_scenario("hacked") as world:
        manifest = world.manifest()
        home = world.urls["portal"]
        mine = [d for d in manifest["defects"] if d["check"] in CHECKS]
        quiet = [d for d in manifest["non_defects"] if d["check"] in CHECKS and d.get("url")]
        urls = {home} | {d["url"] for d in mine + quiet if d["url"].startswith(home)}
        with httpx.Client(timeout=10) as client:
            pages = {u: _page(client, u) for u in sorted(urls)}
        site = SiteArtifacts(
            site=home,
            as_of=datetime.fromisoformat(manifest["as_of"]),
            home=pages[home],
            pages=[p for u, p in pages.items() if u != home],
            cloaking=asyncio.run(gather_cloaking([home], _fetch)),
        )
    ctx = CheckContext(as_of=site.as_of)
    found = {cid: [f for f in check(site, ctx) if f.level == "fail"] for cid, check in CHECKS.items()}
    for d in mine:
        fs = found[d["check"]]
        if d["check"] == "hidden-links":
            assert any(f.evidence[0].data.get("url") == d["url"] for f in fs), d
        else:
            assert any(f.url == d["url"] for f in fs), d
        if d["check"] == "personal-data":
            [f] = [f for f in fs if f.url == d["url"]]
            assert mask(d["value"]) in [e.data["value"] for e in f.evidence]
            assert all(d["value"] not in e.snippet for e in f.evidence)
    for d in quiet:
        extra = [f for f in found[d["check"]] if f.url == d["url"]]
        if d["check"] == "personal-data":  # the masked values must not add to the planted ones
            planted = {mask(x["value"]) for x in mine if x["check"] == "personal-data"}
            extra = [e for f in extra for e in f.evidence if e.data["value"] not in planted]
        assert extra == [], d
