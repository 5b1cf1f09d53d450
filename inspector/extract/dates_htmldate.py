"""htmldate as a bounded fallback layer: the day it finds for a page, or None, and never an exception.

htmldate (Apache-2.0, https://github.com/adbar/htmldate) reads headers, JSON-LD, URL, ``<time>``/``abbr``
elements, date classes and free text; it is the layer for pages our own rules and the structured metadata do
not decide. It is called on the HTML the crawler already decoded, with ``original_date=True`` (publication,
not last modification) and ``max_date`` = the inspection day, so its answer is deterministic. It runs in its
fast mode (``extensive_search=False``): the extensive mode hands free text to dateparser, whose first call
costs seconds and later calls tens of milliseconds per page (measured on 254 real pages: mean 85 ms, worst
14.5 s, against 19 ms and 0.7 s in fast mode) for one more page right out of 214 on the benchmark. Input longer
than ``HTMLDATE_MAX_CHARS`` is cut (htmldate's time grows with the page). A string that looks like a URL is
never handed over as is: htmldate would download it.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from inspector.model import DateEvidence
from inspector.settings import HTMLDATE_MAX_CHARS

log = logging.getLogger(__name__)
_MIN_DATE = datetime(1995, 1, 1)


def htmldate_day(html: str, url: str | None, as_of: date, *, extensive: bool = False) -> date | None:
    """htmldate's publication day for ``html`` (None when it finds none, is not installed or fails).

    ``extensive=True`` is htmldate's own default (the benchmark compares against it)."""
    if not html or not html.strip():
        return None
    try:
        from htmldate import find_date
    except ImportError:  # a dependency, but a broken install must not stop the crawl
        return None
    text = html[:HTMLDATE_MAX_CHARS]
    if not text.lstrip().startswith("<"):
        text = "<html><body>" + text  # never a bare URL: find_date would fetch it
    page_url = url if url and url.startswith(("http://", "https://")) else None
    try:
        found = find_date(
            text,
            url=page_url,
            original_date=True,
            extensive_search=extensive,
            outputformat="%Y-%m-%d",
            min_date=_MIN_DATE,
            max_date=datetime(as_of.year, as_of.month, as_of.day, 23, 59, 59),
        )
    except Exception:  # noqa: BLE001 — a third-party parser on hostile markup: any failure is "no date"
        log.debug("htmldate failed on %s", url, exc_info=True)
        return None
    if not found:
        return None
    try:
        return date.fromisoformat(found)
    except ValueError:
        return None


_NUMERIC_DAY = "(?:{y}[-/.年]0?{m}[-/.月]0?{d}(?!\\d)|(?<!\\d)0?{d}[./-]0?{m}[./-]{y}|{y}{m:02d}{d:02d})"


def _day_is_written(html: str, day: date) -> bool:
    """Whether ``day`` is written in full in the page (htmldate builds a day 1 from a year or a month alone)."""
    import re

    pattern = _NUMERIC_DAY.format(y=day.year, m=day.month, d=day.day)
    return re.search(pattern, html) is not None


def htmldate_evidence(doc, url: str | None, as_of: date, avoid: set[date] | None = None) -> DateEvidence | None:
    """htmldate's day for a parsed page as ``htmldate`` evidence, unless it is not a day the page shows:
    a day in ``avoid`` (the header's "today" date), or a 1st of the month not written on the page
    (htmldate turns "© 2019" into 2019-01-01 and "05/2019" into 2019-05-01)."""
    html = doc.tree.html or ""
    day = htmldate_day(html, url, as_of)
    if day is None or day in (avoid or set()):
        return None
    if day.day == 1 and not _day_is_written(html, day):
        return None
    return DateEvidence(value=day, source="htmldate", raw=f"htmldate {day.isoformat()}", url=url)  # type: ignore[arg-type]
