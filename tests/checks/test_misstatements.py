from __future__ import annotations

from _security_site import CLEAN, ctx, site

from checks.misstatements import CHECK


def test_pass() -> None:
    assert CHECK(site(CLEAN + "<p>深入学习贯彻党的十九大精神，缅怀革命烈士。</p>"), ctx()) == []


def test_fail_each_wrong_form() -> None:
    html = CLEAN.replace("</body>", "<p>深入学习贯彻党十九大精神，缅怀革命烈土，中国入民站起来了。</p></body>")
    found = CHECK(site(html), ctx())
    assert [(f.rule, f.evidence[0].data["right"]) for f in found] == [
        ("党十九大", "党的十九大"),
        ("烈土", "烈士"),
        ("中国入民", "中国人民"),
    ]
