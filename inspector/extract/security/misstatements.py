"""Serious misstatements (严重表述错误): a dictionary of known wrong forms, as data.

``inspector/data/misstatements.toml`` lists each wrong form with its correct form; a profile can
point to another file. Matching is plain substring search with a few guard contexts, because the
errors are fixed strings (中国入民, 烈土, 人民代表大人) and a fuzzy matcher would flood the report.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_DICTIONARY = Path(__file__).resolve().parents[2] / "data" / "misstatements.toml"


@dataclass(frozen=True)
class Misstatement:
    wrong: str
    right: str
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()


def load_misstatements(path: str | Path | None = None) -> list[Misstatement]:
    p = Path(path) if path else DEFAULT_DICTIONARY
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"cannot read misstatement dictionary {p}: {exc}") from None
    out = []
    for i, e in enumerate(data.get("entry", [])):
        if not isinstance(e, dict) or not e.get("wrong") or not e.get("right"):
            raise ValueError(f"{p}: entry {i + 1} needs 'wrong' and 'right'")
        out.append(
            Misstatement(
                str(e["wrong"]), str(e["right"]), tuple(e.get("not_before", ())), tuple(e.get("not_after", ()))
            )
        )
    return out


@lru_cache(maxsize=1)
def default_misstatements() -> tuple[Misstatement, ...]:
    return tuple(load_misstatements())


def find_misstatements(
    text: str, dictionary: list[Misstatement] | tuple[Misstatement, ...] | None = None, context_chars: int = 20
) -> list[dict[str, Any]]:
    """Every known wrong form in ``text``: ``{wrong, right, start, context}``."""
    if not text:
        return []
    out = []
    for m in dictionary if dictionary is not None else default_misstatements():
        start = text.find(m.wrong)
        while start != -1:
            end = start + len(m.wrong)
            before, after = text[max(0, start - 4) : start], text[end : end + 4]
            guarded = any(before.endswith(g) for g in m.not_before) or any(after.startswith(g) for g in m.not_after)
            if not guarded:
                out.append(
                    {
                        "wrong": m.wrong,
                        "right": m.right,
                        "start": start,
                        "context": text[max(0, start - context_chars) : end + context_chars],
                    }
                )
            start = text.find(m.wrong, end)
    return sorted(out, key=lambda x: x["start"])
