"""``rembug complaints autoclose|escalate|tick``: the periodic work on reports, for cron.

``autoclose`` closes answered reports after 10 days without objection; ``escalate`` puts overdue
reports in the coordinator's queue; ``tick`` does both (run it every few minutes).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rembug.complaints.services import complaints_autoclose, complaints_escalate_overdue
from rembug.governments.models import Government


class Command(BaseCommand):
    help = "Periodic work on reports: autoclose, escalate, or tick (both)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["autoclose", "escalate", "tick"])
        parser.add_argument("--government", help="Only this government (slug).")

    def handle(self, *args: Any, action: str, government: str | None, **options: Any) -> None:
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
