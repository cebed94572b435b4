"""``rembug complaints autoclose|escalate|tick|schedule|retrain``: the periodic work on reports.

``autoclose`` closes answered reports after 10 days without objection; ``escalate`` puts overdue
reports in the coordinator's queue and e-mails the coordinators; ``tick`` does both (from cron,
every few minutes) and ``schedule`` hands the same work to ``rembug db_worker`` instead: it queues
a tick that queues its own next run every five minutes (once; scheduling again adds nothing).
``retrain`` (nightly) retrains the routing model of every government whose coordinators corrected a
suggestion since its last training (``--all``: every government with routed reports).
``rebuild-summary`` (nightly) recounts the summary of reports the statistics read from the report
rows and prints any drift it corrected (``--background``: queue it for the task worker).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rembug.complaints.learning import complaints_triage_retrain
from rembug.complaints.services import complaints_autoclose, complaints_escalate_overdue
from rembug.complaints.summary import summary_rebuild, summary_rebuild_task
from rembug.complaints.tasks import tick_schedule
from rembug.governments.models import Government
from rembug.triage.selectors import corrections_since_training


class Command(BaseCommand):
    help = (
        "Periodic work on reports: autoclose, escalate, tick (both), schedule (the tick in the "
        "task worker, every five minutes), or retrain routing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action",
            choices=["autoclose", "escalate", "tick", "schedule", "retrain", "rebuild-summary"],
        )
        parser.add_argument("--government", help="Only this government (slug).")
        parser.add_argument(
            "--all",
            action="store_true",
            dest="every",
            help="retrain: also governments without corrections.",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="rebuild-summary: queue the rebuild for 'rembug db_worker' instead.",
        )

    def handle(
        self,
        *args: Any,
        action: str,
        government: str | None,
        every: bool,
        background: bool = False,
        **options: Any,
    ) -> None:
        only = None
        if government:
            only = Government.objects.filter(slug=government).first()
            if only is None:
                raise CommandError(f"No government with the slug {government!r}.")
        if action in {"autoclose", "tick"}:
            closed = complaints_autoclose(government=only)
            self.stdout.write(f"closed automatically / ditutup otomatis: {closed}")
        if action in {"escalate", "tick"}:
            escalated = complaints_escalate_overdue(government=only)
            self.stdout.write(f"escalated / dieskalasi: {escalated}")
        if action == "schedule":
            if not tick_schedule():
                raise CommandError(
                    "The task backend cannot run work later (TASKS_BACKEND=database can); "
                    "run 'rembug complaints tick' from cron instead."
                )
            self.stdout.write(
                "scheduled / dijadwalkan: rembug db_worker runs the tick every 5 minutes."
            )
        if action == "rebuild-summary":
            self._rebuild_summary(only, background=background)
        if action == "retrain":
            governments = [only] if only else list(Government.objects.order_by("slug"))
            for gov in governments:
                if not (every or only) and corrections_since_training(gov) == 0:
                    continue
                outcome = complaints_triage_retrain(government=gov)
                self.stdout.write(f"{gov.slug}: {outcome.reason}")

    def _rebuild_summary(self, only: Government | None, *, background: bool) -> None:
        """Recount the summary of reports from the report rows and say what drifted."""
        if background:
            summary_rebuild_task.enqueue(only.pk if only else None)
            self.stdout.write("queued / diantrekan: rembug db_worker rebuilds the summary.")
            return
        governments = [only] if only else list(Government.objects.order_by("slug"))
        for gov in governments:
            self.stdout.write(summary_rebuild(gov).line())
