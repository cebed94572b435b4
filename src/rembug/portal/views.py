"""The public portal (floor 5): pages composed from every module of the loop."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rembug.complaints.selectors import public_complaints
from rembug.forums.selectors import forums_of, government_statistics
from rembug.governments.access import agency_get_for_user, can_read_audit, roles_for
from rembug.governments.models import Agency, Government
from rembug.planning.selectors import documents_for
from rembug.portal import catalogue, figures
from rembug.portal.formats import FORMATS, csv_stream, json_stream, xlsx_bytes
from rembug.portal.opendata import DATASETS

LATEST = 5


@require_GET
def government_home(request: HttpRequest, government: str) -> HttpResponse:
    """A government's home: its plans, forums and public reports, then its agencies."""
    current: Government = request.government  # type: ignore[attr-defined]
    agencies = list(current.agencies.filter(is_active=True).order_by("kind", "name"))
    reports = public_complaints(current)
    forum_statistics = government_statistics(current)
    return render(
        request,
        "portal/government_home.html",
        {
            "agencies": [a for a in agencies if a.kind != Agency.Kind.KECAMATAN],
            "kecamatan_offices": [a for a in agencies if a.kind == Agency.Kind.KECAMATAN],
            "district_count": current.region.children.count(),
            "documents": documents_for(request.user, current),
            "forums": list(forums_of(current)[:LATEST]),
            "forum_statistics": forum_statistics,
            "figures": figures.home_figures(
                current, forum_statistics.received, forum_statistics.accepted
            ),
            "reports": list(reports[:LATEST]),
            "report_count": reports.count(),
        },
    )


@require_GET
def agency_detail(request: HttpRequest, government: str, agency: str) -> HttpResponse:
    """An agency's page: its plans, its performance, its service and information statistics.
    Composed here (floor 5) on the governments page, which it replaces at the same address."""
    current: Government = request.government  # type: ignore[attr-defined]
    found = agency_get_for_user(request.user, current, agency)
    held = roles_for(request.user, current)
    return render(
        request,
        "portal/agency_detail.html",
        {
            "agency": found,
            "can_edit": held.has("administrator", "coordinator") or held.serves(found),
            "can_audit": can_read_audit(request.user, current),
            "content_type": ContentType.objects.get_for_model(Agency),
            "plans": figures.agency_plans(found, staff=held.is_staff),
            "performance": figures.agency_performance(found),
            "service": figures.agency_service_statistics(found),
            "ppid": figures.agency_ppid(found),
        },
    )


# ---------------------------------------------------------------- open data


@require_GET
def data_catalogue(request: HttpRequest, government: str) -> HttpResponse:
    """The open-data catalogue: every dataset with its DCAT metadata and downloads."""
    current: Government = request.government  # type: ignore[attr-defined]
    return render(
        request,
        "portal/data_catalogue.html",
        {
            "entries": catalogue.entries(current),
            "spatial": catalogue.spatial(current),
            "license_url": catalogue.LICENSE_URL,
            "license_title": catalogue.LICENSE_TITLE,
        },
    )


@require_GET
def data_json(request: HttpRequest, government: str) -> JsonResponse:
    current: Government = request.government  # type: ignore[attr-defined]
    response = JsonResponse(
        catalogue.dcat_catalog(request, current), json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def dataset_download(
    request: HttpRequest, government: str, dataset: str, fmt: str
) -> HttpResponseBase:
    """One dataset in one format at a stable address: ``/<government>/data/<dataset>.<fmt>``."""
    current: Government = request.government  # type: ignore[attr-defined]
    found = DATASETS.get(dataset)
    if found is None or fmt not in FORMATS:
        raise Http404(_("No such dataset or format."))
    mime, _label = FORMATS[fmt]
    rows = found.cells(current)
    response: HttpResponseBase
    if fmt == "csv":
        response = StreamingHttpResponse(csv_stream(found.columns, rows), content_type=mime)
    elif fmt == "json":
        response = StreamingHttpResponse(json_stream(found.columns, rows), content_type=mime)
    else:
        response = HttpResponse(xlsx_bytes(found.slug, found.columns, rows), content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{current.slug}-{dataset}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
