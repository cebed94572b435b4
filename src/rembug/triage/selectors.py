"""Reads of the triage app: the active model of a government and routing suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Count, F, Q

from rembug.governments.models import Agency, Government
from rembug.triage.artifact import Trained, loads
from rembug.triage.models import RoutingFeedback, TriageModel
from rembug.triage.ranking import Report
from rembug.triage.routing import AgencyRouter, Routing

__all__ = [
    "FeedbackSummary",
    "agency_urusan",
    "canonical_agency_names",
    "corrections_since_training",
    "feedback_by_version",
    "routing_suggest",
    "triage_model_active",
]


def _agencies(government: Government) -> list[Agency]:
    return list(Agency.objects.filter(government=government, is_active=True).order_by("name"))


def agency_urusan(government: Government) -> dict[str, list[str]]:
    """Every active agency of ``government`` by name, with the urusan codes it carries."""
    return {a.name: [str(c) for c in a.urusan_codes] for a in _agencies(government)}


def canonical_agency_names(government: Government) -> dict[str, str]:
    """Lower-case name or short name → the agency's name."""
    names: dict[str, str] = {}
    for agency in _agencies(government):
        names[agency.short_name.lower()] = agency.name
        names[agency.name.lower()] = agency.name
    return names


def triage_model_active(government: Government) -> TriageModel | None:
    return TriageModel.objects.filter(government=government, is_active=True).first()


@lru_cache(maxsize=32)
def _load(model_id: int, trained_at: str) -> Trained:
    # Versions never change once written, so a model can be cached by its id (and its training
    # time, in case a database reuses ids, as test databases do).
    return loads(bytes(TriageModel.objects.values_list("artifact", flat=True).get(pk=model_id)))


def routing_suggest(government: Government, report: Report, *, top: int = 3) -> Routing:
    """Top agencies and categories for ``report``: from the government's active model if it has
    one, else from the seed corpus through its agencies' urusan."""
    model = triage_model_active(government)
    trained = None
    if model is not None:
        try:
            trained = _load(model.pk, model.trained_at.isoformat())
        except ValueError:  # written by an older version of Rembug: the seed until retrained
            trained = None
    if trained is None:
        router = AgencyRouter(agency_urusan=agency_urusan(government))
        return router.route(report, top=top)
    return trained.router.route(report, categories=trained.categories, top=top)


@dataclass(frozen=True)
class FeedbackSummary:
    """How often the coordinators took a model version's top suggestion."""

    model_version: int | None  # None: the seed corpus, before any model was trained
    routed: int
    accepted: int

    @property
    def acceptance(self) -> float | None:
        return self.accepted / self.routed if self.routed else None


def feedback_by_version(government: Government) -> list[FeedbackSummary]:
    """Live acceptance of each model version, newest first (one query)."""
    rows = (
        RoutingFeedback.objects.filter(government=government)
        .values("model_version")
        .annotate(routed=Count("id"), accepted=Count("id", filter=Q(suggested_id=F("chosen_id"))))
        .order_by(F("model_version").desc(nulls_last=True))
    )
    return [FeedbackSummary(r["model_version"], r["routed"], r["accepted"]) for r in rows]


def corrections_since_training(government: Government) -> int:
    """Reports routed to another agency than the top suggestion since the newest model was
    trained (all of them while the government has no model)."""
    latest = (
        TriageModel.objects.filter(government=government)
        .order_by("-version")
        .values_list("trained_at", flat=True)
        .first()
    )
    corrections = RoutingFeedback.objects.filter(government=government).exclude(
        suggested_id=F("chosen_id")
    )
    if latest is not None:
        corrections = corrections.filter(created_at__gt=latest)
    return corrections.count()
