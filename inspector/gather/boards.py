"""Gather message boards: find the interaction channels, then read each one (inspector.gather.board_reader).

Candidates are links whose text or URL names a channel (留言, 咨询, 信箱, 我要写信, 互动交流, 12345,
投诉 …), on the pages already crawled, possibly on other hosts (a separate board platform). The plan
may name the boards directly (``overrides``). A candidate becomes a board only by what its page *is*:
a message list (rows with message evidence) or a message form, or a named channel that is broken or
under maintenance. A message detail page, an article list (互动交流 columns of 在线访谈 and 回应关切
reports) or a plain page is not a board, whatever its link says; a hub page of channel links adds its
channels to the candidates. Candidates are read most channel-like first (区长信箱 before a long title).
Every request goes through ``fetch`` (the crawler's politeness and error classes); this module never
opens sockets.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from inspector.extract.channels import channel_rank, classify_channel
from inspector.extract.html import clean_text
from inspector.gather.board_reader import BoardReader, FetchPage, Reading, doc_of
from inspector.model import MessageBoard, Page
from inspector.settings import GatherSettings

log = logging.getLogger(__name__)

__all__ = ["FetchPage", "find_channels", "gather_boards"]
_MAX_LINK_TEXT = 14  # a channel link is a short label


def find_channels(pages: list[Page]) -> list[tuple[str, str, str]]:
    """(name, url, kind) of the links that may lead to interaction channels, most channel-like first."""
    found: dict[str, tuple[int, int, str, str]] = {}
    order = 0
    for page in pages:
        links = page.links
        if not links and page.text:
            doc = doc_of(page)
            links = doc.links if doc else []
        for link in links:
            if link.tag != "a" or link.url in found:
                continue
            text = clean_text(link.text)
            if len(text) > _MAX_LINK_TEXT:
                continue
            rank = channel_rank(text, link.url)
            kind = classify_channel(text, link.url)
            if rank and kind:
                found[link.url] = (rank, order, text or link.url, kind)
                order += 1
    ranked = sorted(found.items(), key=lambda kv: (-kv[1][0], kv[1][1]))
    return [(name, url, kind) for url, (_, _, name, kind) in ranked]


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


async def gather_boards(
    home: Page,
    pages: list[Page],
    fetch: FetchPage,
    as_of: datetime,
    *,
    overrides: dict[str, Any] | None = None,
    settings: GatherSettings | None = None,
    report: dict[str, Any] | None = None,
) -> list[MessageBoard]:
    """Every interaction channel of the site as a MessageBoard (messages, form, statistics, error).

    ``fetch`` should carry the board budget (``GatherSettings.board_budget``); ``report`` receives
    the candidates that were not boards, and why, for the report's figures."""
    settings = settings or GatherSettings()
    reader = BoardReader(fetch, as_of, settings)
    planned = _override_channels(overrides)
    queue = [(n, u, k, True) for n, u, k in planned] or [(n, u, k, False) for n, u, k in find_channels([home, *pages])]
    queued = {u for _, u, _, _ in queue}
    boards: list[MessageBoard] = []
    rejected: list[dict[str, str]] = []
    message_urls: set[str] = set()
    board_urls: set[str] = set()
    looked = 0
    while queue and len(boards) < settings.max_boards and looked < settings.board_candidates:
        name, url, kind, trusted = queue.pop(0)
        if url in message_urls or url in board_urls:
            rejected.append(
                {
                    "name": name,
                    "url": url,
                    "why": "a message of a board already read" if url in message_urls else "same board",
                }
            )
            continue
        looked += 1
        try:
            reading = await reader.read(name, url, kind, trusted=trusted, rank=channel_rank(name, url) or 3)
        except Exception as exc:  # noqa: BLE001 — one odd board must not lose the others
            log.warning("board %s could not be read: %s", url, exc)
            reading = Reading(MessageBoard(name=name, url=url, kind=kind, error=f"gather_error: {exc}"))
        board_urls |= reading.urls | {url}
        if reading.board is None:
            rejected.append({"name": name, "url": url, "why": reading.why_not})
            for text, link, link_kind in reading.links:
                if link not in queued:
                    queued.add(link)
                    queue.append((text, link, link_kind, False))
            continue
        message_urls |= {m.url for m in reading.board.messages if m.url}
        boards.append(reading.board)
    boards = _drop_duplicates(boards)
    if report is not None:
        report.update(
            {
                "boards": len(boards),
                "candidates_read": looked,
                "not_boards": rejected,
                "budget": settings.board_budget,
                "budget_exhausted": reader.exhausted,
            }
        )
    log.debug("gathered %d boards as of %s", len(boards), as_of.isoformat())
    return boards


def _drop_duplicates(boards: list[MessageBoard]) -> list[MessageBoard]:
    """Two links to the same board (首页 '我要写信' and nav '领导信箱') keep the one that read more; a
    page that only links to another board's form (a hub, an article column) is that board, not a second one."""
    best: dict[tuple[str, ...], MessageBoard] = {}
    for b in boards:
        key = tuple(sorted(m.url or m.title for m in b.messages)) or (b.url,)
        kept = best.get(key)
        if kept is None or len(b.messages) > len(kept.messages):
            if kept is not None and b.submit_form is None:
                b.submit_form, b.accepts_submissions = kept.submit_form, kept.accepts_submissions
            best[key] = b
        elif kept.submit_form is None and b.submit_form is not None:
            kept.submit_form, kept.accepts_submissions = b.submit_form, b.accepts_submissions
    out = list(best.values())
    with_messages = {b.submit_form.action for b in out if b.messages and b.submit_form is not None}
    forms: set[str] = set()
    kept_boards = []
    for b in out:
        action = b.submit_form.action if b.submit_form is not None else None
        if not b.messages and action is not None and (action in with_messages or action in forms):
            continue
        if action is not None:
            forms.add(action)
        kept_boards.append(b)
    return kept_boards
