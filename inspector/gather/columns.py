"""Map a site's columns (栏目) from its home page (the site-search probe is in ``inspector.gather.search``).

The fetch function is injected (the crawler's, or a test double): ``await fetch(url)`` returns a
``Page`` whose ``.text`` holds the decoded HTML. When a list page is empty because JavaScript builds
it, the page is fetched again with ``render=True`` if the fetch function accepts that keyword;
otherwise the column is marked ``error="needs_render"`` so it is not judged blank.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from datetime import date
from typing import cast

from inspector.extract.columns import (
    ListPage,
    channel_links,
    classify_column,
    home_blocks,
    is_list_page,
    parse_list_page,
)
from inspector.extract.html import parse_html
from inspector.model import Column, ColumnItem, ColumnType, Page, to_jsonable

log = logging.getLogger(__name__)

FetchPage = Callable[..., Awaitable[Page]]  # fetch(url) -> Page; optionally fetch(url, render=True)


def _accepts_render(fetch: FetchPage) -> bool:
    try:
        params = inspect.signature(fetch).parameters
    except (TypeError, ValueError):
        return False
    return "render" in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


def _override(column: Column, overrides: dict[str, str] | None) -> None:
    if not overrides:
        return
    for key in (column.url, column.name):
        if key and key in overrides:
            column.type, column.type_source = cast(ColumnType, overrides[key]), "plan"
            return


async def _read_list(
    url: str, fetch: FetchPage, as_of: date, render_ok: bool
) -> tuple[ListPage | None, Page | None, str | None]:
    try:
        page = await fetch(url)
    except Exception as exc:  # noqa: BLE001 — the crawler reports failures in Page.error; a raising double must not stop the map
        return None, None, f"fetch_error: {exc}"
    if not page.ok or page.text is None:
        return None, page, page.error or f"http_{page.status}"
    listing = parse_list_page(parse_html(page.text, page.final_url or url), as_of)
    if listing.needs_render:
        if not render_ok:
            return listing, page, "needs_render"
        try:
            rendered = await fetch(url, render=True)
        except Exception as exc:  # noqa: BLE001 — rendering is best effort
            return listing, page, f"needs_render: {exc}"
        if rendered.ok and rendered.text:
            listing = parse_list_page(parse_html(rendered.text, rendered.final_url or url), as_of)
            if listing.needs_render and not listing.items:
                return listing, rendered, "needs_render"
            return listing, rendered, None
        return listing, page, "needs_render"
    return listing, page, None


def _merge(items: list[ColumnItem], more: list[ColumnItem]) -> None:
    seen = {(i.url, i.title) for i in items}
    for item in more:
        if (item.url, item.title) not in seen:
            seen.add((item.url, item.title))
            items.append(item)


async def map_columns(
    home: Page,
    fetch: FetchPage,
    as_of: date,
    *,
    overrides: dict[str, str] | None = None,
    max_list_pages: int = 3,
    max_columns: int = 60,
) -> list[Column]:
    """Columns from the home page's navigation and blocks, with items read from their list pages.

    Side effect worth knowing: the home-page items themselves are kept in
    ``home.signals["home_items"]`` (JSON-ready) for the homepage-freshness check, because a
    block's list page usually shows more (and older) items than the home page does.
    """
    if home.text is None:
        return []
    doc = parse_html(home.text, home.final_url or home.url)
    columns = home_blocks(doc, as_of)[:max_columns]
    home.signals["home_items"] = [{"column": c.name, **to_jsonable(i)} for c in columns if c.on_home for i in c.items]
    render_ok = _accepts_render(fetch)
    home_url = (home.final_url or home.url).rstrip("/")
    known = {c.url for c in columns if c.url}
    fetched: set[str] = set()
    index = 0
    while index < len(columns):  # channel pages append their sub-columns while we walk
        column = columns[index]
        index += 1
        _override(column, overrides)
        if not column.url or column.url.rstrip("/") == home_url or column.url in fetched:
            continue
        fetched.add(column.url)
        url: str | None = column.url
        for page_no in range(max_list_pages):
            if url is None:
                break
            listing, page, error = await _read_list(url, fetch, as_of, render_ok)
            if listing is None:
                if column.pages_seen == 0:
                    column.error = error
                break
            column.pages_seen += 1
            if page_no == 0 and not column.on_home and page is not None and page.text:
                doc = parse_html(page.text, page.final_url or url)
                subs = channel_links(doc, as_of)
                if subs:
                    # a channel page (政务公开, 人事信息 …): judged through its sub-columns, not as a list
                    column.error = "channel_page"
                    for name, sub_url in subs:
                        if sub_url not in known and len(columns) < max_columns:
                            known.add(sub_url)
                            columns.append(
                                Column(
                                    name=name,
                                    url=sub_url,
                                    type=classify_column(name),
                                    level=column.level + 1,
                                    name_source="nav",
                                )
                            )
                    break
            if page_no == 0 and page is not None and page.text and not listing.items:
                doc = parse_html(page.text, page.final_url or url)
                if not (listing.blank_text or listing.note or listing.needs_render) and not is_list_page(doc):
                    column.error = "not_a_list"  # a form or an ordinary page (我要留言, 走进…): not a column
                    break
            if error and not listing.items:
                column.error = error
            _merge(column.items, listing.items)
            column.note = column.note or listing.note
            column.blank_text = column.blank_text or listing.blank_text
            if page is not None and page.meta.get("ColumnName") and column.name_source == "none":
                column.name, column.name_source = page.meta["ColumnName"], "meta"  # an unnamed home list
                column.type = classify_column(column.name)
            url = listing.next_url if listing.next_url and listing.next_url not in fetched else None
            if url:
                fetched.add(url)
    return columns


# The site-search probe lives in inspector.gather.search (kept importable from here).
from inspector.gather.search import probe_search  # noqa: E402, F401
