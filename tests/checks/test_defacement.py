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


def test_fail_maintenance_home_hacked_never_language() -> None:
    maintenance = "<html><title>宁远县人民政府</title><body><h1>网站升级改版中，敬请期待</h1></body></html>"
    hacked = "<html><title>Hacked by Xx</title><body>Your security is low</body></html>"
    english = (
        "<html><title>Ningyuan County</title><body><p>"
        + "The county government held a meeting today. " * 20
        + "</p></body></html>"
    )
    found = CHECK(site(maintenance, hacked, english), ctx())
    # An English page is no evidence of defacement: government sites publish foreign-language editions.
    assert [(f.rule, f.certainty) for f in found] == [("maintenance", "likely"), ("hacked", "certain")]


FOOTER = "<p>主办单位：宁远县人民政府办公室 湘ICP备17226091号 网站标识码4311260001</p>"
NAV = '<a href="/xxgk/">信息公开</a><a href="/hdjl/">互动交流</a><a href="/bsfw/">办事服务</a>'


def test_replaced_content_needs_the_sites_own_marks_gone() -> None:
    own = [f"<html><title>宁远县人民政府</title><body>{NAV}<p>要闻{i}</p>{FOOTER}</body></html>" for i in range(4)]
    english = f"<html><title>Ningyuan County</title><body>{NAV}<p>Welcome to Ningyuan.</p>{FOOTER}</body></html>"
    replaced = "<html><title>Best casino bonus</title><body><p>" + "Play now and win. " * 30 + "</p></body></html>"
    found = CHECK(site(*own, english, replaced), ctx())
    assert [(f.rule, f.url, f.certainty) for f in found] == [
        ("replaced", "http://www.ningyuan.gov.cn/art/5.html", "likely")
    ]
    # A single page is never judged replaced: there is nothing to compare it with.
    assert CHECK(site(replaced), ctx()) == []
