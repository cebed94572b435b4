"""Service statistics read from the summary of reports (``complaints.summary``): reports received,
median time to first answer, the share answered within the service level, satisfaction — by
agency, category, kecamatan or month — and the public counts by kecamatan.

Whole months of submission (in the government's time zone) come from the summary rows; a period
that starts or ends inside a month reads that part from the report rows. The only other read of
report rows is clock-dependent: a report not answered yet is judged against its service level only
once its due time has passed, so the reports still unanswered *before* their due time are counted
from the rows (an index on the due time of unanswered reports; they are the intake of one
service-level period at most). A handful of queries, however many reports.

The median is read from the first-answer time buckets (``summary.BUCKETS``): the middle report's
bucket is known exactly and the value given is the mean of the exact durations in that bucket —
exact when the bucket holds one report, otherwise within the bucket's width
(:data:`MEDIAN_PRECISION`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rembug.complaints.models import (
    Category,
    Complaint,
    ComplaintAnswerTime,
    ComplaintSummary,
    Status,
)
from rembug.complaints.summary import (
    ALL_TIME,
    COUNTERS,
    _state_rows,
    _summary_fields,
    _time_fields,
    contribution_of,
    month_of,
)
from rembug.governments.models import Agency, Government
from rembug.regions.models import Region

GroupBy = Literal["agency", "category", "kecamatan", "month"]
GROUPS: dict[str, str | None] = {
    # group: the summary column it is read from
    "agency": "agency_id",
    "category": "category_id",
    "kecamatan": "kecamatan_id",
    "month": "month",
}
MEDIAN_PRECISION = _(
    "The median time to first answer is exact to the hour below 3 days, to 6 hours below "
    "14 days, to the day below 90 days and to the week beyond (the mean of the exact times "
    "within that step)."
)
OPEN = (Status.VERIFIED, Status.DISPATCHED, Status.IN_PROGRESS, Status.REOPENED, Status.NEEDS_INFO)
DONE = (Status.ANSWERED, Status.CLOSED)


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


@dataclass
class Figures:
    """The counts of one group of reports."""

    received: int = 0
    answered: int = 0
    with_due: int = 0
    answered_with_due: int = 0
    answered_in_time: int = 0
    rating_sum: int = 0
    rating_count: int = 0
    not_yet_due: int = 0  # unanswered, due time still ahead
    buckets: dict[int, list[int]] = field(default_factory=dict)  # lower bound: [count, seconds]

    def add(self, counts: dict[str, Any]) -> None:
        for name in COUNTERS:
            setattr(self, name, getattr(self, name) + (counts.get(name) or 0))

    def add_bucket(self, lower: int, count: int, seconds: int) -> None:
        slot = self.buckets.setdefault(lower, [0, 0])
        slot[0] += count
        slot[1] += seconds

    @property
    def judged(self) -> int:
        """Answered, or past the due time unanswered (reports with a due time)."""
        return self.with_due - self.not_yet_due

    @property
    def within_service_level(self) -> float | None:
        return self.answered_in_time / self.judged if self.judged else None

    @property
    def satisfaction(self) -> float | None:
        return self.rating_sum / self.rating_count if self.rating_count else None

    @property
    def median_seconds(self) -> float | None:
        """The median first-answer time: exact bucket, mean of the exact times within it."""
        total = sum(count for count, _seconds in self.buckets.values())
        if total <= 0:
            return None
        ranks = [(total + 1) // 2] if total % 2 else [total // 2, total // 2 + 1]
        values = []
        for rank in ranks:
            seen = 0
            for lower in sorted(self.buckets):
                count, seconds = self.buckets[lower]
                seen += count
                if count > 0 and seen >= rank:
                    values.append(seconds / count)
                    break
        return sum(values) / len(values) if values else None

    @property
    def median_hours(self) -> float | None:
        seconds = self.median_seconds
        return None if seconds is None else seconds / 3600


def _month_start(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime(day.year, day.month, 1, tzinfo=zone)


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


@dataclass(frozen=True)
class Span:
    """A period of submission split into whole months (the summary) and edges (report rows)."""

    first_month: dt.date | None  # whole months from here (None: from the beginning)
    end_month: dt.date | None  # up to here, excluded (None: to the end)
    edges: tuple[tuple[dt.datetime, dt.datetime], ...]
    empty: bool = False


def split(since: dt.datetime | None, until: dt.datetime | None, zone: ZoneInfo) -> Span:
    if since is not None and until is not None and since >= until:
        return Span(None, None, (), empty=True)
    edges: list[tuple[dt.datetime, dt.datetime]] = []
    first = end = None
    if since is not None:
        month = month_of(since, zone)
        if _month_start(month, zone) == since:
            first = month
        else:
            first = _next_month(month)
            edges.append((since, _month_start(first, zone)))
    if until is not None:
        month = month_of(until, zone)
        end = month
        if _month_start(month, zone) != until:
            edges.append((_month_start(month, zone), until))
    if first is not None and end is not None and first > end:
        # since and until inside one month: that stretch only, from the rows
        return Span(first, first, ((since, until),))  # type: ignore[arg-type]
    edges = [
        (max(start, since) if since else start, min(stop, until) if until else stop)
        for start, stop in edges
    ]
    return Span(first, end, tuple((a, b) for a, b in edges if a < b))


def _within_span(rows: QuerySet[Any], span: Span, *, by_month: bool) -> QuerySet[Any]:
    """The summary rows of the span's whole months: the all-time rows for all of them."""
    if span.first_month is None and span.end_month is None and not by_month:
        return rows.filter(month=ALL_TIME)
    rows = rows.filter(month__gt=ALL_TIME)
    if span.first_month is not None:
        rows = rows.filter(month__gte=span.first_month)
    if span.end_month is not None:
        rows = rows.filter(month__lt=span.end_month)
    return rows


def figures(
    government: Government,
    *,
    by: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    agency: Agency | int | None = None,
    verified_only: bool = False,
    dispatched_only: bool = False,
    median: bool = True,
    now: dt.datetime | None = None,
) -> dict[Any, Figures]:
    """The counts of ``government``'s reports submitted in ``[since, until)``, per group of
    ``by`` (one group ``None`` without it). Months keyed by their first day."""
    now = now or timezone.now()
    zone = ZoneInfo(government.timezone)
    span = split(since, until, zone)
    out: dict[Any, Figures] = defaultdict(Figures)
    if span.empty:
        return {}
    column = GROUPS[by] if by else None
    agency_id = agency.pk if isinstance(agency, Agency) else agency

    def scoped(model: Any) -> QuerySet[Any]:
        rows = _within_span(
            model.objects.filter(government=government), span, by_month=column == "month"
        )
        if agency_id is not None:
            rows = rows.filter(agency_id=agency_id)
        if dispatched_only:
            rows = rows.filter(agency__isnull=False)
        return rows.order_by()

    wanted = span.first_month is None or span.end_month is None or span.first_month < span.end_month
    if wanted:
        summary = scoped(ComplaintSummary)
        if verified_only:
            summary = summary.filter(verified=True)
        names = [column] if column else []
        sums = {n: Sum(n) for n in COUNTERS}
        if column:
            for row in summary.values(column).annotate(**sums):
                out[row[column]].add(row)
        else:  # one total (``values()`` without a column would group by every field)
            out[None].add(summary.aggregate(**sums))
        if median:
            if verified_only:
                raise ValueError("the answer-time buckets do not keep the verified state")
            times = scoped(ComplaintAnswerTime).values(*names, "bucket")
            for row in times.annotate(n=Sum("count"), s=Sum("seconds")):
                out[row[column] if column else None].add_bucket(row["bucket"], row["n"], row["s"])
    for start, stop in span.edges:
        _add_edge(
            out,
            government,
            zone,
            (start, stop),
            column,
            agency_id,
            verified_only=verified_only,
            dispatched_only=dispatched_only,
            median=median,
        )
    _add_not_yet_due(
        out, government, zone, since, until, column, agency_id, verified_only, dispatched_only, now
    )
    return {key: value for key, value in out.items() if value.received}


def _add_edge(
    out: dict[Any, Figures],
    government: Government,
    zone: ZoneInfo,
    stretch: tuple[dt.datetime, dt.datetime],
    column: str | None,
    agency_id: int | None,
    *,
    verified_only: bool,
    dispatched_only: bool,
    median: bool,
) -> None:
    """Part of a month, from the report rows (what the summary would hold for them)."""
    reports = Complaint.objects.filter(
        government=government, submitted_at__gte=stretch[0], submitted_at__lt=stretch[1]
    )
    if agency_id is not None:
        reports = reports.filter(agency_id=agency_id)
    if dispatched_only:
        reports = reports.filter(agency__isnull=False)
    if verified_only:
        reports = reports.filter(verified_at__isnull=False)
    ids = reports.order_by().values_list("id", flat=True)
    for row in _state_rows(government.pk, ids):
        part = contribution_of(row, zone)
        dims = _summary_fields(part.summary_key)
        group = dims[column] if column else None
        out[group].add(part.counters())
        if median and part.time_key:
            out[group].add_bucket(_time_fields(part.time_key)["bucket"], 1, part.seconds)


def _add_not_yet_due(
    out: dict[Any, Figures],
    government: Government,
    zone: ZoneInfo,
    since: dt.datetime | None,
    until: dt.datetime | None,
    column: str | None,
    agency_id: int | None,
    verified_only: bool,
    dispatched_only: bool,
    now: dt.datetime,
) -> None:
    """Reports not answered yet whose due time is still ahead: not judged yet. Read through the
    partial index on the due time of unanswered reports only (the intake of one service-level
    period at most) and filtered here, so that no other index tempts the planner into walking
    every report of the period."""
    pending = (
        Complaint.objects.filter(
            government=government, first_answered_at__isnull=True, due_at__gte=now
        )
        .order_by()
        .values_list("submitted_at", "agency_id", "category_id", "kecamatan_id", "verified_at")
    )
    place = {"agency_id": 1, "category_id": 2, "kecamatan_id": 3}
    for row in pending:
        submitted, agency = row[0], row[1]
        if (since is not None and submitted < since) or (until is not None and submitted >= until):
            continue
        if (agency_id is not None and agency != agency_id) or (dispatched_only and agency is None):
            continue
        if verified_only and row[4] is None:
            continue
        if column == "month":
            key: Any = month_of(submitted, zone)
        else:
            key = row[place[column]] if column else None
        out[key].not_yet_due += 1


# ---------------------------------------------------------------- the public functions


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
    * median hours from submission to the first answer (see :data:`MEDIAN_PRECISION`);
    * within the service level: of the reports answered or already past due, the share first
      answered by the due time;
    * satisfaction: the mean rating (1–5) and how many ratings it rests on.
    """
    if by not in GROUPS:
        raise ValueError(f"by must be one of {sorted(GROUPS)}")
    found = figures(
        government,
        by=by,
        since=since,
        until=until,
        agency=agency,
        dispatched_only=by == "agency",
        now=now,
    )
    labels = _labels(government, by)
    zone = ZoneInfo(government.timezone)
    out = [
        ServiceStats(
            key=_month_start(key, zone) if by == "month" else key,
            label=f"{key:%Y-%m}" if by == "month" else labels.get(key, ""),
            received=row.received,
            answered=row.answered,
            median_hours_to_first_answer=row.median_hours,
            within_service_level=row.within_service_level,
            satisfaction=row.satisfaction,
            ratings=row.rating_count,
        )
        for key, row in found.items()
    ]
    if by == "month":
        return sorted(out, key=lambda row: row.key)
    return sorted(out, key=lambda row: (-row.received, row.label))


def _labels(government: Government, by: str) -> dict[Any, str]:
    """The names of the government's agencies, categories or kecamatan (one small query,
    whatever was found, so the query count never depends on the data)."""
    if by == "agency":
        return dict(Agency.objects.filter(government=government).values_list("pk", "name"))
    if by == "category":
        return dict(Category.objects.filter(government=government).values_list("pk", "name"))
    if by == "kecamatan":
        districts = Region.objects.filter(
            parent_id=government.region_id, level=Region.Level.DISTRICT
        )
        return dict(districts.values_list("pk", "name"))
    return {}


def kecamatan_totals(government: Government, filters: dict[str, Any]) -> dict[Any, dict[str, int]]:
    """Public reports per kecamatan code (``None``: no kecamatan given): total, still open,
    answered or closed — filtered by kecamatan, category and status as the public list is."""
    rows = ComplaintSummary.objects.filter(government=government, public=True, month=ALL_TIME)
    if filters.get("kecamatan"):
        rows = rows.filter(kecamatan=filters["kecamatan"])
    if filters.get("category"):
        rows = rows.filter(category=filters["category"])
    if filters.get("status"):
        rows = rows.filter(status=filters["status"])
    return {
        row["kecamatan_id"]: row
        for row in rows.order_by()
        .values("kecamatan_id")
        .annotate(
            total=Sum("received"),
            open=Sum("received", filter=Q(status__in=OPEN), default=0),
            done=Sum("received", filter=Q(status__in=DONE), default=0),
        )
        if row["total"]
    }
