import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rembug.core.calendar import (
    WorkingCalendar,
    due_after_working_days,
    is_working_day,
    national_holiday_name,
    working_days_add,
    working_days_between,
    working_hours_add,
)
from rembug.core.models import GovernmentDayOff

WIB = dt.timezone(dt.timedelta(hours=7))
CALENDAR = WorkingCalendar(days_off=frozenset({dt.date(2026, 11, 27)}))
dates = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31))


def test_it_skips_weekends():
    friday = dt.date(2026, 11, 20)
    assert working_days_add(friday, 1, None) == dt.date(2026, 11, 23)
    assert not is_working_day(dt.date(2026, 11, 21), None)


def test_it_skips_national_holidays_and_national_cuti_bersama():
    assert not is_working_day(dt.date(2026, 8, 17), None)  # Hari Kemerdekaan
    assert not is_working_day(dt.date(2026, 3, 20), None)  # cuti bersama Idulfitri
    assert national_holiday_name(dt.date(2026, 8, 17)) is not None
    # Idulfitri 2026: 18 March (Wednesday) off, then 19-24 March are holidays or weekend.
    assert working_days_add(dt.date(2026, 3, 17), 1, None) == dt.date(2026, 3, 25)


@pytest.mark.django_db
def test_it_skips_the_governments_own_days_off(government, other_government):
    monday = dt.date(2026, 11, 23)
    GovernmentDayOff.objects.create(
        government=government, date=dt.date(2026, 11, 24), name="HUT Kota"
    )
    assert not is_working_day(dt.date(2026, 11, 24), government)
    assert is_working_day(dt.date(2026, 11, 24), other_government)
    assert working_days_add(monday, 1, government) == dt.date(2026, 11, 25)
    assert working_days_between(monday, dt.date(2026, 11, 27), government) == 3


@pytest.mark.django_db
def test_due_after_working_days_ends_on_the_local_day(government):
    # 23:30 UTC on Friday is already Saturday 06:30 in WIB: counting starts from Saturday.
    start = dt.datetime(2026, 11, 20, 23, 30, tzinfo=dt.UTC)
    due = due_after_working_days(start, 1, government)
    assert due.astimezone(WIB).date() == dt.date(2026, 11, 23)
    assert (due.astimezone(WIB).hour, due.astimezone(WIB).minute) == (23, 59)


def test_working_hours_skip_the_weekend():
    friday_afternoon = dt.datetime(2026, 11, 20, 15, 0, tzinfo=WIB)
    assert working_hours_add(friday_afternoon, 24, None) == dt.datetime(
        2026, 11, 23, 15, 0, tzinfo=WIB
    )
    assert working_hours_add(friday_afternoon, 72, None) == dt.datetime(
        2026, 11, 25, 15, 0, tzinfo=WIB
    )


def test_working_hours_started_on_a_weekend_begin_on_monday():
    saturday = dt.datetime(2026, 11, 21, 10, 0, tzinfo=WIB)
    assert working_hours_add(saturday, 24, None) == dt.datetime(2026, 11, 24, 0, 0, tzinfo=WIB)


def test_between_is_negative_backwards():
    assert working_days_between(dt.date(2026, 11, 27), dt.date(2026, 11, 23), None) == -4


def test_negative_counts_are_refused():
    with pytest.raises(ValueError, match="forward"):
        working_days_add(dt.date(2026, 11, 23), -1, None)


@given(start=dates, days=st.integers(min_value=0, max_value=80))
@settings(max_examples=150, deadline=None)
def test_property_result_is_a_working_day(start, days):
    assert CALENDAR.is_working_day(CALENDAR.add(start, days))


@given(start=dates, days=st.integers(min_value=1, max_value=80))
@settings(max_examples=150, deadline=None)
def test_property_adding_then_counting_gives_the_same_number(start, days):
    assert CALENDAR.between(start, CALENDAR.add(start, days)) == days


@given(start=dates, days=st.integers(min_value=0, max_value=60), more=st.integers(0, 20))
@settings(max_examples=150, deadline=None)
def test_property_monotonic_in_days(start, days, more):
    assert CALENDAR.add(start, days) <= CALENDAR.add(start, days + more)


@given(start=dates, later=st.integers(0, 30), days=st.integers(0, 40))
@settings(max_examples=150, deadline=None)
def test_property_monotonic_in_start(start, later, days):
    assert CALENDAR.add(start, days) <= CALENDAR.add(start + dt.timedelta(days=later), days)


@given(
    start=st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2027, 1, 1)),  # noqa: DTZ001
    hours=st.integers(min_value=1, max_value=24 * 10),
)
@settings(max_examples=100, deadline=None)
def test_property_hours_land_on_a_working_day_after_the_start(start, hours):
    aware = start.replace(tzinfo=WIB)
    due = CALENDAR.working_hours_add(aware, hours)
    assert due >= aware + dt.timedelta(hours=hours)
    # The due moment is inside a working day, or exactly at the midnight that ends one.
    local = due.astimezone(CALENDAR.zone)
    assert CALENDAR.is_working_day(local.date()) or (
        local.time() == dt.time(0) and CALENDAR.is_working_day(local.date() - dt.timedelta(days=1))
    )
