"""Live indicators: an indicator bound to a metric Rembug computes from its own data, recomputed
for each open quarter (``rembug monitoring-refresh``, run daily), with its provenance stored
beside the value and shown in the grid and E.81's source.

Metrics, over the quarter's dates and the Renja's agency (or the whole government):
- ``complaints_on_time``: % of complaints with a due time whose first answer came in time;
- ``complaint_first_answer_days``: median days from submission to the first answer;
- ``forum_inputs_accepted``: forum proposals linked to a plan item in the quarter;
- ``renja_answering_inputs``: % of the Renja's sub kegiatan answering at least one public input.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from rembug.complaints.models import Complaint
from rembug.monitoring.models import IndicatorSetting, LiveMetric, ReportingPeriod
from rembug.monitoring.selectors import default_aggregation
from rembug.monitoring.services import indicator_realisation_set, period_is_editable, quarter_end
from rembug.planning.models import Indicator, PlanItem, PlanItemInput


@dataclass(frozen=True)
class Measure:
    value: Decimal | None
    provenance: str


def _bounds(period: ReportingPeriod) -> tuple[dt.datetime, dt.datetime, str]:
    year = period.document.period_start
    first = dt.date(year, period.quarter * 3 - 2, 1)
    last = quarter_end(year, period.quarter)
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(first, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return start, end, f"{first:%d/%m/%Y}–{last:%d/%m/%Y}"


def _pct(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def measure(metric: str, period: ReportingPeriod) -> Measure:
    start, end, span = _bounds(period)
    document = period.document
    complaints = Complaint.objects.filter(
        government_id=document.government_id, submitted_at__gte=start, submitted_at__lt=end
    )
    if document.agency_id:
        complaints = complaints.filter(agency_id=document.agency_id)
    if metric == LiveMetric.COMPLAINTS_ON_TIME:
        due = complaints.filter(due_at__isnull=False)
        total = due.count()
        on_time = due.filter(
            first_answered_at__isnull=False, first_answered_at__lte=F("due_at")
        ).count()
        return Measure(
            _pct(on_time, total), f"{on_time} dari {total} aduan dijawab tepat waktu ({span})"
        )
    if metric == LiveMetric.COMPLAINT_FIRST_ANSWER_DAYS:
        pairs = complaints.filter(first_answered_at__isnull=False).values_list(
            "submitted_at", "first_answered_at"
        )
        days = [
            (answered - submitted).total_seconds() / 86400
            for submitted, answered in pairs
            if answered is not None
        ]
        value = Decimal(str(round(statistics.median(days), 2))) if days else None
        return Measure(value, f"median {len(days)} aduan yang sudah dijawab ({span})")
    if metric == LiveMetric.FORUM_INPUTS_ACCEPTED:
        count = PlanItemInput.objects.filter(
            government_id=document.government_id,
            source_kind=PlanItemInput.SourceKind.FORUM_INPUT,
            created_at__gte=start,
            created_at__lt=end,
        ).count()
        return Measure(Decimal(count), f"{count} usulan forum diterima ke dalam rencana ({span})")
    subs = PlanItem.objects.filter(
        government_id=document.government_id, document=document, kind=PlanItem.Kind.SUB_KEGIATAN
    )
    total = subs.count()
    answering = subs.filter(Q(inputs__isnull=False)).distinct().count()
    return Measure(
        _pct(answering, total), f"{answering} dari {total} sub kegiatan menjawab masukan publik"
    )


@transaction.atomic
def indicator_bind(*, indicator: Indicator, metric: str, by: Any) -> IndicatorSetting:
    """Bind ``indicator`` to a live ``metric`` (empty string unbinds)."""
    setting, _created = IndicatorSetting.objects.get_or_create(
        government_id=indicator.government_id,
        indicator=indicator,
        defaults={"aggregation": default_aggregation(indicator)},
    )
    setting.live_metric = LiveMetric(metric) if metric else ""
    setting.save(update_fields=["live_metric"])
    return setting


def live_indicators_refresh(*, period: ReportingPeriod, by: Any = None) -> int:
    """Recompute every live indicator of ``period``'s Renja while the period is open; returns
    how many values were written."""
    if not period_is_editable(period):
        return 0
    written = 0
    for setting in (
        IndicatorSetting.objects.filter(
            government_id=period.government_id, indicator__item__document_id=period.document_id
        )
        .exclude(live_metric="")
        .select_related("indicator__item")
    ):
        found = measure(setting.live_metric, period)
        stamp = timezone.localdate().strftime("%d/%m/%Y")
        indicator_realisation_set(
            period=period,
            indicator=setting.indicator,
            value=found.value,
            by=by,
            source=f"Rembug: {found.provenance}; dihitung {stamp}"[:300],
        )
        written += 1
    return written
