"""Honest inputs (issue 14): every check declares every artifact it reads, and an artifact whose
gatherer failed makes the checks that need it "not judged" with the gatherer's error — never a
failing finding. Each artifact of a real audit of the clean sample county is dropped in turn."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from inspector.audit import AuditOptions, run_audit
from inspector.judge import ARTIFACTS, judge
from inspector.model import SiteArtifacts
from inspector.profile import load_profile
from inspector.samplesites import serve_scenario
from inspector.store.db import open_store

pytestmark = pytest.mark.slow
PROFILE = load_profile("cn-gov-2019")
COUNTED = ("veto", "review", "deduction")


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> dict[str, SiteArtifacts]:
    db = f"sqlite:///{tmp_path_factory.mktemp('honest') / 'store.db'}"
    out = {}
    for name in ("clean", "hacked"):
        with serve_scenario(name) as world:
            options = AuditOptions(
                profile=PROFILE,
                as_of=world.manifest()["today"],
                max_pages=200,
                screenshots=False,
                fetch_settings={"per_host_delay_s": 0.0},
            )
            [v] = run_audit([world.urls["portal"]], options, db_url=db)
        out[name] = open_store(db).load_artifacts(v.run["audit_id"])
    return out


def test_every_check_declares_what_it_reads(stored) -> None:
    for a in stored.values():
        judge(a, PROFILE, strict=True)  # raises UndeclaredArtifact on an undeclared read


def drop(a: SiteArtifacts, name: str) -> SiteArtifacts:
    b = copy.deepcopy(a)
    default = next(f for f in dataclasses.fields(SiteArtifacts) if f.name == name)
    value = default.default_factory() if default.default_factory is not dataclasses.MISSING else default.default  # type: ignore[misc]
    setattr(b, name, value)
    b.gathered = [g for g in b.gathered if g != name]
    b.stats = {**b.stats, "gather_errors": {**b.stats.get("gather_errors", {}), name: "RuntimeError: simulated crash"}}
    return b


@pytest.mark.parametrize("name", [n for n in ARTIFACTS if n != "home"])
def test_a_failed_gatherer_never_fails_the_site(stored, name: str) -> None:
    a = stored["clean"]
    before = judge(a, PROFILE, strict=True)
    assert not [f for f in before.findings if f.severity in COUNTED]
    after = judge(drop(a, name), PROFILE, strict=True)
    counted = [f"{f.check}/{f.rule}: {f.message_en}" for f in after.findings if f.severity in COUNTED]
    assert counted == [], f"dropping {name}: {counted}"
    needing = [c for c, chk in _requiring(name)]
    reasons = {n.check: n.reason_en for n in after.not_judged}
    for cid in needing:
        assert "simulated crash" in reasons.get(cid, ""), (cid, reasons.get(cid))


def test_without_the_home_page_nothing_fails(stored) -> None:
    after = judge(drop(stored["clean"], "home"), PROFILE, strict=True)
    assert not [f for f in after.findings if f.severity in COUNTED]


def _requiring(name: str):
    from inspector.check import registry

    return [(cid, c) for cid, c in registry().items() if name in c.requires and cid in PROFILE.checks]
