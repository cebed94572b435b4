"""``rembug monitoring-refresh``: lock the periods past their deadline, recompute the live
indicators of every open period, then rebuild every Renja's dashboard summary (the backfill,
and the catch-up after plan changes such as an edited target). Run it daily from cron, or once
with ``--schedule`` to have ``rembug db_worker`` run it every night (see ``monitoring.tasks``).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rembug.monitoring.tasks import monitoring_refresh_all, next_run, refresh_schedule


class Command(BaseCommand):
    help = "Lock overdue reporting periods, recompute live indicators and dashboard summaries."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the refresh for the task worker every night instead of running it now.",
        )

    def handle(self, *args: Any, schedule: bool = False, **options: Any) -> None:
        if schedule:
            if not refresh_schedule():
                raise CommandError(
                    "The task backend cannot run work later (TASKS_BACKEND=database and "
                    "'rembug db_worker' can); run 'rembug monitoring-refresh' from cron instead."
                )
            self.stdout.write(f"Queued for the task worker: next run {next_run():%Y-%m-%d %H:%M}")
            return
        self.stdout.write(str(monitoring_refresh_all()))
