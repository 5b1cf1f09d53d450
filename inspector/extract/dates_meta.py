"""Structured publication dates: JSON-LD, ``<meta>`` published/modified tags, ``itemprop``, ``<time>``.

These are what a CMS writes for machines. They come after our own Chinese-government rules (a visible 发布时间
label, the TRS/Hanweb meta) and before htmldate. Every value is read as an instant: one with an offset
(``+08:00``, ``Z``, ``-05:00``) is converted to China Standard Time before the day is taken (a story stamped
``2024-05-12T20:00:00Z`` is shown in China on 2024-05-13); a value without an offset is taken as written.

That conversion is the rule for pages published in China (``is_chinese_page``: a Chinese page or a ``.cn``
host), whose publisher's day is the CST day. A foreign page's day is the day as written in its own offset
(the publisher's day, the one its readers see): converting ``2019-10-18T18:11+02:00`` to CST would give
the 19th to a story of the 18th.

Sources: ``jsonld`` (``datePublished``/``dateCreated``/``uploadDate`` of the page's article object),
``meta_published`` (``article:published_time``, ``og:…``, ``itemprop=datePublished``, ``name=date``,
``DC.date``, ``release_date`` …), ``time_element`` (a ``<time datetime>`` marked as the publication
time) and ``meta_modified`` (modification times: recorded, and used only to confirm a visible date).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from inspector.extract.dates import _CJK, find_full_dates
from inspector.extract.html import ParsedHTML, clean_text
from inspector.model import DateEvidence
from inspector.timeutil import CST

# An ISO-like instant: 2024-05-13T06:15:00+08:00, 2024-05-13 06:15, 2024-05-13T06:15:00.000Z, 2024/5/13 6:15
_ISO = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?!\d)"
    r"(?:[T\s]+(?P<H>[0-2]?\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d)(?:[.,]\d+)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-][01]\d:?[0-5]\d)?)?",
    re.I,
)
_COMPACT = re.compile(r"^(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?:T?(?P<H>[0-2]\d)(?P<M>[0-5]\d))?")
# 18.10.2019 17:08 (day first, as German, Russian … sites write it)
DAY_FIRST = re.compile(
    r"(?<![\d.])(?P<d>[0-3]?\d)\.\s?(?P<m>[01]?\d)\.\s?(?P<y>(?:19|20)\d\d)(?!\d)"
    r"(?:[,\s\-]+(?P<H>[0-2]?\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?)?"
)


@dataclass(frozen=True)
class Instant:
    """A date read from a machine-readable value: the CST day, the written (local) day, the time."""

    day: date  # China Standard Time day
    local_day: date  # the day as written (before any offset conversion)
    time: str | None  # HH:MM[:SS] in CST
    local_time: str | None = None  # HH:MM[:SS] as written
    utc: bool = False  # written in UTC (Z, +00:00): the publisher's own day may be one day either side

    def readings(self) -> frozenset[date]:
        """Every day this instant may be shown as: as written, in CST, and ±1 day when written in UTC."""
        days = {self.local_day, self.day}
        if self.utc:
            days |= {self.local_day - timedelta(days=1), self.local_day + timedelta(days=1)}
        return frozenset(days)


def _offset(tz: str) -> timezone | None:
    tz = tz.upper()
    if tz in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    try:
        return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))
    except ValueError:
        return None


def parse_instant(value: str | None) -> Instant | None:
    """An ISO-like or day-first date/time string → ``Instant`` (offsets converted to CST), else None."""
    if not value:
        return None
    text = value.strip()[:80]
    m = _ISO.search(text) or _COMPACT.match(text) or DAY_FIRST.search(text)
    if m is None:
        found = find_full_dates(text)
        if not found:
            return None
        day, _raw, time, _ = found[0]
        return Instant(day, day, time, time)
    groups = m.groupdict()
    try:
        local = datetime(int(groups["y"]), int(groups["m"]), int(groups["d"]))
    except ValueError:
        return None
    if groups.get("H") is None:
        return Instant(local.date(), local.date(), None)
    try:
        stamp = local.replace(hour=int(groups["H"]), minute=int(groups["M"]), second=int(groups.get("S") or 0))
    except ValueError:
        return Instant(local.date(), local.date(), None)
    seconds = bool(groups.get("S"))
    local_time = f"{stamp:%H:%M}" + (f":{stamp:%S}" if seconds else "")
    tz = _offset(groups["tz"]) if groups.get("tz") else None
    if tz is not None:
        stamp = stamp.replace(tzinfo=tz).astimezone(CST).replace(tzinfo=None)
    time = f"{stamp:%H:%M}" + (f":{stamp:%S}" if seconds else "")
    utc = tz is not None and tz.utcoffset(None) == timedelta(0)
    return Instant(stamp.date(), local.date(), time, local_time, utc)


# Meta names/properties (lower case) of a publication date. Learnt from htmldate's DATE_ATTRIBUTES, without
# the loose ones ("meta", "timestamp", "gentime": a Chinese CMS writes its regeneration time there) and the
# Chinese CMS names read by the TRS/Hanweb rule (PubDate, firstpublishedtime …).
PUBLISHED_NAMES = frozenset(
    {
        "article:published_time",
        "og:article:published_time",
        "article:published",
        "article:published_date",
        "article:publicationdate",
        "article:post_date",
        "article.published",
        "article.created",
        "article_date_original",
        "og:published_time",
        "og:article:published",
        "og:pubdate",
        "og:publish_date",
        "og:datepublished",
        "og:release_date",
        "og:time",
        "og:regdate",
        "apub:time",
        "datepublished",
        "date_published",
        "datecreated",
        "date_created",
        "dateposted",
        "date",
        "dc.date",
        "dc.date.issued",
        "dc.date.created",
        "dc.date.publication",
        "dc.created",
        "dc:date",
        "dc:created",
        "dcterms.created",
        "dcterms.date",
        "dcterms.issued",
        "citation_publication_date",
        "citation_date",
        "parsely-pub-date",
        "sailthru.date",
        "cxenseparse:recs:publishtime",
        "publish-date",
        "publish_date",
        "published-date",
        "published_date",
        "published_time",
        "publisheddate",
        "publication_date",
        "publish_time",
        "release_date",
        "video:release_date",
        "rnews:datepublished",
        "shareaholic:article_published_time",
        "twt-published-at",
        "vr:published_time",
        "vr:published-time",
        "displaydate",
        "dcsext.articlefirstpublished",
        "originalpublicationdate",
        "mediator_published_time",
        "bt:pubdate",
        "rbpubdate",
        "doc_date",
        "pdate",
        "ptime",
    }
)
MODIFIED_NAMES = frozenset(
    {
        "article:modified_time",
        "article:modified",
        "article:modified_date",
        "article:post_modified",
        "og:updated_time",
        "og:modified_time",
        "og:article:modified_time",
        "datemodified",
        "dateupdate",
        "dc.modified",
        "dcterms.modified",
        "modified_time",
        "updated_time",
        "lastmodified",
        "last-modified",
        "last_updated_date",
        "revision_date",
        "weibo: article:update_at",
        "utime",
    }
)
_ARTICLE_TYPES = re.compile(r"article|posting|report|news|blog|creativework|review|recipe|video|podcast|episode", re.I)
_JSONLD_PUBLISHED = ("datePublished", "dateCreated", "uploadDate")
_JSONLD_MODIFIED = ("dateModified",)
_JSONLD_RAW = re.compile(r'"(datePublished|dateCreated|uploadDate|dateModified)"\s*:\s*"([^"]{6,40})"')
_TIME_PUBLISHED_CLASS = re.compile(r"publish|posted|entry-date|post-date|pubdate|date-pub|article-date|created", re.I)
_TIME_MODIFIED_CLASS = re.compile(r"updated|modified", re.I)
MAX_JSONLD_CHARS = 200_000
MAX_JSON_NODES = 2000


Structured = tuple[DateEvidence, frozenset[date]]  # the evidence and every day it may be shown as


def _evidence(source: str, instant: Instant, raw: str, url: str | None, china: bool) -> Structured:
    if china:
        ev = DateEvidence(value=instant.day, source=source, raw=raw[:120], time=instant.time, url=url)  # type: ignore[arg-type]
        return ev, instant.readings()
    ev = DateEvidence(value=instant.local_day, source=source, raw=raw[:120], time=instant.local_time, url=url)  # type: ignore[arg-type]
    return ev, instant.readings()


def _walk(node: object, out: list[tuple[int, str, str]], budget: list[int], article: bool = False) -> None:
    """(is-article, key, value) for every date key in a JSON-LD value, depth-first, bounded."""
    budget[0] -= 1
    if budget[0] < 0:
        return
    if isinstance(node, list):
        for item in node:
            _walk(item, out, budget, article)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("@type")
    kinds = " ".join(kind) if isinstance(kind, list) else str(kind or "")
    is_article = bool(_ARTICLE_TYPES.search(kinds)) if kinds else article
    for key in _JSONLD_PUBLISHED + _JSONLD_MODIFIED:
        value = node.get(key)
        if isinstance(value, str):
            out.append((int(is_article), key, value))
    for key, value in node.items():
        if key not in _JSONLD_PUBLISHED and isinstance(value, (dict, list)):
            _walk(value, out, budget, is_article)


def jsonld_dates(doc: ParsedHTML, url: str | None = None, china: bool = True) -> list[Structured]:
    """``datePublished`` (article objects first) and ``dateModified`` of the page's JSON-LD."""
    found: list[tuple[int, str, str]] = []
    for node in doc.css('script[type="application/ld+json"]'):
        text = (node.text() or "")[:MAX_JSONLD_CHARS]
        if "date" not in text and "uploadDate" not in text:
            continue
        cleaned = text.strip().removeprefix("<!--").removesuffix("-->").strip()
        try:
            data = json.loads(cleaned, strict=False)
        except ValueError:
            found += [(0, k, v) for k, v in _JSONLD_RAW.findall(cleaned)]
            continue
        _walk(data, found, [MAX_JSON_NODES])
    found.sort(key=lambda t: -t[0])  # article objects first, document order otherwise (stable)
    out: list[Structured] = []
    seen: set[tuple[str, date]] = set()
    for _is_article, key, value in found:
        instant = parse_instant(value)
        if instant is None:
            continue
        source = "meta_modified" if key in _JSONLD_MODIFIED else "jsonld"
        if (source, instant.day) in seen:
            continue
        seen.add((source, instant.day))
        out.append(_evidence(source, instant, f"JSON-LD {key}={value}", url, china))
    return out


def meta_tag_dates(doc: ParsedHTML, url: str | None = None, china: bool = True) -> list[Structured]:
    """``<meta>`` name/property/itemprop publication and modification dates, in document order."""
    out: list[Structured] = []
    for node in doc.css("meta[content], meta[datetime]"):
        attrs = node.attributes
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").strip().lower()
        if not key:
            continue
        if key in PUBLISHED_NAMES:
            source = "meta_published"
        elif key in MODIFIED_NAMES:
            source = "meta_modified"
        else:
            continue
        value = attrs.get("content") or attrs.get("datetime") or ""
        instant = parse_instant(value)
        if instant is not None:
            out.append(_evidence(source, instant, f"{key}={value}", url, china))
    return out


def marked_element_dates(doc: ParsedHTML, url: str | None = None, china: bool = True) -> list[Structured]:
    """Elements marked as the publication time: ``itemprop=datePublished``, ``<time pubdate>``, ``<time
    class="published|entry-date…">``, and their modified counterparts."""
    out: list[Structured] = []
    for node in doc.css("[itemprop]:not(meta), time[datetime]"):
        attrs = node.attributes
        prop = (attrs.get("itemprop") or "").lower()
        klass = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        if prop in ("datepublished", "datecreated") or "pubdate" in attrs:
            source = "time_element"
        elif prop in ("datemodified", "dateupdate"):
            source = "meta_modified"
        elif node.tag == "time" and not prop and _TIME_MODIFIED_CLASS.search(klass):
            source = "meta_modified"
        elif node.tag == "time" and not prop and _TIME_PUBLISHED_CLASS.search(klass):
            source = "time_element"
        else:
            continue
        value = attrs.get("datetime") or attrs.get("content") or clean_text(node.text())[:60]
        instant = parse_instant(value)
        if instant is not None:
            out.append(_evidence(source, instant, f"<{node.tag} {prop or klass.strip()[:30]}>{value}", url, china))
    return out


CHINESE_MIN_CJK = 40  # CJK characters in the first 4000 characters of visible text


def is_chinese_page(doc: ParsedHTML, url: str | None) -> bool:
    """A page published in China: a host under .cn, a ``lang="zh…"`` page, or Chinese visible text."""
    from urllib.parse import urlsplit

    host = (urlsplit(url or "").hostname or "").lower()
    if host.endswith(".cn") or host == "cn":
        return True
    root = doc.tree.css_first("html")
    lang = ((root.attributes.get("lang") or root.attributes.get("xml:lang") or "") if root is not None else "").lower()
    if lang.startswith("zh"):
        return True
    return len(_CJK.findall((doc.visible_text or "")[:4000])) >= CHINESE_MIN_CJK


MAX_MARKED_DAYS = 2  # more distinct days among "published" <time> elements: a comment list, not the article


def structured_dates(doc: ParsedHTML, url: str | None = None, china: bool = True) -> list[Structured]:
    """All structured publication/modification dates of a page, JSON-LD first.

    ``china``: the page is published in China, so an instant with an offset is converted to CST before its
    day is taken; otherwise the day is the one written (the publisher's own day)."""
    marked = marked_element_dates(doc, url, china)
    if len({e.value for e, _ in marked if e.source == "time_element"}) > MAX_MARKED_DAYS:
        marked = [m for m in marked if m[0].source != "time_element"]
    return jsonld_dates(doc, url, china) + meta_tag_dates(doc, url, china) + marked
