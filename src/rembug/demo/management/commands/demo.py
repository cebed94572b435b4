from __future__ import annotations

import importlib
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from rembug.demo.context import DEMO_PASSWORD, LOADERS, DemoContext
from rembug.governments.models import Government


class Command(BaseCommand):
    help = "Prepare the demo (migrate, load reference and demo data) and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Only prepare the database.")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--addr", default="127.0.0.1")
        parser.add_argument(
            "--reset", action="store_true", help="Load the demo again over existing data."
        )

    def handle(
        self, *args: Any, no_serve: bool, port: str, addr: str, reset: bool, **options: Any
    ) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        ctx = DemoContext()
        if reset or not Government.objects.filter(slug="kota-serang").exists():
            # Regions only on the first run (or --reset): a re-import of all 91,599 takes seconds.
            self.stdout.write("Regions / wilayah:")
            call_command("import_regions", stdout=self.stdout)
            with transaction.atomic():
                for name in LOADERS:
                    try:
                        module = importlib.import_module(name)
                    except ModuleNotFoundError as error:
                        if error.name != name:
                            raise
                        continue
                    module.load(ctx)
            for line in ctx.log:
                self.stdout.write(line)
        else:
            from rembug.demo.foundation import demo_logins

            self.stdout.write(
                "The demo data is already loaded / data demo sudah dimuat (--reset to load again)."
            )
            ctx.logins = demo_logins()
        self.stdout.write(self.style.SUCCESS("\nRembug demo is ready / demo Rembug siap."))
        self.stdout.write(f"Open / buka: http://{addr}:{port}/")
        self.stdout.write(f"Logins (password for all / kata sandi untuk semua: {DEMO_PASSWORD}):")
        for login, role in ctx.logins:
            self.stdout.write(f"  {login:<24} {role}")
        if not no_serve:
            # Background work (retraining the routing model, say) is queued in the database;
            # a worker beside the server runs it, and stops with it. The worker also runs the
            # reports' periodic tick (auto-close after 10 days, escalation of overdue reports).
            from rembug.complaints.tasks import tick_schedule

            tick_schedule()
            worker = subprocess.Popen(
                [sys.executable, "-m", "rembug", "db_worker", "--no-reload", "--verbosity", "0"]
            )
            try:
                call_command("runserver", f"{addr}:{port}", use_reloader=False)
            finally:
                worker.terminate()
                worker.wait(timeout=10)
