"""Spam keywords weighed by where they sit, and injected keyword runs (植入的色情/赌博词串).

A lexicon word means little on its own: a news item about 打击网络赌博 is normal government
content. What marks an injection is *where* the word sits — the title or meta tags, an element hidden
from visitors, the anchor of an outbound link, content served only to spiders — or *how* it is
written: a run of porn-site titles joined by ``_`` / ``,`` / ``|`` (the two seed pages), or a list
of dozens of place names for SEO (站群). Words in visible running text score nothing.
"""

from __future__ import annotations

import re
from typing import Any

from inspector.extract.html import ParsedHTML
from inspector.extract.security._urls import is_outbound
from inspector.extract.security.hidden_links import HiddenScan
from inspector.extract.security.lexicon import Lexicon, default_lexicon

# How much a standalone word counts in each place (rules §11.3: score higher when hidden, in an
# outbound anchor, title/meta or spider-only content). Visible body text counts 0.
LOCATION_FACTOR = {"title": 1.0, "meta": 1.0, "hidden": 1.0, "outbound_anchor": 1.0, "spider_only": 1.0, "body": 0.0}

_SEPARATORS = re.compile(r"[_|｜,，]")
_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,7}(县|市|区|旗|州|盟|镇|乡|自治县|自治旗)$")
_SENTENCE = re.compile(r"[。！？；]")
MIN_RUN_TOKENS = 4
MIN_PLACE_TOKENS = 10


def location_hits(
    text: str, where: str, lexicon: Lexicon | None = None, snippet_chars: int = 30
) -> list[dict[str, Any]]:
    """Standalone lexicon words in ``text``, each with its place, weight × place factor, and context."""
    lex = lexicon or default_lexicon()
    out = []
    for h in lex.find(text, standalone_only=True):
        score = 0.0 if h.allowed else h.weight * LOCATION_FACTOR.get(where, 0.0)
        out.append(
            {
                **h.as_dict(),
                "where": where,
                "score": score,
                "context": text[max(0, h.start - snippet_chars) : h.end + snippet_chars],
            }
        )
    return out


def injected_spans(
    text: str, lexicon: Lexicon | None = None, anchors: set[str] | frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """Runs of spam keywords and place-name stuffing in ``text``, with exact offsets.

    A line qualifies as a spam run when it splits into ≥ 4 short segments on ``_ , | ，｜``, at least
    half of them carry a lexicon word, and one of those is a standalone word (weight ≥ 5) outside an
    allow context. It qualifies as stuffing when ≥ 10 segments and ≥ 70 % of them are place names.
    """
    lex = lexicon or default_lexicon()
    spans: list[dict[str, Any]] = []
    pos = 0
    for raw_line in text.splitlines(keepends=True):
        line_start = pos
        pos += len(raw_line)
        line = raw_line.strip()
        if len(line) < 8 or not _SEPARATORS.search(line):
            continue
        tokens = [t.strip(" \t\u3000。.") for t in _SEPARATORS.split(line)]
        tokens = [t for t in tokens if t]
        if len(tokens) < MIN_RUN_TOKENS:
            continue
        start = line_start + raw_line.index(line)
        span = {"start": start, "end": start + len(line), "text": line}
        places = sum(1 for t in tokens if _PLACE.match(t))
        if len(tokens) >= MIN_PLACE_TOKENS and places / len(tokens) >= 0.7:
            if sum(1 for t in tokens if t in anchors) / len(tokens) >= 0.5:
                continue  # the page links each place: a navigation list
            spans.append({**span, "kind": "place-stuffing", "terms": tokens[:10], "tokens": len(tokens)})
            continue
        if _SENTENCE.search(line) or max(len(t) for t in tokens) > 40:
            continue  # running prose with commas, not a keyword list
        hits = [lex.find(t) for t in tokens]
        with_hits = sum(1 for h in hits if any(not x.allowed for x in h))
        strong = [x for h in hits for x in h if x.standalone and x.weight >= 5 and not x.allowed]
        if with_hits / len(tokens) >= 0.5 and strong:
            words = sorted({x.word for h in hits for x in h if not x.allowed})
            spans.append(
                {**span, "kind": "spam-run", "terms": words[:20], "tokens": len(tokens), "category": strong[0].category}
            )
    return spans


def spam_signals(doc: ParsedHTML, hidden: HiddenScan, lexicon: Lexicon | None = None) -> dict[str, Any]:
    """Spam evidence of one page: located hits, injected spans and a score (sum of located weights)."""
    lex = lexicon or default_lexicon()
    hits: list[dict[str, Any]] = []
    hits += location_hits(doc.title, "title", lex)
    for m in doc.tree.css("meta[name]"):
        name = (m.attributes.get("name") or "").lower()
        if name in ("keywords", "description"):
            hits += location_hits(m.attributes.get("content") or "", "meta", lex)
    for t in hidden.texts:
        hits += [{**h, "technique": t.get("technique")} for h in location_hits(t["text"], "hidden", lex)]
    page = doc.base_url or doc.url
    for link in doc.links:
        if link.tag == "a" and link.text and is_outbound(link.url, page):
            for h in location_hits(link.text, "outbound_anchor", lex):
                hits.append({**h, "url": link.url})
    # Words in visible running text weigh 0 and are not scanned here: that is most of a page's
    # text and the scan runs on every page. Injected runs in that text are found by the span detector.
    anchors = {clean for link in doc.links if link.tag == "a" and (clean := link.text.strip())}
    spans = injected_spans(doc.visible_text, lex, anchors)
    located = [h for h in hits if h["score"] > 0]
    return {
        "hits": located[:50],
        "allowed": sum(1 for h in hits if h["allowed"]),
        "spans": spans[:20],
        "score": sum(h["score"] for h in located),
    }
