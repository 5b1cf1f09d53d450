"""Network facts about a site: IPv6 (AAAA and a connection over it), HTTPS and certificate validity."""

from __future__ import annotations

import asyncio
import socket
import ssl
from urllib.parse import urlsplit

from inspector.model import NetworkFacts


async def _resolves_v6(host: str) -> list[str]:
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, None, family=socket.AF_INET6, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        return []
    return [str(i[4][0]) for i in infos]


async def _connects(host: str, port: int, timeout: float, ssl_ctx: ssl.SSLContext | None = None) -> None:
    _, writer = await asyncio.wait_for(
        asyncio.open_connection(host, port, ssl=ssl_ctx, server_hostname=host if ssl_ctx else None), timeout
    )
    writer.close()
    try:
        await writer.wait_closed()
    except (OSError, ssl.SSLError):
        pass


async def network_facts(url: str, *, timeout_s: float = 10.0, https_port: int | None = None) -> NetworkFacts:
    """Never raises. Loopback sites simply report what they have (usually no AAAA, no HTTPS)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    facts = NetworkFacts()
    v6 = await _resolves_v6(host)
    facts.ipv6 = bool(v6)
    if v6:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            await _connects(v6[0], port, timeout_s)
            facts.ipv6_fetch_ok = True
        except (TimeoutError, OSError):
            facts.ipv6_fetch_ok = False
    port = https_port or (parts.port if parts.scheme == "https" and parts.port else 443)
    try:
        await _connects(host, port, timeout_s, ssl.create_default_context())
        facts.https, facts.tls_valid, facts.tls_detail = True, True, "certificate verified"
    except ssl.SSLCertVerificationError as exc:
        facts.https, facts.tls_valid, facts.tls_detail = True, False, exc.verify_message or str(exc)
    except ssl.SSLError as exc:
        facts.https, facts.tls_valid, facts.tls_detail = True, False, f"TLS handshake failed: {exc.reason or exc}"
    except (TimeoutError, OSError) as exc:
        facts.https, facts.tls_valid = False, None
        facts.tls_detail = f"no HTTPS on port {port}: {type(exc).__name__}"
    return facts
