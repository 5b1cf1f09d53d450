"""Dates with provenance: every date we read says where it came from, and which one won.

Government pages carry several dates that disagree, and picking the wrong one makes a fresh
column look stale (or hides a stale one). The precedence used by ``page_dates`` is:

1. ``publish_label`` — a visible label on the page (发布时间 / 发布日期 / 发表时间 first, then
   发文日期 / 成文日期 / 印发日期 / 生成日期, then a bare 时间： / 日期：); the first label of the
   strongest kind wins. Labels of other things (留言时间, 答复时间, 页面生成时间 …) are not read.
2. ``meta_pubdate`` — ``firstpublishedtime`` before ``PubDate`` and friends. Meta PubDate is often
   the CMS *regeneration* time (five years off on a real Jiangxi page), so it only wins when
   no visible label exists.
3. ``url_path`` — /202405/t20240506_1.html, /2024-05/06/, /2024/05/06/: a last resort; the item may
   have been re-filed later than the list date says.
4. ``body_text`` — only when the caller asks (``body_fallback=True``): running text names many dates.

``header_today`` (a header line such as "2023年10月11日 星期三" or "今天是…") is recorded so a
report can explain why it was ignored, and is never chosen. A date after ``as_of`` is kept as
evidence but chosen only when no other candidate exists, because a future publish date is itself a
finding (forged or mistyped dates).
"""

from __future__ import annotations

import re
from datetime import date

from inspector.model import DateEvidence

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

META_DATE_NAMES = (
    "firstpublishedtime",
    "PubDate",
    "pubdate",
    "publishdate",
    "PublishDate",
    "article:published_time",
    "og:article:published_time",
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
    text: str, as_of: date, *, source: str = "list_line", item_url: str | None = None
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
        value = _valid(int(compact["y"]), int(compact["m"]), int(compact["d"]))
        if value is not None:
            return DateEvidence(value=value, source=source, raw=compact.group(0))
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


def _label_dates(text: str, url: str) -> list[tuple[int, int, DateEvidence]]:
    """(rank, offset, evidence) for every publish label directly followed by a full date."""
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
        if not found or found[0][3] > 2:  # the date must follow the label, not sit further on
            continue
        value, raw, time, _ = found[0]
        out.append(
            (
                rank,
                start,
                DateEvidence(
                    value=value,
                    source="publish_label",
                    raw=f"{label}{m.group('colon')}{raw}",
                    time=time,
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


def choose(evidence: list[DateEvidence], as_of: date) -> DateEvidence | None:
    """The winner under the module's precedence; dates after ``as_of`` only when nothing else exists."""
    order = {"publish_label": 0, "meta_pubdate": 1, "url_path": 2, "body_text": 3}
    ranked = [e for e in evidence if e.source in order]
    for allow_future in (False, True):
        pool = [e for e in ranked if allow_future or e.value <= as_of]
        if pool:
            return min(pool, key=lambda e: order[e.source])  # min is stable: first seen wins a tie
    return None


def page_dates(
    doc, url: str, as_of: date, *, body_fallback: bool = False
) -> tuple[list[DateEvidence], DateEvidence | None]:
    """All dates seen on a page with their provenance, and the one taken as its publish date.

    ``doc`` is an ``inspector.extract.html.ParsedHTML``.
    """
    text = normalize_text(doc.visible_text or "")
    evidence: list[DateEvidence] = []
    today_lines = header_today_dates(text, url)
    evidence.extend(e for _, e in today_lines)
    labels = sorted(_label_dates(text, url), key=lambda t: (t[0], t[1]))
    evidence.extend(e for _, _, e in labels)
    evidence.extend(meta_dates(doc.meta, url))
    u = url_date(url)
    if u is not None:
        evidence.append(u)
    if body_fallback or not evidence:
        header_raws = {e.raw for e in evidence if e.source == "header_today"}
        for value, raw, time, off in find_full_dates(text)[:5]:
            line_start = text.rfind("\n", 0, off) + 1
            line = text[line_start : text.find("\n", off) if text.find("\n", off) >= 0 else len(text)]
            if line.strip() in header_raws:
                continue
            evidence.append(DateEvidence(value=value, source="body_text", raw=raw, time=time, url=url))
    candidates = evidence if body_fallback else [e for e in evidence if e.source != "body_text"]
    return evidence, choose(candidates, as_of)
