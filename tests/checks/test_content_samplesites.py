"""The content checks against the sample sites' ground-truth manifests (real HTTP on 127.0.0.1)."""

from __future__ import annotations

import asyncio
import importlib

import httpx
import pytest

import inspector.samplesites as samplesites
from inspector.check import CheckContext, NotApplicable
from inspector.extract.html import parse_html
from inspector.extract.identity import extract_identity
from inspector.gather.columns import map_columns
from inspector.model import Page, SiteArtifacts

MINE = [
    "homepage-freshness",
    "column-freshness",
    "blank-columns",
    "identity-marks",
    "gov-domain",
    "find-errors-entry",
    "annual-report",
    "service-offering",
]


async def _gather(world):
    async with httpx.AsyncClient(timeout=10) as client:

        async def fetch(url: str) -> Page:
            try:
                r = await client.get(url, follow_redirects=True)
            except httpx.HTTPError as exc:
                return Page(url=url, error=type(exc).__name__)
            return Page(url=url, final_url=str(r.url), status=r.status_code, text=r.text)

        home = await fetch(world.urls["portal"])
        as_of = world.clock.now().replace(tzinfo=None)
        columns = await map_columns(home, fetch, as_of.date())
        return home, columns, as_of


def _keys(findings):
    return {(f["check"], f.get("column") or f.get("url")) for f in findings}


@pytest.mark.slow
@pytest.mark.parametrize(
    "scenario", ["clean", "stale-home", "stale-columns", "long-stale", "blank-columns", "bad-identity"]
)
def test_content_checks_match_manifest(scenario):
    with samplesites.serve_scenario(scenario) as world:
        home, columns, as_of = asyncio.run(_gather(world))
        manifest = world.manifest()
    identity = extract_identity(parse_html(home.text, home.final_url or home.url))
    a = SiteArtifacts(site=home.url, as_of=as_of, home=home, columns=columns, identity=identity)
    got = []
    for check_id in MINE:
        check = importlib.import_module(f"checks.{check_id.replace('-', '_')}").CHECK
        try:
            findings = check(a, CheckContext(as_of=as_of))
        except NotApplicable:
            continue
        got += [{"check": f.check, "column": f.column, "url": f.url} for f in findings if f.level == "fail"]
    expected = [d for d in manifest.get("defects", []) if d["check"] in MINE]
    assert _keys(got) == _keys(expected)
