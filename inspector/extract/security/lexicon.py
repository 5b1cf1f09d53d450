"""The spam lexicon (gambling / porn / illegal trade) as data, and a fast matcher over text.

The words live in ``inspector/data/spam_lexicon.toml`` so that inspectors can curate them without
touching code. Matching is one compiled alternation (longest word first), so a page is scanned once,
and a match counts only on word boundaries:

- Latin letters and digits: the match may not be glued to other ASCII letters or digits ("BBIN" is
  not in "stabbing", "xxx" not in the SWIFT code "ABCDCNBJXXX", "porn" not in "Pornhub").
- Chinese: the match must start and end on a word boundary of the running text, as the jieba
  segmenter (MIT licence; 0.42.1 installs 42 MB, its dictionary takes ≈ 77 MB of memory and ≈ 1 s to
  load, so it is loaded only when a hit sits inside running Chinese text) cuts it: 「最火博文」 is
  最/火/博文, so 火博 does not match; 「火博体育」 is 火/博/体育, so it does. A hit that touches the
  edge of a Chinese run (a keyword list "澳门金沙,百家乐") needs no segmentation.
"""

from __future__ import annotations

import logging
import re
import threading
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_LEXICON = Path(__file__).resolve().parents[2] / "data" / "spam_lexicon.toml"

_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SEGMENT_WINDOW = 16  # characters of running text segmented on each side of a hit

_jieba_lock = threading.Lock()
_jieba: Any = None


def _segmenter() -> Any:
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                import jieba  # a declared dependency (MIT); imported late: its dictionary is large

                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                _jieba = jieba
    return _jieba


@lru_cache(maxsize=4096)
def _cuts(chunk: str) -> frozenset[int]:
    """Offsets (0..len) at which jieba cuts ``chunk`` into words (dictionary only, no HMM guessing)."""
    cuts, pos = {0}, 0
    for word in _segmenter().cut(chunk, HMM=False):
        pos += len(word)
        cuts.add(pos)
    return frozenset(cuts)


def _cjk_boundary(text: str, i: int) -> bool:
    """Whether position ``i`` of ``text`` is a word boundary of its running Chinese text."""
    if i <= 0 or i >= len(text) or not (_CJK.match(text[i - 1]) and _CJK.match(text[i])):
        return True  # the edge of a Chinese run: nothing to split
    lo = i
    while lo > 0 and i - lo < SEGMENT_WINDOW and _CJK.match(text[lo - 1]):
        lo -= 1
    hi = i
    while hi < len(text) and hi - i < SEGMENT_WINDOW and _CJK.match(text[hi]):
        hi += 1
    return (i - lo) in _cuts(text[lo:hi])


def on_boundaries(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a whole word: Latin edges not glued, Chinese edges on jieba cuts."""
    first, last = text[start], text[end - 1]
    if _ASCII_WORD.match(first):
        if start > 0 and _ASCII_WORD.match(text[start - 1]):
            return False
    elif _CJK.match(first) and not _cjk_boundary(text, start):
        return False
    if _ASCII_WORD.match(last):
        if end < len(text) and _ASCII_WORD.match(text[end]):
            return False
    elif _CJK.match(last) and not _cjk_boundary(text, end):
        return False
    return True


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
        self._pattern = re.compile("|".join(map(re.escape, words)), re.IGNORECASE) if words else None
        allow = sorted(set(self.allow_words), key=len, reverse=True)
        self._allow = re.compile("|".join(map(re.escape, allow))) if allow else None

    def find(self, text: str, *, standalone_only: bool = False) -> list[Hit]:
        """Every lexicon word in ``text`` with its offsets, marking hits in an allow context."""
        if not text or self._pattern is None:
            return []
        hits: list[Hit] = []
        pos = 0
        while True:
            m = self._pattern.search(text, pos)
            if m is None:
                break
            term = self._by_lower[m.group(0).lower()]
            if not on_boundaries(text, m.start(), m.end()):
                # Not a word here (火博 in 最火博文): a shorter or later word may still start inside it.
                pos = m.start() + 1
                continue
            pos = m.end()
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
