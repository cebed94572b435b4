from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rembug.governments.access import agency_head, roles_for
from rembug.governments.models import Government
from rembug.monitoring import services
from rembug.monitoring.access import (
    Approver,
    may_bind,
    may_enter,
    may_reopen,
    period_get_for_user,
    renja_get_for_user,
)
from rembug.monitoring.charts import Figure, png
from rembug.monitoring.dashboards import (
    agency_figures,
    government_figures,
    leadership_summary,
    programs_behind,
)
from rembug.monitoring.exports import FORMATS, export_document
from rembug.monitoring.exports import render as render_table
from rembug.monitoring.forms import parse_number
from rembug.monitoring.live import METRICS, indicator_bind, live_bindings
from rembug.monitoring.models import Evidence, LiveScope, PeriodStatus
from rembug.monitoring.selectors import (
    QUARTERS,
    renja_documents,
    renja_progress,
)
from rembug.monitoring.summary import renja_overviews
from rembug.planning.access import may_read
from rembug.planning.models import Indicator, PlanDocument, PlanItem


def _government(request: HttpRequest) -> Government:
    return request.government  # type: ignore[attr-defined,no-any-return]


@require_GET
def export(
    request: HttpRequest, government: str, table: str, document_id: int, fmt: str
) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    built = export_document(
        table, government=_government(request), document_id=document_id, user=request.user
    )
    response = HttpResponse(render_table(built, fmt), content_type=FORMATS[fmt][1])
    response["Content-Disposition"] = f'attachment; filename="{built.filename}.{fmt}"'
    return response


def _csv(filename: str, header: list[str], rows: list[list[Any]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return response


def _figure_download(figures: list[Figure], name: str, fmt: str) -> HttpResponse:
    """One chart of a dashboard as CSV (its table) or PNG (its picture)."""
    figure = next((f for f in figures if f.slug == name), None)
    if figure is None or fmt not in {"csv", "png"}:
        raise Http404(_("No such chart."))
    if fmt == "csv":
        return _csv(f"{figure.filename}.csv", figure.header, figure.rows)
    response = HttpResponse(png(figure.chart), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="{figure.filename}.png"'
    return response


def _government_dashboard(current: Government) -> tuple[list[PlanDocument], list[Any]]:
    documents = renja_documents(current)
    overviews = renja_overviews(documents)
    return documents, [overviews[d.pk] for d in documents]


@require_GET
def dashboard(request: HttpRequest, government: str) -> HttpResponse:
    """The government's dashboard: achievement and budget absorption of every agency's Renja
    of the latest year (up to the last quarter each reported, from the summary rows), then
    complaints and forum inputs."""
    current = _government(request)
    documents, overviews = _government_dashboard(current)
    rows = [
        {
            "document": renja.document,
            "quarter": quarter,
            "capaian": achieved,
            "colour": renja.colour(achieved, quarter),
            "absorption": renja.absorption(quarter) if quarter else None,
            "pagu": renja.pagu,
        }
        for renja in overviews
        for quarter in [renja.last_reported]
        for achieved in [renja.capaian(quarter) if quarter else None]
    ]
    if request.GET.get("format") == "csv":
        return _csv(
            f"capaian-{current.slug}.csv",
            ["perangkat_daerah", "triwulan", "capaian_persen", "pagu_rp", "serapan_persen"],
            [
                [r["document"].agency, r["quarter"], r["capaian"], r["pagu"], r["absorption"]]
                for r in rows
            ],
        )
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "rows": rows,
            "figures": government_figures(current, overviews),
            "year": documents[0].period_start if documents else None,
        },
    )


@require_GET
def dashboard_chart(request: HttpRequest, government: str, name: str, fmt: str) -> HttpResponse:
    current = _government(request)
    _documents, overviews = _government_dashboard(current)
    return _figure_download(government_figures(current, overviews), name, fmt)


@require_GET
def renja_chart(
    request: HttpRequest, government: str, pk: int, name: str, fmt: str
) -> HttpResponse:
    current = _government(request)
    document = renja_get_for_user(request.user, current, pk)
    return _figure_download(agency_figures(renja_overviews([document])[pk]), name, fmt)


@require_GET
def leadership(request: HttpRequest, government: str) -> HttpResponse:
    """For the head of the region: the year on one screen — how many agencies are on track,
    the ones most behind, the money absorbed, complaints answered in time, inputs accepted."""
    current = _government(request)
    documents, overviews = _government_dashboard(current)
    return render(
        request,
        "monitoring/leadership.html",
        {
            "year": documents[0].period_start if documents else None,
            **leadership_summary(current, overviews),
        },
    )


@require_GET
def dprd(request: HttpRequest, government: str) -> HttpResponse:
    """For the DPRD (read-only): by bidang urusan, the programs behind schedule and why, in the
    agencies' own words (obstacles and follow-up of the quarter)."""
    current = _government(request)
    documents, overviews = _government_dashboard(current)
    return render(
        request,
        "monitoring/dprd.html",
        {
            "year": documents[0].period_start if documents else None,
            "groups": programs_behind(current, overviews),
            "reported": len([r for r in overviews if r.last_reported]),
            "agencies": len(overviews),
        },
    )


@require_GET
def renja_detail(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    """One agency's Renja: achievement by program, absorption by quarter, the four periods."""
    current = _government(request)
    document = renja_get_for_user(request.user, current, pk)
    held = roles_for(request.user, current)
    periods = services.periods_ensure(document=document) if may_enter(held, document) else None
    progress = renja_progress(document)
    quarter = progress.last_reported
    if request.GET.get("format") == "csv":
        return _csv(
            f"realisasi-renja-{document.pk}.csv",
            ["kode", "uraian", "pagu_rp", "capaian_persen", "serapan_persen"]
            + [f"rp_triwulan_{q}" for q in QUARTERS],
            [
                [
                    n.item.code,
                    n.item.text,
                    n.pagu,
                    n.capaian(quarter) if quarter else None,
                    n.absorption(quarter) if quarter else None,
                    *(n.spent_in(q) for q in QUARTERS),
                ]
                for n in progress.walk()
            ],
        )
    overview = renja_overviews([document])[document.pk]
    live = live_bindings(document)
    renstra = document.based_on
    head = agency_head(document.agency_id) if document.agency_id else None
    approvers = {
        period.pk: Approver(request.user, held, period, head=head)
        for period in periods or []
        if period.status == PeriodStatus.SUBMITTED
    }
    return render(
        request,
        "monitoring/renja_detail.html",
        {
            "document": document,
            "head": head,
            "approvable": {pk for pk, approver in approvers.items() if approver.allowed},
            "on_behalf": {pk for pk, approver in approvers.items() if approver.on_behalf},
            "progress": progress,
            "quarter": quarter,
            "periods": periods or list(progress.periods.values()),
            "figures": agency_figures(overview),
            "live": live,
            "may_bind": may_bind(held),
            "metrics": [(name, metric.label) for name, metric in METRICS.items()],
            "scopes": LiveScope.choices,
            "may_enter": may_enter(held, document),
            "may_reopen": may_reopen(held),
            # E.80 evaluates the Renstra this Renja carries out: linked when it is readable.
            "renstra": renstra if renstra and may_read(held, renstra) else None,
            "rows": [
                (
                    n,
                    value,
                    n.absorption(quarter) if quarter else None,
                    progress.colour(value, quarter),
                    n.projected_capaian(quarter) if quarter else None,
                )
                for n in progress.walk()
                for value in [n.capaian(quarter) if quarter else None]
            ],
        },
    )


def _grid_rows(progress: Any, quarter: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for node in progress.walk():
        rows.append({"node": node, "leaf": not node.children, "note": node.notes.get(quarter)})
        for ind in node.indicators:
            rows.append(
                {
                    "indicator": ind,
                    "node": node,
                    "value": ind.values.get(quarter),
                    "source": ind.sources.get(quarter, ""),
                }
            )
    return rows


@login_required
@require_GET
def grid(request: HttpRequest, government: str, pk: int, quarter: int) -> HttpResponse:
    """The realisation of one quarter: one editable grid, saved cell by cell."""
    current = _government(request)
    document = renja_get_for_user(request.user, current, pk)
    if quarter not in QUARTERS:
        raise Http404
    if not may_enter(roles_for(request.user, current), document):
        raise PermissionDenied(_("Only this agency's officers and the planner report realisation."))
    period = services.periods_ensure(document=document)[quarter - 1]
    progress = renja_progress(document)
    return render(
        request,
        "monitoring/grid.html",
        {
            "document": document,
            "period": period,
            "editable": services.period_is_editable(period),
            "rows": _grid_rows(progress, quarter),
            "leaves": [n.item for n in progress.walk() if not n.children],
            "evidence": list(
                Evidence.objects.filter(government=current, period=period)
                .select_related("item")
                .order_by("id")
            ),
        },
    )


def _cell(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, f"monitoring/{template}", context, status=status)


@login_required
@require_POST
def indicator_cell(
    request: HttpRequest, government: str, period_id: int, indicator_id: int
) -> HttpResponse:
    text = request.POST.get("value", "")
    period = period_get_for_user(request.user, _government(request), period_id, enter=True)
    indicator = get_object_or_404(
        Indicator.objects.select_related("item"),
        government=period.government,
        pk=indicator_id,
        item__document_id=period.document_id,
    )
    context: dict[str, Any] = {"period": period, "indicator": indicator, "text": text}
    try:
        value = parse_number(text, money=False)
        services.indicator_realisation_set(
            period=period, indicator=indicator, value=value, by=request.user
        )
    except ValidationError as error:
        context["error"] = " ".join(error.messages)
        return _cell(request, "_indicator_cell.html", context, status=422)
    context.update(value=value, saved=True)
    return _cell(request, "_indicator_cell.html", context)


ITEM_FIELDS = ("amount", "obstacles", "follow_up")


@login_required
@require_POST
def item_cell(
    request: HttpRequest, government: str, period_id: int, item_id: int, field: str
) -> HttpResponse:
    if field not in ITEM_FIELDS:
        raise Http404
    text = request.POST.get(field, "")
    period = period_get_for_user(request.user, _government(request), period_id, enter=True)
    item = get_object_or_404(
        PlanItem, government=period.government, pk=item_id, document_id=period.document_id
    )
    context: dict[str, Any] = {"period": period, "item": item, "field": field, "text": text}
    try:
        value: Any = parse_number(text, money=True) if field == "amount" else text.strip()[:5000]
        services.item_realisation_set(period=period, item=item, by=request.user, **{field: value})
    except ValidationError as error:
        context["error"] = " ".join(error.messages)
        return _cell(request, "_item_cell.html", context, status=422)
    context.update(value=value, saved=True)
    return _cell(request, "_item_cell.html", context)


@login_required
@require_POST
def period_action(
    request: HttpRequest, government: str, period_id: int, action: str
) -> HttpResponse:
    note = request.POST.get("note", "")
    until_text = request.POST.get("until", "")
    current = _government(request)
    period = period_get_for_user(
        request.user,
        current,
        period_id,
        enter=action == "submit",
        approve=action in {"approve", "return"},
        reopen=action == "reopen",
    )
    try:
        if action == "submit":
            services.period_submit(period=period, by=request.user)
        elif action == "approve":
            approver = Approver(request.user, roles_for(request.user, current), period)
            services.period_approve(period=period, by=request.user, on_behalf=approver.on_behalf)
        elif action == "return":
            services.period_return(period=period, by=request.user, note=note)
        elif action == "reopen":
            until = dt.date.fromisoformat(until_text) if until_text else None
            if until is None:
                raise ValidationError(_("Give the new deadline."))
            services.period_reopen(period=period, by=request.user, until=until, note=note)
        else:
            raise Http404
    except (ValidationError, ValueError) as error:
        messages = error.messages if isinstance(error, ValidationError) else [str(error)]
        return render(
            request,
            "monitoring/period_refused.html",
            {"period": period, "errors": messages},
            status=422,
        )
    return redirect("monitoring:renja", government=current.slug, pk=period.document_id)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, government: str, period_id: int) -> HttpResponse:
    item_id = request.POST.get("item", "")
    title = request.POST.get("title", "")
    upload = request.FILES.get("file")
    current = _government(request)
    period = period_get_for_user(request.user, current, period_id, enter=True)
    item = PlanItem.objects.filter(
        government=current,
        document_id=period.document_id,
        pk=int(item_id) if item_id.isdigit() else 0,
    ).first()
    try:
        if item is None or upload is None:
            raise ValidationError(_("Choose the sub kegiatan and the file."))
        services.evidence_add(period=period, item=item, file=upload, title=title, by=request.user)
    except ValidationError as error:
        return render(
            request,
            "monitoring/period_refused.html",
            {"period": period, "errors": error.messages},
            status=422,
        )
    return redirect(
        "monitoring:grid", government=current.slug, pk=period.document_id, quarter=period.quarter
    )


@require_GET
def evidence_download(request: HttpRequest, government: str, pk: int) -> FileResponse:
    current = _government(request)
    evidence = Evidence.objects.filter(government=current, pk=pk).first()
    if evidence is None:
        raise Http404(_("No such evidence."))
    period_get_for_user(request.user, current, evidence.period_id)
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=Path(evidence.file.name).name
    )


@login_required
@require_POST
def indicator_bind_view(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    """Bind a Renja indicator to a live metric (or unbind it): the planner or the coordinator."""
    indicator_id = request.POST.get("indicator", "")
    metric = request.POST.get("metric", "")
    scope = request.POST.get("scope", LiveScope.AGENCY)
    current = _government(request)
    document = renja_get_for_user(request.user, current, pk)
    if not may_bind(roles_for(request.user, current)):
        raise PermissionDenied(_("Only the planner or the coordinator binds live indicators."))
    indicator = get_object_or_404(
        Indicator,
        government=current,
        pk=int(indicator_id) if indicator_id.isdigit() else 0,
        item__document=document,
    )
    try:
        indicator_bind(indicator=indicator, metric=metric, scope=scope, by=request.user)
    except ValidationError as error:
        return render(
            request,
            "monitoring/renja_refused.html",
            {"document": document, "errors": error.messages},
            status=422,
        )
    return redirect(
        reverse("monitoring:renja", kwargs={"government": current.slug, "pk": pk}) + "#live"
    )
