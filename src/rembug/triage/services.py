"""Writes of the triage app: training, activating and rolling back routing models."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max

from rembug.core.audit import audit_record
from rembug.core.models import AuditEntry
from rembug.governments.models import Agency, Government
from rembug.triage.artifact import Trained, dumps
from rembug.triage.models import RoutingFeedback, TriageModel
from rembug.triage.ranking import LinearRanker, Report
from rembug.triage.routing import AgencyRouter
from rembug.triage.selectors import agency_urusan, canonical_agency_names

__all__ = [
    "routing_feedback_record",
    "triage_model_activate",
    "triage_model_rollback",
    "triage_model_train",
]


def _train(
    *,
    government: Government,
    reports: Sequence[Report],
    agencies: Sequence[str],
    categories: Sequence[str] | None,
) -> tuple[Trained, dict[str, Any]]:
    names = canonical_agency_names(government)
    labels = [names.get(a.strip().lower(), a.strip()) for a in agencies]
    known = agency_urusan(government)
    router = AgencyRouter.fit(reports, labels, agency_urusan=known | _guessed(labels, known))
    metrics: dict[str, Any] = {
        "n_reports": len(reports),
        "n_agencies": len(set(labels)),
        "n_agencies_unknown": len(set(labels) - set(known)),
        "auto_route_threshold": router.threshold,
        **router.metrics,
    }
    category_ranker = None
    if categories is not None:
        pairs = [(r, c) for r, c in zip(reports, categories, strict=True) if c.strip()]
        if len({c for _r, c in pairs}) >= 2:
            category_ranker = LinearRanker().fit([r for r, _ in pairs], [c for _, c in pairs])
            category_ranker.out_of_fold = None
            metrics["n_categories"] = len(category_ranker.classes)
    return Trained(router=router, categories=category_ranker), metrics


def _guessed(labels: Sequence[str], known: dict[str, list[str]]) -> dict[str, list[str]]:
    from rembug.triage.urusan import urusan_guess

    return {label: urusan_guess(label) for label in set(labels) - set(known)}


def triage_model_train(
    *,
    government: Government,
    reports: Sequence[Report],
    agencies: Sequence[str],
    categories: Sequence[str] | None = None,
    by: Any = None,
    activate: bool = True,
) -> TriageModel:
    """Train a new version from routed reports (``agencies`` by name or short name, one per
    report) and, by default, make it the active one. Callers: the complaints app (its own
    history and coordinator corrections), imports of LAPOR! exports, ``rembug triage train``."""
    if len(reports) != len(agencies):
        raise ValueError("Give one agency per report.")
    trained, metrics = _train(
        government=government, reports=reports, agencies=agencies, categories=categories
    )
    with transaction.atomic():
        last = TriageModel.objects.filter(government=government).aggregate(v=Max("version"))["v"]
        model = TriageModel.objects.create(
            government=government,
            version=(last or 0) + 1,
            trained_by=by if getattr(by, "is_authenticated", False) else None,
            metrics=metrics,
            artifact=dumps(trained),
        )
        audit_record(
            instance=model,
            by=by,
            action=AuditEntry.Action.CREATE,
            changes={"version": [None, model.version], "metrics": [None, metrics]},
        )
        if activate:
            triage_model_activate(model=model, by=by)
    return model


def triage_model_activate(*, model: TriageModel, by: Any = None) -> TriageModel:
    """Make ``model`` the one its government's suggestions use."""
    with transaction.atomic():
        previous = (
            TriageModel.objects.select_for_update()
            .filter(government_id=model.government_id, is_active=True)
            .exclude(pk=model.pk)
            .first()
        )
        if previous is not None:
            previous.is_active = False
            previous.save(update_fields=["is_active"])
        model.is_active = True
        model.save(update_fields=["is_active"])
        audit_record(
            instance=model,
            by=by,
            action=AuditEntry.Action.UPDATE,
            changes={"active_version": [previous.version if previous else None, model.version]},
        )
    return model


def triage_model_rollback(*, government: Government, by: Any = None) -> TriageModel:
    """Go back to the version before the active one."""
    active = TriageModel.objects.filter(government=government, is_active=True).first()
    older = TriageModel.objects.filter(government=government)
    if active is not None:
        older = older.filter(version__lt=active.version)
    target = older.order_by("-version").first()
    if target is None:
        raise ValueError("There is no older triage model to go back to.")
    return triage_model_activate(model=target, by=by)


def routing_feedback_record(
    *,
    government: Government,
    subject: str,
    subject_id: int,
    chosen: Agency,
    suggested: Agency | None,
    confidence: float | None,
    model_version: int | None,
    by: Any = None,
) -> RoutingFeedback:
    """Remember how a report was routed against what triage suggested. Callers: the services
    that route (the complaints app's dispatch)."""
    if chosen.government_id != government.pk or (
        suggested is not None and suggested.government_id != government.pk
    ):
        raise ValueError("Routing feedback must stay within one government.")
    return RoutingFeedback.objects.create(
        government=government,
        subject=subject,
        subject_id=subject_id,
        chosen=chosen,
        suggested=suggested,
        confidence=confidence,
        model_version=model_version,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
