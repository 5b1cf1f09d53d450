"""Attachments (xlsx/docx/pdf) linked from the site, read for personal data.

Notices often publish lists (公示名单) as spreadsheets or PDFs; an unmasked ID number there is as
much a leak as one in the page. The crawler only link-checks attachments; this gatherer downloads a
bounded number of them, reads their text and hangs the PII hits (masked) on the pages that link them.
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from inspector.extract.security.pii import scan_attachment
from inspector.model import SiteArtifacts

READABLE = (".xlsx", ".docx", ".pdf", ".xls", ".doc")
MAX_ATTACHMENTS = 20
MAX_BYTES = 8 * 1024 * 1024


async def scan_attachments(
    a: SiteArtifacts, fetcher: Any, today: date, *, limit: int = MAX_ATTACHMENTS, max_bytes: int = MAX_BYTES
) -> list[dict[str, Any]]:
    """Read up to ``limit`` internal attachments; returns one record per attachment tried."""
    pages = {p.final_url or p.url: p for p in ([a.home] if a.home else []) + a.pages}
    pages.update({p.url: p for p in ([a.home] if a.home else []) + a.pages})
    targets = [
        lc
        for lc in a.link_checks
        if lc.internal and lc.outcome == "ok" and urlsplit(lc.url).path.lower().endswith(READABLE)
    ]
    records = []
    for lc in targets[:limit]:
        suffix = Path(urlsplit(lc.url).path).suffix.lower()
        record: dict[str, Any] = {"url": lc.url, "hits": [], "note": None}
        r = await fetcher.get(lc.url, max_bytes=max_bytes)
        if r.error or r.status != 200:
            record["note"] = f"not downloaded: {r.error or r.status}"
        elif r.truncated:
            record["note"] = f"larger than {max_bytes // 1024 // 1024} MB: not read"
        else:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"attachment{suffix}"
                path.write_bytes(r.body)
                result = await asyncio.to_thread(scan_attachment, path, today)
            record["hits"], record["note"] = result["hits"], result["note"]
        records.append(record)
        for src in lc.found_on:
            page = pages.get(src)
            if page is not None:
                page.signals.setdefault("security", {}).setdefault("attachments", []).append(record)
    return records
