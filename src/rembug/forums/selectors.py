"""Reads of the forums module. Every query filters by the government."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from rembug.forums.models import (
    Disposition,
    Forum,
    ForumInput,
    ForumPhaseChange,
    InstitutionKind,
    Participant,
    Reaction,
    Statement,
)
from rembug.forums.themes import similar_inputs
from rembug.governments.models import Government


def forums_of(government: Government) -> QuerySet[Forum]:
    return (
        Forum.objects.filter(government=government)
        .select_related("organiser", "government")
        .annotate(
            input_count=Count("inputs", distinct=True),
            participant_count=Count("participants", distinct=True),
        )
        .order_by("-starts_at", "-id")
    )


RANKINGS = ("supports", "score", "newest")


def forum_inputs(forum: Forum, *, order: str = "supports") -> QuerySet[ForumInput]:
    """The forum's inputs with what became of them, ranked by supports, by the weighted score
    on the forum's criteria, or newest first."""
    rows = (
        ForumInput.objects.filter(government_id=forum.government_id, forum=forum)
        .select_related("government", "kecamatan", "kelurahan", "target_agency")
        .prefetch_related("dispositions")
        .annotate(
            weighted_score=Coalesce(
                Sum(F("scores__score") * F("scores__criterion__weight")),
                Value(Decimal(0)),
                output_field=DecimalField(max_digits=12, decimal_places=2),
            )
        )
    )
    if order == "score":
        return rows.order_by("-weighted_score", "-support_count", "id")
    if order == "newest":
        return rows.order_by("-id")
    return rows.order_by("-support_count", "-weighted_score", "id")


def disposition_of(item: ForumInput) -> Disposition | None:
    return item.disposition


@dataclass(frozen=True)
class InstitutionRow:
    kind: str
    kind_label: str
    institution: str
    people: int
    invited: int
    present: int


def participants_by_institution(forum: Forum) -> list[InstitutionRow]:
    rows = (
        Participant.objects.filter(government_id=forum.government_id, forum=forum)
        .values("institution_kind", "institution")
        .annotate(
            people=Count("id"),
            invited=Count("id", filter=Q(is_invited=True)),
            present=Count("id", filter=Q(attended_at__isnull=False)),
        )
        .order_by("institution_kind", "institution")
    )
    labels = dict(InstitutionKind.choices)
    return [
        InstitutionRow(
            r["institution_kind"],
            str(labels.get(r["institution_kind"], r["institution_kind"])),
            r["institution"],
            r["people"],
            r["invited"],
            r["present"],
        )
        for r in rows
    ]


def speakers(forum: Forum) -> QuerySet[Participant]:
    return Participant.objects.filter(
        government_id=forum.government_id, forum=forum, is_speaker=True
    ).order_by("id")


def participants_present(forum: Forum) -> QuerySet[Participant]:
    return Participant.objects.filter(
        government_id=forum.government_id, forum=forum, attended_at__isnull=False
    ).order_by("institution_kind", "institution", "name")


@dataclass(frozen=True)
class StatRow:
    label: str
    received: int
    accepted: int

    @property
    def share_accepted(self) -> float:
        return self.accepted / self.received if self.received else 0.0


@dataclass(frozen=True)
class Statistics:
    received: int
    answered: int
    by_outcome: list[tuple[str, int]]
    by_institution: list[StatRow]
    by_kecamatan: list[StatRow]

    @property
    def accepted(self) -> int:
        return dict(self.by_outcome).get(str(Disposition.Outcome.ACCEPTED.label), 0)

    @property
    def share_accepted(self) -> float:
        return self.accepted / self.received if self.received else 0.0


def forum_statistics(forum: Forum, *, drafts: bool = False) -> Statistics:
    """The forum's figures; its answers count once its results are published, or when
    ``drafts`` (for those who answer)."""
    return _statistics(
        ForumInput.objects.filter(government_id=forum.government_id, forum=forum), drafts=drafts
    )


def government_statistics(government: Government) -> Statistics:
    """Across every forum of the government (answers of published forums)."""
    return _statistics(ForumInput.objects.filter(government=government))


def _statistics(base: QuerySet[ForumInput], *, drafts: bool = False) -> Statistics:
    public = Q() if drafts else Q(forum__phase=Forum.Phase.PUBLISHED)
    accepted = Count("id", filter=Q(disposition__outcome=Disposition.Outcome.ACCEPTED) & public)
    outcomes = dict(
        base.filter(public, disposition__isnull=False)
        .values_list("disposition__outcome")
        .annotate(n=Count("id"))
        .values_list("disposition__outcome", "n")
    )
    kinds = dict(InstitutionKind.choices)
    by_kind = [
        StatRow(str(kinds.get(r["institution_kind"], r["institution_kind"])), r["n"], r["ok"])
        for r in base.values("institution_kind")
        .annotate(n=Count("id"), ok=accepted)
        .order_by("-n", "institution_kind")
    ]
    by_kecamatan = [
        StatRow(r["kecamatan__name"] or "—", r["n"], r["ok"])
        for r in base.values("kecamatan__name")
        .annotate(n=Count("id"), ok=accepted)
        .order_by("-n", "kecamatan__name")
    ]
    received = sum(row.received for row in by_kind)
    return Statistics(
        received=received,
        answered=sum(outcomes.values()),
        by_outcome=[
            (str(label), outcomes.get(value, 0)) for value, label in Disposition.Outcome.choices
        ],
        by_institution=by_kind,
        by_kecamatan=by_kecamatan,
    )


def statements_with_my_reaction(forum: Forum, user: Any) -> list[tuple[Statement, int | None]]:
    statements = list(
        Statement.objects.filter(
            government_id=forum.government_id, forum=forum, is_moderated_out=False
        ).order_by("id")
    )
    mine: dict[int, int] = {}
    if user is not None and user.is_authenticated:
        mine = dict(
            Reaction.objects.filter(
                government_id=forum.government_id, forum=forum, participant__user=user
            ).values_list("statement_id", "value")
        )
    return [(s, mine.get(s.pk)) for s in statements]


def supported_ids(forum: Forum, user: Any) -> set[int]:
    if user is None or not user.is_authenticated:
        return set()
    return set(
        ForumInput.objects.filter(
            government_id=forum.government_id, forum=forum, supports__user=user
        ).values_list("id", flat=True)
    )


def near_duplicates(forum: Forum, text: str) -> list[ForumInput]:
    """Inputs of the forum that say nearly the same as ``text``."""
    candidates = list(
        ForumInput.objects.filter(government_id=forum.government_id, forum=forum).values_list(
            "id", "title", "text"
        )
    )
    ids = similar_inputs([(pk, f"{title} {body}") for pk, title, body in candidates], text)
    found = {
        i.pk: i for i in ForumInput.objects.filter(government_id=forum.government_id, pk__in=ids)
    }
    return [found[pk] for pk in ids if pk in found]


@dataclass(frozen=True)
class PlanItemView:
    """The plan item an accepted input became, as far as this floor can say."""

    label: str
    url: str | None
    document: str
    pk: int | None = None  # for the progress fragment monitoring serves


def plan_item_of(disposition: Disposition | None) -> PlanItemView | None:
    if disposition is None or disposition.outcome != Disposition.Outcome.ACCEPTED:
        return None
    item = disposition.plan_item
    if item is None:
        return PlanItemView(disposition.plan_item_label, None, "")
    document = item.document
    url = item.get_absolute_url() if document.is_public else None
    return PlanItemView(f"{item.code} {item.text}".strip(), url, str(document), item.pk)


def phase_timeline(forum: Forum) -> QuerySet[ForumPhaseChange]:
    return ForumPhaseChange.objects.filter(government_id=forum.government_id, forum=forum).order_by(
        "at", "id"
    )
