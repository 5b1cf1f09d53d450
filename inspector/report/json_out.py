"""Verdicts as versioned JSON (schema: verdict.schema.json, documented in docs/json-schema.md).

The JSON is the machine interface of a run: CI baselines (``--fail-on new``), history and other tools
read it back with :func:`verdict_from_json`. Bump the minor version for additive fields, the major one
for anything a reader could misread; readers refuse a major version they do not know.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from inspector.model import Verdict, from_jsonable, to_jsonable

SCHEMA_VERSION = "1.3"  # 1.1: run.changes/run.trend; 1.2: certainty, review, severity review; 1.3: columns
VERDICT_SCHEMA_ID = "gov-inspector/verdict"
BATCH_SCHEMA_ID = "gov-inspector/batch"


class ReportFormatError(ValueError):
    """JSON that is not a gov-inspector verdict or batch this version can read."""


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a verdict and of a batch."""
    text = (resources.files("inspector.report") / "verdict.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def verdict_to_json(verdict: Verdict) -> dict[str, Any]:
    d = to_jsonable(verdict)
    for out, f in zip(d["findings"], verdict.findings, strict=True):
        out["key"] = f.key  # derived, but baselines compare on it: store it explicitly
    return {"schema": VERDICT_SCHEMA_ID, "schema_version": SCHEMA_VERSION, **d}


def batch_to_json(verdicts: list[Verdict]) -> dict[str, Any]:
    counts = {"pass": 0, "fail": 0, "not_inspected": 0}
    for v in verdicts:
        counts[v.verdict] = counts.get(v.verdict, 0) + 1
    return {
        "schema": BATCH_SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "summary": {"sites": len(verdicts), **counts},
        "verdicts": [verdict_to_json(v) for v in verdicts],
    }


def _check_version(d: Any, expected_schema: str) -> None:
    if not isinstance(d, dict):
        raise ReportFormatError(f"expected a JSON object ({expected_schema}), got {type(d).__name__}")
    if d.get("schema") != expected_schema:
        raise ReportFormatError(f"not a {expected_schema} document (schema = {d.get('schema')!r})")
    version = str(d.get("schema_version", ""))
    if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise ReportFormatError(
            f"{expected_schema} schema_version {version!r} cannot be read by this version "
            f"(reads {SCHEMA_VERSION.split('.')[0]}.x)"
        )


def verdict_from_json(d: dict[str, Any]) -> Verdict:
    """Rebuild a Verdict; raises ReportFormatError on anything that is not a readable verdict."""
    _check_version(d, VERDICT_SCHEMA_ID)
    try:
        # Unknown keys come from newer minor versions: from_jsonable ignores them rather than fail.
        v: Verdict = from_jsonable(Verdict, d)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise ReportFormatError(f"malformed verdict for {d.get('site', '?')!r}: {exc}") from None
    return v


def batch_from_json(d: dict[str, Any]) -> list[Verdict]:
    """Verdicts from a batch document, or from a single verdict document (a one-site run)."""
    if isinstance(d, dict) and d.get("schema") == VERDICT_SCHEMA_ID:
        return [verdict_from_json(d)]
    _check_version(d, BATCH_SCHEMA_ID)
    return [verdict_from_json(x) for x in d.get("verdicts", [])]
