"""JSON: versioned schema, exact round trip (baselines depend on it), clear refusal of unknown input."""

from __future__ import annotations

import json

import jsonschema
import pytest

from inspector.model import to_jsonable
from inspector.report import (
    SCHEMA_VERSION,
    ReportFormatError,
    batch_from_json,
    batch_to_json,
    verdict_from_json,
    verdict_to_json,
)
from inspector.report.json_out import schema


def test_verdict_round_trip_is_exact(failing):
    d = verdict_to_json(failing)
    back = verdict_from_json(json.loads(json.dumps(d, ensure_ascii=False)))
    assert to_jsonable(back) == to_jsonable(failing)
    assert [f.key for f in back.findings] == [f.key for f in failing.findings]
    assert back.findings[0].evidence[0].dates[1].time == "10:00"


def test_json_carries_version_and_keys(failing):
    d = verdict_to_json(failing)
    assert d["schema"] == "gov-inspector/verdict"
    assert d["schema_version"] == SCHEMA_VERSION
    assert {f["key"] for f in d["findings"]} == {f.key for f in failing.findings}


def test_json_validates_against_the_published_schema(failing, passing, unreachable):
    validator = jsonschema.Draft202012Validator(schema())
    validator.validate(verdict_to_json(failing))
    batch = batch_to_json([failing, passing, unreachable])
    validator.validate(batch)
    assert batch["summary"] == {"sites": 3, "pass": 1, "fail": 1, "not_inspected": 1}


def test_schema_rejects_a_malformed_verdict(failing):
    d = verdict_to_json(failing)
    d["verdict"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(d, schema())


def test_batch_round_trip(failing, unreachable):
    back = batch_from_json(batch_to_json([failing, unreachable]))
    assert [v.site for v in back] == [failing.site, unreachable.site]
    assert back[1].verdict == "not_inspected" and back[1].score is None


def test_unknown_major_version_is_refused_with_a_clear_message(failing):
    d = verdict_to_json(failing)
    d["schema_version"] = "2.0"
    with pytest.raises(ReportFormatError, match="schema_version '2.0'"):
        verdict_from_json(d)


def test_newer_minor_version_fields_are_ignored(failing):
    d = verdict_to_json(failing)
    d["schema_version"] = "1.7"
    d["future_field"] = 1
    d["findings"][0]["future_field"] = "x"
    assert verdict_from_json(d).findings[0].check == failing.findings[0].check


@pytest.mark.parametrize("bad", [[], {"schema": "something-else"}, {"site": "x"}])
def test_not_a_verdict(bad):
    with pytest.raises(ReportFormatError):
        verdict_from_json(bad)
