"""Open311 GeoReport v2 at ``/open311/v2/``: discovery, services, service definitions, service
requests (read and create) and tokens, each as ``.xml`` or ``.json``.

``jurisdiction_id`` is the government's Kemendagri code (``36.73``); it may be left out only
while this Rembug hosts a single government. Reports are created through complaints'
``complaint_submit``, like every other channel; an ``Idempotency-Key`` header makes a retried
POST return the first answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from rembug.api.errors import ApiError
from rembug.api.idempotency import (
    HEADER,
    idempotency_key_check,
    idempotent_run,
    request_fingerprint,
)
from rembug.api.open311.clients import open311_client_for_key
from rembug.api.open311.records import (
    request_out,
    service_definition,
    service_out,
    statuses_for,
)
from rembug.api.open311.render import error_response, respond
from rembug.complaints.models import Category, Classification, Complaint, Privacy, Source
from rembug.complaints.services import complaint_submit
from rembug.governments.models import Government
from rembug.moderation.checks import publish_check
from rembug.moderation.selectors import withheld_ids
from rembug.regions.models import Region

MAX_DESCRIPTION = 4000
MAX_RANGE = dt.timedelta(days=90)
MAX_REQUESTS = 1000  # newest first; narrow the dates for more
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-23T00:00:00Z"


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


View = Callable[..., HttpResponse]


def open311_view(*methods: str) -> Callable[[View], View]:
    """Allow ``methods``; turn :class:`Open311Error` (and API errors) into the spec's error list
    in the requested format."""

    def decorate(view: View) -> View:
        def wrapper(request: HttpRequest, fmt: str, **kwargs: Any) -> HttpResponse:
            if request.method not in methods:
                response = error_response(fmt, 405, _("Method not allowed."))
                response["Allow"] = ", ".join(methods)
                return response
            try:
                return view(request, fmt, **kwargs)
            except Open311Error as error:
                return error_response(fmt, error.status, error.description)
            except ApiError as error:
                return error_response(fmt, 400, error.detail)

        wrapper.__name__ = view.__name__
        wrapper.__doc__ = view.__doc__
        return csrf_exempt(wrapper)

    return decorate


def _params(request: HttpRequest) -> QueryDict:
    return request.POST if request.method == "POST" else request.GET


def jurisdiction_get(request: HttpRequest) -> Government:
    code = _params(request).get("jurisdiction_id", "").strip()
    governments = Government.objects.filter(is_active=True).select_related("region")
    if code:
        government = governments.filter(region_id=code).first()
        if government is None:
            raise Open311Error(404, _("Unknown jurisdiction_id."))
        return government
    hosted = list(governments[:2])
    if len(hosted) != 1:
        raise Open311Error(
            400,
            _("jurisdiction_id is required: give the government's Kemendagri code, e.g. 36.73."),
        )
    return hosted[0]


def _categories(government: Government) -> QuerySet[Category]:
    return Category.objects.filter(government=government, is_active=True).select_related(
        "default_agency"
    )


def _category_get(government: Government, code: str) -> Category:
    category = _categories(government).filter(slug=code).first()
    if category is None:
        raise Open311Error(404, _("Unknown service_code."))
    return category


@open311_view("GET")
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri("/open311/v2/").rstrip("/")
    endpoint = {
        "specification": SPECIFICATION,
        "url": base,
        "changeset": CHANGESET,
        "type": "production",
        "formats": ["text/xml", "application/json"],
    }
    payload = {
        "changeset": CHANGESET,
        "contact": _("The coordinator (Diskominfo) of each government hosted here."),
        "key_service": _(
            "Ask the government's coordinator for an api_key; it is issued per client."
        ),
        "endpoints": [endpoint],
    }
    return respond(fmt, "discovery", None, payload)


@open311_view("GET")
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    government = jurisdiction_get(request)
    services = [service_out(category) for category in _categories(government).order_by("name")]
    return respond(fmt, "services", "service", services)


@open311_view("GET")
def service_detail(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    government = jurisdiction_get(request)
    category = _category_get(government, code)
    return respond(fmt, "service_definition", None, service_definition(government, category))


def _public_requests(government: Government) -> QuerySet[Complaint]:
    return (
        Complaint.objects.of(government)
        .public()
        .exclude(pk__in=withheld_ids(government, Complaint))
        .select_related("category", "agency", "kecamatan", "kelurahan")
    )


def _when(value: str, name: str, government: Government) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = parse_datetime(value.strip().replace(" ", "+"))
    except ValueError:
        parsed = None
    if parsed is None:
        raise Open311Error(
            400,
            _("%(name)s must be a W3C date and time, e.g. 2026-01-31T00:00:00Z.") % {"name": name},
        )
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.get_default_timezone())
    return parsed


def _as_id(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isdigit() and len(value) <= 18 else None


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _request_list(request: HttpRequest, fmt: str, government: Government) -> HttpResponse:
    params = request.GET
    requests = _public_requests(government)
    ids = _split(params.get("service_request_id", ""))
    if ids:
        # service_request_id overrides every other filter (spec).
        numbers = [number for part in ids if (number := _as_id(part)) is not None]
        found = requests.filter(pk__in=numbers).order_by("-submitted_at", "-pk")
        return respond(fmt, "service_requests", "request", [request_out(c) for c in found])
    codes = _split(params.get("service_code", ""))
    if codes:
        requests = requests.filter(category__slug__in=codes)
    statuses = _split(params.get("status", ""))
    if statuses:
        if any(status not in {"open", "closed"} for status in statuses):
            raise Open311Error(400, _("status must be open or closed."))
        wanted = {s for status in statuses for s in statuses_for(status)}
        requests = requests.filter(status__in=sorted(wanted))
    start = _when(params.get("start_date", ""), "start_date", government)
    end = _when(params.get("end_date", ""), "end_date", government)
    if start is None and end is None:
        end = timezone.now()
        start = end - MAX_RANGE
    elif start is None:
        assert end is not None
        start = end - MAX_RANGE
    elif end is None:
        end = start + MAX_RANGE
    if end < start:
        raise Open311Error(400, _("end_date is before start_date."))
    if end - start > MAX_RANGE:
        raise Open311Error(400, _("start_date and end_date may span at most 90 days."))
    requests = requests.filter(submitted_at__gte=start, submitted_at__lte=end)
    found = requests.order_by("-submitted_at", "-pk")[:MAX_REQUESTS]
    return respond(fmt, "service_requests", "request", [request_out(c) for c in found])


def _decimal(value: str, name: str, low: int, high: int) -> Decimal:
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or not low <= number <= high:
        raise Open311Error(400, _("%(name)s is not a valid coordinate.") % {"name": name})
    return number.quantize(Decimal("0.000001"))


def _region(code: str, level: int, name: str) -> Region | None:
    if not code:
        return None
    region = Region.objects.filter(code=code.strip(), level=level).first()
    if region is None:
        raise Open311Error(400, _("attribute[%(name)s] is not a known code.") % {"name": name})
    return region


def _choice(value: str, choices: list[str], name: str, default: str) -> str:
    if not value:
        return default
    if value not in choices:
        raise Open311Error(400, _("attribute[%(name)s] is not one of its values.") % {"name": name})
    return value


def _submit(government: Government, params: QueryDict) -> tuple[int, dict[str, Any]]:
    """Validate the POST parameters and create the report through ``complaint_submit``."""
    code = params.get("service_code", "").strip()
    category = _categories(government).filter(slug=code).first() if code else None
    if category is None:
        raise Open311Error(400, _("service_code is missing or unknown."))
    description = params.get("description", "").strip()
    if not description:
        raise Open311Error(400, _("description is required."))
    if len(description) > MAX_DESCRIPTION:
        raise Open311Error(400, _("description may be at most 4,000 characters."))
    lat, lng = params.get("lat", "").strip(), params.get("long", "").strip()
    address = params.get("address_string", "").strip()
    if bool(lat) != bool(lng):
        raise Open311Error(400, _("Give both lat and long."))
    if not lat and not address and not params.get("address_id", "").strip():
        raise Open311Error(400, _("A location is required: lat and long, or address_string."))
    title = params.get("attribute[title]", "").strip() or description.splitlines()[0]
    if len(title) > 200:
        title = title[:197].rstrip() + "…"
    kecamatan = _region(params.get("attribute[kecamatan]", ""), Region.Level.DISTRICT, "kecamatan")
    kelurahan = _region(params.get("attribute[kelurahan]", ""), Region.Level.VILLAGE, "kelurahan")
    name = " ".join(
        part for part in (params.get("first_name", ""), params.get("last_name", "")) if part
    )
    try:
        publish_check(government=government, user=None, texts=[title, description])
        complaint = complaint_submit(
            government=government,
            title=title,
            text=description,
            classification=_choice(
                params.get("attribute[classification]", ""),
                [str(c) for c in Classification],
                "classification",
                Classification.PENGADUAN,
            ),
            category=category,
            kecamatan=kecamatan,
            kelurahan=kelurahan,
            latitude=_decimal(lat, "lat", -90, 90) if lat else None,
            longitude=_decimal(lng, "long", -180, 180) if lng else None,
            address=address[:300],
            privacy=_choice(
                params.get("attribute[privacy]", ""),
                [str(p) for p in Privacy],
                "privacy",
                Privacy.PUBLIC,
            ),
            contact_name=name.strip()[:200],
            contact_email=params.get("email", "").strip()[:254],
            contact_phone=params.get("phone", "").strip()[:32],
            source=Source.OPEN311,
            by=None,
        )
    except ValidationError as error:
        raise Open311Error(400, " ".join(str(m) for m in error.messages)) from None
    notice = _("This reads like an emergency: call 112 now.") if complaint.is_emergency else ""
    return 201, {
        "service_request_id": str(complaint.pk),
        "service_notice": notice,
        "account_id": params.get("account_id", "").strip(),
    }


def _request_create(request: HttpRequest, fmt: str, government: Government) -> HttpResponse:
    params = request.POST
    client = open311_client_for_key(government, params.get("api_key", "").strip())
    if client is None:
        raise Open311Error(403, _("api_key was not provided or is not valid."))
    key = idempotency_key_check(request.headers.get(HEADER))
    fields = {name: params.getlist(name) for name in sorted(params) if name != "api_key"}
    outcome = idempotent_run(
        government=government,
        key=key,
        scope="open311.request",
        fingerprint=request_fingerprint("open311.request", fields),
        run=lambda: _submit(government, params),
    )
    status = 200 if outcome.replayed else outcome.status_code
    response = respond(fmt, "service_requests", "request", [outcome.body], status=status)
    if outcome.replayed:
        response["Idempotent-Replayed"] = "true"
    return response


@open311_view("GET", "POST")
def request_list(request: HttpRequest, fmt: str) -> HttpResponse:
    government = jurisdiction_get(request)
    if request.method == "POST":
        return _request_create(request, fmt, government)
    return _request_list(request, fmt, government)


@open311_view("GET")
def request_detail(request: HttpRequest, fmt: str, request_id: str) -> HttpResponse:
    government = jurisdiction_get(request)
    pk = _as_id(request_id)
    complaint = _public_requests(government).filter(pk=pk).first() if pk is not None else None
    if complaint is None:
        raise Open311Error(404, _("No such service request."))
    return respond(fmt, "service_requests", "request", [request_out(complaint)])


@open311_view("GET")
def token_detail(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    """Rembug answers a POST with the service_request_id at once, so a token is that id."""
    government = jurisdiction_get(request)
    pk = _as_id(token)
    exists = pk is not None and Complaint.objects.of(government).filter(pk=pk).exists()
    if not exists:
        raise Open311Error(404, _("No such token."))
    return respond(
        fmt, "service_requests", "request", [{"service_request_id": token, "token": token}]
    )
