"""Reads: the public list, the queues, a report's timeline and the statistics."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from rembug.complaints.access import ComplaintAccess
from rembug.complaints.models import (
    AGENCY_STATUSES,
    Complaint,
    ComplaintAnswer,
    ComplaintAttachment,
    ComplaintEvent,
    Status,
)
from rembug.complaints.statistics import kecamatan_totals
from rembug.complaints.statistics import service_statistics as service_statistics
from rembug.governments.models import Agency, Government
from rembug.moderation.selectors import withheld_ids
from rembug.regions.models import Region

LIST_RELATED = ("category", "agency", "kecamatan", "kelurahan")


def public_complaints(
    government: Government, filters: dict[str, Any] | None = None
) -> QuerySet[Complaint]:
    """Public reports, newest first, filtered by kecamatan, category and status. Reports hidden
    or blocked by moderation are left out (the statistics count them apart)."""
    queryset = (
        Complaint.objects.of(government)
        .public()
        .exclude(pk__in=withheld_ids(government, Complaint))
        .select_related(*LIST_RELATED)
    )
    filters = filters or {}
    if filters.get("kecamatan"):
        queryset = queryset.filter(kecamatan=filters["kecamatan"])
    if filters.get("category"):
        queryset = queryset.filter(category=filters["category"])
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    return queryset.order_by("-submitted_at", "-id")


def reporter_complaints(government: Government, user: Any) -> QuerySet[Complaint]:
    return (
        Complaint.objects.of(government)
        .filter(reporter=user)
        .select_related(*LIST_RELATED)
        .order_by("-submitted_at", "-id")
    )


def coordinator_queues(
    government: Government, now: dt.datetime | None = None
) -> dict[str, QuerySet[Complaint]]:
    """The coordinator's work: emergencies first, then escalated/overdue, new, to route, waiting."""
    now = now or timezone.now()
    base = Complaint.objects.of(government).select_related(*LIST_RELATED)
    by_due = ("due_at", "id")
    return {
        "emergency": base.filter(is_emergency=True).open().order_by(*by_due),
        "overdue": base.filter(is_emergency=False).overdue(now).order_by(*by_due),
        "new": base.filter(status=Status.SUBMITTED, is_emergency=False).order_by(*by_due),
        "to_route": base.filter(
            status__in=[Status.VERIFIED, Status.REOPENED], agency__isnull=True
        ).order_by(*by_due),
        "waiting": base.filter(status=Status.NEEDS_INFO).order_by(*by_due),
        "answered": base.filter(status=Status.ANSWERED).order_by("answered_at", "id"),
    }


def agency_queue(
    government: Government, agency_ids: frozenset[int] | set[int]
) -> QuerySet[Complaint]:
    """The reports an officer's agencies work on, most urgent first."""
    return (
        Complaint.objects.of(government)
        .filter(agency_id__in=agency_ids, status__in=[*AGENCY_STATUSES, Status.NEEDS_INFO])
        .select_related(*LIST_RELATED)
        .order_by("-is_emergency", "due_at", "id")
    )


def timeline(complaint: Complaint, access: ComplaintAccess) -> list[ComplaintEvent]:
    """The report's timeline; internal entries only for staff. Attachments prefetched."""
    events = ComplaintEvent.objects.filter(
        government_id=complaint.government_id, complaint=complaint
    ).select_related("actor", "agency")
    if not access.sees_internal:
        events = events.filter(is_internal=False)
    attachments = attachments_for(complaint, access)
    by_event: dict[int | None, list[ComplaintAttachment]] = defaultdict(list)
    for attachment in attachments:
        by_event[attachment.event_id].append(attachment)
    rows = list(events.order_by("at", "id"))
    for event in rows:
        event.files = by_event.get(event.pk, [])  # type: ignore[attr-defined]
    return rows


def attachments_for(complaint: Complaint, access: ComplaintAccess) -> list[ComplaintAttachment]:
    if not access.sees_content:
        return []
    found = ComplaintAttachment.objects.filter(
        government_id=complaint.government_id, complaint=complaint
    )
    if not access.sees_internal:
        found = found.filter(is_internal=False)
    return list(found.order_by("id"))


@dataclass
class AgencyStats:
    agency: Agency
    received: int
    answered: int
    median_hours_to_first_answer: float | None
    within_service_level: float | None  # share 0..1 of the reports whose due time has come
    satisfaction: float | None  # mean rating 1..5
    ratings: int


def agency_statistics(government: Government, now: dt.datetime | None = None) -> list[AgencyStats]:
    """Per active agency, from the reports dispatched to it (``statistics.service_statistics``,
    read from the summary of reports: the time does not grow with the reports)."""
    agencies = {a.pk: a for a in Agency.objects.filter(government=government, is_active=True)}
    stats = {row.key: row for row in service_statistics(government, by="agency", now=now)}
    out = []
    for agency_id, agency in agencies.items():
        row = stats.get(agency_id)
        out.append(
            AgencyStats(
                agency=agency,
                received=row.received if row else 0,
                answered=row.answered if row else 0,
                median_hours_to_first_answer=row.median_hours_to_first_answer if row else None,
                within_service_level=row.within_service_level if row else None,
                satisfaction=row.satisfaction if row else None,
                ratings=row.ratings if row else 0,
            )
        )
    # Busiest first; agencies that received nothing last, by name.
    return sorted(out, key=lambda row: (-row.received, row.agency.name))


def kecamatan_counts(
    government: Government, filters: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Public reports per kecamatan (filtered as the public list is): total, still open,
    answered or closed — from the summary of reports (``statistics.kecamatan_totals``)."""
    totals = kecamatan_totals(government, filters or {})
    out = []
    for region in Region.objects.filter(
        parent_id=government.region_id, level=Region.Level.DISTRICT
    ).order_by("name"):
        row = totals.get(region.pk, {"total": 0, "open": 0, "done": 0})
        out.append(
            {"kecamatan": region, "total": row["total"], "open": row["open"], "done": row["done"]}
        )
    unknown = totals.get(None)
    if unknown:
        out.append(
            {
                "kecamatan": None,
                "total": unknown["total"],
                "open": unknown["open"],
                "done": unknown["done"],
            }
        )
    return out


def answers_of(complaint: Complaint) -> QuerySet[ComplaintAnswer]:
    return ComplaintAnswer.objects.filter(
        government_id=complaint.government_id, complaint=complaint
    ).select_related("agency")
