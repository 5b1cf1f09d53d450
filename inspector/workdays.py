"""Chinese working days: the State Council holiday arrangements (放假 and 调休上班) as data.

The table ``inspector/data/cn_workdays.toml`` covers the years the State Council has announced
(2004–2026 today; regenerate with ``scripts/gen_workdays.py``).  A date outside the table cannot be
judged exactly: make-up Saturdays are only known once the notice is out.  Such a date is never a crash
and never a silent guess — every function falls back to Mon–Fri and emits a
:class:`CalendarBeyondRange` warning, and :func:`latency` flags its result ``approximate=True``.

Counting convention (the one reply-time rules use: "within N working days of receipt"):
``working_days_between(start, end)`` counts the working days *after* the start day, up to and
*including* the end day.  A message left on Friday and answered on Monday took 1 working day; one
answered the same day took 0.  Times of day are ignored; dates are read in the site's own time.
"""

from __future__ import annotations

import tomllib
import warnings
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "cn_workdays.toml"


class CalendarBeyondRange(UserWarning):
    """A date outside the official holiday table: working days were counted Mon–Fri (approximate)."""


@dataclass(frozen=True)
class HolidayTable:
    first_year: int
    last_year: int
    days_off: dict[date, str]  # official days off, including weekends inside a holiday span
    makeup_workdays: dict[date, str]  # weekend days worked in lieu (调休上班)


@dataclass(frozen=True)
class Latency:
    """How long something took, in calendar and working days (see the module's convention)."""

    start: date
    end: date
    calendar_days: int
    working_days: int
    approximate: bool = False  # a date lies beyond the table: working days counted Mon–Fri

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "calendar_days": self.calendar_days,
            "working_days": self.working_days,
            "approximate": self.approximate,
        }


@lru_cache(maxsize=1)
def table() -> HolidayTable:
    try:
        data = tomllib.loads(TABLE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuntimeError(f"holiday table missing: {TABLE}; run scripts/gen_workdays.py") from None
    off: dict[date, str] = {}
    work: dict[date, str] = {}
    for year in data.get("years", {}).values():
        off.update({date.fromisoformat(k): v for k, v in year.get("off", {}).items()})
        work.update({date.fromisoformat(k): v for k, v in year.get("work", {}).items()})
    return HolidayTable(int(data["first_year"]), int(data["last_year"]), off, work)


def _day(d: date | datetime) -> date:
    return d.date() if isinstance(d, datetime) else d


def coverage(d: date | datetime) -> bool:
    """Whether the official table covers this date's year."""
    t = table()
    return t.first_year <= _day(d).year <= t.last_year


def _warn_beyond(d: date) -> None:
    t = table()
    warnings.warn(
        CalendarBeyondRange(
            f"{d.isoformat()} is outside the official holiday table ({t.first_year}–{t.last_year}); "
            "working days counted Mon–Fri (approximate) — 节假日安排表未覆盖该日期，按周一至周五估算"
        ),
        stacklevel=3,
    )


def _is_workday(d: date) -> bool:
    t = table()
    if d in t.makeup_workdays:
        return True
    if d in t.days_off:
        return False
    return d.weekday() < 5


def is_workday(d: date | datetime) -> bool:
    day = _day(d)
    if not coverage(day):
        _warn_beyond(day)
    return _is_workday(day)


def holiday_name(d: date | datetime) -> str | None:
    """The holiday (or make-up day) a date belongs to, e.g. '春节 Spring Festival'."""
    t = table()
    day = _day(d)
    return t.days_off.get(day) or t.makeup_workdays.get(day)


def _count(start: date, end: date) -> int:
    if end <= start:
        return -_count(end, start) if end < start else 0
    n = 0
    d = start
    while d < end:
        d += timedelta(days=1)
        n += _is_workday(d)
    return n


def working_days_between(start: date | datetime, end: date | datetime) -> int:
    """Working days after ``start``'s day up to and including ``end``'s day (negative if end < start)."""
    s, e = _day(start), _day(end)
    beyond = next((d for d in (s, e) if not coverage(d)), None)
    if beyond is not None:
        _warn_beyond(beyond)
    return _count(s, e)


def add_working_days(d: date | datetime, n: int) -> date:
    """The n-th working day after ``d`` (n ≥ 1), or ``d``'s day itself for n = 0; n < 0 goes back."""
    day = _day(d)
    step = 1 if n >= 0 else -1
    left = abs(n)
    warned = False
    while left:
        day += timedelta(days=step)
        if not warned and not coverage(day):
            _warn_beyond(day)
            warned = True
        left -= _is_workday(day)
    return day


def latency(start: date | datetime, end: date | datetime) -> Latency:
    """Calendar and working days from ``start`` to ``end``, flagged approximate beyond the table."""
    s, e = _day(start), _day(end)
    approximate = not (coverage(s) and coverage(e))
    if approximate:
        _warn_beyond(s if not coverage(s) else e)
    return Latency(s, e, (e - s).days, _count(s, e), approximate)
