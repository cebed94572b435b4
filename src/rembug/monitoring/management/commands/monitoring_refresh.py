"""``rembug monitoring-refresh``: lock the periods past their deadline, recompute the live
indicators of every open period, then rebuild every Renja's dashboard summary (the backfill,
and the catch-up after plan changes such as an edited target). Run it daily (cron or the task
worker)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rembug.monitoring.live import live_indicators_refresh
from rembug.monitoring.models import PeriodStatus, ReportingPeriod
from rembug.monitoring.services import periods_lock_overdue
from rembug.monitoring.summary import summaries_rebuild
from rembug.planning.models import DocumentKind, PlanDocument


class Command(BaseCommand):
    help = "Lock overdue reporting periods, recompute live indicators and dashboard summaries."

    def handle(self, *args: Any, **options: Any) -> None:
        locked = periods_lock_overdue()
        written = sum(
            live_indicators_refresh(period=period)
            for period in ReportingPeriod.objects.filter(status=PeriodStatus.OPEN).select_related(
                "document__government", "document__agency"
            )
        )
        rows = 0
        # One Renja per transaction: the summary rows a rebuild locks (saves of that agency
        # wait on them) are held for one agency's rebuild, not a whole government's.
        for document in PlanDocument.objects.filter(kind=DocumentKind.RENJA).order_by("id"):
            rows += summaries_rebuild(documents=[document])
        self.stdout.write(
            f"{locked} periods locked, {written} live values recomputed, "
            f"{rows} summary rows rebuilt"
        )
