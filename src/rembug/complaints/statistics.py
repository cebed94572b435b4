"""Service statistics as SQL aggregates: reports received, median time to first answer, the
share answered within the service level, satisfaction — by agency, category, kecamatan or month.

One query on PostgreSQL (the median is ``percentile_cont(0.5)`` over the interval); two on
SQLite, which has no percentile: the second ranks the answered reports of each group with window
functions and returns only the one or two middle rows per group. Either way the query count is
the same for ten reports or a million, and no report row reaches Python.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Literal

from django.db import connection
from django.db.models import (
    Aggregate,
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Window,
)
from django.db.models.functions import RowNumber, TruncMonth
from django.utils import timezone

from rembug.complaints.models import Complaint
from rembug.governments.models import Agency, Government

GroupBy = Literal["agency", "category", "kecamatan", "month"]
GROUPS: dict[str, tuple[Any, str | None]] = {
    # group key expression, and the field that names it
    "agency": (F("agency_id"), "agency__name"),
    "category": (F("category_id"), "category__name"),
    "kecamatan": (F("kecamatan_id"), "kecamatan__name"),
    "month": (TruncMonth("submitted_at"), None),
}


class Median(Aggregate):
    """PostgreSQL's continuous median (works on intervals too)."""

    function = "percentile_cont"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"


@dataclass(frozen=True)
class ServiceStats:
    key: Any  # agency id, category id, kecamatan code, or the month's first day
    label: str
    received: int
    answered: int
    median_hours_to_first_answer: float | None
    within_service_level: float | None  # share 0..1 of the reports whose due time has come
    satisfaction: float | None  # mean rating 1..5
    ratings: int


def _time_to_answer() -> Any:
    return ExpressionWrapper(
        F("first_answered_at") - F("submitted_at"), output_field=DurationField()
    )


def _hours(value: Any) -> float | None:
    if value is None:
        return None
    return float(value.total_seconds()) / 3600


def _reports(
    government: Government,
    by: str,
    since: dt.datetime | None,
    until: dt.datetime | None,
    agency: Agency | None,
) -> QuerySet[Complaint]:
    reports = Complaint.objects.of(government).order_by()
    if by == "agency":
        reports = reports.filter(agency__isnull=False)
    if agency is not None:
        reports = reports.filter(agency=agency)
    if since is not None:
        reports = reports.filter(submitted_at__gte=since)
    if until is not None:
        reports = reports.filter(submitted_at__lt=until)
    return reports


def service_statistics(
    government: Government,
    *,
    by: GroupBy = "agency",
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    agency: Agency | None = None,
    now: dt.datetime | None = None,
) -> list[ServiceStats]:
    """Statistics of ``government``'s reports (submitted in ``[since, until)``), one row per
    group that received any, busiest first (months in order).

    * received: reports in the group; answered: those with a first answer;
    * median hours from submission to the first answer;
    * within the service level: of the reports answered or already past due, the share first
      answered by the due time;
    * satisfaction: the mean rating (1–5) and how many ratings it rests on.
    """
    if by not in GROUPS:
        raise ValueError(f"by must be one of {sorted(GROUPS)}")
    now = now or timezone.now()
    key, label_field = GROUPS[by]
    due_come = Q(due_at__isnull=False) & (Q(first_answered_at__isnull=False) | Q(due_at__lt=now))
    aggregates: dict[str, Any] = {
        "received": Count("id"),
        "answered": Count("id", filter=Q(first_answered_at__isnull=False)),
        "judged": Count("id", filter=due_come),
        "within": Count("id", filter=due_come & Q(first_answered_at__lte=F("due_at"))),
        "satisfaction": Avg("ratings__score"),
        "ratings": Count("ratings__id"),
    }
    postgres = connection.vendor == "postgresql"
    if postgres:
        aggregates["median"] = Median(_time_to_answer(), output_field=DurationField())
    names = ["group_key", *([label_field] if label_field else [])]
    reports = _reports(government, by, since, until, agency).annotate(group_key=key)
    rows = list(reports.values(*names).annotate(**aggregates))
    medians = (
        {row["group_key"]: row["median"] for row in rows}
        if postgres
        else _medians_by_ranking(reports)
    )
    out = [
        ServiceStats(
            key=row["group_key"],
            label=_label(row, label_field),
            received=row["received"],
            answered=row["answered"],
            median_hours_to_first_answer=_hours(medians.get(row["group_key"])),
            within_service_level=row["within"] / row["judged"] if row["judged"] else None,
            satisfaction=float(row["satisfaction"]) if row["satisfaction"] is not None else None,
            ratings=row["ratings"],
        )
        for row in rows
    ]
    if by == "month":
        return sorted(out, key=lambda row: row.key)
    return sorted(out, key=lambda row: (-row.received, row.label))


def _label(row: dict[str, Any], label_field: str | None) -> str:
    if label_field is None:
        month = row["group_key"]
        return f"{month:%Y-%m}" if month else ""
    return str(row[label_field] or "")


def _medians_by_ranking(reports: QuerySet[Complaint]) -> dict[Any, Any]:
    """Per group, the mean of the one or two middle times to first answer (SQLite)."""
    ranked = (
        reports.filter(first_answered_at__isnull=False)
        .annotate(
            hours=_time_to_answer(),
            position=Window(RowNumber(), partition_by=[F("group_key")], order_by=F("hours").asc()),
            size=Window(Count("id"), partition_by=[F("group_key")]),
        )
        .filter(Q(position=(F("size") + 1) / 2) | Q(position=(F("size") + 2) / 2))
        .values_list("group_key", "hours")
    )
    middles: dict[Any, list[float]] = defaultdict(list)
    for group, duration in ranked:
        middles[group].append(duration.total_seconds())
    return {
        group: dt.timedelta(seconds=sum(values) / len(values)) for group, values in middles.items()
    }
