"""Where a crawl keeps its frontier, so that a killed audit resumes without refetching.

Each finished page is saved in one step together with the URLs it added to the queue and the link
records it touched; a page in flight when the process died is simply fetched again.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from inspector.model import LinkCheck, Page, from_jsonable, to_jsonable


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


class SqliteFrontier:
    """A frontier in one SQLite file (WAL): survives a killed process."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(
            """
            CREATE TABLE IF NOT EXISTS queue (url TEXT PRIMARY KEY, depth INTEGER, done INTEGER DEFAULT 0,
                                              seq INTEGER);
            CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, is_home INTEGER, data TEXT);
            CREATE TABLE IF NOT EXISTS links (url TEXT PRIMARY KEY, data TEXT);
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
            """
        )
        self._lock = asyncio.Lock()

    def close(self) -> None:
        self._db.close()

    async def load(self) -> FrontierState:
        async with self._lock:
            db = self._db
            st = FrontierState()
            for is_home, data in db.execute("SELECT is_home, data FROM pages ORDER BY rowid"):
                page = from_jsonable(Page, json.loads(data))
                if is_home:
                    st.home = page
                else:
                    st.pages.append(page)
            for url, depth, done in db.execute("SELECT url, depth, done FROM queue ORDER BY seq"):
                st.seen.add(url)
                if not done:
                    st.queue.append((url, depth))
            st.links = [
                from_jsonable(LinkCheck, json.loads(d)) for (d,) in db.execute("SELECT data FROM links ORDER BY rowid")
            ]
            row = db.execute("SELECT value FROM meta WHERE key='traps'").fetchone()
            st.traps = json.loads(row[0]) if row else []
            return st

    async def save_page(
        self, page: Page, *, is_home: bool, queued: list[tuple[str, int]], links: list[LinkCheck], traps: list[dict]
    ) -> None:
        data = json.dumps(to_jsonable(page), ensure_ascii=False)
        async with self._lock:
            db = self._db
            db.execute("BEGIN")
            try:
                db.execute(
                    "INSERT OR REPLACE INTO pages (url, is_home, data) VALUES (?, ?, ?)", (page.url, int(is_home), data)
                )
                seq = db.execute("SELECT COALESCE(MAX(seq), 0) FROM queue").fetchone()[0]
                db.execute(
                    "INSERT OR IGNORE INTO queue (url, depth, done, seq) VALUES (?, ?, 1, ?)",
                    (page.url, page.depth, seq + 1),
                )
                db.execute("UPDATE queue SET done = 1 WHERE url = ?", (page.url,))
                db.executemany(
                    "INSERT OR IGNORE INTO queue (url, depth, done, seq) VALUES (?, ?, 0, ?)",
                    [(u, d, seq + 2 + i) for i, (u, d) in enumerate(queued)],
                )
                self._upsert_links(links)
                db.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('traps', ?)",
                    (json.dumps(traps, ensure_ascii=False),),
                )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    async def save_links(self, links: list[LinkCheck]) -> None:
        async with self._lock:
            self._upsert_links(links)

    def _upsert_links(self, links: list[LinkCheck]) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO links (url, data) VALUES (?, ?)",
            [(rec.url, json.dumps(dataclasses.asdict(rec), ensure_ascii=False)) for rec in links],
        )


__all__ = ["FrontierState", "FrontierStore", "MemoryFrontier", "SqliteFrontier"]
