"""``rembug export TABLE --government SLUG --document ID --format xlsx|pdf -o FILE``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from rembug.governments.models import Government
from rembug.monitoring.exports import EXPORTS, FORMATS, export_document, render


class Command(BaseCommand):
    help = "Export an official table (T-C.25 … T-C.33, E.80, E.81) as XLSX or PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("table", help="One of: " + ", ".join(sorted(EXPORTS)))
        parser.add_argument("--government", required=True, help="The government's slug.")
        parser.add_argument("--document", required=True, type=int, help="The document's ID.")
        parser.add_argument("--format", dest="fmt", choices=sorted(FORMATS), default="xlsx")
        parser.add_argument("-o", "--output", required=True, help="The file to write.")

    def handle(
        self,
        *args: Any,
        table: str,
        government: str,
        document: int,
        fmt: str,
        output: str,
        **options: Any,
    ) -> None:
        if table not in EXPORTS:
            raise CommandError(f"Unknown table {table!r}; known: {', '.join(sorted(EXPORTS))}.")
        found = Government.objects.filter(slug=government).first()
        if found is None:
            raise CommandError(f"No government with the slug {government!r}.")
        try:
            built = export_document(table, government=found, document_id=document, system=True)
        except Http404 as error:
            raise CommandError(str(error)) from error
        data = render(built, fmt)
        Path(output).write_bytes(data)
        self.stdout.write(f"{table}: {len(built.rows)} rows, {len(data):,} bytes → {output}")
