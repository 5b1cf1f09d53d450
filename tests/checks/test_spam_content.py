from __future__ import annotations

from _security_site import CLEAN, ctx, site

from checks.spam_content import CHECK

SEED_LINE = "最近中文2019字幕第二页,艳妇乳肉豪妇荡乳,中日韩高清无专码区2021,中文字幕乱码无码人妻系列蜜桃,曰本极品少妇videossexhd"


def test_pass_crackdown_news() -> None:
    assert CHECK(site(CLEAN), ctx()) == []


def test_fail_injected_run_and_title() -> None:
    html = CLEAN.replace("<title>宁远县人民政府", "<title>宁远县人民政府_百家乐真人荷官").replace(
        "<body>", f"<body><p>{SEED_LINE}</p>"
    )
    found = CHECK(site(html), ctx())
    assert {f.rule for f in found} == {"spam-run", "keywords"}
    run = next(f for f in found if f.rule == "spam-run")
    assert run.evidence[0].snippet == SEED_LINE
