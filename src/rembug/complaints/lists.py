"""The report lists and queues, paged by key (``complaints.paging``): what each list shows, in
which order, and the keys its pages walk by.

Every order here ends in the report's id (unique) and matches an index of ``Complaint`` (see its
``Meta.indexes``), so the first page, the next page and page 40,000 each read about one page of
index entries whatever the number of reports.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils import timezone

from rembug.complaints import selectors
from rembug.complaints.models import Complaint
from rembug.governments.models import Government

# Newest first: the public list, "my reports", the API.
NEWEST_FIRST = ("-submitted_at", "-id")
# Most urgent first: the coordinator's sections (due_at may be empty: those come last).
BY_DUE = ("due_at?", "id")
BY_ANSWERED = ("answered_at?", "id")
# The agency officer's queue: emergencies, then by due time.
AGENCY_ORDER = ("-is_emergency", "due_at?", "id")


def public_list(government: Government, filters: dict[str, Any]) -> QuerySet[Complaint]:
    """The public list (``selectors.public_complaints``: public, not withheld by moderation,
    by kecamatan, category and status) further filtered by agency, classification and the
    period of submission (``since``/``until``, whole days in the government's time zone)."""
    reports = selectors.public_complaints(government, filters)
    if filters.get("agency"):
        reports = reports.filter(agency=filters["agency"])
    if filters.get("classification"):
        reports = reports.filter(classification=filters["classification"])
    zone = ZoneInfo(government.timezone)
    if filters.get("since"):
        reports = reports.filter(submitted_at__gte=_day_start(filters["since"], zone))
    if filters.get("until"):
        reports = reports.filter(
            submitted_at__lt=_day_start(filters["until"] + dt.timedelta(days=1), zone)
        )
    return reports


def _day_start(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()), zone)


# The coordinator's sections: key → (order keys). Their rows come from
# ``selectors.coordinator_queues``.
COORDINATOR_ORDER = {
    "emergency": BY_DUE,
    "overdue": BY_DUE,
    "new": BY_DUE,
    "to_route": BY_DUE,
    "waiting": BY_DUE,
    "answered": BY_ANSWERED,
}
