"""Helpers shared by the content checks (home page, columns, dates): read artifacts, never fetch."""

from __future__ import annotations

from datetime import date

from inspector.extract.columns import home_blocks
from inspector.extract.html import parse_html
from inspector.model import Column, ColumnItem, DateEvidence, Evidence, Link, SiteArtifacts, from_jsonable


def home_url(a: SiteArtifacts) -> str:
    if a.home is not None:
        return a.home.final_url or a.home.url
    return a.site


def home_items(a: SiteArtifacts, as_of: date) -> list[ColumnItem] | None:
    """Items shown on the home page itself; None when nothing tells us what the home page shows."""
    home = a.home
    if home is not None and "home_items" in home.signals:
        return [
            ColumnItem(
                title=d.get("title", ""),
                url=d.get("url"),
                date=from_jsonable(DateEvidence, d["date"]) if d.get("date") else None,
            )
            for d in home.signals["home_items"]
        ]
    if home is not None and home.text:
        doc = parse_html(home.text, home.final_url or home.url)
        return [i for c in home_blocks(doc, as_of) if c.on_home for i in c.items]
    on_home = [c for c in a.columns if c.on_home]
    if on_home:
        return [i for c in on_home for i in c.items]
    return None


def home_links(a: SiteArtifacts) -> list[Link]:
    home = a.home
    if home is None:
        return []
    if home.links:
        return home.links
    if home.text:
        return parse_html(home.text, home.final_url or home.url).links
    return []


def content_seen(c: Column) -> bool:
    """Whether the column's content was actually read (a list page fetched or a home block seen)."""
    return c.pages_seen > 0 or (c.on_home and c.url is None) or (c.on_home and bool(c.items))


def unique_columns(columns: list[Column]) -> list[Column]:
    """One entry per list page: a home block and a navigation entry often lead to the same column."""
    out: dict[str, Column] = {}
    for c in columns:
        key = c.url or f"home:{c.name}"
        kept = out.get(key)
        if kept is None or (len(c.items), c.pages_seen) > (len(kept.items), kept.pages_seen):
            out[key] = c
    return list(out.values())


def newest(items: list[ColumnItem], today: date) -> tuple[ColumnItem | None, list[ColumnItem]]:
    """The newest item dated on or before ``today``, and the items dated after it (suspicious)."""
    future = [i for i in items if i.date is not None and i.date.value > today]
    dated = [i for i in items if i.date is not None and i.date.value <= today]
    return (max(dated, key=lambda i: i.date.value) if dated else None), future  # type: ignore[union-attr]


def item_evidence(item: ColumnItem | None, page_url: str | None, **data: object) -> Evidence:
    if item is None:
        return Evidence(url=page_url, snippet="", data=dict(data))
    return Evidence(
        url=item.url or page_url,
        snippet=item.title,
        dates=[item.date] if item.date else [],
        data=dict(data),
    )
