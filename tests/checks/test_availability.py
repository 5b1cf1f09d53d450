from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from checks.availability import CHECK
from inspector.check import CheckContext, NotApplicable
from inspector.model import AvailabilitySample, SiteArtifacts

NOW = datetime(2026, 11, 16, 10, tzinfo=UTC)
CTX = CheckContext(as_of=NOW)
URL = "http://x.gov.cn/"


def samples(n: int, failed: int, slow: int = 0) -> list[AvailabilitySample]:
    out = []
    for i in range(n):
        at = NOW - timedelta(minutes=72 * i)
        if i < failed:
            out.append(AvailabilitySample(at, URL, False, None, None, "timeout"))
        elif i < failed + slow:
            out.append(AvailabilitySample(at, URL, True, 15200.0, 200))  # opened, but after 15 s
        else:
            out.append(AvailabilitySample(at, URL, True, 300.0, 200))
    return out


def site(s: list[AvailabilitySample]) -> SiteArtifacts:
    return SiteArtifacts(site=URL, as_of=NOW, availability=s)


def test_pass_a_week_under_five_percent() -> None:
    assert CHECK(site(samples(140, failed=6)), CTX) == []  # 4.3 %


def test_fail_a_week_at_five_percent_counting_slow_visits() -> None:
    findings = CHECK(site(samples(140, failed=4, slow=3)), CTX)  # 7 / 140 = 5 %
    assert len(findings) == 1 and findings[0].level == "fail"
    assert len(findings[0].evidence) == 7 and "5.0%" in findings[0].message_zh


def test_one_shot_failure_is_info_only() -> None:
    findings = CHECK(site(samples(1, failed=1)), CTX)
    assert findings and all(f.level == "info" for f in findings)
    assert any(f.rule == "needs_monitoring" for f in findings)


def test_one_shot_success_is_reported_as_sampled() -> None:
    findings = CHECK(site(samples(1, failed=0)), CTX)
    assert [f.rule for f in findings] == ["sampled"] and findings[0].level == "info"


def test_not_applicable_without_samples() -> None:
    with pytest.raises(NotApplicable):
        CHECK(site([]), CTX)
