"""Text from audited sites is untrusted: control characters never reach a report, a sheet or a terminal.

C0 controls (except tab, newline, carriage return), DEL, C1 controls and the bidi overrides that
re-order what a reader sees are dropped. XLSX (openpyxl) and XML refuse most of them outright, and a
terminal runs them as escape sequences.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from inspector.model import Verdict

# \t \n \r stay (they are layout); everything else below 0x20, DEL, C1, and bidi embedding/override/isolate.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


def strip_controls(text: str) -> str:
    """``text`` without control characters (layout whitespace kept)."""
    return _CONTROLS.sub("", text) if text else text


def one_line(text: str) -> str:
    """For a single terminal or table cell: controls dropped and every line break made a space."""
    return " ".join(strip_controls(text).split()) if text else text


def strip_controls_deep(value: Any) -> Any:
    """Every string inside ``value`` (JSON-like: dicts, lists, scalars) without control characters."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, dict):
        return {strip_controls_deep(k): strip_controls_deep(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [strip_controls_deep(v) for v in value]
    return value


def clean_verdicts(verdicts: list[Verdict]) -> list[Verdict]:
    """Copies of the verdicts whose every text field is free of control characters (for report writers)."""
    from inspector.model import Verdict, from_jsonable, to_jsonable

    return [from_jsonable(Verdict, strip_controls_deep(to_jsonable(v))) for v in verdicts]
