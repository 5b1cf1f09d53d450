"""Probe the site search: query it with a recent known title and look for that title in the results.

The box comes from ``inspector.extract.search.find_search`` (a form, a script-submitted box, a frame or a
hosted widget). When the home page shows none, up to ``max_frames`` of its frames that look like a
header or a search box are fetched and searched too (a header in ``<iframe src=./yn_yetou/…>`` holds the
box). A hosted widget or a frame without a readable box cannot be queried without a browser: the probe
says so (``error`` = ``search_widget`` / ``search_unreadable``) and the check does not judge it.

For ``error="no_search_form"`` the probe's ``note`` says why a box might still exist unseen (frames
that could not be read, a header built by script); empty when nothing suggests one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from inspector.extract.html import ParsedHTML, absolute, parse_html
from inspector.extract.search import SearchBox, find_search, query_url
from inspector.model import Page, SearchProbe

FetchPage = Callable[..., Awaitable[Page]]
_HEADER_FRAME = ("search", "sousuo", "top", "head", "yetou", "banner", "header", "nav")


def _frames(doc: ParsedHTML) -> list[str]:
    urls = []
    for node in doc.css("iframe[src], frame[src]"):
        url = absolute(doc.base_url or doc.url, node.attributes.get("src"))
        if (
            url
            and urlsplit(url).scheme in ("http", "https")
            and any(w in urlsplit(url).path.lower() for w in _HEADER_FRAME)
        ):
            urls.append(url)
    return list(dict.fromkeys(urls))


def _unseen(doc: ParsedHTML) -> str:
    """Why a search box might exist that the static page does not show."""
    if any(not (node.text() or "").strip() for node in doc.css("#header, .header, #head, .head, #top, .top")):
        return "the page header is empty in the raw HTML (built by script)"
    if doc.css("iframe[src], frame[src]"):
        return "the page has frames that were not searched"
    return ""


async def _read(url: str, fetch: FetchPage) -> ParsedHTML | None:
    try:
        page = await fetch(url)
    except Exception:  # noqa: BLE001 — an unreadable frame is noted, not raised
        return None
    if not page.ok or not page.text:
        return None
    return parse_html(page.text, page.final_url or url)


async def locate_search(doc: ParsedHTML, fetch: FetchPage, max_frames: int = 2) -> tuple[SearchBox | None, str]:
    """The site search of the page or of its header/search frames, and where it was found."""
    box = find_search(doc)
    if box is not None and box.kind != "iframe":
        return box, ""
    frames = [box.action] if box is not None else _frames(doc)
    for url in frames[:max_frames]:
        inner = await _read(url, fetch)
        found = find_search(inner) if inner is not None else None
        if found is not None and found.kind != "iframe":
            return found, f"inside the frame {url}"
    if box is not None:
        return box, "the frame holding the search box could not be read"
    return None, ("frames searched: " + ", ".join(frames[:max_frames])) if frames else ""


async def probe_search(home: Page, doc: ParsedHTML, recent_title: str, fetch: FetchPage) -> SearchProbe:
    """Query the site search with a recent known title and look for it in the results page."""
    form_url = home.final_url or home.url
    box, where = await locate_search(doc, fetch)
    if box is None:
        return SearchProbe(form_url=form_url, error="no_search_form", note=where or _unseen(doc))
    if box.kind == "iframe":
        return SearchProbe(form_url=box.action, kind="iframe", error="search_unreadable", note=where)
    if box.kind == "script":
        return SearchProbe(form_url=form_url, kind="script", error="search_widget", note=f"{box.note}: {box.action}")
    query = recent_title.strip()[:30]
    url = query_url(box, query)
    note = "; ".join(n for n in (box.note, where, "POST form queried with GET" if box.method == "post" else "") if n)
    probe = SearchProbe(form_url=form_url, query=query, results_url=url, kind=box.kind, field=box.field, note=note)
    try:
        page = await fetch(url)
    except Exception as exc:  # noqa: BLE001 — a failed search is a finding, not a crash
        probe.error = f"fetch_error: {exc}"
        return probe
    if not page.ok or page.text is None:
        probe.error = page.error or f"http_{page.status}"
        return probe
    results = parse_html(page.text, page.final_url or url)
    # The title may be cut or highlighted (<em>) in results: compare its first 12 characters.
    needle = "".join(query[:12].split())
    # A result is a link whose text carries the title; the echo of the query ("“…”的搜索结果：共0条")
    # and the search box itself are not results.
    hits = [lk for lk in results.links if lk.tag == "a" and needle in "".join(lk.text.split())]
    probe.found = bool(hits)
    probe.result_count = len(hits)
    return probe
