"""Scoring per the 2019 model: veto ⇒ fail; 100 − capped deductions < 60 ⇒ fail; bonus only above 80."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest

from inspector.check import registry
from inspector.model import Finding
from inspector.profile import ProfileError, ProfileItem, load_profile
from inspector.scoring import score


def f(check: str, rule: str | None = None, url: str = "http://x/") -> Finding:
    return Finding(check=check, rule=rule, url=url, message_zh="问题", message_en="problem")


def test_any_veto_fails_the_site_and_is_listed_first():
    p = load_profile("cn-gov-2019")
    v = score("http://x/", [f("broken-links", "home"), f("homepage-freshness")], p, "2026-11-16")
    assert v.verdict == "fail"
    assert v.findings[0].item == "V3" and v.findings[0].severity == "veto"
    assert v.score == 99.0  # the deduction part is still computed and shown


def test_counts_below_min_count_are_information_not_a_veto():
    p = load_profile("cn-gov-2019")
    four = [f("column-freshness", "news_policy", f"http://x/c{i}") for i in range(4)]
    v = score("http://x/", four, p, "2026-11-16")
    assert v.verdict == "pass" and {x.severity for x in v.findings} == {"info"}
    v5 = score("http://x/", four + [f("column-freshness", "news_policy", "http://x/c4")], p, "2026-11-16")
    assert v5.verdict == "fail" and [i.item for i in v5.items] == ["V4a"]


def test_deductions_are_capped_per_indicator_and_below_60_fails():
    p = load_profile("cn-gov-2019")
    home = [f("broken-links", "home", f"http://x/{i}") for i in range(30)]  # 1 point each, cap 5
    v = score("http://x/", home, p, "2026-11-16")
    assert v.score == 95.0 and v.items[0].raw_points == 30 and v.items[0].points == 5
    heavy = home + [f("personal-data", url=f"http://x/p{i}") for i in range(4)]  # 5 each, cap 20
    heavy += [f("site-search"), f("find-errors-entry"), f("annual-report"), f("gov-domain")]
    heavy += [f("identity-marks", r) for r in ("site_code", "icp", "psb", "badge", "sponsor")]
    heavy += [f("message-statistics")] + [f("policy-interpretation", url=f"http://x/z{i}") for i in range(5)]
    v2 = score("http://x/", heavy, p, "2026-11-16")
    assert v2.score == 100 - (5 + 20 + 3 + 2 + 2 + 2 + 5 + 3 + 5) == 53.0
    assert v2.verdict == "fail"
    assert all(not i.official for i in v2.items)  # provisional points are labelled as such


def test_bonus_counts_only_above_80():
    p = load_profile("cn-gov-2019")
    p.items.append(
        ProfileItem(
            id="B1",
            check="bonus-check",
            title_zh="加分",
            title_en="bonus",
            clause="加分",
            severity="bonus",
            points=5,
            cap=10,
        )
    )
    good = score("http://x/", [f("bonus-check"), f("bonus-check")], p, "2026-11-16")
    assert good.score == 110.0 and good.bonus == 10.0
    poor = [f("broken-links", "other", f"http://x/{i}") for i in range(50)] + [
        f("personal-data", url=f"http://x/p{i}") for i in range(4)
    ]
    poor += [f("bonus-check")]
    v = score("http://x/", poor, p, "2026-11-16")
    assert v.score == 75.0 and v.bonus == 0.0  # 100 − 5 − 20 = 75 ≤ 80: no bonus


def test_not_inspected_is_never_a_content_failure():
    v = score(
        "http://x/",
        [f("homepage-freshness")],
        load_profile("cn-gov-2019"),
        "2026-11-16",
        not_inspected="dns: name not resolved",
    )
    assert v.verdict == "not_inspected" and v.score is None and not v.vetoes


def test_user_profile_extends_the_national_one(tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text(
        'extends = "cn-gov-2019"\nid = "county-x"\n\n[checks.homepage-freshness]\nwindow_days = 7\n\n'
        '[[item]]\nid = "D-links-home"\ncheck = "broken-links"\nrule = "home"\nseverity = "deduction"\n'
        "points = 2\ncap = 10\n",
        encoding="utf-8",
    )
    p = load_profile(str(mine))
    assert p.id == "county-x" and p.params_for("homepage-freshness")["window_days"] == 7
    assert p.params_for("column-freshness")["news_days"] == 14  # inherited
    assert p.item_for("broken-links", "home").points == 2 and p.item_for("homepage-freshness", None).id == "V3"
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\n[[item]]\nid = "A"\ncheck = "c"\nseverity = "fatal"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="severity must be one of"):
        load_profile(str(bad))


def test_builtin_checks_arrive_through_the_entry_point_group_and_profile_names_only_known_checks():
    names = {ep.name for ep in entry_points(group="gov_inspector.checks")}
    assert "builtin" in names
    known = set(registry())
    assert set(load_profile("cn-gov-2019").checks) <= known
    for c in registry().values():
        assert c.title_zh and c.title_en and c.failure_zh and c.failure_en and c.clause
