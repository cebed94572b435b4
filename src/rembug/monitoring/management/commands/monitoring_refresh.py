"""``rembug monitoring-refresh``: lock the periods past their deadline, recompute the live
indicators of every open period, then rebuild every Renja's dashboard summary (the backfill,
and the catch-up after plan changes such as an edited target). Run it daily (cron or the task
worker)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

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
        by_government: dict[int, list[PlanDocument]] = defaultdict(list)
        for document in PlanDocument.objects.filter(kind=DocumentKind.RENJA).order_by("id"):
            by_government[document.government_id].append(document)
        rows = 0
        for documents in by_government.values():
            with transaction.atomic():
                rows += summaries_rebuild(documents=documents)
        self.stdout.write(
            f"{locked} periods locked, {written} live values recomputed, "
            f"{rows} summary rows rebuilt"
        )
