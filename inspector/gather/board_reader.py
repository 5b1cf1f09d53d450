"""Read one board: its list rows across every page first, then detail pages, within the board budget.

Order of work, so that a budget that runs out costs the least judgement:

1. the entry page (a list, a form, or a hub one link away from both);
2. every list page (下一页, or the numbered pager), each row with what the list shows: status,
   submit time, reply time;
3. detail pages — rows the list does not show as messages first (a sample decides whether the list
   is articles), then rows of unknown state, then pending rows, then answered ones, newest first.

A row whose detail page was not read keeps what its list row says: 已答复 stays answered (latency
unknown), a row without a status is *unknown* — "not judged", never unanswered. Every fetch goes
through ``fetch`` (the crawler, with the board budget of ``GatherSettings.board_budget``).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from inspector.extract.board_stats import parse_statistics
from inspector.extract.channels import NOT_THE_SITES, channel_rank, classify_channel
from inspector.extract.html import ParsedHTML, clean_text, parse_html
from inspector.extract.message_detail import read_detail
from inspector.extract.message_list import ListRow, next_page, page_links, parse_list, stated_pages, stated_total
from inspector.extract.message_state import settle
from inspector.model import Form, Message, MessageBoard, Page
from inspector.settings import GatherSettings

FetchPage = Callable[[str], Awaitable[Page]]

_WRITE = re.compile(r"我要(?:写信|留言|咨询|投诉|建言|提问|建议)|写信|提交留言|发表留言|在线留言|我要")
_LIST = re.compile(
    r"信件公开|留言选登|留言列表|来信选登|查看留言|回复公开|答复公开|办理公开|选登|公开信件|信件列表|更多"
)
_STATS = re.compile(r"统计|数据公开|办理情况|答复情况")
_MAINTENANCE = re.compile(r"系统维护|维护中|暂停(?:使用|服务|受理)|升级改造|暂未开通")


@dataclass
class Reading:
    """What reading a candidate found: a board, or why it is not one (and channel links to try)."""

    board: MessageBoard | None
    why_not: str = ""
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (text, url, kind) found on a hub page
    urls: set[str] = field(default_factory=set)  # list pages read (another candidate there is this board)


def doc_of(page: Page) -> ParsedHTML | None:
    if not page.ok or not page.text:
        return None
    return parse_html(page.text, page.final_url or page.url)


def page_error(page: Page) -> str | None:
    if page.error:
        return page.error
    if page.status is None or not 200 <= page.status < 400:
        return f"http_{page.status}"
    return None


def message_form(doc: ParsedHTML) -> Form | None:
    return next((f for f in doc.forms if f.purpose == "message"), None)


def first_link(doc: ParsedHTML, pattern: re.Pattern[str]) -> str | None:
    for link in doc.links:
        if link.tag == "a" and link.url != doc.url and pattern.search(clean_text(link.text)):
            return link.url
    return None


def hub_links(doc: ParsedHTML) -> list[tuple[str, str, str]]:
    out = []
    for link in doc.links:
        text = clean_text(link.text)
        if link.tag == "a" and len(text) <= 14 and channel_rank(text, link.url) >= 2:
            out.append((text, link.url, classify_channel(text, link.url) or "consultation"))
    return out


class BoardReader:
    def __init__(self, fetch: FetchPage, as_of: datetime, settings: GatherSettings):
        self.fetch, self.as_of, self.settings = fetch, as_of, settings
        self.exhausted = False

    async def get(self, url: str) -> Page:
        page = await self.fetch(url)
        if page.error == "budget":
            self.exhausted = True
        return page

    async def read(self, name: str, url: str, kind: str, *, trusted: bool = False, rank: int = 3) -> Reading:
        """``trusted``: the plan names this board (kept whatever it shows); ``rank``: how much its link
        looks like a channel (a broken link titled like a message is not a broken channel)."""
        board = MessageBoard(name=name, url=url, kind=kind)
        entry = await self.get(url)
        board.error = page_error(entry)
        doc = doc_of(entry)
        if board.error or doc is None:
            board.error = board.error or "empty"
            keep = trusted or (rank >= 3 and board.error not in NOT_THE_SITES) or board.error in NOT_THE_SITES
            return Reading(board if keep else None, f"entry page: {board.error}")
        maintenance = bool(_MAINTENANCE.search(doc.visible_text[:3000]))
        board.submit_form = message_form(doc)
        rows = parse_list(doc)
        if maintenance and board.submit_form is None and not rows:
            board.error = "maintenance"
            return Reading(board if (trusted or rank >= 2) else None, "maintenance")
        if not rows and board.submit_form is None and not trusted:
            detail, is_message = read_detail(doc)
            if is_message:
                return Reading(None, "a message's detail page, not a board")
        board.stats = parse_statistics(doc.visible_text)
        list_doc: ParsedHTML | None = doc
        if not rows:
            # The channel page is often the form; the public letters are one link away (and vice versa).
            list_url = first_link(doc, _LIST)
            list_doc = doc_of(await self.get(list_url)) if list_url else None
            rows = parse_list(list_doc) if list_doc else []
            if rows and list_doc is not None:
                board.list_url = list_doc.url
        await self._form(board, doc, list_doc)
        if not rows and board.submit_form is None and not trusted:
            return Reading(None, "no message list and no message form", links=hub_links(doc))
        reading = Reading(board)
        all_rows = await self._pages(board, list_doc if rows else None, rows, reading)
        if board.stats is None:
            stats_url = first_link(doc, _STATS)
            stats_doc = doc_of(await self.get(stats_url)) if stats_url else None
            board.stats = parse_statistics(stats_doc.visible_text) if stats_doc else None
        board.messages = await self._details(board, all_rows)
        if not board.messages and board.submit_form is None and not trusted:
            return Reading(None, f"list of {board.articles_skipped} articles, no message evidence", urls=reading.urls)
        if self.exhausted and board.stopped is None:
            board.stopped = "budget"
        return reading

    async def _form(self, board: MessageBoard, doc: ParsedHTML, list_doc: ParsedHTML | None) -> None:
        if board.submit_form is None:
            write_url = first_link(list_doc or doc, _WRITE) or (
                first_link(doc, _WRITE) if list_doc is not doc else None
            )
            if write_url:
                write_doc = doc_of(await self.get(write_url))
                board.submit_form = message_form(write_doc) if write_doc else None
                if (
                    write_doc is not None
                    and board.submit_form is None
                    and _MAINTENANCE.search(write_doc.visible_text[:3000])
                ):
                    board.accepts_submissions = False  # old letters still listed, but nobody can write
        if board.submit_form is not None:
            board.accepts_submissions = True

    async def _pages(
        self, board: MessageBoard, list_doc: ParsedHTML | None, rows: list[ListRow], reading: Reading
    ) -> list[ListRow]:
        """Every list page: 下一页 first, else the numbered pager; stops at the budget or a page with
        nothing new."""
        if list_doc is None:
            board.rows_not_read = 0
            return []
        out: list[ListRow] = []
        seen_rows: set[str] = set()
        queue: list[str] = []
        per_page = 0
        doc: ParsedHTML | None = list_doc
        board.rows_stated = stated_total(list_doc)
        pages_stated = stated_pages(list_doc)
        while doc is not None:
            reading.urls.add(doc.url)
            board.pages_seen += 1
            if board.stats is None:
                board.stats = parse_statistics(doc.visible_text)
            new = [r for r in rows if (r.url or r.title) not in seen_rows]
            seen_rows.update(r.url or r.title for r in new)
            out.extend(new)
            per_page = max(per_page, len(rows))
            if not new and board.pages_seen > 1:
                board.stopped = "repeated_page"
                break
            nxt = next_page(doc)
            if nxt is None or nxt in reading.urls:
                queue += [u for u in page_links(doc) if u not in reading.urls and u not in queue]
                nxt = queue.pop(0) if queue else None
            if nxt is None:
                break
            page = await self.get(nxt)
            if page.error == "budget":
                board.stopped = "budget"
                break
            doc = doc_of(page)
            if doc is None:
                board.stopped = f"list_error: {page_error(page) or 'empty'}"
                break
            rows = parse_list(doc, shapes={r.shape for r in out if r.shape})
        if board.rows_stated is not None:
            board.rows_not_read = max(0, board.rows_stated - len(out))
        elif board.stopped and pages_stated:
            board.rows_not_read = max(0, pages_stated - board.pages_seen) * per_page
        else:
            board.rows_not_read = 0 if board.stopped is None else None
        return out

    def _priority(self, row: ListRow) -> tuple[int, int, float]:
        state = row.state
        rank = 0 if not row.evidence else 1 if state is None else 2 if state == "pending" else 3
        recent = row.submitted_at is None or row.submitted_at >= self.as_of.replace(tzinfo=None) - timedelta(days=366)
        when = row.submitted_at.timestamp() if row.submitted_at else float("inf")
        return (rank, 0 if recent else 1, -when)

    async def _details(self, board: MessageBoard, rows: list[ListRow]) -> list[Message]:
        gate = asyncio.Semaphore(max(1, self.settings.board_detail_concurrency))
        ordered = sorted(rows, key=self._priority)
        results: dict[int, tuple[Message | None, bool]] = {}

        async def one(i: int, row: ListRow) -> None:
            if not row.url:
                results[i] = (None, False)
                return
            async with gate:
                page = await self.get(row.url)
            doc = doc_of(page)
            results[i] = read_detail(doc) if doc is not None else (None, False)

        candidates = [(i, r) for i, r in enumerate(ordered) if not r.evidence]
        sample = candidates[: self.settings.board_article_sample]
        await asyncio.gather(*(one(i, r) for i, r in sample))
        articles = candidates and not any(results.get(i, (None, False))[1] for i, _ in sample)
        rest = [(i, r) for i, r in enumerate(ordered) if i not in results and not (articles and not r.evidence)]
        await asyncio.gather(*(one(i, r) for i, r in rest))
        messages: list[Message] = []
        for i, row in enumerate(ordered):
            detail, is_message = results.get(i, (None, False))
            if not row.evidence and (articles or (detail is not None and not is_message)):
                board.articles_skipped += 1
                continue
            if detail is None and row.url:
                board.details_not_read += 1
            messages.append(settle(row, detail, is_message))
        # The board's own order (as listed), whatever order the details were read in.
        by_key = {m.url or m.title: m for m in messages}
        return [by_key[k] for k in ((r.url or r.title) for r in rows) if k in by_key]
