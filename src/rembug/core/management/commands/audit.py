from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rembug.core.audit import audit_verify
from rembug.core.models import AuditEntry


class Command(BaseCommand):
    help = "Audit trail tools. `rembug audit verify` checks the hash chain of every entry."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Detect audit entries changed or deleted after writing.")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        problems = list(audit_verify())
        total = AuditEntry.objects.count()
        if problems:
            for problem in problems:
                self.stderr.write(f"entry {problem.entry_id}: {problem.reason}")
            raise CommandError(
                f"The audit trail was tampered with: {len(problems)} problem(s) in {total} "
                f"entries. / Jejak audit telah diubah: {len(problems)} masalah dari {total} entri."
            )
        self.stdout.write(f"Audit trail intact / jejak audit utuh: {total} entries.")
