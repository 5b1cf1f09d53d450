"""What the gatherer extracts from one page, as JSON: the answer to "why did it say this column is stale?".

``inspector inspect-page PATH_OR_URL`` prints ``inspect_page(html, url, as_of)``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from inspector.extract.columns import column_summary, home_blocks, parse_list_page
from inspector.extract.dates import PRECEDENCE as DATE_PRECEDENCE
from inspector.extract.dates import page_dates
from inspector.extract.html import parse_html
from inspector.extract.identity import extract_identity, valid_icp, valid_psb, valid_site_code
from inspector.extract.search import find_search
from inspector.model import to_jsonable

LINK_SAMPLE = 20


def page_artifacts(html: str, url: str, as_of: date) -> Any:
    """One page as the crawler would hand it to the checks: dates, security signals, identity marks."""
    from datetime import datetime, time

    from inspector.extract.enrich import enrich_page
    from inspector.model import Page, SiteArtifacts

    instant = datetime.combine(as_of, time(23, 59, 59))
    page = Page(url=url, final_url=url, status=200, text=html, content_type="text/html")
    doc = enrich_page(page, instant)
    if doc is not None:
        page.title, page.links, page.forms = doc.title, doc.links, doc.forms
    page.text = None  # as after the crawl: checks never see the body
    identity = extract_identity(doc) if doc is not None else None
    return SiteArtifacts(
        site=url,
        as_of=instant,
        home=page,
        pages=[page],
        identity=identity,
        gathered=["home", "pages", "identity"],
    )


def judge_page(html: str, url: str, as_of: date | str, profile: Any = None, lang: str = "zh") -> Any:
    """The verdict of the page-level checks on this page alone (``inspect-page --judge``, bench/fp_eval.py):
    the national profile's items of those checks, scored with certainty (only certain findings veto)."""
    import dataclasses

    from checks._security import PAGE_CHECKS
    from inspector.judge import run_checks
    from inspector.profile import load_profile
    from inspector.scoring import score
    from inspector.settings import DEFAULT_PROFILE

    day = date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    a = page_artifacts(html, url, day)
    prof = profile or load_profile(DEFAULT_PROFILE)
    only = dataclasses.replace(prof, items=[it for it in prof.items if it.check in PAGE_CHECKS], extra_checks=[])
    findings, not_judged = run_checks(a, only, lang)
    return score(url, findings, only, day.isoformat(), not_judged=not_judged)


def inspect_page(html: str, url: str, as_of: date) -> dict[str, Any]:
    """Title, meta, dates with provenance and the winner, identity marks, site search, columns, list items,
    links, forms."""
    doc = parse_html(html, url)
    dates, winner = page_dates(doc, url, as_of)
    identity = extract_identity(doc)
    listing = parse_list_page(doc, as_of)
    columns = home_blocks(doc, as_of)
    anchors = [link for link in doc.links if link.tag == "a"]
    return {
        "url": url,
        "as_of": as_of.isoformat(),
        "title": doc.title,
        "meta": doc.meta,
        "dates": {
            "evidence": to_jsonable(dates),
            "published": to_jsonable(winner),
            "rule": DATE_PRECEDENCE,
        },
        "identity": {
            **to_jsonable(identity),
            "valid": {
                "site_code": valid_site_code(identity.site_code),
                "icp": valid_icp(identity.icp),
                "psb": valid_psb(identity.psb),
            },
        },
        "search": to_jsonable(find_search(doc)),
        "columns": [column_summary(c) for c in columns if c.on_home],  # the dated lists the page shows
        "column_leads": [{"name": c.name, "url": c.url, "from": c.name_source} for c in columns if not c.on_home],
        "list_page": {
            "items": to_jsonable(listing.items),
            "next_url": listing.next_url,
            "blank_text": listing.blank_text,
            "note": listing.note,
            "needs_render": listing.needs_render,
        },
        "links": {
            "count": len(doc.links),
            "anchors": len(anchors),
            "sample": to_jsonable(anchors[:LINK_SAMPLE]),
        },
        "forms": to_jsonable(doc.forms),
        "security": page_signals_of(doc, url, as_of),
    }


def page_signals_of(doc: Any, url: str, as_of: date) -> dict[str, Any]:
    """The content-security signals the crawler stores for this page (hidden links, spam, PII masked …)."""
    from inspector.extract.security import page_signals

    return page_signals(doc, url, as_of)


def judged(html: str, url: str, as_of: date) -> dict[str, Any]:
    """``--judge``: the findings the page-level checks raise on this page alone, scored with certainty."""
    v = judge_page(html, url, as_of)
    keep = (
        "check",
        "rule",
        "severity",
        "item",
        "certainty",
        "certainty_reason",
        "message_zh",
        "message_en",
        "evidence",
    )
    return {
        "checks": list(dict.fromkeys(f.check for f in v.findings)) or "none raised a finding",
        "vetoes": len(v.vetoes),
        "needs_review": len(v.reviews),
        "findings": [{k: to_jsonable(getattr(f, k)) for k in keep} for f in v.findings],
        "not_judged": to_jsonable(v.not_judged),
        "rule": "only a certain finding vetoes; a veto-strength finding that is not certain needs review",
    }


def inspect_target(target: str, as_of: date, *, encoding: str | None = None, judge: bool = False) -> dict[str, Any]:
    """``inspect_page`` on a local file (decoded like the crawler decodes) or a URL (fetched once)."""
    from pathlib import Path

    if target.startswith(("http://", "https://")):
        from inspector.crawl import Fetcher

        async def fetch() -> Any:
            async with Fetcher() as f:
                return await f.fetch(target)

        from inspector.asyncutil import run_sync

        page = run_sync(fetch())
        if page.error or not page.text:
            reason = page.error_detail or page.error or f"not an HTML page ({page.content_type or 'no content'})"
            raise ValueError(f"cannot inspect {target}: {reason}")
        data = inspect_page(page.text, page.final_url or target, as_of)
        if judge:
            data["judge"] = judged(page.text, page.final_url or target, as_of)
        data["fetch"] = {
            "status": page.status,
            "final_url": page.final_url,
            "redirects": page.redirects,
            "encoding": page.encoding,
            "elapsed_ms": page.elapsed_ms,
            "via": page.via,
        }
        return data
    path = Path(target)
    if not path.is_file():
        raise ValueError(f"no such file or URL: {target}")
    body = path.read_bytes()
    if encoding:
        try:
            html, used = body.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError) as exc:
            raise ValueError(f"cannot decode {target} as {encoding}: {exc}") from None
    else:
        from inspector.crawl.decode import decode_html

        html, used = decode_html(body)
    data = inspect_page(html, path.resolve().as_uri(), as_of)
    if judge:
        data["judge"] = judged(html, path.resolve().as_uri(), as_of)
    data["fetch"] = {"file": str(path), "encoding": used, "size": len(body)}
    return data
