"""Background tasks of the complaints app (Django's Tasks API; see settings.TASKS).

``complaints_tick`` is the periodic work (auto-close, escalation): once scheduled with
``rembug complaints schedule`` (the demo does it when it starts) it runs in ``rembug db_worker``
and queues its own next run ``TICK_EVERY`` later, so no cron is needed where a worker runs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_tasks import task

from rembug.complaints.learning import complaints_triage_retrain
from rembug.complaints.services import complaints_autoclose, complaints_escalate_overdue
from rembug.governments.models import Government

TICK_EVERY = dt.timedelta(minutes=5)


@task()
def triage_retrain(government_id: int) -> dict[str, Any]:
    """Retrain a government's routing model on its routed reports (see ``learning``)."""
    government = Government.objects.get(pk=government_id)
    return complaints_triage_retrain(government=government).as_dict()


@task()
def complaints_tick() -> dict[str, int]:
    """Close answered reports nobody objected to in 10 days and escalate overdue ones; then
    queue the next run (also when this one failed, so one bad night does not stop the clock)."""
    try:
        closed = complaints_autoclose()
        escalated = complaints_escalate_overdue()
    finally:
        tick_schedule(after=TICK_EVERY)
    return {"closed": closed, "escalated": escalated}


def tick_schedule(*, after: dt.timedelta = dt.timedelta(0)) -> bool:
    """Queue ``complaints_tick`` to run ``after`` from now unless a run is already waiting in
    the queue. False when the task backend cannot run work later (``immediate``: run
    ``rembug complaints tick`` from cron instead)."""
    backend = complaints_tick.get_backend()
    if not backend.supports_defer:
        return False
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=complaints_tick.module_path, status=TaskResultStatus.READY
    )
    if waiting.exists():
        return True
    complaints_tick.using(run_after=timezone.now() + after).enqueue()
    return True
