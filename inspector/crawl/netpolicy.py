"""The network policy: the crawler never connects to an internal address that is not the audited site's.

Loopback, private, link-local (cloud metadata at 169.254.169.254 among them), shared (100.64/10),
reserved and multicast addresses are refused unless

- the audited site itself resolves to that address (sample sites and staging on 127.0.0.1 still work:
  the scope is the *addresses* of the site's own hosts, so 127.0.0.1 does not open 127.0.0.2 or 10.x), or
- the run allows private addresses (``CrawlSettings.allow_private``, ``--allow-private``).

The check runs where the connection is made (an httpcore network backend that resolves the name
itself, checks every address and connects to the checked one), so it covers every request of the
Fetcher — pages, redirects, link checks, robots.txt, sitemaps, attachments — and DNS answers that
change between a check and a connect do not matter. The browser gets the same decision through
request interception (``inspector.crawl.render``).

The scope is a context variable: ``with site_scope(url):`` around one site's audit; a request made
outside any scope is scoped to its own target (an explicit fetch of a URL is trusted, where its
redirects and the links found in it lead is not).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar, Token
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_METADATA = {ipaddress.ip_address(a) for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254")}


class BlockedAddress(ConnectionError):
    """A connection the network policy refused before any packet was sent."""

    def __init__(self, host: str, address: str, kind: str):
        self.host, self.address, self.kind = host, address, kind
        shown = host if host == address else f"{host} ({address})"
        super().__init__(f"{shown} is a {kind} address: not contacted (network policy; --allow-private to allow)")


def address_kind(ip: IPAddress) -> str | None:
    """None for a public address, else what it is (loopback, private, link-local, metadata …)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip in _METADATA:
        return "cloud metadata"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_private:
        return "private"
    if not ip.is_global:
        return "reserved"
    return None


async def resolve(host: str, port: int = 80) -> list[str]:
    host = host.strip("[]")
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(i[4][0]) for i in infos))


class SiteScope:
    """The audited site's hosts; their addresses (resolved once) are never refused."""

    def __init__(self, urls: Sequence[str]):
        self.hosts = {h for h in ((urlsplit(u).hostname or "").lower() for u in urls) if h}
        self._addresses: set[str] | None = None
        self._lock = asyncio.Lock()

    def add(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        if host and host not in self.hosts:
            self.hosts.add(host)
            self._addresses = None

    async def addresses(self) -> set[str]:
        if self._addresses is None:
            async with self._lock:
                found: set[str] = set()
                for host in sorted(self.hosts):
                    try:
                        found.update(await resolve(host))
                    except (OSError, UnicodeError):
                        continue
                self._addresses = found
        return self._addresses


_SCOPE: ContextVar[SiteScope | None] = ContextVar("inspector_site_scope", default=None)


def current_scope() -> SiteScope | None:
    return _SCOPE.get()


def enter_scope(urls: Sequence[str]) -> Token[SiteScope | None]:
    return _SCOPE.set(SiteScope(urls))


def leave_scope(token: Token[SiteScope | None]) -> None:
    _SCOPE.reset(token)


@contextmanager
def site_scope(*urls: str) -> Iterator[SiteScope]:
    """Everything fetched inside (and in tasks started inside) belongs to this site's audit."""
    token = enter_scope(urls)
    try:
        scope = _SCOPE.get()
        assert scope is not None
        yield scope
    finally:
        leave_scope(token)


class NetworkPolicy:
    def __init__(self, allow_private: bool = False):
        self.allow_private = allow_private

    async def allowed_addresses(self, host: str, port: int, scope: SiteScope | None = None) -> list[str]:
        """The addresses of ``host`` this policy lets us connect to; raises BlockedAddress when none."""
        addresses = await resolve(host, port)
        if self.allow_private:
            return addresses
        scope = scope if scope is not None else current_scope()
        own = await scope.addresses() if scope is not None else set()
        ok, refused = [], None
        for a in addresses:
            kind = address_kind(ipaddress.ip_address(a))
            if kind is None or a in own:
                ok.append(a)
            elif refused is None:
                refused = (a, kind)
        if not ok:
            assert refused is not None
            raise BlockedAddress(host.strip("[]"), *refused)
        return ok

    async def check_url(self, url: str, scope: SiteScope | None = None) -> str | None:
        """None when ``url`` may be fetched, else why not (one line). Never raises."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "ws", "wss") or not parts.hostname:
            return None  # data:, blob:, about: … touch no network address
        try:
            port = parts.port or (443 if parts.scheme in ("https", "wss") else 80)
            await self.allowed_addresses(parts.hostname, port, scope)
        except BlockedAddress as exc:
            return str(exc)
        except (OSError, UnicodeError, ValueError):
            return None  # unresolvable: the fetch itself reports DNS
        return None


class _PolicyBackend(httpcore.AsyncNetworkBackend):
    """httpcore's backend, but every TCP connection goes to an address the policy allowed."""

    def __init__(self, policy: NetworkPolicy, inner: httpcore.AsyncNetworkBackend):
        self.policy, self.inner = policy, inner

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            addresses = await self.policy.allowed_addresses(host, port)
        except socket.gaierror as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        last: Exception | None = None
        for address in addresses:
            try:
                return await self.inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    async def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None) -> Any:
        raise httpcore.ConnectError("unix sockets are not crawled")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class PolicyTransport(httpx.AsyncHTTPTransport):
    """httpx's transport with the policy checked at connect time (TLS still verifies the host name)."""

    def __init__(self, policy: NetworkPolicy, **kwargs: Any):
        super().__init__(**kwargs)
        pool = self._pool
        pool._network_backend = _PolicyBackend(policy, pool._network_backend)  # type: ignore[union-attr]


def blocked_in(exc: BaseException) -> BlockedAddress | None:
    """The BlockedAddress behind an httpx/httpcore error, if that is what it was."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, BlockedAddress):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None
