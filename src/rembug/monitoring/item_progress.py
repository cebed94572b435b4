"""The progress of one plan item, as a fragment other pages load with htmx.

Progress lives on this floor, so a lower floor never computes it: a forum input's public page
(forums, floor 3) asks for ``monitoring:item_progress`` of the plan item the input became, and
shows what comes back. A Renja item reports its own progress; a Renstra item the progress of the
Renja items that carry it out (``PlanItem.source_item``), one per year.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rembug.governments.models import Government
from rembug.monitoring.selectors import IndicatorProgress, ItemProgress, renja_progress_many
from rembug.planning.access import plan_document_get_for_user, plan_item_get_for_user
from rembug.planning.models import DocumentKind, DocumentState, PlanDocument, PlanItem


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    unit: str
    target: Decimal | None
    value: Decimal | None
    capaian: Decimal | None


@dataclass(frozen=True)
class ProgressRow:
    """One Renja item's progress up to the last quarter its Renja reported."""

    document: PlanDocument
    item: PlanItem
    quarter: int
    pagu: Decimal | None
    spent: Decimal | None
    capaian: Decimal | None
    absorption: Decimal | None
    colour: str
    indicators: list[IndicatorRow]


def _indicator_row(progress: IndicatorProgress, quarter: int) -> IndicatorRow:
    return IndicatorRow(
        name=progress.indicator.name,
        unit=progress.indicator.unit,
        target=progress.target,
        value=progress.cumulative(quarter) if quarter else None,
        capaian=progress.capaian(quarter) if quarter else None,
    )


def _readable(user: Any, document: PlanDocument) -> bool:
    try:
        plan_document_get_for_user(user, document.government, document.pk)
    except (Http404, PermissionDenied):
        return False
    return True


def plan_item_progress(item: PlanItem, user: Any) -> list[ProgressRow]:
    """The progress of ``item`` (a Renja item) or of the Renja items that carry it out (a
    Renstra item), newest year first, from the Renja documents ``user`` may read."""
    if item.document.kind == DocumentKind.RENJA:
        carriers = [item]
    else:
        carriers = list(
            PlanItem.objects.filter(
                government_id=item.government_id,
                source_item=item,
                document__kind=DocumentKind.RENJA,
            )
            .exclude(document__state__in=[DocumentState.DIGANTI, DocumentState.DRAFT])
            .select_related("document__government", "document__agency")
        )
    documents = {c.document_id: c.document for c in carriers}
    readable = [d for d in documents.values() if _readable(user, d)]
    progress = renja_progress_many(readable)
    rows: list[ProgressRow] = []
    for carrier in carriers:
        renja = progress.get(carrier.document_id)
        if renja is None:
            continue
        node: ItemProgress | None = next((n for n in renja.walk() if n.item.pk == carrier.pk), None)
        if node is None:
            continue
        quarter = renja.last_reported
        value = node.capaian(quarter) if quarter else None
        rows.append(
            ProgressRow(
                document=renja.document,
                item=carrier,
                quarter=quarter,
                pagu=node.pagu,
                spent=node.spent_until(quarter) if quarter else None,
                capaian=value,
                absorption=node.absorption(quarter) if quarter else None,
                colour=renja.colour(value, quarter),
                indicators=[_indicator_row(i, quarter) for i in node.indicators],
            )
        )
    return sorted(rows, key=lambda row: -row.document.period_start)


@require_GET
def item_progress(request: HttpRequest, government: str, item_id: int) -> HttpResponse:
    """The fragment: 404 for an item the user may not read, like the item's own page."""
    current: Government = request.government  # type: ignore[attr-defined]
    item = plan_item_get_for_user(request.user, current, item_id)
    return render(
        request,
        "monitoring/_item_progress.html",
        {"item": item, "rows": plan_item_progress(item, request.user)},
    )
