from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rembug.core.audit import (
    Anchor,
    audit_anchor,
    audit_anchor_check,
    audit_pending_count,
    audit_seal,
    audit_verify,
)
from rembug.core.models import AuditEntry


class Command(BaseCommand):
    help = (
        "Audit trail tools. `rembug audit verify` checks the hash chain of every entry and its "
        "sealed head; `rembug audit seal` links the entries written since the last seal into "
        "the chain; `rembug audit anchor` seals and prints the head to keep somewhere else."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="Detect audit entries changed or deleted.")
        verify.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="COUNT:HASH",
            help="An anchor printed earlier by `rembug audit anchor`; it must still be in the "
            "chain. May be given several times.",
        )
        sub.add_parser(
            "seal",
            help="Link pending entries into the chain (the background worker does it within "
            "seconds; run it from cron every minute as well).",
        )
        sub.add_parser(
            "anchor",
            help="Print the chain's head as COUNT:HASH, to keep off-site (e.g. daily by cron).",
        )

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "anchor":
            self.stdout.write(str(audit_anchor()))
            return
        if action == "seal":
            sealed = audit_seal()
            self.stdout.write(f"Sealed / disegel: {sealed} entries.")
            return
        anchors = [self._anchor(text) for text in options["anchor"]]
        problems = list(audit_verify())
        problems += [p for p in (audit_anchor_check(a) for a in anchors) if p is not None]
        total = AuditEntry.objects.count()
        pending = audit_pending_count()
        if problems:
            for problem in problems:
                self.stderr.write(f"entry {problem.entry_id}: {problem.reason}")
            raise CommandError(
                f"The audit trail was tampered with: {len(problems)} problem(s) in {total} "
                f"entries. / Jejak audit telah diubah: {len(problems)} masalah dari {total} entri."
            )
        self.stdout.write(
            f"Audit trail intact / jejak audit utuh: {total} entries, {pending} not yet sealed "
            f"/ {pending} belum disegel (`rembug audit seal`)."
        )

    @staticmethod
    def _anchor(text: str) -> Anchor:
        try:
            return Anchor.parse(text)
        except ValueError:
            raise CommandError(
                f"Not an anchor: {text!r} (expected COUNT:HASH). / "
                f"Bukan jangkar: {text!r} (seharusnya JUMLAH:HASH)."
            ) from None
