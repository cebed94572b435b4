"""``rembug import-lapor FILE --government SLUG [--mapping FILE] [--write-mapping FILE]``."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rembug.complaints.learning import retrain_enqueue
from rembug.complaints.models import Privacy
from rembug.governments.models import Government
from rembug.lapor.places import read_mapping, write_mapping
from rembug.lapor.rows import LayoutError
from rembug.lapor.services import (
    DEFAULT_BATCH,
    ImportResult,
    lapor_import,
    lapor_mapping_draft,
)


class Progress:
    """tqdm when it is installed, else a counter on one stderr line."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.started = time.perf_counter()
        self.bar: Any = None
        try:
            from tqdm import tqdm  # type: ignore[import-untyped]
        except ImportError:
            return
        self.bar = tqdm(unit=" rows", file=stream, mininterval=0.5)

    def __call__(self, result: ImportResult) -> None:
        if self.bar is not None:
            self.bar.update(result.rows - self.bar.n)
            return
        rate = result.rows / max(time.perf_counter() - self.started, 1e-9)
        self.stream.write(
            f"\r{result.rows:,} rows read, {result.created:,} new, "
            f"{result.bad_count:,} bad ({rate:,.0f} rows/s)"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        else:
            self.stream.write("\n")


class Command(BaseCommand):
    help = (
        "Import an SP4N-LAPOR! export (CSV or XLSX; the official columns or the Kabupaten Bandung "
        "layout) into a government's reports. Guarantee: resumable batches: each batch is "
        "written whole or not at all, and reports are keyed by Tracking ID, so running the same "
        "file again after an interruption (or twice) imports only what is missing. Bad rows are "
        "listed by row number and skipped. Agencies are matched by name; --write-mapping writes "
        "the file's agency names with the guessed match, to edit and pass back with --mapping."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--government", required=True, help="Government slug")
        parser.add_argument(
            "--mapping", type=Path, help="CSV lapor_instansi,agency_short_name to use"
        )
        parser.add_argument(
            "--write-mapping",
            type=Path,
            help="Write the agency mapping draft to this CSV and stop (import nothing)",
        )
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH)
        parser.add_argument(
            "--privacy-default",
            choices=[str(p) for p in Privacy],
            default="",
            help="Privacy for rows without a Tipe Laporan value (default: public when the file "
            "has the column, anonymous and confidential when it does not)",
        )
        parser.add_argument("--quiet", action="store_true", help="No progress display")
        parser.add_argument(
            "--no-retrain",
            action="store_true",
            help="Do not queue the retraining of the routing model after the import",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        government = Government.objects.filter(slug=options["government"]).first()
        if government is None:
            raise CommandError(f"No government {options['government']!r}.")
        try:
            if options["write_mapping"]:
                draft = lapor_mapping_draft(government, path)
                write_mapping(options["write_mapping"], draft)
                matched = sum(1 for short in draft.values() if short)
                self.stdout.write(
                    f"Wrote {len(draft)} agency names ({matched} matched) to "
                    f"{options['write_mapping']}; fill in agency_short_name, then import with "
                    "--mapping."
                )
                return
            mapping = read_mapping(options["mapping"]) if options["mapping"] else None
            progress = None if options["quiet"] else Progress(sys.stderr)
            try:
                result = lapor_import(
                    government=government,
                    path=path,
                    mapping=mapping,
                    privacy_default=options["privacy_default"],
                    batch_size=max(1, options["batch_size"]),
                    progress=progress,
                )
            finally:
                if progress is not None:
                    progress.close()
        except LayoutError as error:
            raise CommandError(str(error)) from None
        self._summary(result)
        if result.created and not options["no_retrain"]:
            # The imported history is what the routing model learns this government from.
            retrain_enqueue(government.pk)
            self.stdout.write(
                "Routing model retraining queued / pelatihan ulang model dijadwalkan."
            )

    def _summary(self, result: ImportResult) -> None:
        rate = result.rows / result.seconds if result.seconds else 0.0
        self.stdout.write(
            f"{result.rows:,} rows: {result.created:,} imported, "
            f"{result.already_there:,} already there, {result.bad_count:,} bad; "
            f"{result.categories_created} new categories; {result.seconds:.1f} s "
            f"({rate:,.0f} rows/s)."
        )
        for bad in result.bad:
            self.stdout.write(
                f"  row {bad.row} (Tracking ID {bad.tracking_id or '-'}): {bad.reason}"
            )
        if result.bad_count > len(result.bad):
            self.stdout.write(f"  … and {result.bad_count - len(result.bad):,} more bad rows")
        if result.unmapped_agencies:
            self.stdout.write(
                "Agencies not matched (reports imported without an agency; use --write-mapping "
                "and --mapping):"
            )
            for name, count in sorted(result.unmapped_agencies.items(), key=lambda kv: -kv[1]):
                self.stdout.write(f"  {count:>7,}  {name}")
