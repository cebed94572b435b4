"""Quarterly realisation of a Renja: read by anyone who may read the Renja, entered through
monitoring's service by whom monitoring's access helper allows (the agency's officers, the
planner)."""

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from rembug.api.auth import TokenAuth, request_user
from rembug.api.pagination import KeysetPagination
from rembug.api.v1.responses import errors_4xx
from rembug.governments.access import government_get
from rembug.monitoring.access import period_get_for_user, renja_get_for_user
from rembug.monitoring.models import IndicatorRealisation, ReportingPeriod
from rembug.monitoring.services import indicator_realisation_set
from rembug.planning.models import Indicator

router = Router(tags=["realisation"])


class RealisationOut(Schema):
    period_id: int
    quarter: int
    period_status: str
    indicator_id: int
    value: float | None = None
    source: str


class PeriodOut(Schema):
    id: int
    quarter: int
    status: str
    deadline: str


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@router.get(
    "/governments/{slug}/plans/{plan_id}/periods",
    response={200: list[PeriodOut], **errors_4xx},
    summary="Reporting periods (quarters) of a Renja",
)
def period_list(request: HttpRequest, slug: str, plan_id: int) -> list[dict[str, Any]]:
    document = renja_get_for_user(None, government_get(slug), plan_id)
    periods = ReportingPeriod.objects.filter(
        government=document.government, document=document
    ).order_by("quarter")
    return [
        {"id": p.pk, "quarter": p.quarter, "status": p.status, "deadline": p.deadline.isoformat()}
        for p in periods
    ]


class RealisationFilter(Schema):
    quarter: int | None = Field(None, ge=1, le=4, description="Triwulan 1–4")
    indicator: int | None = Field(None, ge=1, description="Id of one indicator")


@router.get(
    "/governments/{slug}/plans/{plan_id}/realisation",
    response={200: list[RealisationOut], **errors_4xx},
    summary="Indicator realisation of a Renja, quarter by quarter",
)
@paginate(KeysetPagination, key="pk", render=lambda row: _out(row))
def realisation_list(
    request: HttpRequest, slug: str, plan_id: int, filters: Query[RealisationFilter]
) -> QuerySet[IndicatorRealisation]:
    document = renja_get_for_user(None, government_get(slug), plan_id)
    rows = IndicatorRealisation.objects.filter(
        government=document.government, period__document=document
    ).select_related("period")
    if filters.quarter is not None:
        rows = rows.filter(period__quarter=filters.quarter)
    if filters.indicator is not None:
        rows = rows.filter(indicator_id=filters.indicator)
    return rows


def _out(row: IndicatorRealisation) -> dict[str, Any]:
    return {
        "period_id": row.period_id,
        "quarter": row.period.quarter,
        "period_status": row.period.status,
        "indicator_id": row.indicator_id,
        "value": _number(row.value),
        "source": row.source,
    }


class RealisationIn(Schema):
    indicator_id: int = Field(..., ge=1)
    value: Decimal | None = Field(
        ..., ge=0, max_digits=20, decimal_places=4, description="null clears it"
    )


@router.put(
    "/governments/{slug}/periods/{period_id}/realisation",
    response={200: RealisationOut, **errors_4xx},
    auth=TokenAuth(),
    summary="Enter an indicator's realisation for a quarter (agency officers, the planner)",
)
def realisation_enter(
    request: HttpRequest, slug: str, period_id: int, payload: RealisationIn
) -> dict[str, Any]:
    user = request_user(request)
    government = government_get(slug)
    period = period_get_for_user(user, government, period_id, enter=True)
    indicator = (
        Indicator.objects.filter(government=government, pk=payload.indicator_id)
        .select_related("item")
        .first()
    )
    if indicator is None:
        raise Http404(_("No such indicator."))
    row = indicator_realisation_set(
        period=period, indicator=indicator, value=payload.value, by=user
    )
    row.period = period
    return _out(row)
