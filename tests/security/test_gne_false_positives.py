"""Real news and government pages (GNE corpus) raise no veto-level security signal."""

from __future__ import annotations

import collections
from datetime import datetime
from pathlib import Path

import pytest

from checks import defacement, hidden_links, misstatements, spam_content
from inspector.check import CheckContext
from inspector.extract.html import parse_html
from inspector.extract.security import page_signals
from inspector.extract.security._urls import host_of, registrable
from inspector.model import Page, SiteArtifacts

VETO_CHECKS = (hidden_links.CHECK, spam_content.CHECK, misstatements.CHECK, defacement.CHECK)


def _page_url(html: str) -> str:
    """Where the page was published: canonical / og:url, else its most-linked site."""
    doc = parse_html(html, "http://unknown.invalid/")
    for n in doc.tree.css('link[rel=canonical], meta[property="og:url"]'):
        u = n.attributes.get("href") or n.attributes.get("content") or ""
        if u.startswith("http"):
            return u
    hosts = collections.Counter(registrable(host_of(x.url)) for x in doc.links if x.tag == "a" and host_of(x.url))
    return f"http://www.{hosts.most_common(1)[0][0]}/" if hosts else "http://unknown.invalid/"


def _pages(shared: Path) -> list[Path]:
    pages = sorted((shared / "realworld/gne-chinese-pages/pages").glob("*.html"))
    if not pages:
        pytest.skip("GNE pages missing from ../shared")
    return pages


def test_no_veto_on_gne_pages(shared: Path) -> None:
    failures = []
    for path in _pages(shared):
        html = path.read_text(encoding="utf-8", errors="replace")
        url = _page_url(html)
        page = Page(url=url, final_url=url, status=200, title=parse_html(html, url).title)
        page.signals["security"] = page_signals(parse_html(html, url), url)
        site = SiteArtifacts(site=url, as_of=datetime(2024, 5, 6), home=page)
        for check in VETO_CHECKS:
            for f in check(site, CheckContext(as_of=site.as_of)):
                if f.level == "fail":
                    failures.append((path.name, f.check, f.message_en))
    assert failures == []
