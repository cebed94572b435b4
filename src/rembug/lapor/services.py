"""Importing a LAPOR! export into a government's reports.

Guarantee: **resumable batches**. Rows are read as a stream and written in batches; each batch
(its reports, their timeline entries, new categories and one audit entry) is one transaction, so
an interrupted import leaves only whole batches behind. Reports are keyed by LAPOR!'s Tracking ID
(unique per government in the database), so running the same file again skips what is already
there and continues where it stopped. A row that cannot be read is reported with its row number
and left out; the rows around it are imported.

History is written in bulk here instead of through ``complaint_submit`` and the transition
services one report at a time: those apply today's intake rules (emergency check, service level,
the timeline of a live report) to reports that were closed years ago, and would take hours for a
million rows. What is written follows the complaints app's model rules: one timeline entry per
report saying where it came from, and an audit entry per batch.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _

from rembug.complaints.models import (
    Category,
    Complaint,
    ComplaintEvent,
    Privacy,
    Source,
)
from rembug.complaints.summary import summary_sync
from rembug.complaints.workflow import SYSTEM
from rembug.core.audit import audit_record
from rembug.core.models import AuditEntry
from rembug.governments.models import Government
from rembug.lapor.bulk import insert_many
from rembug.lapor.places import AgencyMatcher, RegionMatcher
from rembug.lapor.rows import read_rows
from rembug.lapor.values import (
    BadValue,
    classification_of,
    outcome_of,
    privacy_of,
    submitted_at,
)

DEFAULT_BATCH = 2000
MAX_BAD_ROWS_KEPT = 1000  # all are counted; the first ones are listed


@dataclass(frozen=True)
class BadRow:
    row: int
    tracking_id: str
    reason: str


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    already_there: int = 0
    bad_count: int = 0
    bad: list[BadRow] = field(default_factory=list)
    batches: int = 0
    categories_created: int = 0
    unmapped_agencies: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def bad_row(self, row: int, tracking_id: str, reason: str) -> None:
        self.bad_count += 1
        if len(self.bad) < MAX_BAD_ROWS_KEPT:
            self.bad.append(BadRow(row, tracking_id, reason))


@dataclass
class Prepared:
    row: int
    tracking_id: str
    category: tuple[str, str]  # (LAPOR! category id, name); ("", "") for none
    fields: dict[str, Any]
    note: str


class _Categories:
    """The government's categories by LAPOR! id and by name; new ones made on demand."""

    def __init__(self, government: Government) -> None:
        self.government = government
        self.by_id: dict[str, Category] = {}
        self.by_name: dict[str, Category] = {}
        self.slugs: set[str] = set()
        for category in Category.objects.filter(government=government):
            if category.lapor_id:
                self.by_id.setdefault(category.lapor_id, category)
            self.by_name.setdefault(category.name.lower(), category)
            self.slugs.add(category.slug)
        self.created = 0

    def get(self, lapor_id: str, name: str) -> Category | None:
        if not name and not lapor_id:
            return None
        found = (self.by_id.get(lapor_id) if lapor_id else None) or self.by_name.get(name.lower())
        if found is not None:
            return found
        base = slugify(name)[:70] or "kategori"
        slug = base if base not in self.slugs else f"{base}-{lapor_id or len(self.slugs)}"[:80]
        category = Category.objects.create(
            government=self.government,
            name=(name or f"LAPOR! {lapor_id}")[:200],
            slug=slug,
            lapor_id=lapor_id[:20],
        )
        self.slugs.add(slug)
        if lapor_id:
            self.by_id[lapor_id] = category
        self.by_name[category.name.lower()] = category
        self.created += 1
        return category

    def forget_unsaved(self) -> None:
        """After a rolled-back batch, drop categories that no longer exist."""
        existing = set(
            Category.objects.filter(government=self.government).values_list("pk", flat=True)
        )
        self.by_id = {k: c for k, c in self.by_id.items() if c.pk in existing}
        self.by_name = {k: c for k, c in self.by_name.items() if c.pk in existing}


class LaporImporter:
    def __init__(
        self,
        *,
        government: Government,
        mapping: dict[str, str] | None = None,
        privacy_default: str = "",
        batch_size: int = DEFAULT_BATCH,
        by: Any = None,
        progress: Callable[[ImportResult], None] | None = None,
    ) -> None:
        self.government = government
        self.zone = ZoneInfo(government.timezone)
        self.agencies = AgencyMatcher(government, mapping)
        self.regions = RegionMatcher(government)
        self.categories = _Categories(government)
        self.privacy_default = privacy_default
        self.batch_size = batch_size
        self.by = by
        self.progress = progress
        self.result = ImportResult()
        # Translated once: the timeline note of every imported report is built from these.
        self.note_imported = _("Imported from SP4N-LAPOR! (Tracking ID %(id)s).")
        self.note_status = _("Status there: %(status)s.")
        self.note_channel = _("Channel: %(source)s.")

    def prepare(self, number: int, row: dict[str, str], privacy_default: str) -> Prepared:
        tracking_id = row.get("tracking_id", "").strip()
        if not tracking_id:
            raise BadValue("no Tracking ID")
        if len(tracking_id) > 40:
            raise BadValue("Tracking ID longer than 40 characters")
        text = row.get("text_final") or row.get("text_initial") or ""
        if not text.strip():
            raise BadValue("empty report text (Isi Laporan)")
        title = (row.get("title") or text.strip().splitlines()[0]).strip()
        if len(title) > 200:
            title = title[:199].rstrip() + "…"
        outcome = outcome_of(row.get("status", ""), row.get("reason", ""))
        when = submitted_at(row.get("date", ""), row.get("time", ""), self.zone)
        district = self.regions.district(row.get("kecamatan", ""))
        fields = {
            "lapor_tracking_id": tracking_id,
            "title": title,
            "text": text.strip(),
            "classification": classification_of(row.get("classification", "")),
            "agency": self.agencies.match(row.get("agency", "").strip()),
            "kecamatan": district,
            "kelurahan": self.regions.village(district, row.get("kelurahan", "")),
            "privacy": privacy_of(row.get("type", ""), default=privacy_default),
            "status": outcome.status,
            "resolved_by": outcome.resolved_by,
            "archive_reason": outcome.archive_reason,
            "source": Source.LAPOR,
            "submitted_at": when,
            "verified_at": when if outcome.verified else None,
        }
        details = [self.note_imported % {"id": tracking_id}]
        if row.get("status"):
            details.append(self.note_status % {"status": row["status"]})
        if row.get("source"):
            details.append(self.note_channel % {"source": row["source"]})
        if row.get("reason"):
            details.append(row["reason"].strip())
        return Prepared(
            row=number,
            tracking_id=tracking_id,
            category=(row.get("category_id", "").strip(), row.get("category", "").strip()),
            fields=fields,
            note=" ".join(details),
        )

    def run(self, path: Path) -> ImportResult:
        started = time.perf_counter()
        layout, rows = read_rows(path)
        # Without LAPOR!'s Tipe column (the Bandung layout) nobody can tell which reports were
        # anonymous or confidential: hide both unless the caller decides otherwise.
        privacy_default = self.privacy_default or (
            Privacy.PUBLIC if layout.has_privacy else Privacy.ANONYMOUS_CONFIDENTIAL
        )
        batch: dict[str, Prepared] = {}
        for number, row in rows:
            self.result.rows += 1
            try:
                prepared = self.prepare(number, row, privacy_default)
            except BadValue as error:
                self.result.bad_row(number, row.get("tracking_id", ""), str(error))
                continue
            if prepared.tracking_id in batch:
                first = batch[prepared.tracking_id].row
                self.result.bad_row(
                    number, prepared.tracking_id, f"Tracking ID repeats row {first}"
                )
                continue
            batch[prepared.tracking_id] = prepared
            if len(batch) >= self.batch_size:
                self.flush(batch.values())
                batch = {}
        if batch:
            self.flush(batch.values())
        self.result.unmapped_agencies = dict(self.agencies.unmapped)
        self.result.categories_created = self.categories.created
        self.result.seconds = time.perf_counter() - started
        return self.result

    def flush(self, prepared: Iterable[Prepared]) -> None:
        items = list(prepared)
        try:
            with transaction.atomic():
                created = self._write(items)
        except Exception:
            self.categories.forget_unsaved()
            raise
        self.result.created += created
        self.result.already_there += len(items) - created
        self.result.batches += 1
        if self.progress is not None:
            self.progress(self.result)

    def _by_tracking_id(self, tracking_ids: list[str]) -> QuerySet[Complaint]:
        # The exclude repeats the condition of the partial unique index on (government,
        # lapor_tracking_id): without it SQLite does not use that index and scans every report
        # of the government for each batch (an import slowed down as the table grew).
        # No ordering either: the model's default (newest first) makes SQLite prefer the
        # submitted-at index to save a sort.
        return (
            Complaint.objects.filter(government=self.government, lapor_tracking_id__in=tracking_ids)
            .exclude(lapor_tracking_id="")
            .order_by()
        )

    def _write(self, items: list[Prepared]) -> int:
        existing = set(
            self._by_tracking_id([item.tracking_id for item in items]).values_list(
                "lapor_tracking_id", flat=True
            )
        )
        todo = [item for item in items if item.tracking_id not in existing]
        if not todo:
            return 0
        complaints = [
            Complaint(
                government=self.government,
                category=self.categories.get(*item.category),
                **item.fields,
            )
            for item in todo
        ]
        insert_many(Complaint, complaints)
        ids = dict(
            self._by_tracking_id([item.tracking_id for item in todo]).values_list(
                "lapor_tracking_id", "pk"
            )
        )
        insert_many(
            ComplaintEvent,
            (
                ComplaintEvent(
                    government=self.government,
                    complaint_id=ids[item.tracking_id],
                    kind=ComplaintEvent.Kind.TRANSITION,
                    actor_role=SYSTEM,
                    at=complaint.submitted_at,
                    to_status=complaint.status,
                    note=item.note,
                )
                for complaint, item in zip(complaints, todo, strict=True)
            ),
        )
        summary_sync(self.government.pk, ids.values())  # rows written in bulk: no signals
        audit_record(
            instance=self.government,
            by=self.by,
            action=AuditEntry.Action.CREATE,
            changes={"lapor_import": [None, len(todo)]},
            note=_("LAPOR! import: %(count)d reports from rows %(first)d–%(last)d.")
            % {"count": len(todo), "first": todo[0].row, "last": todo[-1].row},
        )
        return len(todo)


def lapor_import(
    *,
    government: Government,
    path: Path,
    mapping: dict[str, str] | None = None,
    privacy_default: str = "",
    batch_size: int = DEFAULT_BATCH,
    by: Any = None,
    progress: Callable[[ImportResult], None] | None = None,
) -> ImportResult:
    """Import the LAPOR! export at ``path`` into ``government`` (see the module docstring)."""
    importer = LaporImporter(
        government=government,
        mapping=mapping,
        privacy_default=privacy_default,
        batch_size=batch_size,
        by=by,
        progress=progress,
    )
    return importer.run(path)


def lapor_agency_names(path: Path) -> dict[str, int]:
    """Every *Instansi Terdisposisi* in the file with its number of reports."""
    _layout, rows = read_rows(path)
    names: dict[str, int] = {}
    for _number, row in rows:
        name = row.get("agency", "").strip()
        if name:
            names[name] = names.get(name, 0) + 1
    return names


def lapor_mapping_draft(government: Government, path: Path) -> dict[str, str]:
    """A mapping to edit: each instansi of the file with the agency guessed by name, or empty."""
    matcher = AgencyMatcher(government)
    draft = {}
    for name in lapor_agency_names(path):
        agency = matcher.guess(name)
        draft[name] = agency.short_name if agency is not None else ""
    return draft
