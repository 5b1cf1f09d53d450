from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from checks.network_facts import CHECK
from inspector.check import CheckContext, NotApplicable
from inspector.crawl.network import network_facts
from inspector.model import NetworkFacts, SiteArtifacts

NOW = datetime(2026, 11, 16, 10, tzinfo=UTC)
CTX = CheckContext(as_of=NOW)


def site(n: NetworkFacts | None) -> SiteArtifacts:
    return SiteArtifacts(site="https://x.gov.cn/", as_of=NOW, network=n)


def test_pass_dual_stack_https() -> None:
    assert CHECK(site(NetworkFacts(ipv6=True, ipv6_fetch_ok=True, https=True, tls_valid=True)), CTX) == []


def test_fail_no_ipv6_and_bad_certificate() -> None:
    findings = CHECK(site(NetworkFacts(ipv6=False, https=True, tls_valid=False, tls_detail="self-signed")), CTX)
    assert {f.rule for f in findings} == {"ipv6", "tls"} and all(f.level == "info" for f in findings)


def test_not_applicable() -> None:
    with pytest.raises(NotApplicable):
        CHECK(site(None), CTX)


def test_loopback_site_reports_what_it_finds() -> None:
    facts = asyncio.run(network_facts("http://127.0.0.1:9/", timeout_s=2))
    assert facts.ipv6 is False and facts.https is False and "443" in facts.tls_detail
    assert {f.rule for f in CHECK(site(facts), CTX)} == {"ipv6", "https"}
