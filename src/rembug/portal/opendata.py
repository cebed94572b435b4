"""Open data: every public dataset of a government, as rows that CSV, JSON and XLSX share.

A dataset is a named query over the modules' public records; its columns are chosen here, once,
so that personal data cannot slip into one format and not another: no reporter, requester or
proposer identity, no contact details, no address or coordinates of a report, no confidential
report, and free text (report titles and texts, forum inputs) passed through ``pii_mask``.
Rows are read with ``values_list(...).iterator()`` so a download streams whatever the volume.

Speed: a download of 100,000 reports must not spend its time converting cells one by one. Date
and time columns are formatted by the database (:class:`LocalIso`: ISO 8601 in the government's
own zone, WIB, WITA or WIT, which Django's per-row datetime converters and ``localtime`` cost
about half the time on SQLite), so the rows of those datasets hold only text, numbers and None
(``Dataset.formatted``) and the writers pass them through without :func:`plain`.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
import zoneinfo
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import CharField, Expression, F, Func, Max, Min, QuerySet
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rembug.complaints.models import Complaint
from rembug.complaints.selectors import agency_statistics
from rembug.core.pii import pii_mask
from rembug.forums.models import Forum, ForumInput
from rembug.governments.models import Agency, Government
from rembug.moderation.selectors import withheld_ids
from rembug.monitoring.models import IndicatorRealisation
from rembug.planning.models import DocumentState, IndicatorTarget
from rembug.ppid.models import InformationRequest
from rembug.ppid.selectors import REGISTER_FIELDS, year_statistics_by_agency

CHUNK = 2000
Row = tuple[Any, ...]

# Every identifier ``pii_mask`` masks has an "@" or at least seven digits (phone, NIK/KK, bank
# account); a text with neither is returned as it is without running the full rules, which cost
# ~150 µs a text and dominated a download. ``tests/test_open_data.py`` checks this against the
# labelled set of ``core/data/pii_cases.tsv``.
_MAYBE_PERSONAL = re.compile(r"@|\d(?:[ .\-()+/]*\d){6}")


def masked(text: str | None) -> str:
    """``pii_mask`` of ``text``, skipping texts that cannot hold an identifier."""
    if not text:
        return text or ""
    return pii_mask(text) if _MAYBE_PERSONAL.search(text) else text


class LocalIso(Func):
    """A datetime column as ISO 8601 text to the second in a fixed UTC offset, written by the
    database (``2026-03-02T08:15:00+07:00``, what ``localtime(value).isoformat("seconds")``
    gives; NULL stays NULL). Indonesia's three zones have fixed offsets, so one offset per
    government is exact."""

    output_field = CharField()

    def __init__(self, expression: Expression | str, offset: dt.timedelta) -> None:
        super().__init__(F(expression) if isinstance(expression, str) else expression)
        self.seconds = int(offset.total_seconds())
        sign = "-" if self.seconds < 0 else "+"
        hours, minutes = divmod(abs(self.seconds) // 60, 60)
        self.suffix = f"{sign}{hours:02d}:{minutes:02d}"

    def as_postgresql(self, compiler: SQLCompiler, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"(to_char(({sql}) AT TIME ZONE %s::interval, %s) || %s)",
            [*params, f"{self.seconds} seconds", 'YYYY-MM-DD"T"HH24:MI:SS', self.suffix],
        )

    def as_sqlite(self, compiler: SQLCompiler, connection: Any, **extra: Any) -> Any:
        # Django stores "YYYY-MM-DD HH:MM:SS.ffffff" in UTC; SQLite would round 59.9995 s up to
        # the next minute, so only the first 19 characters are read (truncated, as isoformat).
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"(strftime(%s, substr({sql}, 1, 19), %s) || %s)",
            ["%Y-%m-%dT%H:%M:%S", *params, f"{self.seconds:+d} seconds", self.suffix],
        )


def utc_offset(government: Government) -> dt.timedelta:
    """The government's UTC offset now (WIB +7, WITA +8, WIT +9)."""
    offset = timezone.now().astimezone(zoneinfo.ZoneInfo(government.timezone)).utcoffset()
    return offset or dt.timedelta(0)


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Any
    description: Any
    keywords: tuple[str, ...]
    columns: tuple[str, ...]
    rows: Callable[[Government], Iterator[Row]]
    # The queryset whose updated_at / a date column gives "last modified" and the years covered.
    source: Callable[[Government], QuerySet[Any]]
    modified_field: str = "updated_at"
    year_field: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    # True when ``rows`` already yields only text, numbers and None (dates formatted in SQL).
    formatted: bool = False

    def cells(self, government: Government) -> Iterator[Row]:
        """The rows as every format writes them: dates ISO 8601, decimals plain."""
        rows = self.rows(government)
        if self.formatted:
            return rows
        return (tuple(plain(value) for value in row) for row in rows)


def _public_plans(government: Government) -> QuerySet[IndicatorTarget]:
    return IndicatorTarget.objects.filter(government=government).exclude(
        indicator__item__document__state=DocumentState.DRAFT
    )


PLAN_COLUMNS = (
    "dokumen",
    "jenis_dokumen",
    "status_dokumen",
    "perangkat_daerah",
    "periode_awal",
    "periode_akhir",
    "kode",
    "tingkat",
    "uraian",
    "indikator",
    "satuan",
    "kondisi_awal",
    "target_akhir_periode",
    "tahun",
    "target",
    "target_kualitatif",
)


def _plan_rows(government: Government) -> Iterator[Row]:
    d = "indicator__item__document__"
    yield from (
        _public_plans(government)
        .order_by(f"{d}kind", f"{d}id", "indicator__item__position", "indicator__position", "year")
        .values_list(
            f"{d}title",
            f"{d}kind",
            f"{d}state",
            f"{d}agency__name",
            f"{d}period_start",
            f"{d}period_end",
            "indicator__item__code",
            "indicator__item__kind",
            "indicator__item__text",
            "indicator__name",
            "indicator__unit",
            "indicator__baseline_value",
            "indicator__end_target",
            "year",
            "value",
            "qualitative_text",
        )
        .iterator(chunk_size=CHUNK)
    )


def _realisation(government: Government) -> QuerySet[IndicatorRealisation]:
    return IndicatorRealisation.objects.filter(government=government).exclude(
        period__document__state=DocumentState.DRAFT
    )


REALISATION_COLUMNS = (
    "dokumen",
    "perangkat_daerah",
    "tahun",
    "triwulan",
    "status_periode",
    "kode",
    "uraian",
    "indikator",
    "satuan",
    "realisasi",
    "sumber",
)


def _realisation_rows(government: Government) -> Iterator[Row]:
    yield from (
        _realisation(government)
        .order_by("period__document_id", "period__quarter", "indicator_id")
        .values_list(
            "period__document__title",
            "period__document__agency__name",
            "period__document__period_start",
            "period__quarter",
            "period__status",
            "indicator__item__code",
            "indicator__item__text",
            "indicator__name",
            "indicator__unit",
            "value",
            "source",
        )
        .iterator(chunk_size=CHUNK)
    )


def _inputs(government: Government) -> QuerySet[ForumInput]:
    """Inputs not withheld by moderation; their answers once the forum published its results."""
    return ForumInput.objects.filter(government=government).exclude(
        pk__in=withheld_ids(government, ForumInput)
    )


FORUM_COLUMNS = (
    "forum",
    "jenis_forum",
    "tanggal_forum",
    "nomor_usulan",
    "judul",
    "usulan",
    "jenis_lembaga",
    "lembaga",
    "urusan",
    "perangkat_daerah_tujuan",
    "kecamatan",
    "kelurahan",
    "dukungan",
    "keputusan",
    "item_rencana",
    "ditunda_ke_tahun",
    "diteruskan_ke",
    "alasan",
)


def _forum_rows(government: Government) -> Iterator[Row]:
    rows = (
        _inputs(government)
        .order_by("forum__starts_at", "forum_id", "id")
        .annotate(forum_starts_at_iso=LocalIso("forum__starts_at", utc_offset(government)))
        .values_list(
            "forum__title",
            "forum__kind",
            "forum_starts_at_iso",
            "id",
            "title",
            "text",
            "institution_kind",
            "institution",
            "urusan_code",
            "target_agency__name",
            "kecamatan__name",
            "kelurahan__name",
            "support_count",
            "disposition__outcome",
            "disposition__plan_item_label",
            "disposition__deferred_to_year",
            "disposition__forwarded_to__name",
            "disposition__reason",
            "forum__phase",
        )
        .iterator(chunk_size=CHUNK)
    )
    for row in rows:
        # Answers are drafts until the forum publishes its results: left empty until then.
        answer = row[13:18] if row[18] == Forum.Phase.PUBLISHED else (None,) * 5
        reason = masked(answer[4]) if answer[4] else answer[4]
        yield (*row[:4], masked(row[4]), masked(row[5]), *row[6:13], *answer[:4], reason)


def _reports(government: Government) -> QuerySet[Complaint]:
    """Public reports, less those moderation hides or blocked."""
    return (
        Complaint.objects.of(government)
        .public()
        .exclude(pk__in=withheld_ids(government, Complaint))
    )


# The report number, never the tracking code: the code lets its holder act as the reporter
# (reply, object, set the e-mail), so it is not published (complaints/README.md).
REPORT_COLUMNS = (
    "nomor",
    "tanggal_masuk",
    "klasifikasi",
    "kategori",
    "kecamatan",
    "kelurahan",
    "perangkat_daerah",
    "status",
    "judul",
    "isi",
    "batas_waktu",
    "dijawab_pertama",
    "ditutup",
    "sumber",
)


def _report_rows(government: Government) -> Iterator[Row]:
    offset = utc_offset(government)
    rows = (
        _reports(government)
        .order_by("submitted_at", "id")
        .annotate(
            submitted_at_iso=LocalIso("submitted_at", offset),
            due_at_iso=LocalIso("due_at", offset),
            first_answered_at_iso=LocalIso("first_answered_at", offset),
            closed_at_iso=LocalIso("closed_at", offset),
        )
        .values_list(
            "id",
            "submitted_at_iso",
            "classification",
            "category__name",
            "kecamatan__name",
            "kelurahan__name",
            "agency__name",
            "status",
            "title",
            "text",
            "due_at_iso",
            "first_answered_at_iso",
            "closed_at_iso",
            "source",
        )
        .iterator(chunk_size=CHUNK)
    )
    for row in rows:
        # Most texts cannot hold an identifier (see ``masked``): tested inline, not called.
        title, text = row[8], row[9]
        if title and _MAYBE_PERSONAL.search(title):
            title = pii_mask(title)
        if text and _MAYBE_PERSONAL.search(text):
            text = pii_mask(text)
        yield (*row[:8], title or "", text or "", *row[10:])


SERVICE_COLUMNS = (
    "perangkat_daerah",
    "laporan_diterima",
    "laporan_dijawab",
    "median_jam_jawaban_pertama",
    "persen_sesuai_standar_layanan",
    "kepuasan_rata_rata",
    "jumlah_penilaian",
    "tahun_ppid",
    "permohonan_informasi",
    "permohonan_dijawab",
    "permohonan_tepat_waktu",
)


def _service_rows(government: Government) -> Iterator[Row]:
    year = timezone.localdate().year
    complaints = agency_statistics(government)
    agencies = [row.agency for row in complaints]
    ppid = year_statistics_by_agency(government, year, agencies)
    for row, info in zip(complaints, ppid, strict=True):
        yield (
            row.agency.name,
            row.received,
            row.answered,
            round(row.median_hours_to_first_answer, 1)
            if row.median_hours_to_first_answer is not None
            else None,
            round(row.within_service_level * 100, 1)
            if row.within_service_level is not None
            else None,
            round(row.satisfaction, 2) if row.satisfaction is not None else None,
            row.ratings,
            year,
            info.received,
            info.answered,
            info.on_time,
        )


def _agencies(government: Government) -> QuerySet[Agency]:
    return Agency.objects.filter(government=government)


def _ppid(government: Government) -> QuerySet[InformationRequest]:
    return InformationRequest.objects.of(government)


# The request number, never the tracking code: the code opens the requester's objection form.
PPID_COLUMNS = (
    "nomor",
    "tanggal_masuk",
    "perangkat_daerah",
    "informasi_diminta",
    "tujuan",
    "cara_memperoleh",
    "status",
    "batas_waktu",
    "diperpanjang",
    "dijawab",
    "keputusan",
    "dasar_penolakan",
    "keberatan",
    "alasan_keberatan",
    "putusan_keberatan",
)
_PPID_FIELDS = (
    "id",
    "submitted_at",
    "agency__name",
    "information",
    "purpose",
    "access_mode",
    "status",
    "due_at",
    "extended_at",
    "answered_at",
    "outcome",
    "refusal_ground",
    "objected_at",
    "objection_reason",
    "objection_outcome",
)
assert set(_PPID_FIELDS) <= set(REGISTER_FIELDS), "the PPID dataset reads register columns only"


def _ppid_rows(government: Government) -> Iterator[Row]:
    offset = utc_offset(government)
    rows = (
        _ppid(government)
        .order_by("submitted_at", "id")
        .annotate(
            submitted_at_iso=LocalIso("submitted_at", offset),
            due_at_iso=LocalIso("due_at", offset),
            extended_at_iso=LocalIso("extended_at", offset),
            answered_at_iso=LocalIso("answered_at", offset),
            objected_at_iso=LocalIso("objected_at", offset),
        )
        .values_list(
            "id",
            "submitted_at_iso",
            "agency__name",
            "information",
            "purpose",
            "access_mode",
            "status",
            "due_at_iso",
            "extended_at_iso",
            "answered_at_iso",
            "outcome",
            "refusal_ground",
            "objected_at_iso",
            "objection_reason",
            "objection_outcome",
        )
        .iterator(CHUNK)
    )
    for row in rows:
        yield (*row[:3], masked(row[3]), masked(row[4]), *row[5:])


DATASETS: dict[str, Dataset] = {
    d.slug: d
    for d in (
        Dataset(
            "rencana-indikator-target",
            _("Plans with indicators and targets"),
            _(
                "Every published plan (RPJPD, RPJMD, Renstra, Renja): its programs, kegiatan and "
                "sub kegiatan, their performance indicators, baselines and yearly targets."
            ),
            ("rencana", "RPJMD", "Renstra", "Renja", "indikator kinerja", "target"),
            PLAN_COLUMNS,
            _plan_rows,
            _public_plans,
            modified_field="indicator__item__updated_at",
            year_field="year",
        ),
        Dataset(
            "realisasi",
            _("Quarterly realisation of the Renja"),
            _("The value each indicator reached in each quarter, as the agencies reported it."),
            ("realisasi", "capaian", "monitoring", "Renja"),
            REALISATION_COLUMNS,
            _realisation_rows,
            _realisation,
            year_field="period__document__period_start",
        ),
        Dataset(
            "masukan-forum",
            _("Forum inputs and what became of them"),
            _(
                "Proposals raised at planning forums (FGD, Forum Perangkat Daerah, Musrenbang) "
                "with the decision on each: accepted into a plan item, merged, deferred, "
                "forwarded or rejected, and why. Proposers' names are not published."
            ),
            ("musrenbang", "forum", "usulan", "disposisi"),
            FORUM_COLUMNS,
            _forum_rows,
            _inputs,
            year_field="forum__starts_at__year",
            formatted=True,
        ),
        Dataset(
            "laporan-publik",
            _("Public reports (complaints and aspirations)"),
            _(
                "Reports from residents that are public: without the reporter's identity or "
                "contact, without confidential reports, personal numbers in the text masked."
            ),
            ("pengaduan", "aspirasi", "laporan", "LAPOR!"),
            REPORT_COLUMNS,
            _report_rows,
            _reports,
            year_field="submitted_at__year",
            formatted=True,
        ),
        Dataset(
            "statistik-layanan",
            _("Service statistics by agency"),
            _(
                "For each agency: reports received and answered, median time to the first "
                "answer, share answered within the service level, satisfaction, and the year's "
                "information requests answered on time."
            ),
            ("statistik", "standar layanan", "kepuasan", "PPID"),
            SERVICE_COLUMNS,
            _service_rows,
            _agencies,
        ),
        Dataset(
            "register-ppid",
            _("Register of public information requests (PPID)"),
            _(
                "Every request for public information under UU 14/2008 and its outcome, without "
                "the requesters' identities."
            ),
            ("PPID", "keterbukaan informasi publik", "UU 14/2008"),
            PPID_COLUMNS,
            _ppid_rows,
            _ppid,
            year_field="submitted_at__year",
            formatted=True,
        ),
    )
}


@dataclass(frozen=True)
class Coverage:
    modified: dt.datetime | None
    first_year: int | None
    last_year: int | None

    @property
    def temporal(self) -> str:
        """ISO 8601 interval of the years covered (DCAT ``temporal``), or empty."""
        if self.first_year is None or self.last_year is None:
            return ""
        return f"{self.first_year}-01-01/{self.last_year}-12-31"


def coverage(dataset: Dataset, government: Government) -> Coverage:
    """Last modified and the years covered: one aggregate query."""
    aggregates: dict[str, Any] = {"modified": Max(dataset.modified_field)}
    if dataset.year_field:
        aggregates["first"] = Min(dataset.year_field)
        aggregates["last"] = Max(dataset.year_field)
    found = dataset.source(government).aggregate(**aggregates)
    return Coverage(found["modified"], found.get("first"), found.get("last"))


def plain(value: Any) -> Any:
    """A cell as JSON and CSV carry it: dates ISO 8601, decimals without trailing zeros."""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        normal = value.normalize()
        return int(normal) if normal == normal.to_integral_value() else float(normal)
    return value
