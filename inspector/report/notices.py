"""Run notices for the report: what went wrong *in the inspector's own run* (a page whose handling
raised, logged with its URL) and the requests the network policy refused (internal addresses a page
led to). Information only: nothing here is a finding or touches the score.

Reads ``verdict.run["crawl"]`` (``worker_errors`` / ``worker_error_count`` from the crawl workers,
``blocked`` / ``blocked_count`` from ``inspector.crawl.site.blocked_stats`` and the rendered home page).
Short lists: at most ``MAX_ROWS`` rows of each kind, the rest counted. The template escapes every value.
"""

from __future__ import annotations

from typing import Any

from inspector.model import Verdict
from inspector.report.i18n import text

MAX_ROWS = 10


def _rows(raw: Any) -> list[dict[str, Any]]:
    return [r for r in raw if isinstance(r, dict)] if isinstance(raw, list) else []


def _count(value: Any, shown: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= shown else shown


def notices(verdict: Verdict, lang: str = "zh") -> dict[str, Any]:
    """{"rows": [{kind, url, detail}], "total": n, "more": n not listed} (empty rows: no section)."""
    crawl = verdict.run.get("crawl") if isinstance(verdict.run, dict) else None
    crawl = crawl if isinstance(crawl, dict) else {}
    rows: list[dict[str, str]] = []
    total = more = 0
    errors = _rows(crawl.get("worker_errors"))
    for e in errors[:MAX_ROWS]:
        rows.append(
            {"kind": text("notice.worker_error", lang), "url": str(e.get("url", "")), "detail": str(e.get("error", ""))}
        )
    n = _count(crawl.get("worker_error_count"), len(errors))
    total, more = total + n, more + n - min(len(errors), MAX_ROWS)
    blocked = _rows(crawl.get("blocked"))
    for b in blocked[:MAX_ROWS]:
        page = str(b.get("page", ""))
        on = f"{text('notice.on_page', lang)}{page}" if page else ""
        rows.append(
            {
                "kind": text("notice.blocked", lang),
                "url": str(b.get("url", "")),
                "detail": "; ".join(x for x in (str(b.get("reason", "")), on) if x),
            }
        )
    n = _count(crawl.get("blocked_count"), len(blocked))
    total, more = total + n, more + n - min(len(blocked), MAX_ROWS)
    return {"rows": rows, "total": total, "more": more}
