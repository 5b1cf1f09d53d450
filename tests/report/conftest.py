"""Fixtures for report tests: verdicts built by the real scoring over hand-made findings."""

from __future__ import annotations

import pytest
from report_builders import AS_OF, broken_home_link, site_verdict, stale_home, suspected_link

from inspector.model import NotJudged, Verdict
from inspector.profile import Profile, load_profile
from inspector.scoring import score


@pytest.fixture(scope="session")
def profile() -> Profile:
    return load_profile("cn-gov-2019")


@pytest.fixture
def failing(profile: Profile) -> Verdict:
    """A site with a veto (stale home page), two home-page broken links and a suspected link."""
    return site_verdict(
        profile,
        [stale_home(), broken_home_link(1), broken_home_link(2), suspected_link()],
        not_judged=[NotJudged("unanswered-messages", "未发现留言板", "no message board found")],
    )


@pytest.fixture
def passing(profile: Profile) -> Verdict:
    v = site_verdict(profile, [broken_home_link(1, "http://www.good.gov.cn/")], site="http://www.good.gov.cn/")
    v.name = "良好市人民政府"
    v.stats = {"stale_columns": 0, "broken_links": 1, "median_reply_days": 3}
    return v


@pytest.fixture
def unreachable(profile: Profile) -> Verdict:
    return score("http://down.gov.cn/", [], profile, AS_OF, not_inspected="dns: 域名无法解析 / name not resolved")
