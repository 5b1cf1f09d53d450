"""Dates with provenance: every date we read says where it came from, and which one won.

Government pages carry several dates that disagree, and picking the wrong one makes a fresh
column look stale (or hides a stale one). ``page_dates`` reads every layer and keeps all it saw; the
winner is, in this order (``TRUST``):

1. ``publish_label`` — a visible label (发布时间 / 发布日期 / 发表时间 first, then 发文日期 / 成文日期 /
   印发日期 / 生成日期, then a bare 时间： / 日期：); the first label of the strongest kind wins. Labels of
   other things (留言时间, 答复时间, 页面生成时间 …) are not read. A label's date may lack its century
   ("18-03-08") or its year ("09-30": the year of a machine date with the same month/day, else
   ``resolve_yearless``).
2. ``meta_pubdate`` — the TRS/Hanweb meta (``firstpublishedtime`` before ``PubDate`` and friends). PubDate
   is often the CMS *regeneration* time (five years off on a real Jiangxi page), so it only wins when no
   visible label exists. These two are our own rules: when they speak, htmldate is not asked.
3. ``dateline`` — the unlabelled date under the title (``dates_body``: "2024-05-09 22:30·新华社",
   "12.01.2022"): what the reader sees, so it wins over the machine-readable dates below (on the
   benchmark, every time the two disagreed the dateline was the page's date).
4. ``jsonld`` > ``meta_published`` > ``time_element`` — structured metadata (``dates_meta``): JSON-LD
   ``datePublished``, ``article:published_time``/``og:…``/``itemprop``/``name=date``/``release_date``, a
   ``<time>`` marked as publication. An instant with an offset is converted to CST on a Chinese page.
5. ``url_path`` — /202405/t20240506_1.html, /2024-05/06/, /2024/05/06/. A URL date that is one reading of a
   structured date (±1 day for a UTC stamp) wins over it: it is the publisher's own day.
6. ``htmldate`` — the library (``dates_htmldate``), asked only when nothing above spoke, and kept only for
   a day the page shows (in its text or a machine date), never the header's "today".
7. ``body_text`` — only when the caller asks (``body_fallback=True``): running text names many dates.

``header_today`` (a header line such as "2023年10月11日 星期三" or "今天是…") and ``meta_modified`` are
recorded so a report can explain them, and never chosen. Home and index pages (``is_index_url``) get no
dateline or htmldate date: a page of lists has no publication date of its own. A date after ``as_of`` is kept
as evidence but chosen only when no other candidate exists, because a future publish date is itself a
finding (forged or mistyped dates).

Year-less list dates ("[03-15]") get their year from ``resolve_yearless`` (the item URL, else the page's own
date with the not-in-the-future rule).
"""

from __future__ import annotations

import re
from datetime import date

from inspector.model import DateEvidence, DateSource

# Full-width forms common in Chinese CMS output: ２０２４－０５－０６ １０：３０
_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９：－／．　［］【】（）",
    "0123456789:-/. [][]()",
)

_TIME = r"(?:[\sT\-]*(?P<h>[01]?\d|2[0-3])[:时](?P<mi>[0-5]\d)(?:[:分](?P<s>[0-5]\d))?)?"
# 2024-05-06, 2024/5/6, 2024.05.06, 2024年5月6日, 2024 年 05 月 06 日, 2007-08-20-23:59:59
FULL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*(?P<sep>[-/.年])\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?" + _TIME
)
# [05-06], 05-06, 5月6日, 05/06, (05.06): the year is implied
SHORT_DATE = re.compile(r"(?<![\d.\-/])(?P<m>\d{1,2})\s*(?P<sep>[-/.月])\s*(?P<d>\d{1,2})(?![\d.\-/])\s*日?" + _TIME)
_COMPACT = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)")

# URL path dates: /202405/t20240506_1.html · /2024-05/06/content_1.htm · /2024/05/06/ · /20240506/
_URL_PATTERNS = (
    re.compile(r"/t(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)_"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)/"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)/"),
)

# Publish labels by strength: a lower rank wins over a higher one.
LABELS: dict[str, int] = {
    "发布时间": 0,
    "发布日期": 0,
    "发表时间": 0,
    "发表日期": 0,
    "发表于": 0,
    "发稿时间": 0,
    "公开日期": 0,
    "发文日期": 1,
    "成文日期": 1,
    "印发日期": 1,
    "生成日期": 1,
    "发文时间": 1,
    "时间": 2,
    "日期": 2,
    "更新时间": 2,
}
# Labels of other events: never publish dates (message boards, page generation, visits).
_OTHER_EVENT = re.compile(r"(留言|答复|回复|办结|受理|提问|访问|浏览|开始|结束|截止|生成时间|有效)\s*(时间|日期)")
_LABEL_RE = re.compile(r"(?P<label>" + "|".join(sorted(LABELS, key=len, reverse=True)) + r")\s*(?P<colon>[:：]?)\s*")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_HEADER_TODAY = re.compile(
    r"(今天是|今日|当前日期|现在是)|星期[一二三四五六日天]|周[一二三四五六日]|礼拜[一二三四五六日天]"
)

# The Chinese CMS (TRS, Hanweb …) publication meta. Open Graph / article:published_time and the other
# structured tags are read by ``dates_meta`` as their own layer.
META_DATE_NAMES = (
    "firstpublishedtime",
    "PubDate",
    "pubdate",
    "publishdate",
    "PublishDate",
    "OriginalPublishDate",
)


def normalize_text(text: str) -> str:
    """Full-width digits and punctuation → ASCII, non-breaking spaces → spaces."""
    return text.translate(_FULLWIDTH).replace("\xa0", " ")


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _time_of(match: re.Match[str]) -> str | None:
    if match.group("h") is None:
        return None
    t = f"{int(match.group('h')):02d}:{match.group('mi')}"
    return t + (f":{match.group('s')}" if match.group("s") else "")


def implied_year(month: int, day: int, as_of: date) -> date | None:
    """The latest month/day not after ``as_of`` (a list line "[05-06]" read on 2024-03-01 is 2023-05-06)."""
    for year in range(as_of.year, as_of.year - 8, -1):
        candidate = _valid(year, month, day)
        if candidate is not None and candidate <= as_of:
            return candidate
    return None


# Item URL dates that can lend a year to a list line "[03-15]": a full date or a year and month.
_URL_YEAR_MONTH = (
    re.compile(r"(?<!\d)t?(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?=[_./-]|$)"),  # t20120510_1, /20120510/
    re.compile(r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?=/)"),  # /2012/05/10/, /2012-05/10/
    re.compile(r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>[01]?\d)(?=/)"),  # /2012/05/, /2012-05/
    re.compile(r"/(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?=/)"),  # /201205/
)
YEARLESS_URL_WINDOW_DAYS = 45


def _url_year_month(url: str) -> tuple[int, int, int | None] | None:
    """(year, month, day or None) of the first date-like segment of a URL path."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    path = path.split("://", 1)[-1]
    path = path[path.find("/") :] if "/" in path else ""
    for pattern in _URL_YEAR_MONTH:
        for m in pattern.finditer(path):
            y, mo = int(m["y"]), int(m["m"])
            day = int(m["d"]) if "d" in m.groupdict() and m["d"] else None
            if 1 <= mo <= 12 and (day is None or _valid(y, mo, day) is not None):
                return y, mo, day
    return None


def resolve_yearless(month: int, day: int, reference_day: date, item_url: str | None = None) -> tuple[date, str] | None:
    """The year of a list date shown without one (``[03-15]``, ``（03-15）``, ``02-21``), and how it was found.

    The rule, in order:

    1. **The item's own URL.** When the item's link carries a date (``t20120510_1.html``,
       ``/2012/05/10/``, ``/2012-05/10/``, ``/2012/05/``, ``/201205/``), the year is the one that
       puts month/day closest to that URL date, provided it lies within 45 days of it (a re-filed
       item may be dated a few days after its URL; an item at the turn of the year may show
       ``01-02`` under ``/201112/``). ``how`` is ``"item_url"``. The URL wins over the reference
       day even when the result is later than it: a page whose own date is older than the items it
       lists has a stale date, not future items.
    2. **The page's own date** (``reference_day``: the page's generation meta when trustworthy,
       else the crawl date). The year is the latest one that does not put the date after
       ``reference_day``: a month/day later than the reference belongs to the previous year
       (``12-30`` read on 2024-05-20 is 2023-12-30; ``02-29`` read on 2025-03-01 is 2024-02-29).
       ``how`` is ``"reference"``.

    Returns None when month/day is not a calendar day in any of the last eight years.
    Callers (the column map) mark the resulting ``DateEvidence`` ``year_implied=True``.
    """
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if item_url:
        found = _url_year_month(item_url)
        if found is not None:
            uy, um, ud = found
            anchor = date(uy, um, ud or 15)
            window = YEARLESS_URL_WINDOW_DAYS + (0 if ud else 16)
            best = None
            for y in (uy - 1, uy, uy + 1):
                cand = _valid(y, month, day)
                if cand is not None and abs((cand - anchor).days) <= window:
                    if best is None or abs((cand - anchor).days) < abs((best - anchor).days):
                        best = cand
            if best is not None:
                return best, "item_url"
    value = implied_year(month, day, reference_day)
    return (value, "reference") if value is not None else None


def find_full_dates(text: str) -> list[tuple[date, str, str | None, int]]:
    """All full dates in ``text``: (value, raw, time, offset)."""
    text = normalize_text(text)
    out = []
    for m in FULL_DATE.finditer(text):
        if m.group("sep") == "年" and "月" not in m.group(0):
            continue
        value = _valid(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if value is not None:
            out.append((value, m.group(0).strip(), _time_of(m), m.start()))
    return out


def parse_date_text(
    text: str, as_of: date, *, source: DateSource = "list_line", item_url: str | None = None
) -> DateEvidence | None:
    """One list line or label → a date with provenance, or None when it holds no date.

    Full dates are preferred; a month-day without a year (``[05-06]``, ``5月6日``) gets its year from
    ``resolve_yearless`` (the item's URL when given and agreeing, else the latest year that does
    not put it after ``as_of``) and is marked ``year_implied``.
    """
    if not text:
        return None
    norm = normalize_text(text)
    full = find_full_dates(norm)
    if full:
        value, raw, time, _ = full[0]
        return DateEvidence(value=value, source=source, raw=raw, time=time)
    compact = _COMPACT.search(norm)
    if compact:
        compact_day = _valid(int(compact["y"]), int(compact["m"]), int(compact["d"]))
        if compact_day is not None:
            return DateEvidence(value=compact_day, source=source, raw=compact.group(0))
    for m in SHORT_DATE.finditer(norm):
        if m.group("sep") == "月" and "日" not in m.group(0):
            continue  # "5月6" is too often a count ("5月6场")
        month, day = int(m.group("m")), int(m.group("d"))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        resolved = resolve_yearless(month, day, as_of, item_url)
        if resolved is not None:
            return DateEvidence(
                value=resolved[0], source=source, raw=m.group(0).strip(), time=_time_of(m), year_implied=True
            )
    return None


def url_date(url: str) -> DateEvidence | None:
    """A full date in a URL path (a month-only /202405/ is not a date)."""
    path = url.split("?", 1)[0]
    for pattern in _URL_PATTERNS:
        m = pattern.search(path)
        if m:
            value = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
            if value is not None:
                return DateEvidence(value=value, source="url_path", raw=m.group(0), url=url)
    return None


def meta_dates(meta: dict[str, str], url: str | None = None) -> list[DateEvidence]:
    out = []
    lowered = {k.lower(): (k, v) for k, v in meta.items()}
    seen: set[str] = set()
    for name in META_DATE_NAMES:
        key, content = lowered.get(name.lower(), (name, None))
        if not content or key in seen:
            continue
        seen.add(key)
        found = find_full_dates(content)
        if found:
            value, _, time, _ = found[0]
            out.append(DateEvidence(value=value, source="meta_pubdate", raw=f"{key}={content}", time=time, url=url))
    return out


# After a label only: "发布时间：18-03-08 23:16" (two-digit year) and "发布时间：09-30 22:46" (no year).
# A page may glue the time to the date ("18-03-0823:16": two spans with no space between them).
_GLUED = r"(?=\d{1,2}:\d\d|[^\d\-]|$)"
_LABEL_YY = re.compile(r"^\s*(?P<y>\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)" + _GLUED + _TIME)
_LABEL_MD = re.compile(r"^\s*(?P<m>[01]?\d)-(?P<d>[0-3]\d)" + _GLUED + _TIME)


def _short_label_date(rest: str, as_of: date, known: list[DateEvidence]) -> tuple[date, str, str | None, bool] | None:
    """(day, raw, time, year implied) of a label's date written without a four-digit year.

    A month/day takes the year of a machine-readable date of the page with the same month/day (the CMS
    wrote it in full in a meta tag), else the year-less rule against ``as_of`` (``resolve_yearless``)."""
    m = _LABEL_YY.match(rest)
    if m:
        value = _valid(2000 + int(m["y"]), int(m["m"]), int(m["d"]))
        if value is not None and value <= as_of:
            return value, m.group(0).strip(), _time_of(m), False
        return None
    m = _LABEL_MD.match(rest)
    if not m:
        return None
    month, day = int(m["m"]), int(m["d"])
    for e in known:
        if (e.value.month, e.value.day) == (month, day):
            return e.value, m.group(0).strip(), _time_of(m), False
    resolved = resolve_yearless(month, day, as_of)
    return (resolved[0], m.group(0).strip(), _time_of(m), True) if resolved else None


def _label_dates(
    text: str, url: str, as_of: date | None = None, known: list[DateEvidence] | None = None
) -> list[tuple[int, int, DateEvidence]]:
    """(rank, offset, evidence) for every publish label directly followed by a date."""
    out = []
    for m in _LABEL_RE.finditer(text):
        label = m.group("label")
        rank = LABELS[label]
        start = m.start()
        before = text[max(0, start - 4) : start]
        if _OTHER_EVENT.search(before + label):
            continue
        # a bare 时间/日期 needs a colon and must not end a longer word (留言时间, 页面生成时间)
        if rank == 2 and (not m.group("colon") or (before and _CJK.match(before[-1]))):
            continue
        rest = text[m.end() : m.end() + 40]
        found = find_full_dates(rest)
        implied = False
        if found and found[0][3] <= 2:  # the date must follow the label, not sit further on
            value, raw, time, _ = found[0]
        elif as_of is not None and (short := _short_label_date(rest, as_of, known or [])) is not None:
            value, raw, time, implied = short
        else:
            continue
        out.append(
            (
                rank,
                start,
                DateEvidence(
                    value=value,
                    source="publish_label",
                    raw=f"{label}{m.group('colon')}{raw}",
                    time=time,
                    year_implied=implied,
                    url=url,
                ),
            )
        )
    return out


def header_today_dates(text: str, url: str | None = None) -> list[tuple[int, DateEvidence]]:
    """Dates on a "today is …" header line: (line offset, evidence)."""
    out = []
    offset = 0
    for line in text.split("\n"):
        if len(line) <= 40 and _HEADER_TODAY.search(line):
            for value, _raw, time, _ in find_full_dates(line):
                out.append(
                    (
                        offset,
                        DateEvidence(value=value, source="header_today", raw=line.strip(), time=time, url=url),
                    )
                )
        offset += len(line) + 1
    return out


# Order of trust among the sources that may win (lower wins). Never chosen: header_today (the visiting day),
# meta_modified (a modification time: it only confirms a URL date), body_text unless the caller asks for it.
TRUST: dict[str, int] = {
    "publish_label": 0,
    "meta_pubdate": 1,
    "dateline": 2,
    "jsonld": 3,
    "meta_published": 4,
    "time_element": 5,
    "url_path": 6,
    "htmldate": 7,
    "body_text": 8,
}
SURE = ("publish_label", "meta_pubdate")  # our own rules: when one of these speaks, nothing else is asked
PRECEDENCE = (
    "publish_label > meta_pubdate (TRS/Hanweb: loses to a visible label) > dateline (the date shown under the "
    "title) > jsonld > meta_published > time_element > url_path > htmldate (asked only when nothing else "
    "spoke, and only for a day the page shows); a URL date that is one reading of a machine date (local, CST, "
    "±1 day for UTC) wins over it; header_today and meta_modified never win; dates after as_of only as a "
    "last resort; home and index pages get no dateline or htmldate date"
)


def choose(evidence: list[DateEvidence], as_of: date) -> DateEvidence | None:
    """The winner under ``TRUST``; dates after ``as_of`` only when nothing else exists."""
    ranked = [e for e in evidence if e.source in TRUST]
    for allow_future in (False, True):
        pool = [e for e in ranked if allow_future or e.value <= as_of]
        if pool:
            return min(pool, key=lambda e: TRUST[e.source])  # min is stable: first seen wins a tie
    return None


def page_dates(
    doc, url: str, as_of: date, *, body_fallback: bool = False
) -> tuple[list[DateEvidence], DateEvidence | None]:
    """All dates seen on a page with their provenance, and the one taken as its publish date.

    ``doc`` is an ``inspector.extract.html.ParsedHTML``. The layers, in order of trust: our Chinese-government
    rules (labels, TRS/Hanweb meta, header-today trap), structured metadata (``dates_meta``), the URL path,
    htmldate (``dates_htmldate``, only asked when nothing above spoke) and the dateline under the title
    (``dates_body``). See ``PRECEDENCE``.
    """
    from inspector.extract.dates_body import datelines
    from inspector.extract.dates_htmldate import htmldate_evidence
    from inspector.extract.dates_meta import is_chinese_page, structured_dates

    text = normalize_text(doc.visible_text or "")
    evidence: list[DateEvidence] = []
    today_lines = header_today_dates(text, url)
    evidence.extend(e for _, e in today_lines)
    structured = structured_dates(doc, url, is_chinese_page(doc, url))
    labels = sorted(_label_dates(text, url, as_of, [e for e, _ in structured]), key=lambda t: (t[0], t[1]))
    evidence.extend(e for _, _, e in labels)
    evidence.extend(meta_dates(doc.meta, url))
    evidence.extend(e for e, _ in structured)
    u = url_date(url)
    if u is not None:
        evidence.append(u)
    lines = text.split("\n")
    index_page = is_index_url(url)
    if not index_page:
        label_raws = [e.raw for _, _, e in labels]
        # a labelled line ("发布日期:2017-05-15") is the label's evidence, not a second, unlabelled one
        evidence.extend(d for d in datelines(doc, lines, url) if not any(raw in d.raw for raw in label_raws))
    if body_fallback or not evidence:
        header_raws = {e.raw for e in evidence if e.source == "header_today"}
        for value, raw, time, off in find_full_dates(text)[:5]:
            line_start = text.rfind("\n", 0, off) + 1
            line = text[line_start : text.find("\n", off) if text.find("\n", off) >= 0 else len(text)]
            if line.strip() in header_raws:
                continue
            evidence.append(DateEvidence(value=value, source="body_text", raw=raw, time=time, url=url))
    candidates = evidence if body_fallback else [e for e in evidence if e.source != "body_text"]
    winner = _decide(candidates, structured, as_of)
    if winner is None and not index_page:
        found = htmldate_evidence(doc, url, as_of, avoid={e.value for _, e in today_lines})
        if found is not None and _htmldate_shown(found, lines, structured):
            evidence.append(found)
            winner = found if found.value <= as_of else None
    return evidence, winner


_INDEX_NAME = re.compile(r"^(?:index|default|home|main)(?:_\d+)?\.\w+$", re.I)


def is_index_url(url: str) -> bool:
    """A site's home page or a directory index (``/``, ``/index.html``, ``/xwdt/index_2.shtml``): a page of
    lists, which has no publication date of its own; the weak layers (htmldate, the dateline) are not asked."""
    from urllib.parse import urlsplit

    try:
        path = urlsplit(url).path
    except ValueError:
        return False
    if urlsplit(url).scheme not in ("http", "https"):
        return False
    return path in ("", "/") or bool(_INDEX_NAME.match(path.rsplit("/", 1)[-1]))


def _htmldate_shown(found: DateEvidence, lines: list[str], structured: list) -> bool:
    """htmldate's day is one the page shows (in its visible text or a machine-readable publication date), not
    one it read only from links or scripts, nor a modification time it fell back on."""
    from inspector.extract.dates_body import shown_days

    published = [days for e, days in structured if e.source != "meta_modified"]
    return any(found.value in days for days in published) or found.value in shown_days(lines)


def _decide(candidates: list[DateEvidence], structured: list, as_of: date) -> DateEvidence | None:
    """``choose``, except that a URL date which is one reading of a machine date wins over that date: a
    ``2020-02-25T02:25Z`` story filed under ``/2020/02/24/`` was published on the 24th in its own zone."""
    winner = choose(candidates, as_of)
    if winner is None or winner.source not in ("jsonld", "meta_published", "time_element"):
        return winner
    readings: set[date] = set()
    for _, days in structured:
        readings |= days
    shown = [e for e in candidates if e.source == "url_path" and e.value <= as_of]
    return shown[0] if shown and shown[0].value in readings else winner
