"""Submitting an input (*usulan*) to a forum over the API: the caller must take part in the forum
(forums' ``forum_get_for_user(take_part=True)``), the forum's phase must take inputs (forums'
service checks it), and ``Idempotency-Key`` makes retries safe."""

from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Header, Schema, Status

from rembug.api.auth import TokenAuth, request_user
from rembug.api.idempotency import idempotency_key_check, idempotent_run, request_fingerprint
from rembug.api.throttling import PublicWriteThrottle
from rembug.api.v1.forums import InputOut, input_out, router
from rembug.api.v1.references import region_by_code, row_by_slug
from rembug.api.v1.responses import errors_4xx
from rembug.forums.access import forum_get_for_user
from rembug.forums.models import Forum
from rembug.forums.services import InputFields, forum_input_submit
from rembug.governments.access import government_get
from rembug.governments.models import Agency
from rembug.regions.models import Region

# The POST shares its path with the GET of ``forums``, so it is added to that module's router
# (two routers on one path would hide each other's methods).


InstitutionKindValue = Literal[
    "public", "university", "dprd", "agency", "kecamatan", "kelurahan", "community"
]


class InputIn(Schema):
    title: str = Field(..., min_length=3, max_length=200)
    text: str = Field(..., min_length=10, max_length=4000)
    institution: str = Field("", max_length=200, description="Who you speak for, if anyone")
    institution_kind: InstitutionKindValue = "public"
    urusan_code: str = Field("", max_length=5, pattern=r"^(\d\.\d{2})?$")
    category: str = Field("", max_length=100)
    target_agency: str | None = Field(None, max_length=80, description="Agency slug")
    kecamatan: str | None = Field(None, max_length=13, description="Kemendagri code")
    kelurahan: str | None = Field(None, max_length=13, description="Kemendagri code")
    volume: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    unit: str = Field("", max_length=40)
    estimated_cost: Decimal | None = Field(None, ge=0, max_digits=18, decimal_places=0)


def input_submit(*, forum: Forum, payload: InputIn, by: Any) -> tuple[int, dict[str, Any]]:
    """Check the references and hand the input to forums' ``forum_input_submit``."""
    government = forum.government
    fields = InputFields(
        title=payload.title,
        text=payload.text,
        proposer_name=str(by)[:200],
        institution=payload.institution,
        institution_kind=payload.institution_kind,
        urusan_code=payload.urusan_code,
        category=payload.category,
        target_agency=row_by_slug(
            Agency.objects.filter(government=government),
            payload.target_agency,
            "target_agency",
            _("Unknown agency."),
        ),
        kecamatan=region_by_code(payload.kecamatan, Region.Level.DISTRICT, "kecamatan"),
        kelurahan=region_by_code(payload.kelurahan, Region.Level.VILLAGE, "kelurahan"),
        volume=payload.volume,
        unit=payload.unit,
        estimated_cost=payload.estimated_cost,
    )
    item = forum_input_submit(forum=forum, by=by, fields=fields)
    item.forum = forum
    return 201, input_out(item)


@router.post(
    "/governments/{slug}/forums/{forum_id}/inputs",
    response={201: InputOut, 200: InputOut, **errors_4xx},
    auth=TokenAuth(),
    throttle=[PublicWriteThrottle()],
    summary="Submit an input (usulan) to a forum that takes inputs (participants; rate limited)",
    description="`Idempotency-Key` makes retries safe, as for reports.",
)
def input_create(
    request: HttpRequest,
    response: HttpResponse,
    slug: str,
    forum_id: int,
    payload: InputIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),  # type: ignore[type-arg]
) -> Status[dict[str, Any]]:
    user = request_user(request)
    government = government_get(slug)
    forum = forum_get_for_user(user, government, forum_id, take_part=True)
    key = idempotency_key_check(idempotency_key)
    outcome = idempotent_run(
        government=government,
        key=key,
        scope=f"api.forum_input.{forum.pk}.{user.pk}",
        fingerprint=request_fingerprint("api.forum_input", payload.model_dump(mode="json")),
        run=lambda: input_submit(forum=forum, payload=payload, by=user),
    )
    if outcome.replayed:
        response["Idempotent-Replayed"] = "true"
        return Status(200, outcome.body)
    return Status(outcome.status_code, outcome.body)
