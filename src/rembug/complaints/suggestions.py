"""Routing suggestions for the coordinator, from ``rembug.triage`` (floor 2).

Suggestions help; they never block. If triage is missing or fails, the coordinator simply
routes by hand.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from rembug.complaints.models import Complaint, Status
from rembug.governments.models import Agency

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AgencySuggestion:
    agency: Agency
    confidence: float
    words: list[str]


def agency_suggestions(complaint: Complaint, *, top: int = 3) -> list[AgencySuggestion]:
    """The agencies triage would route ``complaint`` to, most likely first."""
    try:
        from rembug.triage.ranking import Report
        from rembug.triage.selectors import routing_suggest

        routing = routing_suggest(
            complaint.government,
            Report(
                title=complaint.title,
                text=complaint.text,
                kecamatan=complaint.kecamatan.name
                if complaint.kecamatan_id and complaint.kecamatan
                else "",
                category=complaint.category.name
                if complaint.category_id and complaint.category
                else "",
            ),
            top=top,
        )
    except Exception:  # a suggestion must never break the coordinator's page
        logger.exception("routing suggestion failed for report %s", complaint.pk)
        return []
    by_name = {
        agency.name: agency
        for agency in Agency.objects.filter(
            government_id=complaint.government_id,
            is_active=True,
            name__in=[choice.label for choice in routing.agencies],
        )
    }
    return [
        AgencySuggestion(by_name[choice.label], choice.confidence, list(choice.words)[:5])
        for choice in routing.agencies
        if choice.label in by_name
    ]


@dataclass(frozen=True)
class SimilarReport:
    complaint: Complaint
    similarity: float


# How far around a report to look for the same one, and how many candidates at most.
SIMILAR_WINDOW = dt.timedelta(days=60)
SIMILAR_POOL = 3000


def similar_complaints(complaint: Complaint, *, limit: int = 3) -> list[SimilarReport]:
    """Reports of the same government, kecamatan and season that read nearly the same (for the
    coordinator's "duplicate of" decision). Duplicates and archived reports are not candidates."""
    try:
        from rembug.triage.duplicates import DuplicateIndex

        pool = list(
            Complaint.objects.filter(
                government_id=complaint.government_id,
                submitted_at__gte=complaint.submitted_at - SIMILAR_WINDOW,
                submitted_at__lte=complaint.submitted_at + SIMILAR_WINDOW,
            )
            .exclude(pk=complaint.pk)
            .exclude(status__in=[Status.DUPLICATE, Status.ARCHIVED])
            .select_related("kecamatan")
            .order_by("-submitted_at")[:SIMILAR_POOL]
        )
        index = DuplicateIndex()
        index.add_many(
            (c.pk, f"{c.title}\n{c.text}", c.kecamatan.name if c.kecamatan else "", None)
            for c in pool
        )
        found = index.similar(
            f"{complaint.title}\n{complaint.text}",
            kecamatan=complaint.kecamatan.name
            if complaint.kecamatan_id and complaint.kecamatan
            else "",
            limit=limit,
        )
    except Exception:  # a suggestion must never break the coordinator's page
        logger.exception("similar reports failed for report %s", complaint.pk)
        return []
    by_pk = {c.pk: c for c in pool}
    return [
        SimilarReport(by_pk[int(str(s.key))], s.similarity)
        for s in found
        if int(str(s.key)) in by_pk
    ]
