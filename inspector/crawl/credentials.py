"""Credentials in URLs (``http://user:pw@host/``) are taken out at the door and kept in memory only.

The audited URL is written everywhere (database, report names, reports, terminal), so it must carry
no password; the Fetcher sends the credentials as HTTP Basic authentication to that host only.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit, urlunsplit

Credentials = tuple[str, str]


def split_credentials(url: str) -> tuple[str, Credentials | None]:
    """(the URL without user:password@, the credentials or None)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url, None
    if "@" not in parts.netloc:
        return url, None
    userinfo, _, hostport = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    return urlunsplit((parts.scheme, hostport, parts.path, parts.query, parts.fragment)), (
        unquote(user),
        unquote(password),
    )


def redact(url: str) -> str:
    """The URL without its credentials (for messages and logs)."""
    return split_credentials(url)[0]
