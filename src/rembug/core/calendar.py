"""The working-day calendar: service levels count only the days a government's offices are open.

A day is *not* a working day when it is a Saturday or Sunday, an Indonesian national holiday or
national *cuti bersama* (the ``holidays`` package, country ``ID``, categories public and
government), or one of the government's own days off (``core.models.GovernmentDayOff``).
Dates are the government's local dates (WIB, WITA or WIT); datetimes are stored aware in UTC.

Two kinds of service level:

* **working days** (LAPOR!: permintaan informasi 5, pengaduan 14 …): due at the end of the n-th
  working day after the local day of submission (:func:`due_after_working_days`);
* **hours** (Rabeg: 3 × 24 hours, light complaints 1 × 24 hours): only time that falls on working
  days counts, so a report sent on Friday afternoon with 24 hours is due on Monday afternoon
  (:func:`working_hours_add`).

**Cached per government.** A government's days off and service levels change a few times a year
and are read by every report taken in, so each process keeps them (:func:`government_cached`)
under the government's ``updated_at``. Adding, changing or removing a day off or a service level
touches that ``updated_at`` in the same transaction (:func:`government_settings_changed`, wired
to the models' save and delete signals in ``CoreConfig.ready``): every process reads the
government row with each request anyway, sees the new time stamp and reloads — no shared cache
needed, nothing stale once the change is committed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar, cast
from zoneinfo import ZoneInfo

import holidays
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone as django_timezone
from django.utils.translation import gettext as _

from rembug.core.audit import audit_record, audit_snapshot
from rembug.core.models import AuditEntry, GovernmentDayOff

if TYPE_CHECKING:
    from rembug.governments.models import Government

DEFAULT_TIMEZONE = "Asia/Jakarta"
END_OF_DAY = dt.time(23, 59, 59)
ONE_DAY = dt.timedelta(days=1)
# A guard against endless loops on a calendar misconfigured to have no working day at all.
MAX_SCAN_DAYS = 3660


T = TypeVar("T")
# (government id, what) → (the government's updated_at it was loaded under, the value)
_cached: dict[tuple[int, str], tuple[dt.datetime, Any]] = {}


def government_cached(government: Government, what: str, load: Callable[[], T]) -> T:
    """``load()`` for ``government``, kept in this process until the government's ``updated_at``
    changes (see the module's docstring). ``what`` names the value."""
    stamp = government.updated_at
    if government.pk is None or stamp is None:
        return load()
    key = (government.pk, what)
    hit = _cached.get(key)
    if hit is not None and hit[0] == stamp:
        return cast(T, hit[1])
    value = load()
    _cached[key] = (stamp, value)
    return value


def government_settings_changed(government_id: int | None) -> None:
    """A day off or a service level of the government changed: every process reloads them."""
    if government_id is None:
        return
    from rembug.governments.models import Government

    Government.objects.filter(pk=government_id).update(updated_at=django_timezone.now())
    for key in [key for key in _cached if key[0] == government_id]:
        _cached.pop(key, None)


def government_setting_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """Save and delete signal receiver for the models holding a government's settings."""
    if not raw:
        government_settings_changed(getattr(instance, "government_id", None))


@lru_cache(maxsize=64)
def _national_days_off(year: int) -> frozenset[dt.date]:
    found = holidays.country_holidays("ID", years=year, categories=("public", "government"))
    return frozenset(found.keys())


def national_holiday_name(day: dt.date) -> str | None:
    """The Indonesian name of a national holiday or cuti bersama, or None."""
    found = holidays.country_holidays(
        "ID", years=day.year, categories=("public", "government"), language="id"
    )
    return found.get(day)


@dataclass(frozen=True)
class WorkingCalendar:
    """A government's calendar: its time zone and its own days off on top of the national ones."""

    timezone: str = DEFAULT_TIMEZONE
    days_off: frozenset[dt.date] = field(default_factory=frozenset)

    @classmethod
    def for_government(cls, government: Government | None) -> WorkingCalendar:
        if government is None:
            return cls()

        def load() -> WorkingCalendar:
            days = GovernmentDayOff.objects.filter(government=government).values_list(
                "date", flat=True
            )
            return cls(timezone=government.timezone, days_off=frozenset(days))

        return government_cached(government, "calendar", load)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def is_working_day(self, day: dt.date) -> bool:
        return (
            day.weekday() < 5
            and day not in self.days_off
            and day not in _national_days_off(day.year)
        )

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, otherwise the first working day after it."""
        for _attempt in range(MAX_SCAN_DAYS):
            if self.is_working_day(day):
                return day
            day += ONE_DAY
        raise ValueError("The calendar has no working day within ten years.")

    def add(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``start`` (``start`` itself never counts). With 0
        days: the first working day on or after ``start``."""
        if days < 0:
            raise ValueError("Count working days forward only.")
        if days == 0:
            return self.next_working_day(start)
        day = start
        for _step in range(days):
            day = self.next_working_day(day + ONE_DAY)
        return day

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days ``d`` with ``start < d <= end`` (negative when ``end`` is earlier)."""
        if end < start:
            return -self.between(end, start)
        count = 0
        day = start + ONE_DAY
        while day <= end:
            if self.is_working_day(day):
                count += 1
            day += ONE_DAY
        return count

    def local_date(self, moment: dt.datetime) -> dt.date:
        return moment.astimezone(self.zone).date()

    def end_of_day(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, END_OF_DAY, tzinfo=self.zone)

    def start_of_day(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(0, 0), tzinfo=self.zone)

    def due_after_working_days(self, start: dt.datetime, days: int) -> dt.datetime:
        """End of the ``days``-th working day after the local day of ``start``."""
        return self.end_of_day(self.add(self.local_date(start), days))

    def working_hours_add(self, start: dt.datetime, hours: float) -> dt.datetime:
        """``start`` plus ``hours`` of time counted on working days only."""
        if hours < 0:
            raise ValueError("Count hours forward only.")
        remaining = dt.timedelta(hours=hours)
        moment = start.astimezone(self.zone)
        for _attempt in range(MAX_SCAN_DAYS):
            day = moment.date()
            if not self.is_working_day(day):
                moment = self.start_of_day(self.next_working_day(day))
                continue
            day_end = self.start_of_day(day + ONE_DAY)
            available = day_end - moment
            if remaining <= available:
                return moment + remaining
            remaining -= available
            moment = day_end
        raise ValueError("The calendar has no working day within ten years.")


def calendar_of(source: Government | WorkingCalendar | None) -> WorkingCalendar:
    """A calendar from a government (its days off: cached, see the module's docstring) or a
    calendar as it is."""
    if isinstance(source, WorkingCalendar):
        return source
    return WorkingCalendar.for_government(source)


def is_working_day(day: dt.date, government: Government | WorkingCalendar | None) -> bool:
    return calendar_of(government).is_working_day(day)


def working_days_add(
    start: dt.date, days: int, government: Government | WorkingCalendar | None
) -> dt.date:
    return calendar_of(government).add(start, days)


def working_days_between(
    start: dt.date, end: dt.date, government: Government | WorkingCalendar | None
) -> int:
    return calendar_of(government).between(start, end)


def working_hours_add(
    start: dt.datetime, hours: float, government: Government | WorkingCalendar | None
) -> dt.datetime:
    return calendar_of(government).working_hours_add(start, hours)


def due_after_working_days(
    start: dt.datetime, days: int, government: Government | WorkingCalendar | None
) -> dt.datetime:
    return calendar_of(government).due_after_working_days(start, days)


def days_off_in(
    government: Government | WorkingCalendar | None, days: Iterable[dt.date]
) -> list[dt.date]:
    """The days of ``days`` that are not working days (for a calendar view)."""
    calendar = calendar_of(government)
    return [day for day in days if not calendar.is_working_day(day)]


def year_days_off(government: Government, year: int) -> list[tuple[dt.date, str, str]]:
    """Every day off of ``year`` that is not a weekend: (date, name, kind), kind being
    ``national``, ``cuti_bersama`` or ``local_holiday``."""
    national = holidays.country_holidays(
        "ID", years=year, categories=("public", "government"), language="id"
    )
    days: dict[dt.date, tuple[dt.date, str, str]] = {
        day: (day, str(name), "national") for day, name in national.items()
    }
    for day, name, kind in GovernmentDayOff.objects.filter(
        government=government, date__year=year
    ).values_list("date", "name", "kind"):
        days[day] = (day, name, kind)
    return sorted(days.values())


def government_day_off_add(
    *, government: Government, date: dt.date, name: str, kind: str, by: Any
) -> GovernmentDayOff:
    """Add one of the government's own days off (cuti bersama or a local holiday).
    Due times already set are not moved."""
    with transaction.atomic():
        if GovernmentDayOff.objects.filter(government=government, date=date).exists():
            raise ValidationError(_("This day is already a day off."))
        day_off = GovernmentDayOff.objects.create(
            government=government, date=date, name=name.strip(), kind=kind
        )
        audit_record(instance=day_off, by=by, action=AuditEntry.Action.CREATE)
    return day_off


def government_day_off_remove(*, day_off: GovernmentDayOff, by: Any) -> None:
    with transaction.atomic():
        before = audit_snapshot(day_off)
        audit_record(instance=day_off, by=by, action=AuditEntry.Action.DELETE, before=before)
        day_off.delete()
