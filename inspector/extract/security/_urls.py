"""Host helpers for the security extractors: same site, government host, throw-away TLD."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Second-level labels under which the registrable name takes three labels (beijing.gov.cn).
_SECOND_LEVEL = frozenset({"gov", "com", "net", "org", "edu", "ac", "mil", "co", "gouv"})
# Free or near-free TLDs that dominate injected dark links (the synthetic test page uses them too).
SUSPICIOUS_TLDS = frozenset({"tk", "ml", "ga", "cf", "gq", "tf", "cm"})
BARE_URL = re.compile(
    r"(?:https?://|www\.)[A-Za-z0-9.\-]+\.[A-Za-z]{2,}(?::\d+)?(?:/[^\s\"'<>，。、）)]*)?", re.IGNORECASE
)


def host_of(url: str | None) -> str:
    if not url:
        return ""
    if url.lower().startswith("www."):
        url = "http://" + url
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def registrable(host: str) -> str:
    """The site-level name of a host: www.nanhai.gov.cn → nanhai.gov.cn, news.163.com → 163.com."""
    labels = [x for x in host.lower().split(".") if x]
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def is_gov_host(host: str) -> bool:
    return host == "gov.cn" or host.endswith((".gov.cn", ".gov")) or ".gov." in host


def is_outbound(url: str | None, page_url: str) -> bool:
    """Whether ``url`` leaves the page's site (a different registrable name)."""
    h = host_of(url)
    if not h:
        return False
    return registrable(h) != registrable(host_of(page_url))


def is_suspicious_host(url: str | None) -> bool:
    h = host_of(url)
    return bool(h) and h.rsplit(".", 1)[-1] in SUSPICIOUS_TLDS
