"""Where a crawl keeps its frontier, so that a killed audit resumes without refetching.

Each finished page is saved in one step together with the URLs it added to the queue and the link
records it touched; a page in flight when the process died is simply fetched again.

The frontier of an audit lives in the store (``StoreFrontier``: tables ``frontier_urls``,
``frontier_links``, ``frontier_state``), not in a file beside the process: a task redelivered to
another worker of a programme (``inspector.distributed``) resumes the crawl where the dead worker
stopped, in the same transaction discipline as the rest of the store. ``MemoryFrontier`` serves crawls
without a store (tests, library use).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection

from inspector.model import LinkCheck, Page, from_jsonable, to_jsonable

if TYPE_CHECKING:
    from inspector.store.db import Store


@dataclass
class FrontierState:
    home: Page | None = None
    pages: list[Page] = field(default_factory=list)  # finished pages (bodies dropped), home excluded
    queue: list[tuple[str, int]] = field(default_factory=list)  # (url, depth) still to fetch
    seen: set[str] = field(default_factory=set)  # every URL ever queued
    links: list[LinkCheck] = field(default_factory=list)
    traps: list[dict] = field(default_factory=list)


class FrontierStore(Protocol):
    async def load(self) -> FrontierState: ...

    async def save_page(
        self, page: Page, *, is_home: bool, queued: list[tuple[str, int]], links: list[LinkCheck], traps: list[dict]
    ) -> None: ...

    async def save_links(self, links: list[LinkCheck]) -> None: ...


class MemoryFrontier:
    """Keeps the frontier in this process: resume after a cancelled task, not after a crash."""

    def __init__(self) -> None:
        self.state = FrontierState()
        self._links: dict[str, LinkCheck] = {}

    async def load(self) -> FrontierState:
        st = self.state
        done = {p.url for p in st.pages} | ({st.home.url} if st.home else set())
        return FrontierState(
            home=st.home,
            pages=list(st.pages),
            queue=[q for q in st.queue if q[0] not in done],
            seen=set(st.seen),
            links=[dataclasses.replace(x) for x in self._links.values()],
            traps=list(st.traps),
        )

    async def save_page(
        self, page: Page, *, is_home: bool, queued: list[tuple[str, int]], links: list[LinkCheck], traps: list[dict]
    ) -> None:
        if is_home:
            self.state.home = page
        else:
            self.state.pages.append(page)
        for url, depth in queued:
            if url not in self.state.seen:
                self.state.seen.add(url)
                self.state.queue.append((url, depth))
        await self.save_links(links)
        self.state.traps = traps

    async def save_links(self, links: list[LinkCheck]) -> None:
        for rec in links:
            self._links[rec.url] = dataclasses.replace(rec, found_on=list(rec.found_on))


LINK_BATCH = 50  # link verdicts written together (StoreFrontier.save_links)


class StoreFrontier:
    """A running audit's frontier in the store's own database (SQLite or PostgreSQL).

    Rows are keyed by (audit, sha1 of the URL), so a resumed or redelivered audit — on this machine or
    on another worker of a programme — continues where the dead process stopped, and writing the same
    page or link twice never doubles a row. ``drop()`` removes them when the audit is finished.
    """

    def __init__(self, store: Store, audit_id: int):
        self.engine = store.engine
        self.audit_id = audit_id
        self._lock = asyncio.Lock()
        self._seq: int | None = None
        self._pending: dict[str, LinkCheck] = {}  # link verdicts not written yet (see save_links)
        self._written: dict[str, tuple[Any, ...]] = {}  # what each stored link record says (skip rewrites)
        self._timer: asyncio.TimerHandle | None = None

    async def load(self) -> FrontierState:
        from inspector.store.tables import FrontierLinkRow, FrontierStateRow, FrontierUrlRow

        async with self._lock:
            st = FrontierState()
            with self.engine.connect() as conn:
                urls = conn.execute(
                    select(
                        FrontierUrlRow.url,
                        FrontierUrlRow.depth,
                        FrontierUrlRow.done,
                        FrontierUrlRow.done_seq,
                        FrontierUrlRow.is_home,
                        FrontierUrlRow.page,
                    )
                    .where(FrontierUrlRow.audit_id == self.audit_id)
                    .order_by(FrontierUrlRow.id)
                ).all()
                links = conn.execute(
                    select(FrontierLinkRow.data)
                    .where(FrontierLinkRow.audit_id == self.audit_id)
                    .order_by(FrontierLinkRow.id)
                ).all()
                traps = conn.scalar(select(FrontierStateRow.traps).where(FrontierStateRow.audit_id == self.audit_id))
            finished = []
            for url, depth, done, done_seq, is_home, data in urls:
                st.seen.add(url)
                if not done:
                    st.queue.append((url, depth))
                elif data is not None:
                    page = from_jsonable(Page, data)
                    if is_home:
                        st.home = page
                    else:
                        finished.append((done_seq or 0, page))
            st.pages = [p for _, p in sorted(finished, key=lambda x: x[0])]
            st.links = [from_jsonable(LinkCheck, d) for (d,) in links]
            self._written = {_key(r.url): (r.outcome, r.status, r.detail, len(r.found_on), r.on_home) for r in st.links}
            st.traps = list(traps or [])
            self._seq = max((seq or 0 for _, _, _, seq, _, _ in urls), default=0)
            return st

    async def save_page(
        self, page: Page, *, is_home: bool, queued: list[tuple[str, int]], links: list[LinkCheck], traps: list[dict]
    ) -> None:
        from inspector.store.tables import FrontierStateRow, FrontierUrlRow

        data = to_jsonable(page)
        async with self._lock:
            if self._seq is None:
                with self.engine.connect() as conn:
                    self._seq = conn.scalar(
                        select(func.coalesce(func.max(FrontierUrlRow.done_seq), 0)).where(
                            FrontierUrlRow.audit_id == self.audit_id
                        )
                    )
            seq = (self._seq or 0) + 1
            with self._begin() as conn:
                self._write_links(conn, list(self._pending.values()))
                self._pending.clear()
                done = {
                    "audit_id": self.audit_id,
                    "key": _key(page.url),
                    "url": page.url,
                    "depth": page.depth,
                    "done": True,
                    "done_seq": seq,
                    "is_home": is_home,
                    "page": data,
                }
                conn.execute(
                    _upsert(
                        conn, FrontierUrlRow, ["audit_id", "key"], ["depth", "done", "done_seq", "is_home", "page"]
                    ),
                    [done],
                )
                fresh = {_key(u): (u, d) for u, d in queued if u != page.url}
                if fresh:
                    conn.execute(
                        _upsert(conn, FrontierUrlRow, ["audit_id", "key"], None),
                        [
                            {"audit_id": self.audit_id, "key": k, "url": u, "depth": d, "done": False, "is_home": False}
                            for k, (u, d) in fresh.items()
                        ],
                    )
                self._write_links(conn, links)
                conn.execute(
                    _upsert(conn, FrontierStateRow, ["audit_id"], ["traps"]),
                    [{"audit_id": self.audit_id, "traps": to_jsonable(traps)}],
                )
            self._seq = seq

    async def save_links(self, links: list[LinkCheck]) -> None:
        """Link verdicts are written in batches (with the next page, after ``LINK_BATCH`` of them, or within
        a second): a kill loses at most those few, which are then simply checked again."""
        for rec in links:
            self._pending[_key(rec.url)] = dataclasses.replace(rec, found_on=list(rec.found_on))
        if len(self._pending) >= LINK_BATCH:
            await self.flush()
        elif self._timer is None:
            loop = asyncio.get_running_loop()
            self._timer = loop.call_later(1.0, lambda: self._flush_soon(loop))

    def _flush_soon(self, loop: asyncio.AbstractEventLoop) -> None:
        self._timer = None
        if self._pending and not loop.is_closed():
            loop.create_task(self.flush())

    async def flush(self) -> None:
        async with self._lock:
            if not self._pending:
                return
            with self._begin() as conn:
                self._write_links(conn, list(self._pending.values()))
            self._pending.clear()

    @contextlib.contextmanager
    def _begin(self) -> Iterator[Connection]:
        """A transaction; on PostgreSQL without waiting for the disk flush of the commit: the frontier is
        progress, not evidence — a database crash may cost the last fraction of a second of it (those pages
        are fetched again), while a worker crash costs nothing. Each commit would otherwise wait ~2 ms."""
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
            yield conn

    def _write_links(self, conn: Connection, links: list[LinkCheck]) -> None:
        """Upsert the link records that changed since they were last written (a page touches every nav link)."""
        from inspector.store.tables import FrontierLinkRow

        rows = {}
        for rec in links:
            key, sig = _key(rec.url), (rec.outcome, rec.status, rec.detail, len(rec.found_on), rec.on_home)
            if self._written.get(key) != sig:
                rows[key] = dataclasses.asdict(rec)
                self._written[key] = sig
        if rows:
            conn.execute(
                _upsert(conn, FrontierLinkRow, ["audit_id", "key"], ["data"]),
                [{"audit_id": self.audit_id, "key": k, "data": d} for k, d in rows.items()],
            )

    def drop(self) -> None:
        """The audit is finished: its frontier is no longer needed."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._pending.clear()
        from inspector.store.tables import FrontierLinkRow, FrontierStateRow, FrontierUrlRow

        with self.engine.begin() as conn:
            for table in (FrontierUrlRow, FrontierLinkRow, FrontierStateRow):
                conn.execute(delete(table).where(table.audit_id == self.audit_id))


def _key(url: str) -> str:
    return hashlib.sha1(url.encode("utf-8", "surrogatepass")).hexdigest()


def _upsert(conn: Connection, table: Any, keys: list[str], update: list[str] | None) -> Any:
    """INSERT … ON CONFLICT (keys) DO UPDATE SET update (or DO NOTHING) for SQLite and PostgreSQL."""
    from sqlalchemy.dialects import postgresql, sqlite

    make: Any = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    stmt = make(table)
    if not update:
        return stmt.on_conflict_do_nothing(index_elements=keys)
    return stmt.on_conflict_do_update(index_elements=keys, set_={c: stmt.excluded[c] for c in update})


__all__ = ["FrontierState", "FrontierStore", "MemoryFrontier", "StoreFrontier"]
