"""Content-security signals of one page: dark links, spam, personal data, misstatements, defacement.

The pipeline calls ``page_signals(doc, url)`` for every HTML page and stores the result under
``Page.signals["security"]``; the checks (hidden-links, spam-content, personal-data, misstatements,
defacement) read only that dict. It is JSON-serialisable, bounded in size, and holds personal
numbers only in masked form.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from inspector.extract.html import ParsedHTML
from inspector.extract.security._urls import host_of, is_gov_host, is_outbound, is_suspicious_host
from inspector.extract.security.defacement import defacement_signals
from inspector.extract.security.hidden_links import HiddenScan, find_hidden_links, scan_hidden
from inspector.extract.security.lexicon import Lexicon, default_lexicon, load_lexicon
from inspector.extract.security.misstatements import find_misstatements, load_misstatements
from inspector.extract.security.pii import find_pii, id_checksum_ok, luhn_ok, mask, scan_attachment
from inspector.extract.security.spam import injected_spans, spam_signals

__all__ = [
    "HiddenScan",
    "Lexicon",
    "classify_link",
    "defacement_signals",
    "default_lexicon",
    "find_hidden_links",
    "find_misstatements",
    "find_pii",
    "id_checksum_ok",
    "injected_spans",
    "load_lexicon",
    "load_misstatements",
    "luhn_ok",
    "mask",
    "page_signals",
    "scan_attachment",
    "scan_hidden",
    "spam_signals",
]

MAX_ITEMS = 50  # per list: a hacked page can carry thousands of links; the report needs a sample


def classify_link(entry: dict[str, Any], page_url: str, lexicon: Lexicon | None = None) -> dict[str, Any]:
    """Add ``outbound``, ``gov_target``, ``suspicious_tld`` and ``spam_words`` to a hidden-link entry."""
    lex = lexicon or default_lexicon()
    url = entry.get("url") or ""
    hits = [h for h in lex.find(f"{entry.get('text', '')} {url}", standalone_only=True) if not h.allowed]
    weights: dict[str, int] = {}
    for h in hits:
        weights[h.word] = max(weights.get(h.word, 0), h.weight)
    return {
        **entry,
        "outbound": is_outbound(url, page_url),
        "gov_target": is_gov_host(host_of(url)),
        "suspicious_tld": is_suspicious_host(url),
        "spam_words": sorted(weights),
        "spam_weights": weights,
    }


def page_signals(doc: ParsedHTML, url: str, today: date | None = None) -> dict[str, Any]:
    """Security signals of one parsed page (see module doc)."""
    page_url = doc.base_url or url
    lex = default_lexicon()
    scan = scan_hidden(doc)
    hidden: list[dict[str, Any]] = []
    internal = 0
    for e in scan.links:
        c = classify_link(e, page_url, lex)
        if c["outbound"] or c["spam_words"] or c["suspicious_tld"]:
            hidden.append(c)
        else:
            internal += 1  # a collapsed menu or a hidden internal link: counted, not kept
    scripts = []
    for s in scan.scripts:
        target = s.get("url")
        scripts.append(
            {
                **s,
                "outbound": bool(target) and is_outbound(target, page_url),
                "suspicious_tld": is_suspicious_host(target),
            }
        )
    text = doc.visible_text
    pii = [{k: v for k, v in p.items() if k not in ("start", "end")} for p in find_pii(text, today)]
    mis = [{k: v for k, v in m.items() if k != "start"} for m in find_misstatements(f"{doc.title}\n{text}")]
    return {
        "hidden_links": hidden[:MAX_ITEMS],
        "hidden_links_total": len(hidden),
        "hidden_internal": internal,
        "scripts": scripts[:MAX_ITEMS],
        "spam": spam_signals(doc, scan, lex),
        "pii": pii[:MAX_ITEMS],
        "pii_total": len(pii),
        "misstatements": mis[:MAX_ITEMS],
        "defacement": defacement_signals(doc.title, text),
    }
