"""``rembug monitoring-refresh``: lock the periods past their deadline, then recompute the live
indicators of every open period. Run it daily (cron or the task worker)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rembug.monitoring.live import live_indicators_refresh
from rembug.monitoring.models import PeriodStatus, ReportingPeriod
from rembug.monitoring.services import periods_lock_overdue


class Command(BaseCommand):
    help = "Lock overdue reporting periods and recompute live indicators."

    def handle(self, *args: Any, **options: Any) -> None:
        locked = periods_lock_overdue()
        written = sum(
            live_indicators_refresh(period=period)
            for period in ReportingPeriod.objects.filter(status=PeriodStatus.OPEN).select_related(
                "document__government"
            )
        )
        self.stdout.write(f"{locked} periods locked, {written} live values recomputed")
