"""Private working-day table for the simulated sites (2025–2026).

The project's real calendar module is built elsewhere; the sample sites keep their own tiny copy so
the test world does not depend on it.  Values follow the State Council holiday notices and were
cross-checked against the ``chinese_calendar`` package (see tests/samplesites/test_workdays.py).
Outside 2025–2026 only weekends are treated as days off.
"""

from __future__ import annotations

from datetime import date, timedelta


def _span(y: int, m: int, d1: int, d2: int) -> set[date]:
    return {date(y, m, d) for d in range(d1, d2 + 1)}


# Official days off that would otherwise be working days or weekends (whole holiday spans).
HOLIDAYS: frozenset[date] = frozenset(
    {date(2025, 1, 1)}
    | _span(2025, 1, 28, 31) | _span(2025, 2, 1, 4)          # 春节
    | _span(2025, 4, 4, 6)                                   # 清明
    | _span(2025, 5, 1, 5)                                   # 劳动节
    | {date(2025, 5, 31), date(2025, 6, 1), date(2025, 6, 2)}  # 端午
    | _span(2025, 10, 1, 8)                                  # 国庆 + 中秋
    | _span(2026, 1, 1, 3)                                   # 元旦
    | _span(2026, 2, 15, 23)                                 # 春节
    | _span(2026, 4, 4, 6)                                   # 清明
    | _span(2026, 5, 1, 5)                                   # 劳动节
    | _span(2026, 6, 19, 21)                                 # 端午
    | _span(2026, 9, 25, 27)                                 # 中秋
    | _span(2026, 10, 1, 7)                                  # 国庆
)

# Weekend days that are official working days (调休上班).
MAKEUP_WORKDAYS: frozenset[date] = frozenset({
    date(2025, 1, 26), date(2025, 2, 8), date(2025, 4, 27), date(2025, 9, 28), date(2025, 10, 11),
    date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9),
    date(2026, 9, 20), date(2026, 10, 10),
})


def is_workday(d: date) -> bool:
    if d in MAKEUP_WORKDAYS:
        return True
    if d in HOLIDAYS:
        return False
    return d.weekday() < 5


def add_workdays(start: date, n: int) -> date:
    """The n-th working day strictly after ``start`` (n >= 1); ``start`` itself never counts."""
    d = start
    count = 0
    while count < n:
        d += timedelta(days=1)
        if is_workday(d):
            count += 1
    return d


def workdays_between(start: date, end: date) -> int:
    """Working days in (start, end]: how many working days a reply dated ``end`` took."""
    if end <= start:
        return 0
    n = 0
    d = start
    while d < end:
        d += timedelta(days=1)
        if is_workday(d):
            n += 1
    return n
