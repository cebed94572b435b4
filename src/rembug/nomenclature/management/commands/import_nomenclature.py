from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rembug.nomenclature.services import NomenclatureFileError, nomenclature_import


class Command(BaseCommand):
    help = (
        "Load a version of the program/kegiatan/sub kegiatan nomenclature from a CSV or XLSX file "
        "with the columns kode,level,nama (optional: kinerja, indikator, satuan, source); "
        "all or nothing, idempotent."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # Our --version names the nomenclature version; it replaces Django's --version flag.
        kwargs.setdefault("conflict_handler", "resolve")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--version",
            dest="version_name",
            required=True,
            help="Name of the version, e.g. 'Kepmendagri 900.1-2850/2025'.",
        )
        parser.add_argument("--regulation", default="", help="The regulation that sets this list.")

    def handle(
        self, *args: Any, file: Path, version_name: str, regulation: str, **options: Any
    ) -> None:
        if not file.exists():
            raise CommandError(f"Berkas tidak ditemukan / file not found: {file}")
        try:
            result = nomenclature_import(
                path=file, version_name=version_name, regulation=regulation
            )
        except NomenclatureFileError as error:
            raise CommandError(
                f"Tidak ada yang diimpor / nothing was imported ({len(error.problems)}):\n{error}"
            ) from error
        self.stdout.write(
            f"{result.version.name}: {result.created} baru / new, {result.updated} diperbarui / "
            f"updated, {result.unchanged} tetap / unchanged"
        )
        if result.unlisted:
            self.stdout.write(
                f"{len(result.unlisted)} butir tidak lagi ada di berkas (disimpan, ditandai tidak "
                f"terdaftar) / items no longer in the file (kept, marked unlisted): "
                + ", ".join(result.unlisted[:50])
                + (" …" if len(result.unlisted) > 50 else "")
            )
