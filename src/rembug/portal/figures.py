"""The numbers the portal leads with, read from the modules' selectors in a fixed number of
queries whatever the volume (asserted by the home and agency page tests)."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, F, Q
from django.utils import timezone

from rembug.complaints.models import Complaint, ComplaintRating
from rembug.core.calendar import WorkingCalendar
from rembug.governments.models import Agency, Government
from rembug.monitoring.achievement import mean
from rembug.monitoring.selectors import renja_documents
from rembug.monitoring.summary import RenjaOverview, renja_overviews
from rembug.planning.models import DocumentState, PlanDocument
from rembug.ppid.selectors import YearStatistics, on_time_share, year_statistics


def _year_bounds(government: Government, year: int) -> tuple[dt.datetime, dt.datetime]:
    calendar = WorkingCalendar(timezone=government.timezone)
    return (
        calendar.start_of_day(dt.date(year, 1, 1)),
        calendar.start_of_day(dt.date(year + 1, 1, 1)),
    )


def _within_service_level(rows: Any, now: dt.datetime) -> float | None:
    """Of the reports first answered or already past due, the share answered by the due time."""
    judged = Q(due_at__isnull=False) & (Q(first_answered_at__isnull=False) | Q(due_at__lt=now))
    counts = rows.aggregate(
        judged=Count("id", filter=judged),
        within=Count("id", filter=judged & Q(first_answered_at__lte=F("due_at"))),
    )
    return counts["within"] / counts["judged"] if counts["judged"] else None


@dataclass(frozen=True)
class HomeFigures:
    reports_this_month: int
    answered_on_time: float | None  # reports of this year
    inputs_received: int
    inputs_accepted: int
    plan_year: int | None
    plan_achievement: Decimal | None  # mean achievement of the Renja, last quarter reported
    ppid_on_time: float | None


def home_figures(government: Government, inputs_received: int, inputs_accepted: int) -> HomeFigures:
    now = timezone.now()
    local = timezone.localtime(now, WorkingCalendar(timezone=government.timezone).zone)
    month_start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    start, end = _year_bounds(government, local.year)
    reports = Complaint.objects.of(government)
    overviews = list(renja_overviews(renja_documents(government)).values())
    return HomeFigures(
        reports_this_month=reports.filter(submitted_at__gte=month_start).count(),
        answered_on_time=_within_service_level(
            reports.filter(submitted_at__gte=start, submitted_at__lt=end), now
        ),
        inputs_received=inputs_received,
        inputs_accepted=inputs_accepted,
        plan_year=overviews[0].document.period_start if overviews else None,
        plan_achievement=_achievement(overviews),
        ppid_on_time=on_time_share(government, start=start, end=end, now=now),
    )


def _achievement(overviews: list[RenjaOverview]) -> Decimal | None:
    return mean(
        [
            value
            for renja in overviews
            for value in [renja.capaian(renja.last_reported) if renja.last_reported else None]
            if value is not None
        ]
    )


@dataclass(frozen=True)
class ServiceStatistics:
    received: int
    answered: int
    median_hours_to_first_answer: float | None
    within_service_level: float | None
    satisfaction: float | None
    ratings: int


def agency_service_statistics(agency: Agency) -> ServiceStatistics:
    """The reports dispatched to ``agency`` (four queries; durations read as plain pairs)."""
    now = timezone.now()
    rows = Complaint.objects.of(agency.government).filter(agency=agency)
    counts = rows.aggregate(
        received=Count("id"), answered=Count("id", filter=Q(first_answered_at__isnull=False))
    )
    durations = [
        (answered - submitted).total_seconds() / 3600
        for submitted, answered in rows.filter(first_answered_at__isnull=False)
        .order_by()
        .values_list("submitted_at", "first_answered_at")
        .iterator(chunk_size=5000)
        if answered is not None
    ]
    rating = ComplaintRating.objects.filter(
        government_id=agency.government_id, agency=agency
    ).aggregate(mean=Avg("score"), n=Count("id"))
    return ServiceStatistics(
        received=counts["received"],
        answered=counts["answered"],
        median_hours_to_first_answer=statistics.median(durations) if durations else None,
        within_service_level=_within_service_level(rows, now),
        satisfaction=float(rating["mean"]) if rating["mean"] is not None else None,
        ratings=rating["n"],
    )


@dataclass(frozen=True)
class AgencyPerformance:
    renja: RenjaOverview | None
    quarter: int
    achievement: Decimal | None
    absorption: Decimal | None

    @property
    def colour(self) -> str:
        return self.renja.colour(self.achievement, self.quarter) if self.renja else "none"


def agency_performance(agency: Agency) -> AgencyPerformance:
    """The achievement of the agency's current Renja up to the last quarter it reported."""
    documents = [d for d in renja_documents(agency.government) if d.agency_id == agency.pk]
    if not documents:
        return AgencyPerformance(None, 0, None, None)
    renja = renja_overviews(documents[:1])[documents[0].pk]
    quarter = renja.last_reported
    return AgencyPerformance(
        renja,
        quarter,
        renja.capaian(quarter) if quarter else None,
        renja.absorption(quarter) if quarter else None,
    )


def agency_plans(agency: Agency, *, staff: bool) -> list[PlanDocument]:
    documents = PlanDocument.objects.filter(
        government_id=agency.government_id, agency=agency
    ).order_by("kind", "-period_start", "-version")
    if not staff:
        documents = documents.exclude(state=DocumentState.DRAFT)
    return list(documents)


def agency_ppid(agency: Agency) -> YearStatistics:
    return year_statistics(agency.government, timezone.localdate().year, agency=agency)
