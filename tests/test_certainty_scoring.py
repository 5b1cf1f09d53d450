"""Scoring with certainty: only certain findings veto; uncertain veto-strength ones need review;
possible deductions are not scored; decisions (confirm, dismiss, remembered dismissals) apply by key."""

from __future__ import annotations

from inspector.model import Finding
from inspector.profile import load_profile
from inspector.scoring import Decision, fingerprint, score

PROFILE = load_profile("cn-gov-2019")


def f(
    check: str, certainty: str = "certain", url: str = "http://x.gov.cn/", rule: str | None = None, msg: str = "m"
) -> Finding:
    return Finding(check=check, message_zh=msg, message_en=msg, url=url, rule=rule, certainty=certainty)  # type: ignore[arg-type]


def test_only_certain_vetoes() -> None:
    v = score(
        "s",
        [f("spam-content", "likely"), f("misstatements", "certain", url="http://x.gov.cn/a")],
        PROFILE,
        "2024-05-06",
    )
    assert [x.check for x in v.vetoes] == ["misstatements"] and [x.check for x in v.reviews] == ["spam-content"]
    assert v.verdict == "fail"
    v = score("s", [f("spam-content", "possible")], PROFILE, "2024-05-06")
    assert v.verdict == "pass" and v.score == 100 and len(v.reviews) == 1 and v.findings[0].points == 0


def test_possible_deduction_is_not_scored() -> None:
    v = score(
        "s", [f("personal-data", "possible"), f("personal-data", "likely", url="http://x.gov.cn/b")], PROFILE, "d"
    )
    assert v.score == 95 and sorted(x.severity for x in v.findings) == ["deduction", "info"]


def test_threshold_reached_only_with_uncertain_findings_needs_review() -> None:
    cols = [f("blank-columns", "certain", url=f"http://x.gov.cn/{i}") for i in range(4)]
    v = score("s", cols + [f("blank-columns", "likely", url="http://x.gov.cn/9")], PROFILE, "d")
    assert not v.vetoes and len(v.reviews) == 5
    v = score("s", cols + [f("blank-columns", "certain", url="http://x.gov.cn/8")], PROFILE, "d")
    assert len(v.vetoes) == 5


def test_decisions_and_remembered_dismissals() -> None:
    a, b = f("hidden-links", "likely", rule="link"), f("defacement", "likely", rule="title", url="http://x.gov.cn/t")
    decisions = {
        a.key: Decision(a.key, "dismissed", "王", "2024-05-06T10:00:00", "菜单", audit_id=1),
        b.key: Decision(b.key, "confirmed", "李", "2024-05-06T10:01:00", audit_id=1),
    }
    v = score("s", [a, b], PROFILE, "d", decisions=decisions)
    assert a.severity == "info" and a.review["state"] == "dismissed" and b.severity == "veto" and v.verdict == "fail"
    # Remembered from an earlier audit: dismissals only; a certain finding whose evidence changed is judged afresh.
    old = f("hidden-links", "certain", rule="link", msg="old spam link")
    earlier = {
        old.key: Decision(old.key, "dismissed", "王", "t", "x", audit_id=1, fingerprint=fingerprint(old), earlier=True)
    }
    same = f("hidden-links", "certain", rule="link", msg="old spam link")
    score("s", [same], PROFILE, "d", decisions=earlier)
    assert same.review["state"] == "dismissed_earlier" and same.severity == "info"
    new = f("hidden-links", "certain", rule="link", msg="a new spam link")
    score("s", [new], PROFILE, "d", decisions=earlier)
    assert new.review is None and new.severity == "veto"
    confirmed_before = {b.key: Decision(b.key, "confirmed", "李", "t", earlier=True)}
    c = f("defacement", "likely", rule="title", url="http://x.gov.cn/t")
    score("s", [c], PROFILE, "d", decisions=confirmed_before)
    assert c.severity == "review"
