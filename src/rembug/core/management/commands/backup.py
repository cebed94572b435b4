from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rembug.core.backup import backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (every table) and the uploaded files into one archive. "
        "`rembug backup FILE`; restore it with `rembug restore FILE`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Where to write the archive (.tar.gz).")

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        summary = backup_create(path=file)
        self.stdout.write(
            f"Cadangan tersimpan / backup written: {summary.path} "
            f"({summary.rows} baris / rows, {summary.files} berkas / files)."
        )
