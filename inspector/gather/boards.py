"""Gather message boards: find the interaction channels, then scrape their lists, details and statistics.

Channels are found by link text or URL on the pages already crawled (留言, 咨询, 信箱, 我要写信,
互动交流, 12345, 投诉 …) and may live on other hosts (a separate board platform).  The plan may name
the board URLs and kinds directly (``overrides``).  Every request goes through the ``fetch`` callable
so that the crawler's politeness, caching and error classes apply; this module never opens sockets.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from inspector.extract.html import ParsedHTML, clean_text, parse_html
from inspector.extract.messages import (
    ListRow,
    classify_channel,
    next_page,
    parse_detail,
    parse_list,
    parse_statistics,
)
from inspector.model import Form, Message, MessageBoard, Page

log = logging.getLogger(__name__)

FetchPage = Callable[[str], Awaitable[Page]]

MAX_BOARDS = 12
DETAIL_CONCURRENCY = 8
_MAX_LINK_TEXT = 14  # a channel link is a short label; a message title mentioning 咨询 is not a channel
_WRITE = re.compile(r"我要(?:写信|留言|咨询|投诉|建言|提问)|写信|提交留言|发表留言|在线留言|我要")
_LIST = re.compile(r"信件公开|留言选登|留言列表|来信选登|查看留言|回复公开|答复公开|办理公开|选登|公开信件|更多")
_STATS = re.compile(r"统计|数据公开|办理情况|答复情况")
_MAINTENANCE = re.compile(r"系统维护|维护中|暂停(?:使用|服务|受理)|升级改造|暂未开通")


def _doc(page: Page) -> ParsedHTML | None:
    if not page.ok or not page.text:
        return None
    return parse_html(page.text, page.final_url or page.url)


def _page_error(page: Page) -> str | None:
    if page.error:
        return page.error
    if page.status is None or not 200 <= page.status < 400:
        return f"http_{page.status}"
    return None


def find_channels(pages: list[Page]) -> list[tuple[str, str, str]]:
    """(name, url, kind) of the interaction channels linked from the given pages, first seen first."""
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for page in pages:
        links = page.links
        if not links and page.text:
            doc = _doc(page)
            links = doc.links if doc else []
        for link in links:
            if link.tag != "a" or link.url in seen:
                continue
            text = clean_text(link.text)
            if len(text) > _MAX_LINK_TEXT:
                continue
            kind = classify_channel(text, link.url)
            if kind:
                seen.add(link.url)
                out.append((text or link.url, link.url, kind))
    return out


def _override_channels(overrides: dict[str, Any] | None) -> list[tuple[str, str, str]]:
    if not overrides:
        return []
    entries = overrides.get("boards") or ([overrides] if overrides.get("url") else [])
    out = []
    for e in entries:
        if isinstance(e, str):
            e = {"url": e}
        url = e.get("url")
        if not url:
            continue
        kind = e.get("kind") or classify_channel(e.get("name", ""), url) or "consultation"
        out.append((e.get("name") or url, url, kind))
    return out


def _message_form(doc: ParsedHTML) -> Form | None:
    return next((f for f in doc.forms if f.purpose == "message"), None)


def _first_link(doc: ParsedHTML, pattern: re.Pattern[str]) -> str | None:
    for link in doc.links:
        if link.tag == "a" and link.url != doc.url and pattern.search(clean_text(link.text)):
            return link.url
    return None


def _merge(row: ListRow, detail: Message | None) -> Message:
    msg = row.to_message()
    if detail is None:
        return msg
    for name in ("id", "submitted_at", "question", "unit", "replied_at", "reply", "status"):
        value = getattr(detail, name)
        if value:
            setattr(msg, name, value)
    if detail.title and len(detail.title) >= len(msg.title) and detail.title != detail.url:
        msg.title = detail.title
    msg.raw_dates = detail.raw_dates
    return msg


async def _scrape(name: str, url: str, kind: str, fetch: FetchPage, max_pages: int, max_messages: int) -> MessageBoard:
    board = MessageBoard(name=name, url=url, kind=kind)
    entry = await fetch(url)
    board.error = _page_error(entry)
    doc = _doc(entry)
    if board.error or doc is None:
        board.error = board.error or "empty"
        return board
    if _MAINTENANCE.search(doc.visible_text[:3000]) and not _message_form(doc) and not parse_list(doc):
        board.error = "maintenance"
        return board
    board.submit_form = _message_form(doc)
    board.stats = parse_statistics(doc.visible_text)
    rows = parse_list(doc)
    list_doc: ParsedHTML | None = doc
    if not rows:
        # The channel page is often the form; the public letters are one link away (and vice versa).
        list_url = _first_link(doc, _LIST)
        list_doc = _doc(await fetch(list_url)) if list_url else None
        rows = parse_list(list_doc) if list_doc else []
    if board.submit_form is None:
        write_url = _first_link(list_doc or doc, _WRITE) or (_first_link(doc, _WRITE) if list_doc is not doc else None)
        if write_url:
            write_doc = _doc(await fetch(write_url))
            board.submit_form = _message_form(write_doc) if write_doc else None
            if (
                write_doc is not None
                and board.submit_form is None
                and _MAINTENANCE.search(write_doc.visible_text[:3000])
            ):
                board.accepts_submissions = False  # old letters still listed, but nobody can write
    if board.submit_form is not None:
        board.accepts_submissions = True
    all_rows: list[ListRow] = []
    seen_pages: set[str] = set()
    while list_doc is not None and rows is not None and len(seen_pages) < max_pages:
        seen_pages.add(list_doc.url)
        board.pages_seen += 1
        if board.stats is None:
            board.stats = parse_statistics(list_doc.visible_text)
        all_rows.extend(rows)
        if len(all_rows) >= max_messages:
            break
        nxt = next_page(list_doc)
        if not nxt or nxt in seen_pages:
            break
        list_doc = _doc(await fetch(nxt))
        rows = parse_list(list_doc) if list_doc else None
    if board.stats is None:
        stats_url = _first_link(doc, _STATS)
        stats_doc = _doc(await fetch(stats_url)) if stats_url else None
        board.stats = parse_statistics(stats_doc.visible_text) if stats_doc else None
    board.messages = await _details(all_rows[:max_messages], fetch)
    return board


async def _details(rows: list[ListRow], fetch: FetchPage) -> list[Message]:
    gate = asyncio.Semaphore(DETAIL_CONCURRENCY)

    async def one(row: ListRow) -> Message:
        if not row.url:
            return row.to_message()
        async with gate:
            page = await fetch(row.url)
        doc = _doc(page)
        return _merge(row, parse_detail(doc) if doc else None)

    return list(await asyncio.gather(*(one(r) for r in rows)))


async def gather_boards(
    home: Page,
    pages: list[Page],
    fetch: FetchPage,
    as_of: datetime,
    *,
    overrides: dict[str, Any] | None = None,
    max_pages: int = 50,
    max_messages: int = 2000,
) -> list[MessageBoard]:
    """Every interaction channel of the site as a MessageBoard (messages, form, statistics, error).

    ``as_of`` is recorded for symmetry with the other gatherers; boards are scraped in full (up to
    the limits) and the checks choose their own windows.
    """
    channels = _override_channels(overrides) or find_channels([home, *pages])
    boards: list[MessageBoard] = []
    for name, url, kind in channels[:MAX_BOARDS]:
        try:
            board = await _scrape(name, url, kind, fetch, max_pages, max_messages)
        except Exception as exc:  # noqa: BLE001 — one odd board must not lose the others
            log.warning("board %s could not be read: %s", url, exc)
            board = MessageBoard(name=name, url=url, kind=kind, error=f"gather_error: {exc}")
        boards.append(board)
    log.debug("gathered %d boards as of %s", len(boards), as_of.isoformat())
    return _drop_duplicates(boards)


def _drop_duplicates(boards: list[MessageBoard]) -> list[MessageBoard]:
    """Two links to the same board (首页 '我要写信' and nav '领导信箱') keep the one that read more."""
    best: dict[tuple[str, ...], MessageBoard] = {}
    for b in boards:
        key = tuple(sorted(m.url or m.title for m in b.messages)) or (b.url,)
        if key not in best or len(b.messages) > len(best[key].messages):
            best[key] = b
    return list(best.values())
