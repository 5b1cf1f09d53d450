from __future__ import annotations

from datetime import UTC, datetime

import pytest

from checks.crawler_trap import CHECK
from inspector.check import CheckContext, NotApplicable
from inspector.model import SiteArtifacts

NOW = datetime(2026, 11, 16, 10, tzinfo=UTC)
CTX = CheckContext(as_of=NOW)


def test_pass_no_traps() -> None:
    assert CHECK(SiteArtifacts(site="http://x.gov.cn/", as_of=NOW, stats={"traps": []}), CTX) == []


def test_fail_calendar_trap_reported_as_info() -> None:
    trap = {"kind": "calendar", "pattern": "/cal", "examples": ["http://x.gov.cn/cal?month=1&year=2150"], "cut": 12}
    findings = CHECK(SiteArtifacts(site="http://x.gov.cn/", as_of=NOW, stats={"traps": [trap]}), CTX)
    assert len(findings) == 1 and findings[0].level == "info" and findings[0].rule == "calendar"
    assert "无限日历" in findings[0].message_zh and findings[0].url.endswith("year=2150")


def test_not_applicable_without_crawl() -> None:
    with pytest.raises(NotApplicable):
        CHECK(SiteArtifacts(site="http://x.gov.cn/", as_of=NOW), CTX)
