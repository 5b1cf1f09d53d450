"""Per-page gatherers that run on every fetched HTML page: dates with provenance, security signals.

The crawler hands each page here while its body is still in memory; afterwards only the extracted
artifact is kept (the body goes to the store), so content checks never need the raw HTML again.
"""

from __future__ import annotations

import logging
from datetime import datetime

from inspector.extract.html import ParsedHTML, parse_html
from inspector.model import Page

log = logging.getLogger(__name__)


def enrich_page(page: Page, as_of: datetime, doc: ParsedHTML | None = None) -> ParsedHTML | None:
    if not page.text:
        return None
    from inspector.extract.dates import page_dates
    from inspector.extract.security import page_signals

    url = page.final_url or page.url
    if doc is None:
        doc = parse_html(page.text, url)
    if not page.meta:
        page.meta = dict(doc.meta)
    try:
        page.dates, page.published = page_dates(doc, url, as_of.date())
    except Exception:  # never lose a page over one extractor
        log.exception("date extraction failed on %s", url)
    try:
        page.signals["security"] = page_signals(doc, url)
    except Exception:
        log.exception("security signals failed on %s", url)
    if not page.visible_text:
        page.visible_text = doc.visible_text[:20000]
    return doc
