"""``rembug complaints autoclose|escalate|tick|retrain``: the periodic work on reports, for cron.

``autoclose`` closes answered reports after 10 days without objection; ``escalate`` puts overdue
reports in the coordinator's queue; ``tick`` does both (run it every few minutes). ``retrain``
(nightly) retrains the routing model of every government whose coordinators corrected a
suggestion since its last training (``--all``: every government with routed reports).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rembug.complaints.learning import complaints_triage_retrain
from rembug.complaints.services import complaints_autoclose, complaints_escalate_overdue
from rembug.governments.models import Government
from rembug.triage.selectors import corrections_since_training


class Command(BaseCommand):
    help = "Periodic work on reports: autoclose, escalate, tick (both), or retrain routing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["autoclose", "escalate", "tick", "retrain"])
        parser.add_argument("--government", help="Only this government (slug).")
        parser.add_argument(
            "--all",
            action="store_true",
            dest="every",
            help="retrain: also governments without corrections.",
        )

    def handle(
        self, *args: Any, action: str, government: str | None, every: bool, **options: Any
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
        if action == "retrain":
            governments = [only] if only else list(Government.objects.order_by("slug"))
            for gov in governments:
                if not (every or only) and corrections_since_training(gov) == 0:
                    continue
                outcome = complaints_triage_retrain(government=gov)
                self.stdout.write(f"{gov.slug}: {outcome.reason}")
