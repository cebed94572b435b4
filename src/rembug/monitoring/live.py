"""Live indicators: an indicator bound to a metric Rembug computes from its own data, recomputed
for each open quarter (``rembug monitoring-refresh``, run daily), with its provenance stored
beside the value and shown in the grid, on the Renja's page and in E.81's source.

The metrics are a registry (:data:`METRICS`, :func:`metric_register`): each is counted over the
quarter's dates and over the Renja's agency or the whole government (the binding's scope):
- ``complaints_on_time``: % of complaints, answered or past due, first answered in time;
- ``complaint_first_answer_days``: median days from submission to the first answer;
- ``forum_inputs_accepted``: forum proposals linked to a plan item in the quarter;
- ``renja_answering_inputs``: % of the Renja's sub kegiatan answering at least one public input;
- ``ppid_on_time``: % of PPID information requests answered on time (when the PPID app is
  installed: it lives on the floor below and cannot register itself here).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rembug.complaints.statistics import Figures, figures
from rembug.core.audit import audit_record, audit_snapshot
from rembug.core.models import AuditEntry
from rembug.governments.models import Agency, Government
from rembug.monitoring.models import (
    IndicatorRealisation,
    IndicatorSetting,
    LiveMetric,
    LiveScope,
    ReportingPeriod,
)
from rembug.monitoring.selectors import default_aggregation
from rembug.monitoring.services import indicator_realisation_set, period_is_editable, quarter_end
from rembug.planning.models import Indicator, PlanDocument, PlanItem, PlanItemInput


@dataclass(frozen=True)
class Measure:
    value: Decimal | None
    provenance: str


@dataclass(frozen=True)
class Window:
    """What a metric counts over: the quarter's dates, the government, the agency (None when
    counted over the whole government) and the Renja."""

    government: Government
    agency: Agency | None
    document: PlanDocument
    start: dt.datetime
    end: dt.datetime
    span: str


@dataclass(frozen=True)
class Metric:
    label: str | Promise
    measure: Callable[[Window], Measure]


METRICS: dict[str, Metric] = {}


def metric_register(name: str, label: str | Promise, measure: Callable[[Window], Measure]) -> None:
    """Make ``name`` available to bind indicators to."""
    METRICS[name] = Metric(label, measure)


def _pct(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _complaints(window: Window, *, median: bool = False) -> Figures:
    """The window's reports (of its agency, if any), from the summary of reports."""
    found = figures(
        window.government,
        since=window.start,
        until=window.end,
        agency=window.agency,
        median=median,
    )
    return found.get(None, Figures())


def _complaints_on_time(window: Window) -> Measure:
    """Of the reports answered or already past their due time (a report still within its time
    is not judged yet), the share first answered by the due time."""
    found = _complaints(window)
    on_time, total = found.answered_in_time, found.judged
    return Measure(
        _pct(on_time, total), f"{on_time} dari {total} aduan dijawab tepat waktu ({window.span})"
    )


def _first_answer_days(window: Window) -> Measure:
    """The median days to the first answer, read to its bucket (whole hours below three days:
    see ``complaints.statistics.MEDIAN_PRECISION``)."""
    found = _complaints(window, median=True)
    seconds = found.median_seconds
    value = Decimal(str(round(seconds / 86400, 2))) if seconds is not None else None
    return Measure(value, f"median {found.answered} aduan yang sudah dijawab ({window.span})")


def _forum_inputs_accepted(window: Window) -> Measure:
    links = PlanItemInput.objects.filter(
        government=window.government,
        source_kind=PlanItemInput.SourceKind.FORUM_INPUT,
        created_at__gte=window.start,
        created_at__lt=window.end,
    )
    if window.agency:
        links = links.filter(item__document__agency=window.agency)
    count = links.count()
    return Measure(
        Decimal(count), f"{count} usulan forum diterima ke dalam rencana ({window.span})"
    )


def _renja_answering_inputs(window: Window) -> Measure:
    subs = PlanItem.objects.filter(
        government=window.government, document=window.document, kind=PlanItem.Kind.SUB_KEGIATAN
    )
    total = subs.count()
    answering = subs.filter(Q(inputs__isnull=False)).distinct().count()
    return Measure(
        _pct(answering, total), f"{answering} dari {total} sub kegiatan menjawab masukan publik"
    )


def _ppid_on_time(window: Window) -> Measure:
    from rembug.ppid.selectors import on_time_share

    share = on_time_share(
        window.government, agency=window.agency, start=window.start, end=window.end
    )
    value = None if share is None else Decimal(str(share * 100)).quantize(Decimal("0.01"))
    return Measure(value, f"permohonan informasi PPID dijawab tepat waktu ({window.span})")


metric_register(
    LiveMetric.COMPLAINTS_ON_TIME, LiveMetric.COMPLAINTS_ON_TIME.label, _complaints_on_time
)
metric_register(
    LiveMetric.COMPLAINT_FIRST_ANSWER_DAYS,
    LiveMetric.COMPLAINT_FIRST_ANSWER_DAYS.label,
    _first_answer_days,
)
metric_register(
    LiveMetric.FORUM_INPUTS_ACCEPTED, LiveMetric.FORUM_INPUTS_ACCEPTED.label, _forum_inputs_accepted
)
metric_register(
    LiveMetric.RENJA_ANSWERING_INPUTS,
    LiveMetric.RENJA_ANSWERING_INPUTS.label,
    _renja_answering_inputs,
)
if importlib.util.find_spec("rembug.ppid.selectors") is not None:
    metric_register(
        "ppid_on_time", gettext_lazy("share of PPID requests answered on time"), _ppid_on_time
    )


def window_of(period: ReportingPeriod, scope: str = LiveScope.AGENCY) -> Window:
    document = period.document
    year = document.period_start
    first = dt.date(year, period.quarter * 3 - 2, 1)
    last = quarter_end(year, period.quarter)
    zone = timezone.get_current_timezone()
    return Window(
        government=document.government,
        agency=document.agency if scope == LiveScope.AGENCY else None,
        document=document,
        start=dt.datetime.combine(first, dt.time.min, tzinfo=zone),
        end=dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
        span=f"{first:%d/%m/%Y}–{last:%d/%m/%Y}",
    )


def measure(metric: str, period: ReportingPeriod, scope: str = LiveScope.AGENCY) -> Measure:
    found = METRICS.get(metric)
    if found is None:
        raise ValidationError(_("Unknown live metric %(name)s.") % {"name": metric})
    return found.measure(window_of(period, scope))


@transaction.atomic
def indicator_bind(
    *, indicator: Indicator, metric: str, by: Any, scope: str = LiveScope.AGENCY
) -> IndicatorSetting:
    """Bind ``indicator`` to a live ``metric`` counted over ``scope`` (empty ``metric``
    unbinds). Audited."""
    if metric and metric not in METRICS:
        raise ValidationError(_("Unknown live metric %(name)s.") % {"name": metric})
    if scope not in LiveScope.values:
        raise ValidationError(_("Count over the agency or the whole government."))
    setting, created = IndicatorSetting.objects.select_for_update().get_or_create(
        government_id=indicator.government_id,
        indicator=indicator,
        defaults={"aggregation": default_aggregation(indicator)},
    )
    before = {} if created else audit_snapshot(setting)
    setting.live_metric = metric
    setting.live_scope = scope
    setting.save(update_fields=["live_metric", "live_scope"])
    audit_record(instance=setting, by=by, action=AuditEntry.Action.UPDATE, before=before)
    return setting


def live_indicators_refresh(*, period: ReportingPeriod, by: Any = None) -> int:
    """Recompute every live indicator of ``period``'s Renja while the period is open; returns
    how many values were written."""
    if not period_is_editable(period):
        return 0
    written = 0
    stamp = timezone.localdate().strftime("%d/%m/%Y")
    for setting in (
        IndicatorSetting.objects.filter(
            government_id=period.government_id, indicator__item__document_id=period.document_id
        )
        .exclude(live_metric="")
        .select_related("indicator__item")
    ):
        if setting.live_metric not in METRICS:
            continue  # a metric whose app was removed: the last value stays, marked as it was
        found = measure(setting.live_metric, period, setting.live_scope)
        indicator_realisation_set(
            period=period,
            indicator=setting.indicator,
            value=found.value,
            by=by,
            source=f"Rembug: {found.provenance}; dihitung {stamp}"[:300],
        )
        written += 1
    return written


@dataclass(frozen=True)
class Binding:
    indicator: Indicator
    label: str | Promise
    scope: str
    latest: tuple[int, Decimal | None, str] | None  # (quarter, value, provenance)


def live_bindings(document: PlanDocument) -> list[Binding]:
    """The live indicators of a Renja with the latest value each received and its provenance
    (two queries)."""
    settings = list(
        IndicatorSetting.objects.filter(
            government_id=document.government_id, indicator__item__document=document
        )
        .exclude(live_metric="")
        .select_related("indicator__item")
        .order_by("indicator__item__position", "indicator__position", "indicator_id")
    )
    latest: dict[int, tuple[int, Decimal | None, str]] = {}
    for indicator_id, quarter, value, source in (
        IndicatorRealisation.objects.filter(
            government_id=document.government_id,
            indicator_id__in=[s.indicator_id for s in settings],
        )
        .exclude(source="")
        .order_by("period__quarter")
        .values_list("indicator_id", "period__quarter", "value", "source")
    ):
        latest[indicator_id] = (quarter, value, source)
    return [
        Binding(
            indicator=s.indicator,
            label=METRICS[s.live_metric].label if s.live_metric in METRICS else s.live_metric,
            scope=s.live_scope,
            latest=latest.get(s.indicator_id),
        )
        for s in settings
    ]
