"""Shared reading of ``Page.signals["security"]`` for the content-security checks, and the evidence
vocabulary they grade certainty with (docs/certainty.md)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from inspector.check import NotApplicable
from inspector.model import Page, SiteArtifacts

# The page-level checks: judged from one page's own signals ("why was this page flagged?",
# ``inspector inspect-page --judge`` and bench/fp_eval.py run exactly these).
PAGE_CHECKS = ("hidden-links", "spam-content", "defacement", "misstatements", "personal-data")

STRONG_WEIGHT = 8  # a lexicon word of at least this weight is unambiguous spam vocabulary
_CJK = re.compile(r"[\u3400-\u9fff]")


def pages_with_signals(a: SiteArtifacts) -> Iterator[tuple[Page, dict[str, Any]]]:
    """Home page first, then the crawled pages, each once; NotApplicable when none was analysed."""
    seen: set[str] = set()
    found = False
    for page in ([a.home] if a.home is not None else []) + list(a.pages):
        key = page.final_url or page.url
        if key in seen:
            continue
        seen.add(key)
        sig = page.signals.get("security") if isinstance(page.signals, dict) else None
        if isinstance(sig, dict):
            found = True
            yield page, sig
    if not found:
        raise NotApplicable(
            "未采集页面内容安全信号，无法判断", "no page carries content-security signals; cannot judge"
        )


def short(text: str, n: int = 120) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[:n] + "…"


def is_chinese(word: str) -> bool:
    """Chinese lexicon words are unambiguous in context; Latin ones ("porn", "xxx") are also news words."""
    return bool(_CJK.search(word))
