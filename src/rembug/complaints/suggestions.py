"""Routing suggestions for the coordinator, from ``rembug.triage`` (floor 2).

Suggestions help; they never block. If triage is missing or fails, the coordinator simply
routes by hand.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.utils import timezone

from rembug.complaints.models import Category, Complaint, Status
from rembug.governments.models import Agency, Government
from rembug.regions.models import Region

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


@dataclass(frozen=True)
class CategorySuggestion:
    category: Category
    confidence: float


def category_suggestions(
    government: Government, *, title: str, text: str, kecamatan: str = "", top: int = 2
) -> list[CategorySuggestion]:
    """Categories for a report being written: the government's trained categories when its model
    has them, else the categories usually handled by the agencies triage would route it to."""
    try:
        from rembug.triage.ranking import Report
        from rembug.triage.selectors import routing_suggest

        routing = routing_suggest(
            government, Report(title=title, text=text, kecamatan=kecamatan), top=3
        )
    except Exception:  # a suggestion must never break the reporting form
        logger.exception("category suggestion failed")
        return []
    categories = list(
        Category.objects.filter(government=government, is_active=True).select_related(
            "default_agency"
        )
    )
    by_name = {c.name.strip().lower(): c for c in categories}
    found: dict[int, CategorySuggestion] = {}
    for choice in routing.categories:
        category = by_name.get(choice.label.strip().lower())
        if category is not None and category.pk not in found:
            found[category.pk] = CategorySuggestion(category, choice.confidence)
    if not found:
        by_agency: dict[str, list[Category]] = {}
        for category in categories:
            if category.default_agency_id and category.default_agency:
                by_agency.setdefault(category.default_agency.name, []).append(category)
        for choice in routing.agencies:
            for category in by_agency.get(choice.label, []):
                found.setdefault(category.pk, CategorySuggestion(category, choice.confidence))
    ranked = sorted(found.values(), key=lambda s: -s.confidence)
    return ranked[:top]


# A report being written is compared with the public reports of the last weeks near it.
DRAFT_POOL = 400


def similar_public_reports(
    government: Government, *, title: str, text: str, kecamatan: Region | None = None
) -> list[SimilarReport]:
    """Public reports that read nearly the same as a report being written, so the resident can
    follow an existing one instead of sending it again."""
    try:
        from rembug.triage.duplicates import DuplicateIndex

        pool = Complaint.objects.of(government).public().order_by("-submitted_at")
        pool = pool.filter(submitted_at__gte=timezone.now() - SIMILAR_WINDOW)
        if kecamatan is not None:
            pool = pool.filter(kecamatan=kecamatan)
        candidates = list(pool.select_related("kecamatan")[:DRAFT_POOL])
        index = DuplicateIndex()
        index.add_many((c.pk, f"{c.title}\n{c.text}", "", None) for c in candidates)
        found = index.similar(f"{title}\n{text}", limit=3)
    except Exception:  # a suggestion must never break the reporting form
        logger.exception("similar public reports failed")
        return []
    by_pk = {c.pk: c for c in candidates}
    return [SimilarReport(by_pk[int(str(s.key))], s.similarity) for s in found]
