"""A government's days off and service levels are kept per process under its ``updated_at``:
read once, not once per report, and reloaded by every process as soon as a change commits."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rembug.complaints.models import Classification, ServiceLevel
from rembug.complaints.services import service_level_due, service_level_set
from rembug.core import calendar
from rembug.core.calendar import WorkingCalendar, government_day_off_add
from rembug.core.models import GovernmentDayOff
from rembug.governments.models import Government

WIB = dt.timezone(dt.timedelta(hours=7))
# Monday 1 December 2025, 10:00 WIB: five working days later is Monday 8 December.
MONDAY = dt.datetime(2025, 12, 1, 10, 0, tzinfo=WIB)


def fresh(government):
    """The government as the next request reads it (every request reads the row)."""
    return Government.objects.get(pk=government.pk)


def due(government, classification=Classification.PERMINTAAN_INFORMASI):
    return service_level_due(government=government, classification=classification, start=MONDAY)


@pytest.fixture
def government(people):
    calendar._cached.clear()
    return fresh(people.government)


def test_a_second_report_reads_neither_days_off_nor_service_levels(government):
    first = due(government)
    with CaptureQueriesContext(connection) as queries:
        assert due(fresh(government)) == first
    assert len(queries) == 1  # the government row itself, which a request reads anyway


def test_a_day_off_added_is_seen_by_the_next_read(government, people):
    before = due(government)
    stamp = government.updated_at
    government_day_off_add(
        government=government,
        date=dt.date(2025, 12, 3),
        name="Hari jadi kota",
        kind=GovernmentDayOff.Kind.LOCAL_HOLIDAY,
        by=people.coordinator,
    )
    # Another process still holding the old stamp is told by the government row.
    reread = fresh(government)
    assert reread.updated_at > stamp
    assert due(reread) == before + dt.timedelta(days=1)
    # In this process the entry is dropped at once, even for the instance read before.
    assert due(government) == before + dt.timedelta(days=1)


def test_a_day_off_removed_or_a_service_level_changed_is_seen_too(government, people):
    day = government_day_off_add(
        government=government,
        date=dt.date(2025, 12, 3),
        name="Hari jadi kota",
        kind=GovernmentDayOff.Kind.LOCAL_HOLIDAY,
        by=people.coordinator,
    )
    with_day_off = due(fresh(government))
    GovernmentDayOff.objects.filter(pk=day.pk).delete()  # a queryset delete sends the signal too
    assert due(fresh(government)) == with_day_off - dt.timedelta(days=1)

    service_level_set(
        government=fresh(government),
        classification=Classification.PERMINTAAN_INFORMASI,
        working_days=2,
        by=people.coordinator,
    )
    two_days = due(fresh(government))
    assert two_days.date() == dt.date(2025, 12, 3)
    ServiceLevel.objects.filter(government=government).delete()
    assert due(fresh(government)) != two_days


def test_the_cached_calendar_is_the_government_s_own(government, people):
    other = fresh(people.other_government)
    government_day_off_add(
        government=government,
        date=dt.date(2025, 12, 3),
        name="Hari jadi kota",
        kind=GovernmentDayOff.Kind.LOCAL_HOLIDAY,
        by=people.coordinator,
    )
    assert dt.date(2025, 12, 3) in WorkingCalendar.for_government(fresh(government)).days_off
    assert dt.date(2025, 12, 3) not in WorkingCalendar.for_government(other).days_off
