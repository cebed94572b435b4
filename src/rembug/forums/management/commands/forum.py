"""``rembug forum list --government SLUG [--json]``: the forums with their IDs (for
``rembug export forum-minutes|T-C.32 --forum ID``); ``rembug forum analyse --government SLUG
--forum ID`` recomputes a forum's themes and opinion map."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from rembug.forums.selectors import forums_of
from rembug.forums.services import forum_analysis_refresh
from rembug.governments.models import Government


class Command(BaseCommand):
    help = "List a government's forums, or recompute one forum's themes and opinion map."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["list", "analyse"])
        parser.add_argument("--government", required=True, help="The government's slug.")
        parser.add_argument("--forum", type=int, help="The forum's ID (for analyse).")
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(
        self,
        *args: Any,
        action: str,
        government: str,
        forum: int | None,
        json: bool,
        **options: Any,
    ) -> None:
        found = Government.objects.filter(slug=government).first()
        if found is None:
            raise CommandError(f"No government with the slug {government!r}.")
        if action == "list":
            self._list(found, as_json=json)
            return
        chosen = forums_of(found).filter(pk=forum).first() if forum else None
        if chosen is None:
            raise CommandError("Give --forum ID of a forum of this government.")
        analysis = forum_analysis_refresh(forum=chosen)
        self.stdout.write(
            f"forum {chosen.pk}: {len(analysis.themes)} themes, "
            f"{analysis.reaction_count} reactions mapped"
        )

    def _list(self, government: Government, *, as_json: bool) -> None:
        rows = [
            {
                "id": f.pk,
                "title": f.title,
                "kind": f.kind,
                "phase": f.phase,
                "date": timezone.localtime(f.starts_at).date().isoformat(),
                "venue": f.venue,
                "organiser": f.organiser.short_name,
                "inputs": getattr(f, "input_count", 0),
                "participants": getattr(f, "participant_count", 0),
            }
            for f in forums_of(government)
        ]
        if as_json:
            self.stdout.write(json_dumps(rows))
            return
        for row in rows:
            self.stdout.write(
                f"{row['id']:>5}  {row['date']}  {row['phase']:<13} {row['inputs']:>5} usulan  "
                f"{row['title']}"
            )


def json_dumps(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2)
