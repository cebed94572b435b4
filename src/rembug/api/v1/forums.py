"""Forums (FGD, Forum Renja, Musrenbang, Pokir) and their inputs (*usulan*) with what became of
each. A proposer is named only by the institution they spoke for, never by name or e-mail."""

from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from rembug.api.pagination import KeysetPagination
from rembug.api.v1.responses import errors_4xx
from rembug.core.pii import pii_mask
from rembug.forums.access import forum_get_for_user
from rembug.forums.models import Forum, ForumInput
from rembug.governments.access import government_get
from rembug.moderation.selectors import withheld_ids

router = Router(tags=["forums"])


class ForumOut(Schema):
    id: int
    kind: str
    title: str
    organiser: str = Field(description="Slug of the organising agency")
    plan_year: int | None = None
    starts_at: str
    venue: str
    phase: str
    allow_public_input: bool


def forum_out(forum: Forum) -> dict[str, Any]:
    return {
        "id": forum.pk,
        "kind": forum.kind,
        "title": forum.title,
        "organiser": forum.organiser.slug,
        "plan_year": forum.plan_year,
        "starts_at": forum.starts_at.isoformat(),
        "venue": forum.venue,
        "phase": forum.phase,
        "allow_public_input": forum.allow_public_input,
    }


# The forum phases and answer outcomes as literals (tests check they match the models' choices).
ForumPhase = Literal[
    "announcement", "input_open", "forum_day", "deliberation", "disposition", "published"
]
OutcomeValue = Literal["accepted", "merged", "deferred", "forwarded", "rejected"]


class ForumFilter(Schema):
    phase: ForumPhase | None = None
    organiser: str | None = Field(None, max_length=80, description="Agency slug")


@router.get(
    "/governments/{slug}/forums",
    response={200: list[ForumOut], **errors_4xx},
    summary="Forums of a government, newest first",
)
@paginate(KeysetPagination, key="-pk", render=forum_out)
def forum_list(request: HttpRequest, slug: str, filters: Query[ForumFilter]) -> QuerySet[Forum]:
    government = government_get(slug)
    forums = Forum.objects.filter(government=government).select_related("organiser")
    if filters.phase:
        forums = forums.filter(phase=filters.phase)
    if filters.organiser:
        forums = forums.filter(organiser__slug=filters.organiser)
    return forums


@router.get(
    "/governments/{slug}/forums/{forum_id}",
    response={200: ForumOut, **errors_4xx},
    summary="One forum",
)
def forum_detail(request: HttpRequest, slug: str, forum_id: int) -> dict[str, Any]:
    return forum_out(forum_get_for_user(None, government_get(slug), forum_id))


class DispositionOut(Schema):
    outcome: str
    reason: str
    plan_item_id: int | None = None
    merged_into_id: int | None = None
    deferred_to_year: int | None = None
    decided_at: str


class InputOut(Schema):
    id: int
    title: str
    text: str
    institution: str
    institution_kind: str
    urusan_code: str
    category: str
    target_agency: str | None = None
    kecamatan: str | None = None
    kelurahan: str | None = None
    source: str
    support_count: int
    created_at: str
    disposition: DispositionOut | None = None


def input_out(item: ForumInput) -> dict[str, Any]:
    # Answers are public once the forum publishes its results, all at once.
    disposition = item.disposition if item.forum.phase == Forum.Phase.PUBLISHED else None
    return {
        "id": item.pk,
        "title": pii_mask(item.title),
        "text": pii_mask(item.text),
        "institution": item.institution,
        "institution_kind": item.institution_kind,
        "urusan_code": item.urusan_code,
        "category": item.category,
        "target_agency": item.target_agency.slug if item.target_agency else None,
        "kecamatan": item.kecamatan_id,
        "kelurahan": item.kelurahan_id,
        "source": item.source,
        "support_count": item.support_count,
        "created_at": item.created_at.isoformat(),
        "disposition": None
        if disposition is None
        else {
            "outcome": disposition.outcome,
            "reason": disposition.reason,
            "plan_item_id": disposition.plan_item_id,
            "merged_into_id": disposition.merged_into_id,
            "deferred_to_year": disposition.deferred_to_year,
            "decided_at": disposition.decided_at.isoformat(),
        },
    }


class InputFilter(Schema):
    category: str | None = Field(None, max_length=100)
    kecamatan: str | None = Field(None, max_length=13, description="Kemendagri code")
    institution_kind: str | None = Field(None, max_length=24)
    outcome: OutcomeValue | None = Field(
        None, description="What became of the input; answers are public once results are published"
    )


@router.get(
    "/governments/{slug}/forums/{forum_id}/inputs",
    response={200: list[InputOut], **errors_4xx},
    summary="Inputs (usulan) of a forum and what became of each",
)
@paginate(KeysetPagination, key="pk", render=input_out)
def input_list(
    request: HttpRequest, slug: str, forum_id: int, filters: Query[InputFilter]
) -> QuerySet[ForumInput]:
    forum = forum_get_for_user(None, government_get(slug), forum_id)
    # Inputs hidden or blocked by moderation leave the public list, as on the forum's page.
    inputs = (
        ForumInput.objects.filter(government=forum.government, forum=forum)
        .exclude(pk__in=withheld_ids(forum.government_id, ForumInput))
        .select_related("target_agency", "forum")
        .prefetch_related("dispositions")
    )
    if filters.category:
        inputs = inputs.filter(category=filters.category)
    if filters.kecamatan:
        inputs = inputs.filter(kecamatan_id=filters.kecamatan)
    if filters.institution_kind:
        inputs = inputs.filter(institution_kind=filters.institution_kind)
    if filters.outcome:
        if forum.phase != Forum.Phase.PUBLISHED:
            return inputs.none()  # draft answers are not public: no input has a public outcome
        inputs = inputs.filter(disposition__outcome=filters.outcome)
    return inputs
