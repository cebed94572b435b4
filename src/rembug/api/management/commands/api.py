"""``rembug api issue-token --user NAME [--name LABEL]`` prints a new REST API token once;
``rembug api revoke-token PREFIX`` revokes it; ``rembug api list-tokens [--user NAME]``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rembug.api.models import ApiToken
from rembug.api.tokens import api_token_issue, api_token_revoke


class Command(BaseCommand):
    help = "Issue, list and revoke REST API tokens (the token is printed once, stored hashed)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue-token", help="Print a new token for a user, once.")
        issue.add_argument("--user", required=True, help="User name")
        issue.add_argument("--name", default="cli", help="What the token is for")
        revoke = sub.add_parser("revoke-token", help="Revoke the token starting with PREFIX.")
        revoke.add_argument("prefix")
        listing = sub.add_parser("list-tokens", help="List tokens (prefixes only).")
        listing.add_argument("--user", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "issue-token":
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user named {options['user']!r}.")
            token, secret = api_token_issue(user=user, name=options["name"])
            self.stderr.write(f"Token {token.prefix}… for {user.get_username()}; shown only now:")
            self.stdout.write(secret)
        elif action == "revoke-token":
            matches = list(
                ApiToken.objects.filter(prefix=options["prefix"], revoked_at__isnull=True)
            )
            if len(matches) != 1:
                raise CommandError(f"{len(matches)} active tokens start with that prefix.")
            api_token_revoke(token=matches[0])
            self.stdout.write(f"Revoked {matches[0].prefix}…")
        else:
            tokens = ApiToken.objects.select_related("user").order_by("user__username", "pk")
            if options["user"]:
                tokens = tokens.filter(user__username=options["user"])
            for token in tokens:
                state = "revoked" if token.revoked_at else "active"
                self.stdout.write(
                    f"{token.prefix}…\t{token.user.get_username()}\t{token.name}\t{state}"
                )
