"""The built-in gatherers of the table in ``inspector.gather``: each turns the crawl into one artifact.

Every function takes the audit's ``GatherContext`` and returns the artifact's value (or augments the
home page and page list, for the two steps whose artifact is ""). They fetch only through
``ctx.fetch`` (the site's budgeted fetch) or ``ctx.fetcher`` (the shared crawler): the network stays
in the crawler.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from inspector.gather.site import GatherContext, NotGathered
from inspector.model import IdentityMarks, Page

log = logging.getLogger(__name__)

_GUIDE = ("办事指南", "服务指南", "指南")


async def identity(ctx: GatherContext) -> IdentityMarks:
    from inspector.gather.identity import gather_identity

    return await gather_identity(ctx.home, ctx.home_doc, ctx.fetch)


async def columns(ctx: GatherContext) -> Any:
    from inspector.gather.columns import map_columns

    return await map_columns(ctx.home, ctx.fetch, ctx.today, overrides=ctx.overrides.get("columns") or {})


async def boards(ctx: GatherContext) -> Any:
    from inspector.gather.boards import gather_boards
    from inspector.gather.site import SiteFetch

    # Boards read with a budget of their own: a large board must not starve (or be starved by) the rest.
    fetch = SiteFetch(
        ctx.fetcher, ctx.options, ctx.a.site, ctx.settings.replace(fetch_budget=ctx.settings.board_budget)
    )
    report: dict[str, Any] = {}
    found = await gather_boards(
        ctx.home,
        ctx.a.pages,
        fetch,
        ctx.a.as_of,
        overrides={"boards": ctx.overrides.get("boards") or []},
        settings=ctx.settings,
        report=report,
    )
    ctx.a.stats["boards"] = {**report, "fetches": fetch.count}
    return found


async def search(ctx: GatherContext) -> Any:
    from inspector.gather.search import probe_search

    recent = recent_title(ctx)
    if not recent:
        raise NotGathered("no dated item title to search for")
    return await probe_search(ctx.home, ctx.home_doc, recent, ctx.fetch)


async def network(ctx: GatherContext) -> Any:
    from inspector.crawl.network import network_facts

    return await network_facts(ctx.home.final_url or ctx.home.url)


async def attachments(ctx: GatherContext) -> list[Any]:
    from inspector.gather.attachments import scan_attachments

    read = await scan_attachments(
        ctx.a,
        ctx.fetcher,
        ctx.today,
        limit=ctx.settings.max_attachments,
        max_bytes=ctx.settings.attachment_bytes,
    )
    ctx.a.stats["attachments_read"] = len(read or [])
    return read or []


async def cloaking(ctx: GatherContext) -> list[dict[str, Any]]:
    from inspector.gather.cloaking import gather_cloaking

    home = ctx.home
    targets = [home.final_url or home.url] + [p.final_url or p.url for p in ctx.a.pages[1:4] if p.ok]
    return await gather_cloaking(targets, ctx.fetch) or []


async def rendered_home(ctx: GatherContext) -> None:
    """One visit of the home page in Chromium: the evidence screenshot, the hidden links only a
    browser sees (computed styles, boxes, links inserted by script) and the identity marks of a footer
    built by script."""
    from inspector.extract.security.hidden_links import merge_rendered, rendered_hidden_links_async
    from inspector.gather.identity import note_rendered

    a, home, options = ctx.a, ctx.home, ctx.options
    shot = None
    if options.screenshots and options.screenshot_dir:
        shot = options.screenshot_dir / f"home-{hashlib.sha1(a.site.encode()).hexdigest()[:10]}.png"
    raw = home.text

    async def inspect(page: Any) -> Any:
        return await rendered_hidden_links_async(page, raw)

    rendered = await ctx.fetcher.screenshot(home.final_url or home.url, str(shot) if shot else None, inspect=inspect)
    note_rendered(a, rendered)  # the rendered DOM's identity marks fill what the raw footer lacks
    refused = [{"page": home.url, **b} for b in (rendered.signals.get("blocked_requests") if rendered else None) or []]
    a.stats["blocked"] = (a.stats.get("blocked") or []) + refused  # the network policy's refusals: notices
    a.stats["blocked_count"] = int(a.stats.get("blocked_count") or 0) + len(refused)
    if rendered is None or rendered.error:
        raise RuntimeError(f"home page could not be rendered: {getattr(rendered, 'error', None)}")
    if shot is not None and shot.exists():
        home.screenshot = str(shot)
    found = rendered.signals.get("inspected") or []
    merge_rendered(home.signals.setdefault("security", {}), found, home.final_url or home.url)  # the browser decides


async def key_pages(ctx: GatherContext) -> None:
    """Pages some checks must see whatever the crawl budget reached: the newest policy documents
    (do they link their 解读?) and the service guides behind the 办事服务 entry (are they complete?)."""
    a = ctx.a
    have = {p.url for p in a.pages} | {p.final_url for p in a.pages if p.final_url}
    want: list[str] = []
    for col in a.columns:
        if col.type == "policy":
            newest = sorted(col.dated_items, key=lambda i: i.date.value, reverse=True)  # type: ignore[union-attr]
            want += [i.url for i in newest[: ctx.settings.key_pages_per_column] if i.url]
    for p in [a.home, *a.pages]:
        if p is not None and p.ok and ("办事" in (p.title or "") or "服务" in (p.title or "")):
            guides = [lk.url for lk in p.links if lk.tag == "a" and any(g in lk.text for g in _GUIDE)]
            want += guides[: ctx.settings.service_guides]
    for u in dict.fromkeys(want):
        if u in have:
            continue
        page: Page = await ctx.fetch(u)
        if page.error == "budget":
            continue
        ctx.store.add_page(ctx.audit_id, page, body=page.text)
        page.text = None
        a.pages.append(page)


async def history(ctx: GatherContext) -> list[dict[str, Any]]:
    """Item dates of the previous audit: the forged-date check compares them with today's."""
    previous = ctx.store.previous_artifacts(ctx.a.site, before_audit=ctx.audit_id)
    if not previous:
        return []
    items = [
        {"url": it.get("url"), "date": (it.get("date") or {}).get("value"), "column": col.get("name")}
        for col in previous.get("columns") or []
        for it in col.get("items") or []
        if it.get("url") and it.get("date")
    ]
    return [{"as_of": previous.get("as_of"), "items": items}]


async def probes(ctx: GatherContext) -> list[dict[str, Any]]:
    """This site's probes from the ledger (same database): planned → sent → answered/overdue → disclosed."""
    from inspector.probe.service import probe_status

    rows = probe_status(ctx.store.engine.url.render_as_string(hide_password=False))
    site_url = ctx.a.site
    out = []
    for r in rows:
        if (r.get("site") or "").rstrip("/") != site_url.rstrip("/"):
            continue
        states = [{"state": e["state"], "at": e["at"], "evidence": e.get("detail")} for e in r.get("timeline") or []]
        out.append(
            {
                "token": r["token"],
                "channel": r.get("channel_url"),
                "state": r.get("state"),
                "tracking_code": r.get("tracking_code"),
                "judgement": r.get("judgement"),
                "disclosed": r.get("disclosed"),
                "screenshot": r.get("screenshot"),
                "states": states,
            }
        )
    return out


def recent_title(ctx: GatherContext) -> str | None:
    """A recent, distinctive item title to look for with the site search."""
    best = None
    for col in ctx.a.columns:
        for item in col.items:
            if item.date and len(item.title) >= 6 and (best is None or item.date.value > best.date.value):  # type: ignore[union-attr]
                best = item
    return best.title if best else None
