"""Reads of the PPID module: the public register, the queues, yearly statistics and the on-time
share that monitoring reads. Every query filters by the government."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from rembug.core.audit import audit_history
from rembug.core.models import AuditEntry
from rembug.governments.models import Agency, Government
from rembug.ppid.models import (
    ANSWERED,
    AWAITING_ANSWER,
    InformationRequest,
    ObjectionOutcome,
    PublicInformation,
    RefusalGround,
    RequestEvent,
    Status,
)

# The columns of the public register: never the requester's identity.
REGISTER_FIELDS = (
    "id",
    "outcome",
    "agency__name",
    "information",
    "purpose",
    "access_mode",
    "status",
    "submitted_at",
    "due_at",
    "extended_at",
    "answered_at",
    "refusal_ground",
    "objected_at",
    "objection_reason",
    "objection_outcome",
)


def register(
    government: Government, *, year: int | None = None, agency: Agency | None = None
) -> QuerySet[InformationRequest]:
    """The public register, newest first, identity columns deferred so they are never read."""
    rows = (
        InformationRequest.objects.of(government)
        .select_related("agency")
        .only(*REGISTER_FIELDS, "government_id", "agency_id")
    )
    if year:
        rows = rows.filter(submitted_at__year=year)
    if agency is not None:
        rows = rows.filter(agency=agency)
    return rows.order_by("-submitted_at", "-id")


def agency_queue(
    government: Government, agency_ids: frozenset[int] | set[int]
) -> QuerySet[InformationRequest]:
    """Requests the officer's agencies still owe an answer to, soonest due first."""
    return (
        InformationRequest.objects.of(government)
        .filter(agency_id__in=agency_ids, status__in=AWAITING_ANSWER)
        .select_related("agency")
        .order_by("due_at", "id")
    )


def objection_queue(government: Government) -> QuerySet[InformationRequest]:
    """Objections the superior still owes an answer to."""
    return (
        InformationRequest.objects.of(government)
        .filter(status=Status.OBJECTED)
        .select_related("agency")
        .order_by("objection_due_at", "id")
    )


def timeline(request: InformationRequest) -> list[RequestEvent]:
    return list(
        RequestEvent.objects.filter(government_id=request.government_id, request=request)
        .select_related("actor")
        .order_by("at", "id")
    )


def requester_requests(government: Government, user: Any) -> QuerySet[InformationRequest]:
    return (
        InformationRequest.objects.of(government)
        .filter(requester=user)
        .select_related("agency")
        .order_by("-submitted_at", "-id")
    )


@dataclass
class YearStatistics:
    """A year's requests (UU 14/2008 Pasal 7 ayat 3; Perki 1/2021 report of services)."""

    year: int
    received: int = 0
    answered: int = 0
    on_time: int = 0
    granted: int = 0
    partly_granted: int = 0
    refused: int = 0
    pending: int = 0
    overdue: int = 0
    extended: int = 0
    objections: int = 0
    objections_answered: int = 0
    objections_upheld: int = 0
    refused_by_ground: list[tuple[str, int]] = field(default_factory=list)

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.answered if self.answered else None


def _counts(now: dt.datetime) -> dict[str, Count]:
    answered = Q(answered_at__isnull=False)
    return {
        "received": Count("id"),
        "answered": Count("id", filter=answered),
        "on_time": Count("id", filter=answered & Q(answered_at__lte=F("due_at"))),
        "granted": Count("id", filter=Q(outcome=Status.GRANTED)),
        "partly_granted": Count("id", filter=Q(outcome=Status.PARTLY_GRANTED)),
        "refused": Count("id", filter=Q(outcome=Status.REFUSED)),
        "pending": Count("id", filter=Q(status__in=AWAITING_ANSWER)),
        "overdue": Count("id", filter=Q(status__in=AWAITING_ANSWER, due_at__lt=now)),
        "extended": Count("id", filter=Q(extended_at__isnull=False)),
        "objections": Count("id", filter=Q(objected_at__isnull=False)),
        "objections_answered": Count("id", filter=Q(objection_answered_at__isnull=False)),
        "objections_upheld": Count("id", filter=Q(objection_outcome=ObjectionOutcome.UPHELD)),
    }


def _of_year(government: Government, year: int) -> QuerySet[InformationRequest]:
    return InformationRequest.objects.of(government).filter(submitted_at__year=year)


def year_statistics(
    government: Government, year: int, *, agency: Agency | None = None
) -> YearStatistics:
    """Counts of the requests received in ``year``, with refusals by legal ground (two queries)."""
    rows = _of_year(government, year)
    if agency is not None:
        rows = rows.filter(agency=agency)
    counts = rows.aggregate(**_counts(timezone.now()))
    grounds = dict(
        rows.filter(answered_at__isnull=False, refusal_ground__gt="")
        .values_list("refusal_ground")
        .annotate(n=Count("id"))
        .values_list("refusal_ground", "n")
    )
    return YearStatistics(
        year=year,
        refused_by_ground=[
            (str(label), grounds[value])
            for value, label in RefusalGround.choices
            if grounds.get(value)
        ],
        **counts,
    )


def year_statistics_by_agency(
    government: Government, year: int, agencies: list[Agency]
) -> list[YearStatistics]:
    """The counts of ``year`` for each of ``agencies``, in their order (one query)."""
    found = {
        row.pop("agency_id"): row
        for row in _of_year(government, year)
        .values("agency_id")
        .annotate(**_counts(timezone.now()))
        .order_by()
    }
    return [YearStatistics(year=year, **found.get(agency.pk, {})) for agency in agencies]


def on_time_share(
    government: Government,
    *,
    agency: Agency | None = None,
    start: dt.datetime,
    end: dt.datetime,
    now: dt.datetime | None = None,
) -> float | None:
    """Of the requests submitted in ``[start, end)`` that were answered or whose due time has
    passed, the share answered by the due time (with a lawful extension counted). None when no
    request has come to its judgement yet. Read by monitoring (a live indicator)."""
    now = now or timezone.now()
    rows = InformationRequest.objects.of(government).filter(
        submitted_at__gte=start, submitted_at__lt=end
    )
    if agency is not None:
        rows = rows.filter(agency=agency)
    counts = rows.aggregate(
        judged=Count("id", filter=Q(answered_at__isnull=False) | Q(due_at__lt=now)),
        on_time=Count("id", filter=Q(answered_at__isnull=False, answered_at__lte=F("due_at"))),
    )
    return counts["on_time"] / counts["judged"] if counts["judged"] else None


def years_with_requests(government: Government) -> list[int]:
    return sorted(
        {
            moment.year
            for moment in InformationRequest.objects.of(government).dates("submitted_at", "year")
        },
        reverse=True,
    )


def public_information(
    government: Government, *, agency: Agency | None = None, retired: bool = False
) -> QuerySet[PublicInformation]:
    """The entries in force of the Daftar Informasi Publik (with ``retired``, the retired ones
    instead), by agency, category and title."""
    rows = PublicInformation.objects.filter(
        government=government, retired_at__isnull=not retired
    ).select_related("agency")
    if agency is not None:
        rows = rows.filter(agency=agency)
    return rows.order_by("agency__name", "category", "title", "id")


def public_information_history(entry: PublicInformation) -> list[AuditEntry]:
    """Who changed an entry, when and what (the audit trail), newest first."""
    return list(audit_history(entry).select_related("actor").order_by("-at", "-id"))


__all__ = [
    "ANSWERED",
    "REGISTER_FIELDS",
    "YearStatistics",
    "agency_queue",
    "objection_queue",
    "on_time_share",
    "public_information",
    "public_information_history",
    "register",
    "requester_requests",
    "timeline",
    "year_statistics",
    "year_statistics_by_agency",
    "years_with_requests",
]
