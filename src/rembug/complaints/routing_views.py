"""The coordinator's page on automatic routing: the model versions with their metrics, how often
each version's top suggestion was taken, retraining and rolling back."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rembug.complaints.access import is_coordinator
from rembug.complaints.learning import MIN_REPORTS, RETRAIN_AFTER, retrain_enqueue
from rembug.governments.models import Government
from rembug.triage.models import TriageModel
from rembug.triage.selectors import corrections_since_training, feedback_by_version
from rembug.triage.services import triage_model_activate


def _coordinator_government(request: HttpRequest) -> Government:
    government: Government = request.government  # type: ignore[attr-defined]
    if not is_coordinator(request.user, government):
        raise PermissionDenied(_("Only the coordinator manages automatic routing."))
    return government


@login_required
@require_GET
def routing_models(request: HttpRequest, government: str) -> HttpResponse:
    current = _coordinator_government(request)
    feedback = {row.model_version: row for row in feedback_by_version(current)}
    versions = [
        (model, feedback.get(model.version))
        for model in TriageModel.objects.filter(government=current)
        .defer("artifact")
        .select_related("trained_by")
        .order_by("-version")[:30]
    ]
    return render(
        request,
        "complaints/routing_models.html",
        {
            "versions": versions,
            "seed_feedback": feedback.get(None),
            "corrections": corrections_since_training(current),
            "retrain_after": RETRAIN_AFTER,
            "min_reports": MIN_REPORTS,
        },
    )


@login_required
@require_POST
def routing_retrain(request: HttpRequest, government: str) -> HttpResponse:
    current = _coordinator_government(request)
    retrain_enqueue(current.pk)
    messages.success(
        request,
        _(
            "Retraining is queued. The new version appears here when it is done; it becomes "
            "active only if it is not worse than the active one."
        ),
    )
    return redirect("complaints:routing", government=current.slug)


@login_required
@require_POST
def routing_activate(request: HttpRequest, government: str, version: int) -> HttpResponse:
    current = _coordinator_government(request)
    model = get_object_or_404(
        TriageModel.objects.defer("artifact"), government=current, version=version
    )
    triage_model_activate(model=model, by=request.user)
    messages.success(
        request, _("Version %(version)s now routes the reports.") % {"version": version}
    )
    return redirect("complaints:routing", government=current.slug)
