from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rembug.regions.models import Region
from rembug.regions.services import SHIPPED_FILE, RegionFileError, regions_import


class Command(BaseCommand):
    help = "Load Kemendagri region codes (kode,nama,level CSV, optionally gzipped); idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", type=Path, default=SHIPPED_FILE)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        if not file.exists():
            raise CommandError(f"File not found / berkas tidak ditemukan: {file}")
        try:
            counts = regions_import(path=file)
        except RegionFileError as error:
            raise CommandError(f"Nothing was imported / tidak ada yang diimpor. {error}") from error
        for level, count in counts.items():
            self.stdout.write(f"{Region.Level(level).label}: {count}")
