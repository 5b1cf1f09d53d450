"""The tool's own probe message never costs the site points (issue 15: D-search on “…GI-PROBE-…”)."""

from __future__ import annotations

from datetime import datetime

import pytest

from checks.site_search import CHECK
from inspector.check import CheckContext, NotApplicable
from inspector.model import SearchProbe, SiteArtifacts

CTX = CheckContext(as_of=datetime(2026, 11, 16, 23, 59))


def _site(query: str) -> SiteArtifacts:
    probe = SearchProbe(
        form_url="http://x.gov.cn/search", query=query, results_url="http://x.gov.cn/s?q=1", found=False, result_count=0
    )
    return SiteArtifacts(site="http://x.gov.cn/", as_of=CTX.as_of, search=probe, gathered=["search"])


def test_a_probe_title_as_the_query_is_not_judged():
    with pytest.raises(NotApplicable, match="probe"):
        CHECK(_site("咨询网站留言答复时限（GI-PROBE-0A1B2C3D）"), CTX)


def test_a_real_title_not_found_still_deducts():
    [f] = CHECK(_site("县政府召开常务会议"), CTX)
    assert f.rule == "not_found"
