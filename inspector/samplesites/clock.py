"""A controllable clock shared by every site of one simulated world.

Everything the sites call "today" (the header date, the clerk's answers, complaint status steps,
dynamically dated pages) reads this clock, so tests can move time in milliseconds instead of
waiting real working days.
"""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta

from inspector.timeutil import CST

# China has had no DST since 1991, so a fixed offset is exact and needs no tzdata.

WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def parse_when(value: str | datetime | date) -> datetime:
    """Accept ``2026-11-16``, ``2026-11-16T10:00``, ISO with offset, or date/datetime objects."""
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime(value.year, value.month, value.day, 10, 0)
    else:
        text = value.strip()
        dt = datetime.fromisoformat(text) if ("T" in text or " " in text) else datetime.fromisoformat(text + "T10:00")
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=CST)
    return dt.astimezone(CST)


class SimClock:
    """Thread-safe simulated wall clock in Asia/Shanghai time.  It does not tick by itself:
    time only moves through :meth:`advance` / :meth:`set`, which keeps tests deterministic."""

    def __init__(self, start: str | datetime | date = "2026-11-16T10:00") -> None:
        self._lock = threading.Lock()
        self._now = parse_when(start)
        self.start = self._now

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def today(self) -> date:
        return self.now().date()

    def advance(self, days: float = 0, hours: float = 0, minutes: float = 0) -> datetime:
        with self._lock:
            self._now = self._now + timedelta(days=days, hours=hours, minutes=minutes)
            return self._now

    def set(self, when: str | datetime | date) -> datetime:
        with self._lock:
            self._now = parse_when(when)
            return self._now

    def header_text(self) -> str:
        """The 'today' line of a government page header, e.g. 2026年11月16日 星期一."""
        d = self.today()
        return f"{d.year}年{d.month}月{d.day}日 {WEEKDAYS_ZH[d.weekday()]}"

    def as_dict(self) -> dict[str, str]:
        n = self.now()
        return {"now": n.isoformat(), "today": n.date().isoformat(), "weekday": WEEKDAYS_ZH[n.weekday()]}
