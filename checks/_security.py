"""Shared reading of ``Page.signals["security"]`` for the content-security checks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from inspector.check import NotApplicable
from inspector.model import Page, SiteArtifacts


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
