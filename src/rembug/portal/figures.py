"""The numbers the portal leads with, read from the modules' selectors in a fixed number of
queries whatever the volume (asserted by the home and agency page tests)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from rembug.complaints.statistics import figures, service_statistics
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
    # From the summary of reports (complaints.statistics): whole months, no report rows.
    this_month = figures(government, since=month_start, median=False, now=now).get(None)
    this_year = figures(government, since=start, until=end, median=False, now=now).get(None)
    overviews = list(renja_overviews(renja_documents(government)).values())
    return HomeFigures(
        reports_this_month=this_month.received if this_month else 0,
        answered_on_time=this_year.within_service_level if this_year else None,
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
    """The reports dispatched to ``agency``, from the summary of reports
    (``complaints.statistics.service_statistics``; the median to its bucket)."""
    rows = service_statistics(agency.government, by="agency", agency=agency)
    if not rows:
        return ServiceStatistics(0, 0, None, None, None, 0)
    row = rows[0]
    return ServiceStatistics(
        received=row.received,
        answered=row.answered,
        median_hours_to_first_answer=row.median_hours_to_first_answer,
        within_service_level=row.within_service_level,
        satisfaction=row.satisfaction,
        ratings=row.ratings,
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
