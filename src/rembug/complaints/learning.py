"""How the routing model learns from this government's own reports.

Every report a coordinator routes is feedback for triage: taking the top suggestion confirms it,
choosing another agency corrects it (``routing_feedback_record``). After ``RETRAIN_AFTER``
corrections — and nightly from ``rembug complaints tick`` when any piled up — a background task
retrains the model on every routed report (imported LAPOR! history included). A new version is
activated only when it does not do worse than the active one on its own cross-validation, so a
bad batch of data cannot silently replace a good model; a coordinator can still roll back.

Marked duplicates feed the evaluation of the duplicate search: the share of marks whose original
the similar-reports lookup would have shown (recall at 3) is stored with each model's metrics.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from rembug.complaints.models import Complaint, Status
from rembug.complaints.suggestions import agency_suggestions, similar_complaints
from rembug.governments.models import Agency, Government
from rembug.triage.models import TriageModel
from rembug.triage.ranking import Report
from rembug.triage.selectors import corrections_since_training, triage_model_active
from rembug.triage.services import (
    routing_feedback_record,
    triage_model_activate,
    triage_model_train,
)

logger = logging.getLogger(__name__)

SUBJECT = "complaints.complaint"
# Corrections that trigger a retraining; the model also retrains nightly when any piled up.
RETRAIN_AFTER = 20
# Below this many routed reports (or two agencies) the seed corpus does better than a model.
MIN_REPORTS = 30
# The newest reports a model is trained on: enough history, bounded memory and time.
MAX_REPORTS = 100_000
# A retrained version is kept but not activated when its cross-validated accuracy falls more
# than this below the active version's.
TOLERANCE = 0.02
# Marked duplicates checked against the similar-reports lookup at each retraining.
DUPLICATE_SAMPLE = 200


@dataclass(frozen=True)
class RetrainOutcome:
    trained: bool
    activated: bool
    reason: str
    model: TriageModel | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "trained": self.trained,
            "activated": self.activated,
            "reason": self.reason,
            "version": self.model.version if self.model else None,
        }


def routing_feedback_on_dispatch(*, complaint: Complaint, agency: Agency, by: Any) -> None:
    """Record the coordinator's routing against the suggestion; queue a retraining when enough
    corrections piled up. Runs inside the dispatch transaction; never makes it fail."""
    try:
        suggestions = agency_suggestions(complaint, top=1)
        active = triage_model_active(complaint.government)
        top = suggestions[0] if suggestions else None
        routing_feedback_record(
            government=complaint.government,
            subject=SUBJECT,
            subject_id=complaint.pk,
            chosen=agency,
            suggested=top.agency if top else None,
            confidence=top.confidence if top else None,
            model_version=active.version if active else None,
            by=by,
        )
        if corrections_since_training(complaint.government) == RETRAIN_AFTER:
            government_id = complaint.government_id
            transaction.on_commit(lambda: retrain_enqueue(government_id))
    except Exception:  # feedback helps the model; routing the report matters more
        logger.exception("routing feedback failed for report %s", complaint.pk)


def retrain_enqueue(government_id: int) -> None:
    """Queue the retraining task (run at once under TASKS_BACKEND=immediate)."""
    from rembug.complaints.tasks import triage_retrain

    triage_retrain.enqueue(government_id)


def _training_set(government: Government) -> tuple[list[Report], list[str], list[str]]:
    rows = (
        Complaint.objects.filter(government=government, agency__isnull=False)
        .exclude(status=Status.DUPLICATE)
        .order_by("-submitted_at")
        .values_list("title", "text", "kecamatan__name", "category__name", "agency__name")[
            :MAX_REPORTS
        ]
    )
    reports, agencies, categories = [], [], []
    for title, text, kecamatan, category, agency in rows.iterator(chunk_size=5000):
        reports.append(
            Report(title=title, text=text, kecamatan=kecamatan or "", category=category or "")
        )
        agencies.append(agency)
        categories.append(category or "")
    return reports, agencies, categories


def duplicate_mark_recall(
    government: Government, *, sample: int = DUPLICATE_SAMPLE
) -> dict[str, Any]:
    """Of the newest ``sample`` reports a coordinator marked as duplicates, the share whose
    original the similar-reports lookup shows among its first three."""
    marked = list(
        Complaint.objects.filter(
            government=government, status=Status.DUPLICATE, duplicate_of__isnull=False
        )
        .select_related("government", "kecamatan")
        .order_by("-submitted_at")[:sample]
    )
    found = sum(
        1
        for complaint in marked
        if any(s.complaint.pk == complaint.duplicate_of_id for s in similar_complaints(complaint))
    )
    return {
        "duplicate_marks": len(marked),
        "duplicate_recall_at_3": round(found / len(marked), 4) if marked else None,
    }


def complaints_triage_retrain(*, government: Government, by: Any = None) -> RetrainOutcome:
    """Train a new routing model version on the government's routed reports and activate it
    unless it does worse than the active one. Called by the background task and the UI."""
    reports, agencies, categories = _training_set(government)
    if len(reports) < MIN_REPORTS or len(set(agencies)) < 2:
        return RetrainOutcome(
            False, False, f"too few routed reports ({len(reports)}, {len(set(agencies))} agencies)"
        )
    active = triage_model_active(government)
    model = triage_model_train(
        government=government,
        reports=reports,
        agencies=agencies,
        categories=categories,
        by=by,
        activate=False,
    )
    model.metrics.update(duplicate_mark_recall(government))
    model.save(update_fields=["metrics"])
    previous = float(active.metrics.get("cv_accuracy", 0.0)) if active else 0.0
    current = float(model.metrics.get("cv_accuracy", 0.0))
    if active is not None and current < previous - TOLERANCE:
        return RetrainOutcome(
            True,
            False,
            f"kept version {active.version}: accuracy {current:.3f} < {previous:.3f}",
            model,
        )
    triage_model_activate(model=model, by=by)
    return RetrainOutcome(True, True, f"version {model.version} active", model)
