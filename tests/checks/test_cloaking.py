from __future__ import annotations

from datetime import datetime

import pytest

from checks.cloaking import CHECK
from inspector.check import CheckContext, NotApplicable
from inspector.extract.security.cloaking import diff_variants
from inspector.model import SiteArtifacts

CLEAN = "<title>宁远县人民政府</title><a href='/news/'>要闻</a>"
SPIDER = "<title>宁远县人民政府_澳门金沙</title><a href='http://x.example.tk/'>百家乐</a>"


def _site(*diffs: dict) -> SiteArtifacts:
    return SiteArtifacts(site="http://www.ningyuan.gov.cn/", as_of=datetime(2024, 5, 6), cloaking=list(diffs))


def test_pass() -> None:
    diff = {"url": "http://www.ningyuan.gov.cn/", **diff_variants({"browser": CLEAN, "baiduspider": CLEAN})}
    assert CHECK(_site(diff), CheckContext(as_of=datetime(2024, 5, 6))) == []


def test_fail_with_ua_diff_evidence() -> None:
    diff = {"url": "http://www.ningyuan.gov.cn/", **diff_variants({"browser": CLEAN, "baiduspider": SPIDER})}
    [f] = CHECK(_site(diff), CheckContext(as_of=datetime(2024, 5, 6)))
    assert f.url == "http://www.ningyuan.gov.cn/" and "baiduspider" in f.message_en
    assert any("百家乐" in e.data.get("spam_words_added", []) for e in f.evidence)


def test_not_judged_without_fetches() -> None:
    with pytest.raises(NotApplicable):
        CHECK(_site(), CheckContext(as_of=datetime(2024, 5, 6)))
