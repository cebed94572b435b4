from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from rembug.core.backup import BackupError, backup_check, backup_restore


class Command(BaseCommand):
    help = (
        "Replace the whole database and the uploaded files with a backup made by `rembug backup`. "
        "The file is checked completely before anything changes; the old media folder is kept "
        "beside the new one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="A backup archive made by `rembug backup`.")
        parser.add_argument(
            "--check", action="store_true", help="Only check the archive; change nothing."
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(
        self, *args: Any, file: Path, check: bool, interactive: bool, **options: Any
    ) -> None:
        try:
            if check:
                manifest = backup_check(path=file)
                rows = sum(manifest["rows"].values())
                self.stdout.write(
                    f"Cadangan utuh / backup intact: {rows} baris / rows, "
                    f"{len(manifest['media'])} berkas / files, {manifest['created_at']}."
                )
                return
            if interactive and not self._confirmed():
                raise CommandError("Dibatalkan / cancelled.")
            summary = backup_restore(path=file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Dipulihkan / restored: {summary.rows} baris / rows, {summary.files} berkas / files."
        )

    def _confirmed(self) -> bool:
        name = connection.settings_dict["NAME"]
        answer = input(
            f"Semua data di {name} akan diganti / every row in {name} will be replaced. "
            "Ketik 'ya' / type 'yes': "
        )
        return answer.strip().lower() in {"ya", "yes"}
