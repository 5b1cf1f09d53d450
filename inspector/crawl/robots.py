"""robots.txt per host (protego), fetched once per audit through the Fetcher's own client.

An unreachable or 5xx robots.txt is treated as "allow all" for 4xx (no file) and as allow for
network failures too — the home-page fetch will report the real network problem.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from protego import Protego


class RobotsCache:
    def __init__(self, agent: str, download: Callable[[str], Awaitable[tuple[int | None, str]]]):
        self.agent = agent
        self._download = download  # url → (status, text)
        self._rules: dict[str, Protego | None] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def rules_for(self, origin: str) -> Protego | None:
        """origin = scheme://host[:port]."""
        if origin in self._rules:
            return self._rules[origin]
        lock = self._locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self._rules:
                status, text = await self._download(origin + "/robots.txt")
                self._rules[origin] = Protego.parse(text) if status is not None and 200 <= status < 300 else None
        return self._rules[origin]

    async def allowed(self, origin: str, url: str, user_agent: str) -> bool:
        rules = await self.rules_for(origin)
        if rules is None:
            return True
        return bool(rules.can_fetch(url, self.agent) and rules.can_fetch(url, user_agent))

    def crawl_delay(self, origin: str) -> float | None:
        rules = self._rules.get(origin)
        if rules is None:
            return None
        delay = rules.crawl_delay(self.agent)
        return float(delay) if delay is not None else None

    def sitemaps(self, origin: str) -> list[str]:
        rules = self._rules.get(origin)
        return list(rules.sitemaps) if rules is not None else []
