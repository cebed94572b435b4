"""Reads for moderation: what the public may not see, the moderator's queue, the counts."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Prefetch, Q

from rembug.governments.models import Government
from rembug.moderation.models import (
    DEFAULT_HIDE_AFTER_FLAGS,
    AccountBlock,
    Appeal,
    BlockedTerm,
    Decision,
    Flag,
    ModeratedItem,
    ModerationPolicy,
    State,
)

QUEUE_TABS = ("flagged", "hidden", "blocked", "appeals")


def hide_after_flags(government: Government) -> int:
    policy = ModerationPolicy.objects.filter(government=government).first()
    return policy.hide_after_flags if policy else DEFAULT_HIDE_AFTER_FLAGS


def withheld_ids(
    government: Government | int, model: type[models.Model]
) -> models.QuerySet[ModeratedItem, Any]:
    """The ids of ``model`` rows hidden or blocked in ``government``, as a subquery for
    ``.exclude(pk__in=...)`` in public lists (never in agency or coordinator queues)."""
    return ModeratedItem.objects.filter(
        government=government,
        content_type=ContentType.objects.get_for_model(model),
        state__in=[State.HIDDEN, State.BLOCKED],
    ).values("object_id")


def item_of(instance: models.Model) -> ModeratedItem | None:
    return ModeratedItem.objects.filter(
        government_id=instance.government_id,  # type: ignore[attr-defined]
        content_type=ContentType.objects.get_for_model(instance),
        object_id=instance.pk,
    ).first()


def withheld_counts(government: Government, model: type[models.Model]) -> dict[str, int]:
    """How many ``model`` rows are hidden and blocked: public statistics show them apart."""
    rows = (
        ModeratedItem.objects.filter(
            government=government,
            content_type=ContentType.objects.get_for_model(model),
            state__in=[State.HIDDEN, State.BLOCKED],
        )
        .values("state")
        .annotate(n=Count("id"))
    )
    counts = {State.HIDDEN.value: 0, State.BLOCKED.value: 0}
    counts.update({row["state"]: row["n"] for row in rows})
    return counts


def moderation_queue(government: Government, tab: str) -> models.QuerySet[ModeratedItem]:
    items = ModeratedItem.objects.filter(government=government)
    if tab == "hidden":
        items = items.filter(state=State.HIDDEN)
    elif tab == "blocked":
        items = items.filter(state=State.BLOCKED)
    elif tab == "appeals":
        items = items.filter(appeals__outcome=Appeal.Outcome.PENDING)
    else:
        items = items.filter(state=State.VISIBLE, flag_count__gt=0)
    return items.select_related("author").prefetch_related(
        Prefetch("flags", queryset=Flag.objects.select_related("flagged_by")),
        Prefetch("decisions", queryset=Decision.objects.select_related("by")),
        Prefetch("appeals", queryset=Appeal.objects.all()),
    )


def queue_counts(government: Government) -> dict[str, int]:
    return ModeratedItem.objects.filter(government=government).aggregate(
        flagged=Count("id", filter=Q(state=State.VISIBLE, flag_count__gt=0)),
        hidden=Count("id", filter=Q(state=State.HIDDEN)),
        blocked=Count("id", filter=Q(state=State.BLOCKED)),
        appeals=Count("id", filter=Q(appeals__outcome=Appeal.Outcome.PENDING)),
    )


def blocked_terms(government: Government) -> list[str]:
    return list(BlockedTerm.objects.filter(government=government).values_list("term", flat=True))


def account_is_blocked(government: Government, user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return AccountBlock.objects.filter(government=government, user=user).exists()


def blocked_accounts(government: Government) -> models.QuerySet[AccountBlock]:
    return AccountBlock.objects.filter(government=government).select_related("user", "by")
