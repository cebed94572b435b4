"""``rembug plan list --government SLUG [--json]``,
``rembug plan check --government SLUG --document ID [--json]`` and
``rembug plan import --government SLUG FILE [--document ID]``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rembug.governments.models import Government
from rembug.planning.checks import plan_check
from rembug.planning.importing import PlanImportError, plan_import
from rembug.planning.models import DocumentKind, PlanDocument
from rembug.planning.xlsx_template import template_document


class Command(BaseCommand):
    help = "List a government's plan documents, or check one (akuntabel dan terukur)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="List the plan documents of a government.")
        listing.add_argument("--government", required=True, help="The government's slug.")
        listing.add_argument("--json", action="store_true", help="Write JSON.")
        check = sub.add_parser("check", help="Check one document; exit 1 when it has errors.")
        check.add_argument("--government", required=True, help="The government's slug.")
        check.add_argument("--document", required=True, type=int, help="The document's ID.")
        check.add_argument("--json", action="store_true", help="Write JSON.")
        load = sub.add_parser(
            "import",
            help="Replace a Renstra's or Renja's contents with a filled XLSX template, all or "
            "nothing; exit 1 with every row error when the file has any.",
        )
        load.add_argument("--government", required=True, help="The government's slug.")
        load.add_argument("file", help="The XLSX template (as Rembug exports it).")
        load.add_argument(
            "--document",
            type=int,
            help="The document's ID (default: the document the template was exported from).",
        )

    def handle(
        self, *args: Any, action: str, government: str, json: bool = False, **options: Any
    ) -> None:
        found = Government.objects.filter(slug=government).first()
        if found is None:
            raise CommandError(f"No government with the slug {government!r}.")
        if action == "list":
            self._list(found, as_json=json)
        elif action == "import":
            self._import(found, Path(options["file"]), options["document"])
        else:
            self._check(found, options["document"], as_json=json)

    def _import(self, government: Government, path: Path, pk: int | None) -> None:
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        with path.open("rb") as file:
            if pk is None:
                made_from = template_document(file)
                if made_from is None or made_from[0] != government.slug:
                    raise CommandError(
                        "The file does not say which document of this government it was "
                        "exported from: give --document ID."
                    )
                pk = made_from[1]
            document = (
                PlanDocument.objects.filter(government=government, pk=pk)
                .select_related("government", "agency")
                .first()
            )
            if document is None:
                raise CommandError(f"No document {pk} in {government.slug}.")
            if document.kind not in (DocumentKind.RENSTRA, DocumentKind.RENJA):
                raise CommandError(f"Document {pk} is no Renstra or Renja.")
            try:
                count = plan_import(document=document, file=file, by=None)
            except PlanImportError as error:
                for row_error in error.errors:
                    where = f"row {row_error.row}" if row_error.row else "file"
                    self.stderr.write(f"{path.name}, {where}: {row_error.message}")
                self.stderr.write(
                    f"{len(error.errors)} error(s): nothing was imported into {document}."
                )
                raise SystemExit(1) from None
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"{count} items imported into {document} (ID {document.pk}).")

    def _list(self, government: Government, *, as_json: bool) -> None:
        documents = PlanDocument.objects.filter(government=government).select_related("agency")
        rows = [
            {
                "id": d.pk,
                "kind": d.kind,
                "title": d.title,
                "agency": d.agency.short_name if d.agency else None,
                "period_start": d.period_start,
                "period_end": d.period_end,
                "state": d.state,
                "version": d.version,
            }
            for d in documents.order_by("kind", "agency__short_name", "period_start", "version")
        ]
        if as_json:
            self.stdout.write(_dumps(rows))
            return
        for row in rows:
            period = f"{row['period_start']}-{row['period_end']}"
            self.stdout.write(
                f"{row['id']:>6}  {row['kind']:<8} {row['agency'] or '-':<14} {period:<10} "
                f"{row['state']:<16} v{row['version']}  {row['title']}"
            )

    def _check(self, government: Government, pk: int, *, as_json: bool) -> None:
        document = (
            PlanDocument.objects.filter(government=government, pk=pk)
            .select_related("government", "agency")
            .first()
        )
        if document is None:
            raise CommandError(f"No document {pk} in {government.slug}.")
        report = plan_check(document)
        if as_json:
            self.stdout.write(
                _dumps(
                    {
                        "document": document.pk,
                        "passed": report.passed,
                        "errors": len(report.errors),
                        "warnings": len(report.warnings),
                        "input_share_percent": (
                            str(report.input_share) if report.input_share is not None else None
                        ),
                        "findings": [
                            {
                                "severity": f.severity,
                                "code": f.code,
                                "message": f.message,
                                "url": f.url,
                            }
                            for f in report.findings
                        ],
                    }
                )
            )
        else:
            self.stdout.write(
                f"{document} ({document.get_kind_display()}, {document.period_label})"
            )
            for f in report.findings:
                self.stdout.write(f"  [{f.severity}] {f.message}\n      {f.url}")
            share = report.input_share
            if share is not None:
                self.stdout.write(
                    f"Sub kegiatan answering a public input: {report.sub_kegiatan_answering} of "
                    f"{report.sub_kegiatan_total} ({share} %)"
                )
            self.stdout.write(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)")
        if not report.passed:
            raise SystemExit(1)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
