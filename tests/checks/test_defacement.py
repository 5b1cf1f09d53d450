from __future__ import annotations

from _security_site import CLEAN, ctx, site

from checks.defacement import CHECK

ARTICLE = (
    "<html><title>关于加强网站维护管理的通知</title><body>"
    + "<p>各单位要安排专人负责网站维护，防止出现网站维护中断。</p>" * 30
    + "</body></html>"
)


def test_pass_article_mentions_maintenance() -> None:
    assert CHECK(site(CLEAN, ARTICLE), ctx()) == []


def test_fail_maintenance_home_hacked_and_foreign() -> None:
    maintenance = "<html><title>宁远县人民政府</title><body><h1>网站升级改版中，敬请期待</h1></body></html>"
    hacked = "<html><title>Hacked by Xx</title><body>Your security is low</body></html>"
    foreign = "<html><title>Casino</title><body><p>" + "Best online casino bonus today. " * 20 + "</p></body></html>"
    found = CHECK(site(maintenance, hacked, foreign), ctx())
    assert [f.rule for f in found] == ["maintenance", "hacked", "foreign"]
