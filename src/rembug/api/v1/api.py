"""The REST API, version 1, at ``/api/v1/`` (OpenAPI at ``openapi.json``, Swagger UI at ``docs``).

Endpoints are thin: read input, check access with the owning app's ``access.py``, read through its
selectors or call its service, answer. Errors all share ``{"detail", "errors"}`` (``api.errors``).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI

from rembug.api.errors import error_response, install_error_handlers
from rembug.api.v1 import forum_inputs  # noqa: F401  (adds POST …/inputs to the forums router)
from rembug.api.v1.forums import router as forums_router
from rembug.api.v1.foundation import router as foundation_router
from rembug.api.v1.plans import router as plans_router
from rembug.api.v1.realisation import router as realisation_router
from rembug.api.v1.reports import router as reports_router
from rembug.api.v1.search import router as search_router
from rembug.api.v1.statistics import router as statistics_router
from rembug.api.v1.triage import router as triage_router

api = NinjaAPI(
    title="Rembug API",
    version="1",
    description=(
        "Public data of the governments hosted on this Rembug: agencies, regions, the national "
        "nomenclature, plans with their realisation, forums and their inputs, public reports, "
        "service statistics and search. Reads need no token; writes need "
        "`Authorization: Bearer <token>` unless stated. Lists are paginated with `cursor`."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)
api.add_router("/", foundation_router)
api.add_router("/", reports_router)
api.add_router("/", plans_router)
api.add_router("/", forums_router)
api.add_router("/", realisation_router)
api.add_router("/", statistics_router)
api.add_router("/", search_router)
api.add_router("/", triage_router)


@csrf_exempt  # writes nothing; an API client's POST to a wrong path learns it is wrong
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other path under ``/api/v1/``: the API's own 404 body, not the site's HTML page."""
    return error_response(
        api, request, 404, _("No such API endpoint; the list is at /api/v1/docs.")
    )
