"""URL normalisation, site scope and crawler-trap defences.

Normalising (plus ``dedup_key``) is what makes "checked once per audit" true:
``HTTP://WWW.X.gov.cn:80/a/./index.html?utm_source=y#top`` and ``http://www.x.gov.cn/a/`` are one page. Trap defences cut the infinite URL spaces CMSs generate
(calendars, session ids, relative-link loops) and record what they cut, for the crawler-trap check.
"""

from __future__ import annotations

import ipaddress
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from inspector.settings import CrawlSettings

_DEFAULT_PORTS = {"http": 80, "https": 443}
_INDEX_FILES = {
    "index.html",
    "index.htm",
    "index.shtml",
    "index.php",
    "index.jsp",
    "index.asp",
    "index.aspx",
    "default.htm",
    "default.html",
    "default.aspx",
    "default.asp",
}
# Second-level public suffixes under which the registrable domain has three labels.
_CN_SECOND_LEVEL = {
    "gov",
    "com",
    "edu",
    "org",
    "net",
    "ac",
    "mil",
    "bj",
    "tj",
    "he",
    "sx",
    "nm",
    "ln",
    "jl",
    "hl",
    "sh",
    "js",
    "zj",
    "ah",
    "fj",
    "jx",
    "sd",
    "ha",
    "hb",
    "hn",
    "gd",
    "gx",
    "hi",
    "cq",
    "sc",
    "gz",
    "yn",
    "xz",
    "sn",
    "gs",
    "qh",
    "nx",
    "xj",
    "tw",
    "hk",
    "mo",
}
_JSESSION_IN_PATH = re.compile(r";(jsessionid|sid|phpsessid)=[^/?#]*", re.IGNORECASE)
_SAFE_PATH = "/:@!$&'()*+,;=-._~%"
_SAFE_QUERY = "/:@!$'()*+,;=-._~%?"

ATTACHMENT_EXTENSIONS = (
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".wps",
    ".et",
    ".zip",
    ".rar",
    ".7z",
    ".txt",
    ".csv",
    ".ofd",
    ".tif",
    ".tiff",
    ".mp4",
    ".mp3",
    ".avi",
    ".flv",
    ".wmv",
    ".exe",
    ".apk",
    ".gz",
    ".xml",
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".bmp",
    ".webp",
    ".svg",
    ".ico",
    ".css",
    ".js",
    ".swf",
    ".json",
)


def _requote(part: str, safe: str) -> str:
    # Decode then re-encode so %7E / ~ and 中文 / %E4%B8%AD are one URL; keep reserved characters.
    return quote(unquote(part, errors="surrogateescape"), safe=safe, errors="surrogateescape")


def normalize_url(url: str, settings: CrawlSettings | None = None) -> str:
    """Canonical form used for de-duplication. Raises ValueError for URLs that cannot be fetched."""
    s = settings or CrawlSettings()
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise ValueError(f"not an http(s) URL: {url!r}")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise ValueError(f"URL without host: {url!r}")
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError as exc:
        raise ValueError(f"bad host in {url!r}") from exc
    port = parts.port
    netloc = f"[{host}]" if ":" in host else host
    if port and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    path = _JSESSION_IN_PATH.sub("", parts.path) or "/"
    path = posixpath.normpath(path) + ("/" if path.endswith("/") and path != "/" else "")
    if path.startswith("//"):
        path = "/" + path.lstrip("/")
    path = _requote(path, _SAFE_PATH)
    drop = {p.lower() for p in (*s.tracking_params, *s.session_params)}
    query_pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in drop]
    query = urlencode(sorted(query_pairs), quote_via=quote, safe=_SAFE_QUERY) if query_pairs else ""
    return urlunsplit((scheme, netloc, path, query, ""))


def dedup_key(url: str) -> str:
    """Identity of a normalised URL: ``/a/index.html`` and ``/a/`` are one page.

    Only the key drops the index file; the URL fetched stays the one the site linked, because
    many servers answer ``/a/`` with 404 while ``/a/index.html`` exists.
    """
    base, sep, query = url.partition("?")
    head, _, last = base.rpartition("/")
    if last.lower() in _INDEX_FILES:
        base = head + "/"
    return base + sep + query


def host_key(url: str) -> str:
    """host[:port]: the unit of politeness (one queue, one delay, one robots.txt)."""
    return urlsplit(url).netloc.lower()


def registrable_domain(host: str) -> str:
    """www.beijing.gov.cn → beijing.gov.cn; an IP address or localhost is its own domain."""
    host = host.lower().rstrip(".")
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host
    except ValueError:
        pass
    labels = host.split(".")
    if len(labels) >= 3 and labels[-1] in ("cn", "hk", "tw", "mo", "uk", "jp") and labels[-2] in _CN_SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


@dataclass
class Scope:
    """Same site: the start URL's registrable domain plus configured extra hosts.

    Loopback and IP sites are scoped to host:port, because test and sample sites share 127.0.0.1.
    """

    start_url: str
    extra_hosts: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        parts = urlsplit(self.start_url)
        host = (parts.hostname or "").lower()
        self._exact = _is_ip_or_local(host)
        self._netloc = parts.netloc.lower()
        self._domain = registrable_domain(host)
        self._extra = {h.lower() for h in self.extra_hosts}

    def contains(self, url: str) -> bool:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        netloc = parts.netloc.lower()
        if host in self._extra or netloc in self._extra:
            return True
        if self._exact:
            return netloc == self._netloc
        return host == self._domain or host.endswith("." + self._domain)


def _is_ip_or_local(host: str) -> bool:
    if host in ("localhost",) or host.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return False


def is_attachment(url: str) -> bool:
    path = urlsplit(url).path.lower()
    return path.endswith(ATTACHMENT_EXTENSIONS)


_YEAR_MONTH = re.compile(
    r"(?<!\d)(1[89]\d\d|2[01]\d\d)[-/_.]?(0[1-9]|1[0-2])(?:[-/_.]?(0[1-9]|[12]\d|3[01]))?(?!\d)", re.ASCII
)
_CAL_PARAM = re.compile(r"(^|&)(year|yr|month|mon|day|date|ym|ymd|calendar|cal|week|d|y|m)=", re.IGNORECASE)
_CAL_WORD = re.compile(r"calendar|rili|日历|schedule|/cal/", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_ASCII_DIGITS = re.compile(r"[0-9]{1,6}")


@dataclass
class TrapGuard:
    """Decides whether a URL is worth fetching; remembers every trap it cut (one entry per pattern)."""

    settings: CrawlSettings
    today: date = field(default_factory=date.today)
    traps: dict[tuple[str, str], dict] = field(default_factory=dict)
    _calendar_counts: Counter = field(default_factory=Counter)

    def check(self, url: str) -> str | None:
        """The trap kind when ``url`` must be cut, else None."""
        s = self.settings
        parts = urlsplit(url)
        kind: str | None = None
        if len(url) > s.max_url_length:
            kind = "long_url"
        else:
            segments = [seg for seg in parts.path.split("/") if seg]
            if len(segments) > s.max_path_segments:
                kind = "deep_path"
            elif _repeats(segments) > s.max_segment_repeats:
                kind = "repeating_segments"
            else:
                kind = self._calendar(parts.path, parts.query)
        if kind:
            self._record(kind, url)
        return kind

    def _calendar(self, path: str, query: str) -> str | None:
        lo, ahead = self.settings.calendar_year_range
        query_dated = bool(_CAL_PARAM.search(query))
        years = [int(m.group(1)) for m in _YEAR_MONTH.finditer(f"{path}?{query}")]
        # ASCII digits only: "²".isdigit() is true and int("²") raises (a hostile link crashed the crawl).
        years += [
            int(v) for k, v in parse_qsl(query) if k.lower() in ("year", "yr", "y") and _ASCII_DIGITS.fullmatch(v)
        ]
        if any(y < lo or y > self.today.year + ahead for y in years):
            return "calendar"
        if query_dated or _CAL_WORD.search(path):
            # Legitimate archives by month exist; an endless "next month" chain does not stop.
            pattern = _DIGITS.sub("#", f"{path}?{query}")
            self._calendar_counts[pattern] += 1
            if self._calendar_counts[pattern] > self.settings.max_calendar_urls:
                return "calendar"
        return None

    def note_chain(self, source: str, url: str) -> None:
        """A page that links to the next step of an endless chain: itself plus one more segment
        (/zt/a/ → /zt/a/a/, a relative-link loop), or the next date of the same calendar pattern.
        Recorded on first sight, because the page budget may end the crawl before any limit bites."""
        src, dst = urlsplit(source), urlsplit(url)
        s_segs = [x for x in src.path.split("/") if x]
        d_segs = [x for x in dst.path.split("/") if x]
        if s_segs and d_segs[:-1] == s_segs and d_segs[-1] == s_segs[-1]:
            self._record("repeating_segments", url)
            return
        calendar_like = _CAL_PARAM.search(dst.query) or _CAL_WORD.search(dst.path)
        if (
            calendar_like
            and src.path == dst.path
            and src.query != dst.query
            and _DIGITS.sub("#", src.query) == _DIGITS.sub("#", dst.query)
        ):
            self._record("calendar", url)

    def note_link(self, raw: str, url: str, *, depth_cut: bool) -> None:
        """Record traps that other defences already neutralise, so the webmaster hears of them.

        Session ids are stripped by normalisation and endless chains stop at the depth limit, so
        they never reach ``check``; a calendar or a relative-link loop cut by depth is still a trap.
        """
        parts = urlsplit(raw)
        session = {p.lower() for p in self.settings.session_params}
        if _JSESSION_IN_PATH.search(parts.path) or any(k.lower() in session for k, _ in parse_qsl(parts.query)):
            self._record("session_id", raw)
        if not depth_cut:
            return
        target = urlsplit(url)
        segments = [seg for seg in target.path.split("/") if seg]
        if _repeats(segments) >= 2:
            self._record("repeating_segments", url)
        elif _CAL_PARAM.search(target.query) or _CAL_WORD.search(target.path):
            self._record("calendar", url)

    def note_redirect_loop(self, url: str) -> None:
        self._record("redirect_loop", url)

    def note_page_limit(self, kind: str, url: str, cut: int) -> None:
        """A page over the per-page bounds (``page_links_cut``, ``page_too_deep``): one entry per page."""
        entry = self.traps.setdefault(
            (kind, url), {"kind": kind, "pattern": urlsplit(url).path[:200], "examples": [url], "cut": 0}
        )
        entry["cut"] = max(entry["cut"], cut)

    def _record(self, kind: str, url: str) -> None:
        pattern = _DIGITS.sub("#", urlsplit(url).path)[:200]
        entry = self.traps.setdefault((kind, pattern), {"kind": kind, "pattern": pattern, "examples": [], "cut": 0})
        entry["cut"] += 1
        if len(entry["examples"]) < 3:
            entry["examples"].append(url)

    def report(self) -> list[dict]:
        return list(self.traps.values())


def _repeats(segments: list[str]) -> int:
    """Largest number of consecutive repetitions of any run of 1–3 segments (/a/b/a/b/a/b → 3)."""
    best = 1
    n = len(segments)
    for size in (1, 2, 3):
        for start in range(n - size):
            run = segments[start : start + size]
            count, i = 1, start + size
            while segments[i : i + size] == run:
                count += 1
                i += size
            best = max(best, count)
    # The same segment scattered through a long path (/x/a/y/a/z/a) is the relative-link loop too.
    if n:
        best = max(best, max(Counter(segments).values()) - 1)
    return best
