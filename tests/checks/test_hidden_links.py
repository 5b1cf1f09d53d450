from __future__ import annotations

import pytest
from _security_site import AS_OF, CLEAN, ctx, site

from checks.hidden_links import CHECK
from inspector.check import NotApplicable
from inspector.model import SiteArtifacts

FAIL = CLEAN.replace(
    "</body>",
    '<div style="position:absolute;left:-9999px"><a href="http://www.am-bet.example.com/">澳门金沙</a>'
    '<a href="http://lucky.example.tk/">x</a></div></body>',
)


def test_pass_collapsed_internal_menu_not_flagged() -> None:
    assert [f for f in CHECK(site(CLEAN), ctx()) if f.level == "fail"] == []


def test_fail_hidden_spam_links() -> None:
    found = [f for f in CHECK(site(FAIL), ctx()) if f.level == "fail"]
    assert {f.evidence[0].data["url"] for f in found} == {"http://www.am-bet.example.com/", "http://lucky.example.tk/"}
    assert all(
        f.evidence[0].data["technique"] == "off-screen" and "left: -9999px" in f.evidence[0].data["style"]
        for f in found
    )


def test_hidden_outbound_without_spam_is_info_only() -> None:
    html = CLEAN.replace(
        "</body>", '<div style="display:none"><a href="http://www.people.com.cn/">人民网</a></div></body>'
    )
    found = CHECK(site(html), ctx())
    assert [f.level for f in found] == ["info"]


def test_not_judged_without_signals() -> None:
    with pytest.raises(NotApplicable):
        CHECK(SiteArtifacts(site="http://x.gov.cn/", as_of=AS_OF), ctx())
