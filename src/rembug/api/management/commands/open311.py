"""``rembug open311 issue-key --government SLUG --name CLIENT`` prints a client's api_key once;
``rembug open311 list-keys --government SLUG``; ``rembug open311 revoke-key --government SLUG
--name CLIENT``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rembug.api.models import Open311Client
from rembug.api.open311.clients import open311_client_issue, open311_client_revoke
from rembug.governments.models import Government


class Command(BaseCommand):
    help = "Issue, list and revoke Open311 client keys (api_key printed once, stored hashed)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        for name, text in [
            ("issue-key", "Print a new api_key for a client, once."),
            ("revoke-key", "Deactivate a client's key."),
            ("list-keys", "List a government's clients (prefixes only)."),
        ]:
            action = sub.add_parser(name, help=text)
            action.add_argument("--government", required=True, help="Government slug")
            if name != "list-keys":
                action.add_argument("--name", required=True, help="Client name")

    def handle(self, *args: Any, **options: Any) -> None:
        government = Government.objects.filter(slug=options["government"]).first()
        if government is None:
            raise CommandError(f"No government {options['government']!r}.")
        action = options["action"]
        if action == "issue-key":
            try:
                client, secret = open311_client_issue(
                    government=government, name=options["name"], by=None
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            self.stderr.write(
                f"api_key for {client.name} ({government.code}); shown only now, keep it safe:"
            )
            self.stdout.write(secret)
        elif action == "revoke-key":
            found = Open311Client.objects.filter(
                government=government, name=options["name"]
            ).first()
            if found is None:
                raise CommandError(f"No client {options['name']!r}.")
            open311_client_revoke(client=found, by=None)
            self.stdout.write(f"Revoked {found.name} ({found.prefix}…)")
        else:
            for client in Open311Client.objects.filter(government=government).order_by("name"):
                state = "active" if client.is_active else "revoked"
                self.stdout.write(f"{client.name}\t{client.prefix}…\t{state}")
