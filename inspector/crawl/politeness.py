"""Per-host politeness: a concurrency limit, a minimum gap between request starts, and pauses.

A 429/503 with Retry-After pauses the whole host (not just the one request), because the server
is telling us about itself, not about one URL.

The limiter is pluggable (``HostLimiter``): ``Politeness`` holds one ``HostSlot`` per host in this
process; a cluster-wide limiter (issue 17: Redis-backed, keyed by host) implements the same three
methods — ``slot(host)`` returning an async context manager with ``pause(seconds)``, and
``apply_crawl_delay(host, delay)`` — and is handed to ``Fetcher(limiter=...)``.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from email.utils import parsedate_to_datetime
from typing import Protocol, Self


class Slot(Protocol):
    """One host's turn: ``async with slot:`` waits for a free connection and the host's gap."""

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc: object) -> None: ...

    def pause(self, seconds: float) -> None:
        """The host asked us (429/503 Retry-After) to wait: every request to it waits."""
        ...


class HostLimiter(Protocol):
    """Per-host concurrency, delay and pauses; in-process (``Politeness``) or shared by workers."""

    def slot(self, host: str) -> Slot: ...

    def apply_crawl_delay(self, host: str, delay: float | None) -> None: ...


class HostSlot:
    def __init__(self, concurrency: int, delay_s: float):
        self.semaphore = asyncio.Semaphore(max(1, concurrency))
        self.delay_s = delay_s
        self._next_start = 0.0
        self._paused_until = 0.0
        self._lock = asyncio.Lock()
        self._held: defaultdict[int, list[asyncio.Semaphore]] = defaultdict(list)  # task → semaphores it holds

    async def __aenter__(self) -> Self:
        # The semaphore may be replaced (robots Crawl-delay) while requests hold the old one: each
        # request releases the semaphore it acquired, so waiters on the old one are never stranded.
        sem = self.semaphore
        await sem.acquire()
        self._held[id(asyncio.current_task())].append(sem)
        try:
            async with self._lock:  # serialises only the start times, not the requests
                now = time.monotonic()
                start = max(now, self._next_start, self._paused_until)
                self._next_start = start + self.delay_s
            if start > now:
                await asyncio.sleep(start - now)
        except BaseException:
            self._release()
            raise
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._release()

    def _release(self) -> None:
        key = id(asyncio.current_task())
        held = self._held[key]
        held.pop().release()
        if not held:
            del self._held[key]

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)


class Politeness:
    def __init__(self, concurrency: int, delay_s: float, max_crawl_delay_s: float):
        self.concurrency = concurrency
        self.delay_s = delay_s
        self.max_crawl_delay_s = max_crawl_delay_s
        self._hosts: dict[str, HostSlot] = {}

    def slot(self, host: str) -> HostSlot:
        slot = self._hosts.get(host)
        if slot is None:
            slot = self._hosts[host] = HostSlot(self.concurrency, self.delay_s)
        return slot

    def apply_crawl_delay(self, host: str, delay: float | None) -> None:
        """robots Crawl-delay: one request at a time, that many seconds apart (capped)."""
        if delay is None or delay <= 0:
            return
        slot = self.slot(host)
        slot.delay_s = max(slot.delay_s, min(delay, self.max_crawl_delay_s))
        slot.semaphore = asyncio.Semaphore(1)


def retry_after_seconds(value: str | None, default: float) -> float:
    """Retry-After as delta-seconds or an HTTP date; ``default`` when absent or unreadable."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(0.0, when.timestamp() - time.time())
