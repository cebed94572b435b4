"""Background tasks of the complaints app (Django's Tasks API; see settings.TASKS)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from rembug.complaints.learning import complaints_triage_retrain
from rembug.governments.models import Government


@task()
def triage_retrain(government_id: int) -> dict[str, Any]:
    """Retrain a government's routing model on its routed reports (see ``learning``)."""
    government = Government.objects.get(pk=government_id)
    return complaints_triage_retrain(government=government).as_dict()
