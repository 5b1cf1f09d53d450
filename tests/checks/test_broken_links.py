from __future__ import annotations

from datetime import UTC, datetime

import pytest

from checks.broken_links import CHECK
from inspector.check import CheckContext, NotApplicable
from inspector.model import LinkCheck, SiteArtifacts

NOW = datetime(2026, 11, 16, 10, tzinfo=UTC)
CTX = CheckContext(as_of=NOW)


def site(*checks: LinkCheck) -> SiteArtifacts:
    return SiteArtifacts(site="http://x.gov.cn/", as_of=NOW, link_checks=list(checks))


def test_pass_all_links_ok() -> None:
    a = site(LinkCheck("http://x.gov.cn/a", "ok", 200, on_home=True), LinkCheck("mailto-like", "skipped"))
    assert CHECK(a, CTX) == []


def test_fail_definite_and_suspected() -> None:
    a = site(
        LinkCheck("http://x.gov.cn/gone", "broken", 404, found_on=["http://x.gov.cn/"], on_home=True, text="通知"),
        LinkCheck("http://x.gov.cn/deep/gone", "forbidden", 403, found_on=["http://x.gov.cn/a"]),
        LinkCheck("http://slow.example.cn/", "timeout", internal=False),
        LinkCheck("http://x.gov.cn/soft", "soft404", 200),
    )
    findings = CHECK(a, CTX)
    fails = [f for f in findings if f.level == "fail"]
    assert [(f.url, f.rule, f.certainty) for f in fails] == [
        ("http://x.gov.cn/gone", "home", "certain"),
        ("http://x.gov.cn/deep/gone", "other", "likely"),
        ("http://x.gov.cn/soft", "other", "likely"),  # the profile counts the disguised 404 as definite
    ]
    # An environment failure is "could not judge", never a deduction.
    [slow] = [f for f in findings if f.level == "info"]
    assert (
        slow.url == "http://slow.example.cn/" and slow.certainty == "possible" and "环境故障" in slow.certainty_reason
    )
    assert fails[0].evidence[0].data["found_on"] == ["http://x.gov.cn/"] and "通知" in fails[0].message_zh


def test_profile_can_widen_definite() -> None:
    a = site(LinkCheck("http://x.gov.cn/err", "server_error", 500))
    assert CHECK(a, CheckContext(as_of=NOW, params={"definite": ["broken", "server_error"]}))[0].level == "fail"


def test_not_applicable_without_link_checks() -> None:
    with pytest.raises(NotApplicable):
        CHECK(site(), CTX)
