"""The spam lexicon (gambling / porn / illegal trade) as data, and a fast matcher over text.

The words live in ``inspector/data/spam_lexicon.toml`` so that inspectors can curate them without
touching code. Matching is one compiled alternation (longest word first), so a page is scanned once.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DEFAULT_LEXICON = Path(__file__).resolve().parents[2] / "data" / "spam_lexicon.toml"

# Short ASCII words (av, hd, sex …) match only when not glued to other ASCII letters:
# "av" must not fire inside "java" or "average".
_SHORT_ASCII = 3


@dataclass(frozen=True)
class Term:
    word: str
    category: str
    weight: int
    standalone: bool


@dataclass(frozen=True)
class Hit:
    word: str
    category: str
    weight: int
    standalone: bool
    start: int
    end: int
    allowed: bool  # sits in a crackdown/report context (打击网络赌博): not spam

    def as_dict(self) -> dict[str, object]:
        return {"word": self.word, "category": self.category, "weight": self.weight, "allowed": self.allowed}


@dataclass
class Lexicon:
    terms: dict[str, Term]
    allow_words: tuple[str, ...] = ()
    allow_phrases: tuple[str, ...] = ()
    window: int = 15
    _pattern: re.Pattern[str] | None = field(default=None, repr=False)
    _allow: re.Pattern[str] | None = field(default=None, repr=False)
    _by_lower: dict[str, Term] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_lower = {w.lower(): t for w, t in self.terms.items()}
        words = sorted(self.terms, key=len, reverse=True)
        parts = []
        for w in words:
            esc = re.escape(w)
            if w.isascii() and len(w) <= _SHORT_ASCII:
                esc = rf"(?<![A-Za-z]){esc}(?![A-Za-z])"
            parts.append(esc)
        self._pattern = re.compile("|".join(parts), re.IGNORECASE) if parts else None
        allow = sorted(set(self.allow_words), key=len, reverse=True)
        self._allow = re.compile("|".join(map(re.escape, allow))) if allow else None

    def find(self, text: str, *, standalone_only: bool = False) -> list[Hit]:
        """Every lexicon word in ``text`` with its offsets, marking hits in an allow context."""
        if not text or self._pattern is None:
            return []
        hits: list[Hit] = []
        for m in self._pattern.finditer(text):
            term = self._by_lower[m.group(0).lower()]
            if standalone_only and not term.standalone:
                continue
            hits.append(
                Hit(
                    term.word,
                    term.category,
                    term.weight,
                    term.standalone,
                    m.start(),
                    m.end(),
                    self.is_allowed(text, m.start(), m.end()),
                )
            )
        return hits

    def is_allowed(self, text: str, start: int, end: int) -> bool:
        for phrase in self.allow_phrases:
            # The phrase overlaps the hit: 福利彩票 around 彩票, 淫秽色情 around 色情.
            lo = max(0, start - len(phrase))
            if phrase in text[lo : end + len(phrase)]:
                idx = text.find(phrase, lo)
                if idx != -1 and idx <= start and idx + len(phrase) >= end:
                    return True
        if self._allow is None:
            return False
        around = text[max(0, start - self.window) : start] + " " + text[end : end + self.window]
        return self._allow.search(around) is not None


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Read a lexicon TOML file (the built-in one by default). Bad files raise ValueError."""
    p = Path(path) if path else DEFAULT_LEXICON
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"cannot read spam lexicon {p}: {exc}") from None
    terms: dict[str, Term] = {}
    for group in data.get("group", []):
        try:
            category, weight = str(group["category"]), int(group["weight"])
            standalone = bool(group.get("standalone", True))
            words = [str(w).strip().strip(",，") for w in group["terms"]]
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{p}: bad [[group]] entry ({exc})") from None
        for w in words:
            if not w:
                continue
            old = terms.get(w.lower())
            # A word listed twice (any case) keeps its strongest reading.
            if old is None or (weight, standalone) > (old.weight, old.standalone):
                terms[w.lower()] = Term(w, category, weight, standalone)
    allow = data.get("allow", {})
    return Lexicon(
        terms={t.word: t for t in terms.values()},
        allow_words=tuple(allow.get("words", ())),
        allow_phrases=tuple(allow.get("phrases", ())),
        window=int(allow.get("window", 15)),
    )


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return load_lexicon()
