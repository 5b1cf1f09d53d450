"""What the gatherer extracts from one page, as JSON: the answer to "why did it say this column is stale?".

``inspector inspect-page PATH_OR_URL`` prints ``inspect_page(html, url, as_of)``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from inspector.extract.columns import home_blocks, parse_list_page
from inspector.extract.dates import page_dates
from inspector.extract.html import parse_html
from inspector.extract.identity import extract_identity, valid_icp, valid_psb, valid_site_code
from inspector.model import to_jsonable

LINK_SAMPLE = 20


def inspect_page(html: str, url: str, as_of: date) -> dict[str, Any]:
    """Title, meta, dates with provenance and the winner, identity marks, columns, list items, links, forms."""
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
            "rule": "publish_label > meta_pubdate > url_path; header_today never; dates after as_of only as a last resort",
        },
        "identity": {
            **to_jsonable(identity),
            "valid": {
                "site_code": valid_site_code(identity.site_code),
                "icp": valid_icp(identity.icp),
                "psb": valid_psb(identity.psb),
            },
        },
        "columns": to_jsonable(columns),
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
    }
