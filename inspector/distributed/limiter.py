"""Per-host politeness for the whole cluster: a Redis-backed concurrency + delay limiter keyed by host.

Every worker's Fetcher gets a ``ClusterPoliteness`` in place of its in-process one
(``inspector.crawl.politeness.Politeness``: same ``slot(host)`` / ``apply_crawl_delay`` surface, same
semantics). One Lua script, run atomically by Redis on its own clock, does what ``HostSlot`` does in
one process:

- at most ``per_host_concurrency`` requests in flight to a host, counted over all workers (a sorted set
  of holders; each holder is a lease that expires, so a worker killed mid-request frees its slot);
- request starts at least ``per_host_delay_s`` apart on that host (the next allowed start);
- a 429/503 with Retry-After pauses the host for everyone (the paused-until time).

So a programme of 1,000 sites never opens more than the configured connections to one host, whatever
the number of workers. When Redis is unreachable (a restart), a request waits and retries instead of
failing: the site must not be judged on our infrastructure's trouble.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import random
import socket
import time
import uuid
from typing import Any, Self

log = logging.getLogger(__name__)

PREFIX = "gi:host:"

# KEYS: holders (zset), next start (string), paused until (string)
# ARGV: holder id, limit, delay ms, lease ms, pause ms (0: none), release-only flag
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local pause = tonumber(ARGV[5])
local paused = tonumber(redis.call('GET', KEYS[3]) or '0')
if pause > 0 and now + pause > paused then
  paused = now + pause
  redis.call('SET', KEYS[3], paused, 'PX', pause + 60000)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return -1
end
local nxt = tonumber(redis.call('GET', KEYS[2]) or '0')
local start = math.max(now, nxt, paused)
local delay = tonumber(ARGV[3])
local lease = tonumber(ARGV[4])
redis.call('SET', KEYS[2], start + delay, 'PX', (start - now) + delay + 60000)
redis.call('ZADD', KEYS[1], start + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], (start - now) + lease + 60000)
return start - now
"""


def _keys(host: str) -> list[str]:
    tag = "{" + host + "}"  # one hash slot per host (Redis Cluster)
    return [f"{PREFIX}{tag}:holders", f"{PREFIX}{tag}:next", f"{PREFIX}{tag}:paused"]


class ClusterSlot:
    """One host's slot: ``async with slot:`` around a request, exactly like ``HostSlot``."""

    def __init__(self, politeness: ClusterPoliteness, host: str, concurrency: int, delay_s: float):
        self.p = politeness
        self.host = host
        self.concurrency = max(1, concurrency)
        self.delay_s = delay_s
        self._pause_s = 0.0
        self._held: list[str] = []
        # This process's own requests queue here first (handed over at once); Redis arbitrates between processes.
        self.local = asyncio.Semaphore(self.concurrency)

    async def __aenter__(self) -> Self:
        await self.local.acquire()
        holder = f"{self.p.ident}:{uuid.uuid4().hex[:12]}"
        try:
            wait_ms = await self.p.acquire(self, holder)
        except BaseException:
            self.local.release()
            raise
        self._held.append(holder)
        if wait_ms > 0:
            try:
                await asyncio.sleep(wait_ms / 1000)
            except BaseException:
                await self._release(holder)
                raise
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._held:
            await self._release(self._held.pop())

    async def _release(self, holder: str) -> None:
        if holder in self._held:
            self._held.remove(holder)
        try:
            await self.p.release(self.host, holder)
        finally:
            self.local.release()

    def pause(self, seconds: float) -> None:
        """The host said Retry-After: every worker waits (sent with this slot's next acquisition)."""
        self._pause_s = max(self._pause_s, seconds)


class ClusterPoliteness:
    """Drop-in for ``Politeness`` backed by Redis; ``await aclose()`` when the fetcher is done."""

    def __init__(
        self,
        redis_url: str,
        concurrency: int,
        delay_s: float,
        max_crawl_delay_s: float,
        *,
        lease_s: float = 120.0,
        client: Any = None,
    ):
        import redis.asyncio as aioredis

        self.concurrency = concurrency
        self.delay_s = delay_s
        self.max_crawl_delay_s = max_crawl_delay_s
        self.lease_ms = int(lease_s * 1000)
        self.ident = f"{socket.gethostname()}:{os.getpid()}"
        self.redis = client or aioredis.Redis.from_url(
            redis_url, socket_connect_timeout=5, socket_timeout=10, health_check_interval=30
        )
        self._script = self.redis.register_script(_ACQUIRE)
        self._hosts: dict[str, ClusterSlot] = {}
        self._down_since: float | None = None
        self._pending_releases: set[asyncio.Future[Any]] = set()
        self.waits = 0  # times a request waited for a full host (for tests and stats)

    def slot(self, host: str) -> ClusterSlot:
        slot = self._hosts.get(host)
        if slot is None:
            slot = self._hosts[host] = ClusterSlot(self, host, self.concurrency, self.delay_s)
        return slot

    def apply_crawl_delay(self, host: str, delay: float | None) -> None:
        """robots Crawl-delay: one request at a time, that many seconds apart (capped), cluster-wide."""
        if delay is None or delay <= 0:
            return
        slot = self.slot(host)
        slot.delay_s = max(slot.delay_s, min(delay, self.max_crawl_delay_s))
        slot.concurrency = 1  # enforced by Redis; the local semaphore is not replaced (its waiters would hang)

    async def acquire(self, slot: ClusterSlot, holder: str) -> int:
        """Milliseconds to wait before the request may start, once a slot is ours."""
        poll = 0.02
        while True:
            pause_ms = int(slot._pause_s * 1000)
            call = asyncio.ensure_future(
                self._script(
                    keys=_keys(slot.host),
                    args=[holder, slot.concurrency, int(slot.delay_s * 1000), self.lease_ms, pause_ms],
                )
            )
            try:
                # Shielded: the Redis client runs in its own task, so a cancellation of ours (the crawl
                # ending) is never swallowed by its internal timeouts — it reaches us, and a slot the call
                # still obtains is given back.
                got = await asyncio.shield(call)
            except asyncio.CancelledError:
                call.add_done_callback(functools.partial(self._give_back, host=slot.host, holder=holder))
                raise
            except Exception as exc:  # noqa: BLE001 — redis.ConnectionError, TimeoutError, BusyLoadingError …
                self._broker_down(exc)
                await asyncio.sleep(min(5.0, 0.25 * (2 ** min(5, self._down_for() // 2))))
                continue
            self._broker_up()
            if pause_ms:
                slot._pause_s = 0.0
            got = int(got)
            if got >= 0:
                return got
            self.waits += 1
            await asyncio.sleep(poll * (0.5 + random.random()))
            poll = min(0.1, poll * 1.5)

    def _give_back(self, call: asyncio.Future[Any], host: str, holder: str) -> None:
        if not call.cancelled() and call.exception() is None and int(call.result()) >= 0:
            self._pending_releases.add(asyncio.ensure_future(self._zrem(host, holder)))

    async def release(self, host: str, holder: str) -> None:
        job = asyncio.ensure_future(self._zrem(host, holder))
        self._pending_releases.add(job)
        job.add_done_callback(self._pending_releases.discard)
        await asyncio.shield(job)

    async def _zrem(self, host: str, holder: str) -> None:
        try:
            await self.redis.zrem(_keys(host)[0], holder)
        except Exception as exc:  # noqa: BLE001 — the lease expires by itself
            log.warning("limiter: could not release %s on %s (%s); its lease expires by itself", holder, host, exc)

    async def in_flight(self, host: str) -> int:
        """Requests in flight to ``host`` over the whole cluster (for tests and status)."""
        keys = _keys(host)
        now_ms = int(time.time() * 1000)
        await self.redis.zremrangebyscore(keys[0], "-inf", now_ms)
        return int(await self.redis.zcard(keys[0]))

    async def aclose(self) -> None:
        if self._pending_releases:
            await asyncio.wait(set(self._pending_releases), timeout=5)
        try:
            await self.redis.aclose()
        except Exception:  # noqa: BLE001 — closing a connection to a server that went away
            pass

    def _down_for(self) -> float:
        return 0.0 if self._down_since is None else time.monotonic() - self._down_since

    def _broker_down(self, exc: Exception) -> None:
        if self._down_since is None:
            self._down_since = time.monotonic()
            log.warning("limiter: Redis unreachable (%s: %s); requests wait until it is back", type(exc).__name__, exc)

    def _broker_up(self) -> None:
        if self._down_since is not None:
            log.warning("limiter: Redis back after %.1f s", self._down_for())
            self._down_since = None


def cluster_politeness(redis_url: str, settings: Any, lease_s: float) -> ClusterPoliteness:
    """A cluster limiter with the crawler settings' per-host concurrency and delay."""
    return ClusterPoliteness(
        redis_url, settings.per_host_concurrency, settings.per_host_delay_s, settings.max_crawl_delay_s, lease_s=lease_s
    )


__all__ = ["ClusterPoliteness", "ClusterSlot", "cluster_politeness"]
