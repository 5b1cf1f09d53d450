"""Evidence, probe timelines and times in the report's language: one clock, no raw keys or codes.

Every evidence field gets its label (``data.<key>`` in ``i18n.STRINGS``) and every coded value its
word (``value.<code>``); times are China Standard Time to the second. A key without a label is shown
as itself but marked ``raw`` so that a test can catch it.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from inspector.model import Evidence, Finding
from inspector.report.i18n import STRINGS, date_source_label, pick, text
from inspector.timeutil import cst_naive

_CODED = re.compile(r"^([a-z][a-z0-9_]*): (.+)$", re.DOTALL)  # "http_5xx: HTTP 503" (a failure class, then detail)
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?$")
LIST_SEP = {"zh": "、", "en": ", "}
LIMIT = 300


def clock(value: Any) -> str:
    """A time as China Standard Time to the second (``2026-11-16 10:00:00``); a date stays a date."""
    if isinstance(value, datetime):
        return (cst_naive(value) or value).replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and _ISO_TIME.match(value.strip()):
        try:
            return clock(datetime.fromisoformat(value.strip().replace("Z", "+00:00")))
        except ValueError:
            return value
    return "" if value is None else str(value)


def label(key: str, lang: str) -> tuple[str, bool]:
    """(label, known) for an evidence field."""
    name = f"data.{key}"
    return (text(name, lang), True) if name in STRINGS else (key, False)


def value_text(value: Any, lang: str, limit: int = LIMIT) -> str:
    """An evidence value in words: yes/no, coded values translated, lists joined, times to the second."""
    shown = _value(value, lang)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _value(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return text(f"value.{str(value).lower()}", lang)
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, (datetime, date)):
        return clock(value)
    if isinstance(value, str):
        code = f"value.{value}"
        if code in STRINGS:
            return text(code, lang)
        coded = _CODED.match(value)
        if coded and f"value.{coded.group(1)}" in STRINGS:
            word = text(f"value.{coded.group(1)}", lang)
            return f"{word}（{coded.group(2)}）" if lang == "zh" else f"{word} ({coded.group(2)})"
        return clock(value) if _ISO_TIME.match(value.strip()) else value
    if isinstance(value, (list, tuple)):
        return LIST_SEP.get(lang, ", ").join(_value(v, lang) for v in value if v not in (None, ""))
    if isinstance(value, dict):
        parts = []
        for k, v in value.items():
            if v in (None, "", [], {}):
                continue
            parts.append(f"{label(str(k), lang)[0]}{'：' if lang == 'zh' else ': '}{_value(v, lang)}")
        return ("；" if lang == "zh" else "; ").join(parts)
    return json.dumps(value, ensure_ascii=False, default=str)


def data_rows(e: Evidence, lang: str) -> list[dict[str, Any]]:
    """The evidence's data fields as labelled rows (empty values left out)."""
    rows = []
    for k, v in (e.data or {}).items():
        if v in (None, "", [], {}):
            continue
        name, known = label(str(k), lang)
        own = f"value.{k}.{v}" if isinstance(v, str) else ""  # a code whose word depends on the field
        shown = text(own, lang) if own in STRINGS else value_text(v, lang)
        rows.append({"key": str(k), "label": name, "value": shown, "raw": not known})
    return rows


def evidence_text(f: Finding, lang: str) -> str:
    """A finding's evidence as lines of text, for the 整改清单 and spreadsheets."""
    lines = []
    for e in f.evidence:
        bits = [e.url or "", e.snippet]
        for d in e.dates:
            src = date_source_label(d.source, lang)
            bits.append(f"{d.value.isoformat()}（{src}）" if lang == "zh" else f"{d.value.isoformat()} ({src})")
        bits += [f"{r['label']}{'：' if lang == 'zh' else ': '}{r['value']}" for r in data_rows(e, lang)[:6]]
        lines.append(" | ".join(b for b in bits if b))
    return "\n".join(lines)


def probe_rows(states: list[dict[str, Any]], lang: str) -> list[dict[str, str]]:
    """A probe's timeline: state names in words, times to the second, evidence as labelled text."""
    out = []
    for s in states:
        state = str(s.get("state") or "")
        key = f"probe.state.{state}"
        evidence = s.get("evidence")
        out.append(
            {
                "state": text(key, lang) if key in STRINGS else state,
                "at": clock(s.get("at")),
                "evidence": value_text(evidence, lang) if evidence not in (None, "", {}) else "",
            }
        )
    return out


def message(f: Finding, lang: str) -> str:
    return pick(f.message_zh, f.message_en, lang)
