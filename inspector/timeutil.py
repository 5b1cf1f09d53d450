"""Time convention: the inspection works in China Standard Time, as naive datetimes.

Government sites state times in local time without a zone; the rules count days in that calendar.
Aware datetimes from elsewhere (the crawler, the probe ledger) are converted at the boundary.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

CST = timezone(timedelta(hours=8), "Asia/Shanghai")


def cst_now() -> datetime:
    return datetime.now(CST).replace(tzinfo=None, microsecond=0)


def cst_naive(dt: datetime | None) -> datetime | None:
    if dt is None or dt.tzinfo is None:
        return dt
    return dt.astimezone(CST).replace(tzinfo=None)
