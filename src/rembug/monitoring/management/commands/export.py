"""``rembug export TABLE --government SLUG --document ID --format xlsx|pdf -o FILE``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from rembug.forums.exports import FORUM_EXPORTS, forum_export
from rembug.governments.models import Government
from rembug.monitoring.exports import EXPORTS, FORMATS, export_document, render


class Command(BaseCommand):
    help = "Export an official table (T-C.25 … T-C.33, E.80, E.81) as XLSX or PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "table", help="One of: " + ", ".join(sorted([*EXPORTS, *FORUM_EXPORTS]))
        )
        parser.add_argument("--government", required=True, help="The government's slug.")
        parser.add_argument("--document", type=int, help="The document's ID (plan tables).")
        parser.add_argument(
            "--forum", type=int, help="The forum's ID (" + ", ".join(FORUM_EXPORTS) + ")."
        )
        parser.add_argument("--format", dest="fmt", choices=sorted(FORMATS), default="xlsx")
        parser.add_argument("-o", "--output", required=True, help="The file to write.")

    def handle(
        self,
        *args: Any,
        table: str,
        government: str,
        document: int | None,
        fmt: str,
        output: str,
        **options: Any,
    ) -> None:
        if table in FORUM_EXPORTS:
            self._forum_document(table, government, options.get("forum"), fmt, output)
            return
        if table not in EXPORTS:
            raise CommandError(f"Unknown table {table!r}; known: {', '.join(sorted(EXPORTS))}.")
        found = Government.objects.filter(slug=government).first()
        if found is None:
            raise CommandError(f"No government with the slug {government!r}.")
        if document is None:
            raise CommandError(f"{table} is made from a plan document: give --document ID.")
        try:
            built = export_document(table, government=found, document_id=document, system=True)
        except Http404 as error:
            raise CommandError(str(error)) from error
        data = render(built, fmt)
        Path(output).write_bytes(data)
        self.stdout.write(f"{table}: {len(built.rows)} rows, {len(data):,} bytes → {output}")

    def _forum_document(
        self, table: str, government: str, forum: int | None, fmt: str, output: str
    ) -> None:
        """The forum documents (berita acara, T-C.32) are made from a forum, not a plan."""
        found = Government.objects.filter(slug=government).first()
        if found is None:
            raise CommandError(f"No government with the slug {government!r}.")
        if forum is None:
            raise CommandError(f"{table} is made from a forum: give --forum ID.")
        try:
            data = forum_export(table, fmt, government=found, forum_id=forum)
        except Http404 as error:
            raise CommandError(str(error)) from error
        Path(output).write_bytes(data)
        self.stdout.write(f"{table}: forum {forum}, {len(data):,} bytes → {output}")
