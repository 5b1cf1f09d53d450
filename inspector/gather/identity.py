"""Gather the home page's identity marks, from the raw page first and, where its footer is missing,
from the footer's frame and the rendered page.

- raw: ``extract_identity`` on the crawled home page (``IdentityMarks.footer`` says whether its footer
  is printed, built by script or held in a frame);
- frame: a footer in ``<iframe src=…foot…>`` is fetched (one same-site request) and its marks fill
  the ones the raw page lacks (sources ``iframe:…``);
- rendered: the Chromium pass (``steps.rendered_home``) hands its DOM to ``note_rendered``; its marks
  fill what is still missing (sources ``rendered:…``) and ``IdentityMarks.rendered`` records whether
  that pass ran (True), failed (False) or never ran (None), so the check can say "possible" instead of
  "missing" when a script-built footer was never seen.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from inspector.extract.html import ParsedHTML, absolute, parse_html
from inspector.extract.identity import extract_identity, merge_identity
from inspector.model import IdentityMarks, Page, SiteArtifacts, to_jsonable

log = logging.getLogger(__name__)

FetchPage = Callable[..., Awaitable[Page]]
_FOOTER_FRAME = ("foot", "bottom", "dibu", "copyright", "bq")


def _footer_frames(doc: ParsedHTML) -> list[str]:
    out = []
    for node in doc.css("iframe[src], frame[src]"):
        src = node.attributes.get("src") or ""
        if any(w in urlsplit(src).path.lower() for w in _FOOTER_FRAME):
            url = absolute(doc.base_url or doc.url, src)
            if url:
                out.append(url)
    return out


async def gather_identity(home: Page, doc: ParsedHTML, fetch: FetchPage) -> IdentityMarks:
    marks = extract_identity(doc)
    if home.via == "browser":
        marks.rendered = True  # the crawler already rendered the home page: what we read is what a browser shows
    if marks.footer == "iframe":
        for url in _footer_frames(doc)[:1]:
            try:
                page = await fetch(url)
            except Exception as exc:  # noqa: BLE001 — a frame that cannot be read leaves the raw marks
                log.info("footer frame %s not read: %s", url, exc)
                continue
            if page.ok and page.text:
                framed = extract_identity(parse_html(page.text, page.final_url or url))
                marks = merge_identity(marks, framed, "iframe")
    return marks


def note_rendered(a: SiteArtifacts, rendered: Page | None) -> None:
    """Keep the rendered home page's identity (``home.signals["rendered_identity"]``) and fill the marks
    the raw page lacks from it; a failed rendering is recorded as ``identity.rendered = False``."""
    if a.identity is None or a.home is None:
        return
    if rendered is None or rendered.error or not rendered.text:
        if a.identity.rendered is None:
            a.identity.rendered = False
        return
    shown = extract_identity(parse_html(rendered.text, rendered.final_url or rendered.url))
    a.home.signals["rendered_identity"] = to_jsonable(shown)
    merged = merge_identity(a.identity, shown, "rendered")
    merged.rendered = True
    a.identity = merged
