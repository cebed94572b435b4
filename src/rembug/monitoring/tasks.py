"""Background work of monitoring (Django's Tasks API; see settings.TASKS).

``monitoring_refresh`` is the daily work: lock the periods past their deadline, recompute the
live indicators of every open period (with their provenance), rebuild every Renja's summary.
``rembug monitoring-refresh`` runs it at once (from cron); ``rembug monitoring-refresh
--schedule`` hands it to ``rembug db_worker``, where each run queues the next one for the
following night (``REFRESH_AT`` in the government's time zone), so no cron is needed where a
worker runs. With the ``immediate`` backend (tests) the work simply runs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.utils import timezone
from django_tasks import task

from rembug.monitoring.live import live_indicators_refresh
from rembug.monitoring.models import PeriodStatus, ReportingPeriod
from rembug.monitoring.services import periods_lock_overdue
from rembug.monitoring.summary import summaries_rebuild
from rembug.planning.models import DocumentKind, PlanDocument

REFRESH_AT = dt.time(1, 30)  # local time: after the day's deadlines have passed


@dataclass(frozen=True)
class Refreshed:
    locked: int
    live_values: int
    summary_rows: int

    def __str__(self) -> str:
        return (
            f"{self.locked} periods locked, {self.live_values} live values recomputed, "
            f"{self.summary_rows} summary rows rebuilt"
        )


def monitoring_refresh_all() -> Refreshed:
    """The daily work, in order: a period past its deadline is locked before its live values
    would be recomputed, and the summaries are rebuilt last, from everything written."""
    locked = periods_lock_overdue()
    written = sum(
        live_indicators_refresh(period=period)
        for period in ReportingPeriod.objects.filter(status=PeriodStatus.OPEN).select_related(
            "document__government", "document__agency"
        )
    )
    rows = 0
    # One Renja per transaction: the summary rows a rebuild locks (saves of that agency wait
    # on them) are held for one agency's rebuild, not a whole government's.
    for document in PlanDocument.objects.filter(kind=DocumentKind.RENJA).order_by("id"):
        rows += summaries_rebuild(documents=[document])
    return Refreshed(locked=locked, live_values=written, summary_rows=rows)


@task()
def monitoring_refresh(reschedule: bool = True) -> dict[str, int]:
    """The daily refresh in the task worker; queues the next night's run (also when this one
    failed, so one bad night does not stop the clock)."""
    try:
        return asdict(monitoring_refresh_all())
    finally:
        if reschedule:
            refresh_schedule()


def next_run(now: dt.datetime | None = None) -> dt.datetime:
    """The next ``REFRESH_AT`` in the active time zone strictly after ``now``."""
    local = timezone.localtime(now or timezone.now())
    run = local.replace(hour=REFRESH_AT.hour, minute=REFRESH_AT.minute, second=0, microsecond=0)
    return run if run > local else run + dt.timedelta(days=1)


def refresh_schedule(*, at: dt.datetime | None = None) -> bool:
    """Queue ``monitoring_refresh`` for ``at`` (by default the next night) unless a run is
    already waiting. False when the task backend cannot run work later (``immediate``: run
    ``rembug monitoring-refresh`` from cron instead)."""
    backend = monitoring_refresh.get_backend()
    if not backend.supports_defer:
        return False
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=monitoring_refresh.module_path, status=TaskResultStatus.READY
    )
    if waiting.exists():
        return True
    monitoring_refresh.using(run_after=at or next_run()).enqueue()
    return True
