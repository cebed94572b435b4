"""Public reports (complaints, aspirations, information requests) and report intake.

Nothing here says who reported: no name, e-mail, phone, account or address of the reporter is in
any schema, whatever the caller's role. Confidential reports are not listed; the tracking code is
given only to whoever submitted the report (it lets its holder act as the reporter).
"""

from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Header, Query, Router, Schema, Status
from ninja.pagination import paginate

from rembug.api.auth import OptionalTokenAuth, request_user
from rembug.api.errors import ApiError
from rembug.api.idempotency import (
    idempotency_key_check,
    idempotent_run,
    request_fingerprint,
)
from rembug.api.pagination import KeysetPagination
from rembug.api.throttling import PublicWriteThrottle
from rembug.api.v1.references import region_by_code, row_by_slug
from rembug.api.v1.responses import errors_4xx
from rembug.complaints.access import complaint_get_for_user
from rembug.complaints.models import Category, Complaint, Source
from rembug.complaints.services import complaint_submit
from rembug.core.pii import pii_mask
from rembug.governments.access import government_get
from rembug.governments.models import Government
from rembug.moderation.checks import publish_check
from rembug.moderation.selectors import item_of, withheld_ids
from rembug.regions.models import Region

router = Router(tags=["reports"])

ClassificationValue = Literal[
    "pengaduan", "pengaduan_pengawasan", "aspirasi", "permintaan_informasi"
]
StatusValue = Literal[
    "submitted",
    "verified",
    "dispatched",
    "in_progress",
    "answered",
    "closed",
    "needs_info",
    "duplicate",
    "forwarded",
    "archived",
    "reopened",
]
PrivacyValue = Literal["publik", "anonim", "rahasia", "anonim_rahasia"]
MAX_TEXT = 4000


class ReportOut(Schema):
    id: int
    title: str
    text: str
    classification: str
    category: str | None = None
    agency: str | None = Field(None, description="Slug of the agency handling it")
    kecamatan: str | None = Field(None, description="Kemendagri code")
    kelurahan: str | None = Field(None, description="Kemendagri code")
    latitude: float | None = Field(None, description="Rounded to about 100 m")
    longitude: float | None = None
    status: str
    is_emergency: bool
    source: str
    submitted_at: str
    answered_at: str | None = None
    closed_at: str | None = None


def report_out(complaint: Complaint) -> dict[str, Any]:
    """The public face of a report (also used by Open311 and open data)."""

    def when(value: Any) -> str | None:
        return value.isoformat() if value else None

    def rounded(value: Decimal | None) -> float | None:
        return round(float(value), 3) if value is not None else None

    return {
        "id": complaint.pk,
        "title": pii_mask(complaint.title),
        "text": pii_mask(complaint.text),
        "classification": complaint.classification,
        "category": complaint.category.slug
        if complaint.category_id and complaint.category
        else None,
        "agency": complaint.agency.slug if complaint.agency_id and complaint.agency else None,
        "kecamatan": complaint.kecamatan_id,
        "kelurahan": complaint.kelurahan_id,
        "latitude": rounded(complaint.latitude),
        "longitude": rounded(complaint.longitude),
        "status": complaint.status,
        "is_emergency": complaint.is_emergency,
        "source": complaint.source,
        "submitted_at": complaint.submitted_at.isoformat(),
        "answered_at": when(complaint.answered_at),
        "closed_at": when(complaint.closed_at),
    }


class ReportFilter(Schema):
    status: StatusValue | None = None
    classification: ClassificationValue | None = None
    category: str | None = Field(None, max_length=80, description="Category slug")
    agency: str | None = Field(None, max_length=80, description="Agency slug")
    kecamatan: str | None = Field(None, max_length=13, description="Kemendagri code")


def public_reports(government: Government) -> QuerySet[Complaint]:
    return (
        Complaint.objects.of(government)
        .public()
        .exclude(pk__in=withheld_ids(government, Complaint))
        .select_related("category", "agency")
    )


@router.get(
    "/governments/{slug}/reports",
    response={200: list[ReportOut], **errors_4xx},
    summary="Public reports of a government, newest first",
)
@paginate(KeysetPagination, keys=("-submitted_at", "-pk"), render=report_out)
def report_list(
    request: HttpRequest, slug: str, filters: Query[ReportFilter]
) -> QuerySet[Complaint]:
    government = government_get(slug)
    reports = public_reports(government)
    if filters.status:
        reports = reports.filter(status=filters.status)
    if filters.classification:
        reports = reports.filter(classification=filters.classification)
    if filters.category:
        reports = reports.filter(category__slug=filters.category)
    if filters.agency:
        reports = reports.filter(agency__slug=filters.agency)
    if filters.kecamatan:
        reports = reports.filter(kecamatan_id=filters.kecamatan)
    return reports


@router.get(
    "/governments/{slug}/reports/{report_id}",
    response={200: ReportOut, **errors_4xx},
    summary="One public report",
)
def report_detail(request: HttpRequest, slug: str, report_id: int) -> dict[str, Any]:
    government = government_get(slug)
    complaint = complaint_get_for_user(None, government, report_id)
    moderated = item_of(complaint)
    if moderated is not None and moderated.withheld:
        raise ApiError(404, _("This report is hidden pending review or blocked by moderation."))
    return report_out(complaint)


class ReportIn(Schema):
    title: str = Field(..., min_length=3, max_length=200)
    text: str = Field(..., min_length=10, max_length=MAX_TEXT)
    classification: ClassificationValue = "pengaduan"
    category: str | None = Field(None, max_length=80, description="Category slug")
    kecamatan: str | None = Field(None, max_length=13, description="Kemendagri code")
    kelurahan: str | None = Field(None, max_length=13, description="Kemendagri code")
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    address: str = Field("", max_length=300)
    privacy: PrivacyValue = "publik"
    contact_name: str = Field("", max_length=200)
    contact_email: str = Field("", max_length=254)
    contact_phone: str = Field("", max_length=32)


class ReportCreated(Schema):
    id: int
    tracking_code: str = Field(description="Keep it: it lets you follow the report")
    status: str
    due_at: str | None = None
    is_emergency: bool
    notice: str = Field("", description="For an emergency: call 112 now")


def report_submit(
    *, government: Government, payload: ReportIn, by: Any, source: str
) -> tuple[int, dict[str, Any]]:
    """Check the references and hand the report to complaints' ``complaint_submit``."""
    if (payload.latitude is None) != (payload.longitude is None):
        raise ApiError(
            422,
            _("Give both latitude and longitude, or neither."),
            [{"loc": ["body", "payload", "longitude"], "msg": "missing", "type": "missing"}],
        )
    if payload.contact_email and "@" not in payload.contact_email:
        raise ApiError(
            422,
            _("Enter a valid e-mail address."),
            [{"loc": ["body", "payload", "contact_email"], "msg": "invalid", "type": "invalid"}],
        )
    try:
        publish_check(government=government, user=by, texts=[payload.title, payload.text])
    except ValidationError as error:
        raise ApiError(422, " ".join(str(m) for m in error.messages)) from None
    complaint = complaint_submit(
        government=government,
        title=payload.title,
        text=payload.text,
        classification=payload.classification,
        category=row_by_slug(
            Category.objects.filter(government=government),
            payload.category,
            "category",
            _("Unknown category."),
        ),
        kecamatan=region_by_code(payload.kecamatan, Region.Level.DISTRICT, "kecamatan"),
        kelurahan=region_by_code(payload.kelurahan, Region.Level.VILLAGE, "kelurahan"),
        latitude=_decimal(payload.latitude),
        longitude=_decimal(payload.longitude),
        address=payload.address,
        privacy=payload.privacy,
        contact_name=payload.contact_name,
        contact_email=payload.contact_email,
        contact_phone=payload.contact_phone,
        source=source,
        by=by,
    )
    notice = _("This reads like an emergency: call 112 now.") if complaint.is_emergency else ""
    return 201, {
        "id": complaint.pk,
        "tracking_code": complaint.tracking_code,
        "status": complaint.status,
        "due_at": complaint.due_at.isoformat() if complaint.due_at else None,
        "is_emergency": complaint.is_emergency,
        "notice": notice,
    }


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 6)))


@router.post(
    "/governments/{slug}/reports",
    response={201: ReportCreated, 200: ReportCreated, **errors_4xx},
    auth=OptionalTokenAuth(),
    throttle=[PublicWriteThrottle()],
    summary="Submit a report (no account needed; rate limited)",
    description=(
        "Send `Idempotency-Key: <unique string>` to make retries safe: a retried request with "
        "the same key and body returns the first answer (status 200) instead of a second report."
    ),
)
def report_create(
    request: HttpRequest,
    response: HttpResponse,
    slug: str,
    payload: ReportIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),  # type: ignore[type-arg]
) -> Status[dict[str, Any]]:
    government = government_get(slug)
    key = idempotency_key_check(idempotency_key)
    user = request_user(request)
    outcome = idempotent_run(
        government=government,
        key=key,
        scope="api.report",
        fingerprint=request_fingerprint("api.report", payload.model_dump()),
        run=lambda: report_submit(
            government=government, payload=payload, by=user, source=Source.API
        ),
    )
    if outcome.replayed:
        response["Idempotent-Replayed"] = "true"
        return Status(200, outcome.body)
    return Status(outcome.status_code, outcome.body)
