import warnings
from datetime import date, datetime

import pytest

from inspector import workdays as wd

# 国务院办公厅关于2026年部分节假日安排的通知
NOTICE_2026_OFF = (
    [date(2026, 1, d) for d in (1, 2, 3)]
    + [date(2026, 2, d) for d in range(15, 24)]
    + [date(2026, 4, d) for d in (4, 5, 6)]
    + [date(2026, 5, d) for d in range(1, 6)]
    + [date(2026, 6, d) for d in (19, 20, 21)]
    + [date(2026, 9, d) for d in (25, 26, 27)]
    + [date(2026, 10, d) for d in range(1, 8)]
)
NOTICE_2026_WORK = [
    date(2026, 1, 4),
    date(2026, 2, 14),
    date(2026, 2, 28),
    date(2026, 5, 9),
    date(2026, 9, 20),
    date(2026, 10, 10),
]


@pytest.mark.parametrize("d", NOTICE_2026_OFF)
def test_2026_days_off(d):
    assert not wd.is_workday(d)


@pytest.mark.parametrize("d", NOTICE_2026_WORK)
def test_2026_makeup_saturdays_and_sundays(d):
    assert d.weekday() >= 5 and wd.is_workday(d)


def test_whole_2026_year_matches_the_notice():
    t = wd.table()
    off_2026 = {d for d in t.days_off if d.year == 2026}
    work_2026 = {d for d in t.makeup_workdays if d.year == 2026}
    assert off_2026 == set(NOTICE_2026_OFF) and work_2026 == set(NOTICE_2026_WORK)


def test_table_covers_2004_to_2026():
    assert wd.coverage(date(2004, 1, 1)) and wd.coverage(date(2026, 12, 31)) and not wd.coverage(date(2027, 1, 1))
    assert wd.holiday_name(date(2019, 10, 1)).startswith("国庆节")


def test_counting_convention():
    assert wd.working_days_between(date(2026, 11, 13), date(2026, 11, 13)) == 0  # same day
    assert wd.working_days_between(datetime(2026, 11, 13, 17), datetime(2026, 11, 16, 9)) == 1  # Fri → Mon
    assert wd.working_days_between(date(2026, 9, 30), date(2026, 10, 9)) == 2  # 国庆: Oct 8, 9 only
    assert wd.working_days_between(date(2026, 10, 9), date(2026, 10, 10)) == 1  # 调休 Saturday counts
    assert wd.working_days_between(date(2026, 11, 16), date(2026, 11, 13)) == -1


def test_add_working_days_inverts_counting():
    start = date(2026, 2, 10)
    for n in range(30):
        end = wd.add_working_days(start, n)
        assert wd.working_days_between(start, end) == n
    assert wd.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)  # the 调休 Saturday
    assert wd.add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 24)  # then the whole Spring Festival


def test_known_spring_festival_2019():
    # tipdm-era dates: 2019-02-02 (Sat) and 02-03 (Sun) were 调休 working days; 02-04..02-10 off.
    assert wd.is_workday(date(2019, 2, 2)) and wd.is_workday(date(2019, 2, 3))
    assert not any(wd.is_workday(date(2019, 2, d)) for d in range(4, 11))


def test_beyond_table_warns_and_flags_approximate():
    with pytest.warns(wd.CalendarBeyondRange, match="outside the official holiday table"):
        assert wd.is_workday(date(2027, 1, 1))  # a Friday: Mon–Fri fallback, not a silent 元旦 guess
    with pytest.warns(wd.CalendarBeyondRange):
        lat = wd.latency(datetime(2026, 12, 30, 9), datetime(2027, 1, 4, 9))
    assert lat.approximate and lat.calendar_days == 5 and lat.working_days == 3


def test_inside_table_is_silent_and_exact():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lat = wd.latency(date(2026, 9, 18), date(2026, 10, 9))
    assert (lat.working_days, lat.calendar_days, lat.approximate) == (10, 21, False)
