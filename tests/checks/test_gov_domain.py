from dataclasses import replace

import pytest
from _content_site import GOOD_MARKS, run, site

from inspector.check import NotApplicable
from inspector.model import Page


def _home(url: str) -> Page:
    return Page(url=url, final_url=url, status=200)


def test_pass_fixture_gov_cn_host():
    assert run("gov-domain", site(home=_home("https://www.mmx.gov.cn/"))) == []
    assert run("gov-domain", site(home=_home("http://万载政府网.政务/"))) == []


def test_fail_fixture_commercial_host():
    findings = run("gov-domain", site(home=_home("https://www.mmx-gov.com/")))
    assert len(findings) == 1 and findings[0].evidence[0].data["basis"] == "final host"


def test_loopback_judges_declared_site_domain():
    loop = _home("http://127.0.0.1:8123/")
    assert run("gov-domain", site(home=loop, identity=GOOD_MARKS)) == []
    findings = run("gov-domain", site(home=loop, identity=replace(GOOD_MARKS, site_domain="www.mmx.com.cn")))
    assert len(findings) == 1 and findings[0].evidence[0].data == {
        "basis": "meta SiteDomain",
        "audited_host": "127.0.0.1",
        "declared": "www.mmx.com.cn",
    }
    with pytest.raises(NotApplicable):
        run("gov-domain", site(home=loop))
