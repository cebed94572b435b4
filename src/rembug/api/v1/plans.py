"""Plans (RPJPD, RPJMD, Renstra, Renja) with their items, indicators, yearly targets and funding.
Working drafts stay inside the government (planning's ``is_public``); everything else is public."""

from decimal import Decimal
from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from rembug.api.errors import ApiError
from rembug.api.pagination import KeysetPagination
from rembug.api.v1.responses import errors_4xx
from rembug.governments.access import government_get
from rembug.governments.models import Agency
from rembug.planning.access import plan_document_get_for_user
from rembug.planning.models import DocumentState, Indicator, PlanDocument, PlanItem

router = Router(tags=["plans"])

DocumentKindValue = Literal["rpjpd", "rpjmd", "renstra", "renja"]


class PlanOut(Schema):
    id: int
    kind: str
    title: str
    agency: str | None = Field(None, description="Slug of the agency (Renstra, Renja)")
    period_start: int
    period_end: int
    state: str
    version: int
    adopted_at: str | None = None


def plan_out(document: PlanDocument) -> dict[str, Any]:
    return {
        "id": document.pk,
        "kind": document.kind,
        "title": document.title,
        "agency": document.agency.slug if document.agency_id and document.agency else None,
        "period_start": document.period_start,
        "period_end": document.period_end,
        "state": document.state,
        "version": document.version,
        "adopted_at": document.adopted_at.isoformat() if document.adopted_at else None,
    }


class PlanFilter(Schema):
    kind: DocumentKindValue | None = None
    agency: str | None = Field(None, max_length=80, description="Agency slug")
    year: int | None = Field(None, ge=1900, le=2200, description="Plans covering this year")


@router.get(
    "/governments/{slug}/plans",
    response={200: list[PlanOut], **errors_4xx},
    summary="Public plan documents of a government",
)
@paginate(KeysetPagination, key="pk", render=plan_out)
def plan_list(
    request: HttpRequest, slug: str, filters: Query[PlanFilter]
) -> QuerySet[PlanDocument]:
    government = government_get(slug)
    plans = (
        PlanDocument.objects.filter(government=government)
        .exclude(state=DocumentState.DRAFT)
        .select_related("agency")
    )
    if filters.kind:
        plans = plans.filter(kind=filters.kind)
    if filters.agency:
        plans = plans.filter(agency__slug=filters.agency)
    if filters.year is not None:
        plans = plans.filter(period_start__lte=filters.year, period_end__gte=filters.year)
    return plans


@router.get(
    "/governments/{slug}/plans/{plan_id}",
    response={200: PlanOut, **errors_4xx},
    summary="One plan document",
)
def plan_detail(request: HttpRequest, slug: str, plan_id: int) -> dict[str, Any]:
    document = plan_document_get_for_user(None, government_get(slug), plan_id)
    return plan_out(document)


class TargetOut(Schema):
    year: int
    value: float | None = None
    text: str = ""


class IndicatorOut(Schema):
    id: int
    name: str
    unit: str
    direction: str
    baseline_year: int | None = None
    baseline_value: float | None = None
    end_target: float | None = None
    responsible_unit: str
    targets: list[TargetOut]


class FundingOut(Schema):
    year: int
    amount: str = Field(description="Pagu indikatif in rupiah, exact decimal")


class PlanItemOut(Schema):
    id: int
    parent_id: int | None = None
    kind: str
    code: str
    text: str
    position: int
    indicators: list[IndicatorOut]
    funding: list[FundingOut]


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _indicator_out(indicator: Indicator) -> dict[str, Any]:
    return {
        "id": indicator.pk,
        "name": indicator.name,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "baseline_year": indicator.baseline_year,
        "baseline_value": _number(indicator.baseline_value),
        "end_target": _number(indicator.end_target),
        "responsible_unit": indicator.responsible_unit,
        "targets": [
            {"year": t.year, "value": _number(t.value), "text": t.qualitative_text}
            for t in indicator.targets.all()
        ],
    }


def plan_item_out(item: PlanItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "parent_id": item.parent_id,
        "kind": item.kind,
        "code": item.code,
        "text": item.text,
        "position": item.position,
        "indicators": [_indicator_out(i) for i in item.indicators.all()],
        "funding": [{"year": f.year, "amount": str(f.amount)} for f in item.funding.all()],
    }


@router.get(
    "/governments/{slug}/plans/{plan_id}/items",
    response={200: list[PlanItemOut], **errors_4xx},
    summary="Items of a plan (goals … sub kegiatan) with indicators, targets and funding",
)
@paginate(KeysetPagination, key="pk", render=plan_item_out)
def plan_item_list(request: HttpRequest, slug: str, plan_id: int) -> QuerySet[PlanItem]:
    document = plan_document_get_for_user(None, government_get(slug), plan_id)
    return PlanItem.objects.filter(
        government=document.government, document=document
    ).prefetch_related("indicators__targets", "funding")


class IndicatorRowOut(IndicatorOut):
    plan_id: int = Field(description="The plan document the indicator belongs to")
    plan_kind: str
    agency: str | None = Field(None, description="Slug of the plan's agency (Renstra, Renja)")
    item_id: int
    item_kind: str = Field(description="tujuan, sasaran, program, kegiatan, sub_kegiatan …")
    item_code: str
    item_text: str


def indicator_row_out(indicator: Indicator) -> dict[str, Any]:
    item = indicator.item
    document = item.document
    return {
        **_indicator_out(indicator),
        "plan_id": document.pk,
        "plan_kind": document.kind,
        "agency": document.agency.slug if document.agency_id and document.agency else None,
        "item_id": item.pk,
        "item_kind": item.kind,
        "item_code": item.code,
        "item_text": item.text,
    }


class IndicatorFilter(Schema):
    plan: int | None = Field(None, ge=1, description="Id of a plan document")
    agency: str | None = Field(None, max_length=80, description="Slug of the plan's agency")
    year: int | None = Field(
        None, ge=1900, le=2200, description="Indicators of plans covering this year"
    )
    kind: DocumentKindValue | None = Field(None, description="Kind of the plan document")


def _unknown(name: str, detail: str) -> ApiError:
    return ApiError(422, detail, [{"loc": ["query", name], "msg": detail, "type": "unknown"}])


@router.get(
    "/governments/{slug}/indicators",
    response={200: list[IndicatorRowOut], **errors_4xx},
    summary="Performance indicators of a government's public plans, with yearly targets",
)
@paginate(KeysetPagination, key="pk", render=indicator_row_out)
def indicator_list(
    request: HttpRequest, slug: str, filters: Query[IndicatorFilter]
) -> QuerySet[Indicator]:
    government = government_get(slug)
    rows = (
        Indicator.objects.filter(government=government)
        .exclude(item__document__state=DocumentState.DRAFT)
        .select_related("item__document__agency")
        .prefetch_related("targets")
    )
    if filters.plan is not None:
        public = PlanDocument.objects.filter(government=government, pk=filters.plan).exclude(
            state=DocumentState.DRAFT
        )
        if not public.exists():
            raise _unknown("plan", _("No such plan document."))
        rows = rows.filter(item__document_id=filters.plan)
    if filters.agency:
        agency = Agency.objects.filter(government=government, slug=filters.agency).first()
        if agency is None:
            raise _unknown("agency", _("Unknown agency."))
        rows = rows.filter(item__document__agency=agency)
    if filters.year is not None:
        rows = rows.filter(
            item__document__period_start__lte=filters.year,
            item__document__period_end__gte=filters.year,
        )
    if filters.kind:
        rows = rows.filter(item__document__kind=filters.kind)
    return rows
