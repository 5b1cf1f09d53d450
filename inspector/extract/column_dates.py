"""The date of one list line, as a person reads it: a text of its own that holds a date and nothing else.

A list line shows its date apart from its title: ``<span>2018-03-16</span>``, ``[2018-03-22]``,
``(2018-03-07)``, ``[ 03-20 ]`` split over three lines, ``时 间：2018-02-09``, a date span inside the
title link (``<a><span>标题</span><span>2018年03月20日</span></a>``). A date written *inside* the title
text (``国台办新闻发布会辑录（2018-02-28）``, ``大雾黄色预警(2018.3.8)``, a ticker's ``标题[2018.03.20]``)
is part of the title, never the list date. A date with a weekday (``3月26日 周一 9:30``) belongs to
a calendar or to the header's "today is …", not to a publication.

Year-less dates (``[03-15]``) get their year from ``inspector.extract.dates.resolve_yearless``: the
item's own URL first (``t20160712_…``), else the reference day. Down a list sorted newest first,
once two lines above are in order, the reference day is the line above (a month/day later than it
belongs to the year before: ``[09-15] [05-11] [12-21]`` is 2017-09-15, 2017-05-11, 2016-12-21).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from inspector.extract.dates import normalize_text, resolve_yearless
from inspector.model import ColumnItem, DateEvidence

_OPEN = "[(（【〔［<《"
_CLOSE = "])）】〕］>》"
# A label in front of the date: 时间： 时 间： 日期： 发布时间： 发布日期： 更新时间： 发文日期：
_LABEL = re.compile(r"^(?:发\s*布|更\s*新|发\s*文|发\s*表|公\s*开|成\s*文)?\s*(?:时\s*间|日\s*期)\s*[:：]?\s*")
_OTHER_EVENT = re.compile(r"截止|结束|开始|有效期|受理|答复|回复|办结|留言|访问|浏览|生成")
_WEEKDAY = re.compile(r"星期|周[一二三四五六日天]|礼拜|今天|今日")
_TIME = r"(?:\s*(?:[01]?\d|2[0-3])[:：][0-5]\d(?:[:：][0-5]\d)?)?"
_FULL = re.compile(
    r"^(?P<y>(?:19|20)\d\d)\s*(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})" + _TIME + r"$"
    r"|^(?P<cy>(?:19|20)\d\d)\s*年\s*(?P<cm>\d{1,2})\s*月\s*(?P<cd>\d{1,2})\s*日" + _TIME + r"$"
)
# A two-digit year is read only in full ``18-03-20`` form (never ``03-20-18``).
_YY = re.compile(r"^(?P<y>\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)" + _TIME + r"$")
_SHORT = re.compile(
    r"^(?P<m>\d{1,2})\s*(?P<sep>[-/.])\s*(?P<d>\d{1,2})" + _TIME + r"$"
    r"|^(?P<cm>\d{1,2})\s*月\s*(?P<cd>\d{1,2})\s*日" + _TIME + r"$"
)
MAX_DATE_TEXT = 40


@dataclass(frozen=True)
class ShownDate:
    """A date-only text: a full date, or a month/day whose year is still to be found."""

    raw: str
    month: int
    day: int
    year: int | None = None

    @property
    def full(self) -> date | None:
        if self.year is None:
            return None
        try:
            return date(self.year, self.month, self.day)
        except ValueError:
            return None


def shown_date(text: str) -> ShownDate | None:
    """The date of a text that holds a date and nothing else (brackets, a 时间： label and a time allowed)."""
    raw = " ".join((text or "").split())
    if not raw or len(raw) > MAX_DATE_TEXT or not any(ch.isdigit() for ch in raw):
        return None
    t = normalize_text(raw).strip()
    if _WEEKDAY.search(t) or _OTHER_EVENT.search(t):
        return None
    t = t.strip(" ·•|")
    while t and t[0] in _OPEN:
        t = t[1:].strip()
    while t and t[-1] in _CLOSE:
        t = t[:-1].strip()
    t = _LABEL.sub("", t, count=1).strip()
    m = _FULL.match(t)
    if m:
        if m["y"]:
            y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        else:
            y, mo, d = int(m["cy"]), int(m["cm"]), int(m["cd"])
        found = ShownDate(raw=raw, month=mo, day=d, year=y)
        return found if found.full is not None else None
    m = _YY.match(t)
    if m:
        found = ShownDate(raw=raw, month=int(m["m"]), day=int(m["d"]), year=2000 + int(m["y"]))
        return found if found.full is not None else None
    m = _SHORT.match(t)
    if m:
        mo, d = (int(m["m"]), int(m["d"])) if m["m"] else (int(m["cm"]), int(m["cd"]))
        if m["m"] and m["sep"] == "." and len(m["m"]) == 1 and len(m["d"]) == 1:
            return None  # "3.5" is a number more often than a date
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return ShownDate(raw=raw, month=mo, day=d)
    return None


def resolve_run(
    shown: list[tuple[ShownDate, str | None]], reference_day: date, page_url: str
) -> list[DateEvidence | None]:
    """Dates of one list's lines, top to bottom: (shown date, item URL) → evidence with provenance.

    Full dates are taken as shown. A year-less date is resolved by ``resolve_yearless`` with the
    item URL; without a URL date, the reference is the line above once the lines above (at least
    two) are in newest-first order, else ``reference_day``.
    """
    out: list[DateEvidence | None] = []
    values: list[date] = []
    for sd, item_url in shown:
        full = sd.full
        if full is not None:
            ev = DateEvidence(value=full, source="list_line", raw=sd.raw, url=page_url)
        else:
            reference = reference_day
            if len(values) >= 2 and all(a >= b for a, b in zip(values, values[1:])) and values[-1] <= reference_day:
                reference = values[-1]
            resolved = resolve_yearless(sd.month, sd.day, reference, item_url)
            if resolved is None:
                resolved = resolve_yearless(sd.month, sd.day, reference_day, item_url)
            if resolved is None:
                out.append(None)
                continue
            ev = DateEvidence(value=resolved[0], source="list_line", raw=sd.raw, year_implied=True, url=page_url)
        out.append(ev)
        values.append(ev.value)
    return out


def newest_reading(items: list[ColumnItem], today: date) -> date | None:
    """The newest date any reading of the items' shown dates allows (on or before ``today``).

    A year-less date resolved against the reference day is the latest it can be, so a staleness
    verdict on it stands; one resolved down a list (``resolve_run``'s order rule) may be a year too
    early when the list is not sorted. This re-reads each year-less date on its own (item URL, then
    ``today``): when the result is newer than the column's newest date, the order rule decided.
    """
    best: date | None = None
    for item in items:
        d = item.date
        if d is None:
            continue
        value = d.value
        if d.year_implied:
            shown = shown_date(d.raw)
            again = resolve_yearless(shown.month, shown.day, today, item.url) if shown else None
            if again is not None and again[0] <= today:
                value = max(value, again[0])
        if value <= today and (best is None or value > best):
            best = value
    return best
