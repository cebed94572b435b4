"""``rembug search reindex [--government SLUG] [--full]``: bring the search index up to date
(what changed since the last run), or with ``--full`` rebuild it (run it nightly: it also drops
entries of deleted rows)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rembug.governments.models import Government
from rembug.search.services import search_rebuild, search_refresh


class Command(BaseCommand):
    help = "Keep the search index (plans, indicators, forum inputs, public reports) up to date."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        reindex = sub.add_parser("reindex", help="Index what changed; --full rebuilds.")
        reindex.add_argument("--government", default="", help="Slug; all governments if empty")
        reindex.add_argument("--full", action="store_true", help="Drop and rebuild the index")

    def handle(self, *args: Any, **options: Any) -> None:
        governments = Government.objects.filter(is_active=True).order_by("slug")
        if options["government"]:
            governments = governments.filter(slug=options["government"])
            if not governments.exists():
                raise CommandError(f"No government {options['government']!r}.")
        for government in governments:
            if options["full"]:
                read = search_rebuild(government=government)
            else:
                read = total = 0
                while (read := search_refresh(government=government, limit=5000)) > 0:
                    total += read
                read = total
            self.stdout.write(f"{government.slug}: {read} rows indexed")
