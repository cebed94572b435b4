"""Routing suggestions for the coordinator, from ``rembug.triage`` (floor 2).

Suggestions help; they never block. If triage is missing or fails, the coordinator simply
routes by hand.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from rembug.complaints.models import Complaint
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
