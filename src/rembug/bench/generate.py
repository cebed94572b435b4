"""Deterministic synthetic data at the size of a city, a province or a slice of the country.

``rembug bench generate --scale city|province|national-slice --seed N`` fills the configured
database through ``bulk_create`` in batches (no per-row services, no audit entries): for each
government ~40 agencies with their urusan, a Renstra 2025–2029 and a Renja 2025 for each agency
with indicators, targets and pagu, four approved quarters of realisation, complaint categories,
reports over three years in realistic states with their timelines, answers and ratings, and forum
inputs in Musrenbang forums. Every row respects the schema's constraints (tracking codes unique
per government, every link inside its own government), so every page works on it afterwards.

The same seed gives the same rows (texts, states, dates, codes); only the ``created_at`` /
``updated_at`` stamps follow the clock. A city lies on a real kab/kota of the Kemendagri codes
(its kecamatan and kelurahan are real too); a province is the first ten kab/kota of a province;
a national slice is fifty kab/kota spread over the provinces.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, TextIO, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils.text import slugify

from rembug.complaints.models import (
    TRACKING_ALPHABET,
    ArchiveReason,
    Category,
    Classification,
    Complaint,
    ComplaintAnswer,
    ComplaintEvent,
    ComplaintRating,
    Privacy,
    ResolvedBy,
    Source,
    Status,
)
from rembug.complaints.summary import summary_rebuild
from rembug.complaints.workflow import AGENCY, COORDINATOR, REPORTER, SYSTEM
from rembug.demo.foundation import TANGSEL
from rembug.forums.models import Forum, ForumInput, InstitutionKind
from rembug.governments.models import Agency, Government, Membership, Role
from rembug.monitoring.models import (
    IndicatorRealisation,
    ItemRealisation,
    PeriodStatus,
    ReportingPeriod,
)
from rembug.planning.models import (
    DocumentKind,
    DocumentState,
    Funding,
    Indicator,
    IndicatorTarget,
    ItemKind,
    PlanDocument,
    PlanItem,
)
from rembug.regions.models import Region

M = TypeVar("M", bound=models.Model)

BATCH = 2000
# Reports are dated over the three years before this moment; fixed so a seed gives the same data.
END = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
SPAN_DAYS = 3 * 365
RENSTRA_YEARS = (2025, 2029)
RENJA_YEAR = 2025
PASSWORD = "rembug-bench"  # noqa: S105 - synthetic accounts on a benchmark database

# Real kab/kota codes: a city (Kota Bandung), a province (Jawa Barat) and a national slice.
CITY_CODE = "32.73"
PROVINCE_CODE = "32"
PROVINCE_SIZE = 10
NATIONAL_SIZE = 50


@dataclass(frozen=True)
class Scale:
    """How much one run makes: which kab/kota, and per government how many of each."""

    name: str
    reports: int
    forum_inputs: int = 500
    agencies: int = 40
    residents: int = 200


SCALES = {
    "city": Scale("city", reports=50_000),
    "province": Scale("province", reports=50_000),
    # "The reports of a large city": about 100,000 over three years (LAPOR!'s busiest kota).
    "national-slice": Scale("national-slice", reports=100_000),
}


@dataclass(frozen=True)
class Topic:
    """A kind of complaint: its category, the agency that usually handles it, its words."""

    category: str
    agency: str
    titles: tuple[str, ...]
    details: tuple[str, ...]
    classification: str = Classification.PENGADUAN


TOPICS = (
    Topic(
        "Jalan dan Jembatan",
        "DPUPR",
        ("Jalan rusak dan berlubang", "Jembatan retak", "Aspal mengelupas"),
        ("Lubang makin dalam setelah hujan", "Sudah ada pengendara motor yang jatuh"),
    ),
    Topic(
        "Drainase dan Banjir",
        "DPUPR",
        ("Saluran air tersumbat", "Genangan banjir setiap hujan", "Gorong-gorong ambrol"),
        ("Air meluap ke rumah warga", "Saluran penuh lumpur dan sampah"),
    ),
    Topic(
        "Penerangan Jalan",
        "Dishub",
        ("Lampu jalan padam", "Lampu PJU mati sebulan", "Tiang lampu miring"),
        ("Jalan gelap dan rawan kejahatan pada malam hari", "Warga takut melintas malam"),
    ),
    Topic(
        "Persampahan",
        "DLH",
        ("Sampah menumpuk", "Truk sampah tidak datang", "TPS liar di pinggir jalan"),
        ("Bau menyengat dan banyak lalat", "Sampah sudah seminggu tidak diangkut"),
    ),
    Topic(
        "Administrasi Kependudukan",
        "Disdukcapil",
        ("KTP elektronik belum jadi", "Antrean akta kelahiran panjang", "KK belum diperbarui"),
        ("Sudah tiga bulan menunggu tanpa kabar", "Petugas meminta datang berulang kali"),
    ),
    Topic(
        "Kesehatan",
        "Dinkes",
        ("Pelayanan puskesmas lambat", "Obat di puskesmas kosong", "Posyandu tidak aktif"),
        ("Pasien menunggu sejak pagi", "Warga terpaksa membeli obat sendiri"),
    ),
    Topic(
        "Pendidikan",
        "Dindikbud",
        ("Zonasi PPDB tidak jelas", "Atap kelas bocor", "Pungutan di sekolah negeri"),
        ("Anak kami tidak mendapat sekolah", "Murid belajar di kelas yang bocor"),
    ),
    Topic(
        "Bantuan Sosial",
        "Dinsos",
        ("Bansos tidak tepat sasaran", "Nama hilang dari DTKS", "PKH belum cair"),
        ("Keluarga mampu menerima bantuan", "Warga miskin justru tidak terdata"),
        Classification.ASPIRASI,
    ),
    Topic(
        "Ketertiban Umum",
        "Satpol PP",
        ("PKL menutup trotoar", "Bangunan liar di bantaran", "Tempat hiburan bising"),
        ("Pejalan kaki terpaksa turun ke jalan", "Warga terganggu hingga dini hari"),
    ),
    Topic(
        "Perizinan",
        "DPMPTSP",
        ("Izin usaha lama diproses", "Persetujuan bangunan gedung tertunda"),
        ("Berkas lengkap tetapi belum ada jawaban", "Status di aplikasi tidak berubah"),
        Classification.PERMINTAAN_INFORMASI,
    ),
    Topic(
        "Layanan Digital",
        "Diskominfo",
        ("Situs web pemda tidak bisa dibuka", "Wifi publik taman mati"),
        ("Warga tidak bisa mengunduh formulir", "Akses internet di taman terputus"),
    ),
    Topic(
        "Air Bersih dan Permukiman",
        "Disperkimta",
        ("Air bersih tidak mengalir", "Rumah tidak layak huni belum dibantu"),
        ("Warga membeli air jeriken setiap hari", "Dinding rumah hampir roboh"),
        Classification.ASPIRASI,
    ),
    Topic(
        "Pungutan Liar",
        "Inspektorat",
        ("Pungutan liar pengurusan surat", "Oknum meminta uang pelicin"),
        ("Diminta membayar di luar tarif resmi", "Tidak ada kuitansi resmi"),
        Classification.PENGADUAN_PENGAWASAN,
    ),
    Topic(
        "Parkir dan Lalu Lintas",
        "Dishub",
        ("Parkir liar di bahu jalan", "Rambu lalu lintas hilang", "Lampu lalu lintas mati"),
        ("Kemacetan panjang setiap sore", "Kendaraan parkir di dua lajur"),
    ),
    Topic(
        "Pohon dan Taman",
        "DLH",
        ("Pohon tumbang menutup jalan", "Dahan pohon rawan patah", "Taman kota tidak terawat"),
        ("Dahan besar menjuntai di atas jalan", "Fasilitas taman rusak"),
    ),
)
PLACES = ("pasar", "sekolah", "terminal", "puskesmas", "gang", "alun-alun", "perumahan", "masjid")
FIRST_NAMES = ("Siti", "Budi", "Dewi", "Agus", "Rina", "Ahmad", "Nur", "Hendra", "Yuli", "Eko")
LAST_NAMES = ("Rahayu", "Santoso", "Lestari", "Hidayat", "Wulandari", "Saputra", "Kurniawan")

# (weight, final status) for a report older than 60 days, and for a recent one.
OLD_STATES = (
    (78, Status.CLOSED),
    (8, Status.ARCHIVED),
    (4, Status.DUPLICATE),
    (4, Status.FORWARDED),
    (2, Status.ANSWERED),
    (2, Status.IN_PROGRESS),
    (1, Status.NEEDS_INFO),
    (1, Status.REOPENED),
)
RECENT_STATES = (
    (8, Status.SUBMITTED),
    (6, Status.VERIFIED),
    (15, Status.DISPATCHED),
    (20, Status.IN_PROGRESS),
    (20, Status.ANSWERED),
    (20, Status.CLOSED),
    (5, Status.NEEDS_INFO),
    (3, Status.DUPLICATE),
    (2, Status.FORWARDED),
    (1, Status.ARCHIVED),
)
PRIVACY = ((70, Privacy.PUBLIC), (15, Privacy.ANONYMOUS), (10, Privacy.CONFIDENTIAL))
PRIVACY_REST = Privacy.ANONYMOUS_CONFIDENTIAL
SOURCES = (
    (40, Source.WEB),
    (20, Source.ANDROID),
    (15, Source.LAPOR),
    (10, Source.WHATSAPP),
    (5, Source.API),
    (5, Source.WALK_IN),
    (5, Source.HOTLINE),
)
DUE_DAYS = {
    Classification.PENGADUAN: 14,
    Classification.PENGADUAN_PENGAWASAN: 60,
    Classification.ASPIRASI: 5,
    Classification.PERMINTAAN_INFORMASI: 5,
}


class Progress:
    """A progress bar on stderr and the running count of rows written."""

    def __init__(self, total: int, stream: TextIO | None = None, label: str = "") -> None:
        self.total = max(total, 1)
        self.rows = 0
        self.done = 0
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.perf_counter()
        self.drawn = 0.0

    def add_rows(self, count: int) -> None:
        self.rows += count

    def step(self, units: int = 1) -> None:
        self.done += units
        self.draw()

    def draw(self, force: bool = False) -> None:
        now = time.perf_counter()
        if not force and now - self.drawn < 0.25:
            return
        self.drawn = now
        share = min(self.done / self.total, 1.0)
        bar = "#" * int(share * 30)
        elapsed = time.perf_counter() - self.started
        rate = self.rows / elapsed if elapsed else 0.0
        self.stream.write(
            f"\r{self.label} [{bar:<30}] {share:4.0%} {self.rows:,} rows {rate:,.0f} rows/s"
        )
        self.stream.flush()

    @property
    def rate(self) -> float:
        elapsed = time.perf_counter() - self.started
        return self.rows / elapsed if elapsed else 0.0

    def finish(self) -> None:
        self.draw(force=True)
        self.stream.write("\n")
        self.stream.flush()


@dataclass
class Summary:
    """What a run made: governments (slug → id), rows per table, time."""

    governments: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    @property
    def rows_per_second(self) -> float:
        return self.total_rows / self.seconds if self.seconds else 0.0


def _pick(rng: random.Random, weighted: Sequence[tuple[int, Any]], rest: Any = None) -> Any:
    """A value by weight; ``rest`` takes what the weights leave of 100."""
    roll = rng.randrange(100)
    for weight, value in weighted:
        if roll < weight:
            return value
        roll -= weight
    return rest if rest is not None else weighted[0][1]


class Writer:
    """``bulk_create`` in batches, counting rows into the summary and the progress bar."""

    def __init__(self, summary: Summary, progress: Progress) -> None:
        self.summary = summary
        self.progress = progress

    def create(self, model: type[M], rows: Iterable[M]) -> list[M]:
        made: list[M] = []
        batch: list[M] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                made.extend(self._flush(model, batch))
                batch = []
        if batch:
            made.extend(self._flush(model, batch))
        return made

    def _flush(self, model: type[M], batch: list[M]) -> list[M]:
        created = model._default_manager.bulk_create(batch)
        label = model._meta.label
        self.summary.rows[label] = self.summary.rows.get(label, 0) + len(created)
        self.progress.add_rows(len(created))
        self.progress.draw()
        return created


def region_codes(scale: str) -> list[str]:
    """The kab/kota codes a scale lies on (regions must be imported)."""
    if scale == "city":
        return [CITY_CODE]
    regencies = Region.objects.filter(level=Region.Level.REGENCY).order_by("code")
    if scale == "province":
        return list(
            regencies.filter(parent_id=PROVINCE_CODE).values_list("code", flat=True)[:PROVINCE_SIZE]
        )
    if scale == "national-slice":
        codes = list(regencies.values_list("code", flat=True))
        step = max(len(codes) // NATIONAL_SIZE, 1)
        return codes[::step][:NATIONAL_SIZE]
    raise ValueError(
        f"unknown scale {scale!r}; choose city, province or national-slice / skala tidak dikenal"
    )


def regions_ensure() -> None:
    """Import the Kemendagri regions once (reference data the generated governments lie on)."""
    if not Region.objects.filter(level=Region.Level.VILLAGE).exists():
        from django.core.management import call_command

        call_command("import_regions", verbosity=0)


def generate(
    *,
    scale: str,
    seed: int,
    reports: int | None = None,
    forum_inputs: int | None = None,
    codes: Sequence[str] | None = None,
    agencies: int | None = None,
    slug_prefix: str = "",
    stream: TextIO | None = None,
) -> Summary:
    """Generate a scale's governments. ``reports``/``forum_inputs`` override the per-government
    counts (benchmarks use small ones), ``agencies`` the number of agencies; ``codes``
    overrides the kab/kota the governments lie on; ``slug_prefix`` keeps several runs apart in
    one database."""
    if scale not in SCALES:
        raise ValueError(
            f"unknown scale {scale!r}; choose one of {', '.join(SCALES)} / skala tidak dikenal"
        )
    spec = SCALES[scale]
    if agencies is not None:
        spec = Scale(spec.name, spec.reports, spec.forum_inputs, agencies, spec.residents)
    n_reports = spec.reports if reports is None else reports
    n_inputs = spec.forum_inputs if forum_inputs is None else forum_inputs
    regions_ensure()
    chosen = list(codes) if codes else region_codes(scale)
    taken = set(Government.objects.filter(region_id__in=chosen).values_list("region_id", flat=True))
    if taken:
        raise ValueError(
            f"governments already exist on {', '.join(sorted(taken))}: use a fresh database / "
            "pemerintah daerah di wilayah itu sudah ada: gunakan basis data baru"
        )
    summary = Summary()
    progress = Progress(len(chosen) * 100, stream=stream, label=scale)
    writer = Writer(summary, progress)
    password = make_password(PASSWORD)
    started = time.perf_counter()
    for index, code in enumerate(chosen):
        rng = random.Random(f"{seed}:{code}")  # noqa: S311 - synthetic data, not secrets
        with transaction.atomic():
            government = _government(code, slug_prefix)
            summary.governments[government.slug] = government.pk
            city = _City(government, rng, writer, password, progress)
            city.build(spec, n_reports, n_inputs)
            summary_rebuild(government)  # reports written in bulk: count them into the summary
        progress.done = (index + 1) * 100
        progress.draw()
    summary.seconds = time.perf_counter() - started
    progress.finish()
    return summary


def _government(code: str, slug_prefix: str) -> Government:
    region = Region.objects.get(pk=code)
    name = (
        region.name if region.name.startswith(("Kota", "Kabupaten")) else f"Kabupaten {region.name}"
    )
    kind = Government.Kind.CITY if name.startswith("Kota") else Government.Kind.REGENCY
    return Government.objects.create(
        region=region,
        name=f"Pemerintah {name}",
        slug=f"{slug_prefix}{slugify(name)}"[:80],
        kind=kind,
        tagline="Data sintetis untuk uji beban",
    )


def _program_code(urusan: str) -> Callable[[PlanItem | None, int], str]:
    def code(parent: PlanItem | None, n: int) -> str:
        return f"{urusan}.{(parent.position if parent else 0) * 2 + n + 2:02d}"

    return code


def _kegiatan_code(parent: PlanItem | None, n: int) -> str:
    return f"{parent.code if parent else ''}.2.{n + 1:02d}"


def _sub_code(parent: PlanItem | None, n: int) -> str:
    return f"{parent.code if parent else ''}.{n + 1:04d}"


class _City:
    """One government's rows."""

    def __init__(
        self,
        government: Government,
        rng: random.Random,
        writer: Writer,
        password: str,
        progress: Progress,
    ) -> None:
        self.gov = government
        self.rng = rng
        self.w = writer
        self.password = password
        self.progress = progress
        self.base = progress.done
        self.kecamatan = list(
            Region.objects.filter(parent_id=government.region_id).order_by("code")
        )
        kelurahan: dict[str, list[str]] = {}
        for code, parent in (
            Region.objects.filter(parent__parent_id=government.region_id)
            .order_by("code")
            .values_list("code", "parent_id")
        ):
            kelurahan.setdefault(parent, []).append(code)
        self.kelurahan = kelurahan

    def _at(self, share: int) -> None:
        self.progress.done = self.base + share
        self.progress.draw()

    def build(self, spec: Scale, reports: int, inputs: int) -> None:
        self.agencies = self._agencies(spec.agencies)
        self._at(2)
        self._people(spec.residents)
        self._at(4)
        self._planning()
        self._at(20)
        self.categories = self._categories()
        self._reports(reports, start_share=20, end_share=95)
        self._forums(inputs)
        self._at(100)

    # ------------------------------------------------------------------ agencies and people

    def _agencies(self, count: int) -> list[Agency]:
        rows = [
            Agency(
                government=self.gov,
                name=a.name,
                short_name=a.short_name,
                slug=slugify(a.short_name),
                kind=a.kind,
                urusan_codes=list(a.urusan),
            )
            for a in TANGSEL.agencies
        ][:count]
        for region in self.kecamatan[: max(count - len(rows), 0)]:
            name = region.name
            rows.append(
                Agency(
                    government=self.gov,
                    name=f"Kecamatan {name}",
                    short_name=f"Kec. {name}"[:40],
                    slug=f"kecamatan-{slugify(name)}"[:80],
                    kind=Agency.Kind.KECAMATAN,
                    urusan_codes=["7.01"],
                    region=region,
                )
            )
        agencies = self.w.create(Agency, rows)
        self.by_short = {a.short_name: a for a in agencies}
        return agencies

    def _people(self, residents: int) -> None:
        User = get_user_model()
        slug = self.gov.slug
        staff = [
            ("koordinator", Role.COORDINATOR, None),
            ("perencana", Role.PLANNER, None),
            ("pimpinan", Role.LEADERSHIP, None),
            ("admin", Role.ADMINISTRATOR, None),
        ] + [
            (f"petugas.{a.slug}", Role.AGENCY_OFFICER, a)
            for a in self.agencies
            if a.kind != Agency.Kind.KECAMATAN
        ]
        users = self.w.create(
            User,
            [
                User(username=f"{login}.{slug}"[:150], password=self.password)
                for login, _role, _agency in staff
            ]
            + [
                User(
                    username=f"warga{n:04d}.{slug}"[:150],
                    password=self.password,
                    first_name=self.rng.choice(FIRST_NAMES),
                    last_name=self.rng.choice(LAST_NAMES),
                )
                for n in range(residents)
            ],
        )
        self.staff = {login: user for (login, _r, _a), user in zip(staff, users, strict=False)}
        self.residents = users[len(staff) :]
        memberships = [
            Membership(government=self.gov, user=user, role=role, agency=agency)
            for (_login, role, agency), user in zip(staff, users, strict=False)
        ] + [
            Membership(government=self.gov, user=user, role=Role.RESIDENT)
            for user in self.residents
        ]
        self.w.create(Membership, memberships)
        self.coordinator = self.staff["koordinator"]
        self.officers = {
            agency.pk: self.staff[f"petugas.{agency.slug}"]
            for agency in self.agencies
            if f"petugas.{agency.slug}" in self.staff
        }

    # ------------------------------------------------------------------ planning and monitoring

    def _planning(self) -> None:
        """A Renstra 2025–2029 and its Renja 2025 for every agency but the kecamatan offices,
        with four approved quarters of realisation."""
        gov, rng = self.gov, self.rng
        planned = [a for a in self.agencies if a.kind != Agency.Kind.KECAMATAN]
        first, last = RENSTRA_YEARS
        renstras = self.w.create(
            PlanDocument,
            [
                PlanDocument(
                    government=gov,
                    kind=DocumentKind.RENSTRA,
                    agency=a,
                    title=f"Renstra {a.short_name} {first}–{last}",
                    period_start=first,
                    period_end=last,
                    state=DocumentState.DITETAPKAN,
                    adopted_at=date(first, 3, 1),
                    legal_basis=f"Peraturan Kepala Daerah Nomor {n + 1} Tahun {first}",
                )
                for n, a in enumerate(planned)
            ],
        )
        renjas = self.w.create(
            PlanDocument,
            [
                PlanDocument(
                    government=gov,
                    kind=DocumentKind.RENJA,
                    agency=r.agency,
                    based_on=r,
                    title=f"Renja {r.agency.short_name if r.agency else ''} {RENJA_YEAR}",
                    period_start=RENJA_YEAR,
                    period_end=RENJA_YEAR,
                    state=DocumentState.DITETAPKAN,
                    adopted_at=date(RENJA_YEAR - 1, 12, 1),
                )
                for r in renstras
            ],
        )

        def level(
            document: PlanDocument,
            kind: str,
            parents: Sequence[PlanItem | None],
            per_parent: int,
            code: Callable[[PlanItem | None, int], str],
            sources: Sequence[PlanItem | None] | None = None,
        ) -> list[PlanItem]:
            rows = []
            owner = document.agency.short_name if document.agency else ""
            for p_index, parent in enumerate(parents):
                for n in range(per_parent):
                    source = sources[p_index * per_parent + n] if sources else None
                    item_code = source.code if source else code(parent, n)
                    rows.append(
                        PlanItem(
                            government=gov,
                            document=document,
                            parent=parent,
                            kind=kind,
                            position=n,
                            code=item_code,
                            source_item=source,
                            text=f"{kind.replace('_', ' ').title()} {item_code or n + 1} "
                            f"peningkatan layanan {owner}",
                        )
                    )
            return self.w.create(PlanItem, rows)

        all_indicators: list[Indicator] = []
        renja_indicators: list[Indicator] = []
        renja_subs: list[PlanItem] = []
        funded: list[tuple[PlanItem, Sequence[int]]] = []
        for renstra, renja in zip(renstras, renjas, strict=True):
            urusan = (renstra.agency.urusan_codes or ["4.01"])[0] if renstra.agency else "4.01"
            (tujuan,) = level(renstra, ItemKind.TUJUAN, [None], 1, lambda p, n: "")
            sasaran = level(renstra, ItemKind.SASARAN, [tujuan], 2, lambda p, n: "")
            programs = level(
                renstra,
                ItemKind.PROGRAM,
                sasaran,
                2,
                _program_code(urusan),
            )
            kegiatan = level(renstra, ItemKind.KEGIATAN, programs, 3, _kegiatan_code)
            subs = level(renstra, ItemKind.SUB_KEGIATAN, kegiatan, 3, _sub_code)
            r_programs = level(
                renja, ItemKind.PROGRAM, [None], len(programs), lambda p, n: "", programs
            )
            r_kegiatan = level(renja, ItemKind.KEGIATAN, r_programs, 3, lambda p, n: "", kegiatan)
            r_subs = level(renja, ItemKind.SUB_KEGIATAN, r_kegiatan, 3, lambda p, n: "", subs)
            renja_subs.extend(r_subs)
            for item in [tujuan, *sasaran, *programs, *kegiatan, *subs]:
                all_indicators.extend(self._indicators(item, 2 if item in subs else 1))
                if item.kind in {ItemKind.PROGRAM, ItemKind.KEGIATAN, ItemKind.SUB_KEGIATAN}:
                    funded.append((item, range(first, last + 1)))
            for item in [*r_programs, *r_kegiatan, *r_subs]:
                made = self._indicators(item, 2 if item.kind == ItemKind.SUB_KEGIATAN else 1)
                all_indicators.extend(made)
                renja_indicators.extend(made)
                funded.append((item, (RENJA_YEAR, RENJA_YEAR + 1)))
        indicators = self.w.create(Indicator, all_indicators)
        by_document = {i.item.document_id for i in indicators}
        years_of = {
            d: (range(first, last + 1) if d in {r.pk for r in renstras} else (2025, 2026))
            for d in by_document
        }
        self.w.create(
            IndicatorTarget,
            (
                IndicatorTarget(
                    government=gov,
                    indicator=i,
                    year=year,
                    value=(i.baseline_value or Decimal(0)) + Decimal(5 * (n + 1)),
                )
                for i in indicators
                for n, year in enumerate(years_of[i.item.document_id])
            ),
        )
        self.w.create(
            Funding,
            (
                Funding(
                    government=gov,
                    item=item,
                    year=year,
                    amount=Decimal(rng.randrange(50, 2000) * 1_000_000),
                )
                for item, years in funded
                for year in years
            ),
        )
        periods = self.w.create(
            ReportingPeriod,
            [
                ReportingPeriod(
                    government=gov,
                    document=renja,
                    quarter=q,
                    status=PeriodStatus.APPROVED,
                    deadline=date(RENJA_YEAR + (q == 4), (q * 3) % 12 + 1, 15),
                )
                for renja in renjas
                for q in (1, 2, 3, 4)
            ],
        )
        period_of = {(p.document_id, p.quarter): p for p in periods}
        self.w.create(
            IndicatorRealisation,
            (
                IndicatorRealisation(
                    government=gov,
                    period=period_of[(i.item.document_id, q)],
                    indicator=i,
                    value=Decimal(rng.randrange(0, 8) + q),
                )
                for i in renja_indicators
                for q in (1, 2, 3, 4)
            ),
        )
        self.w.create(
            ItemRealisation,
            (
                ItemRealisation(
                    government=gov,
                    period=period_of[(s.document_id, q)],
                    item=s,
                    amount=Decimal(rng.randrange(5, 60) * 1_000_000),
                    obstacles="" if rng.random() < 0.8 else "Keterlambatan proses pengadaan",
                )
                for s in renja_subs
                for q in (1, 2, 3, 4)
            ),
        )

    def _indicators(self, item: PlanItem, count: int) -> list[Indicator]:
        baseline = Decimal(self.rng.randrange(10, 60))
        return [
            Indicator(
                government=self.gov,
                item=item,
                position=n,
                name=f"Persentase capaian layanan {n + 1} {item.code or item.kind}",
                unit="persen" if n == 0 else "dokumen",
                baseline_year=2024,
                baseline_value=baseline,
                end_target=baseline + 25,
                responsible_unit="Bidang Program",
            )
            for n in range(count)
        ]

    # ------------------------------------------------------------------ complaints

    def _categories(self) -> dict[str, Category]:
        made = self.w.create(
            Category,
            [
                Category(
                    government=self.gov,
                    name=t.category,
                    slug=slugify(t.category),
                    default_agency=self.by_short.get(t.agency),
                )
                for t in TOPICS
            ],
        )
        return {c.name: c for c in made}

    def _reports(self, count: int, start_share: int, end_share: int) -> None:
        rng, gov = self.rng, self.gov
        codes: set[str] = set()
        chunk = 5000
        written = 0
        while written < count:
            size = min(chunk, count - written)
            plans = [self._report_plan(codes) for _ in range(size)]
            complaints = self.w.create(Complaint, [plan[0] for plan in plans])
            events: list[ComplaintEvent] = []
            answers: list[ComplaintAnswer] = []
            ratings: list[ComplaintRating] = []
            for complaint, (_c, steps) in zip(complaints, plans, strict=True):
                for kind, at, from_status, to_status, role, note in steps:
                    agency = complaint.agency if role == AGENCY else None
                    actor = (
                        self.coordinator
                        if role == COORDINATOR
                        else self.officers.get(complaint.agency_id or 0)
                        if role == AGENCY
                        else complaint.reporter
                        if role == REPORTER
                        else None
                    )
                    events.append(
                        ComplaintEvent(
                            government=gov,
                            complaint=complaint,
                            kind=kind,
                            actor=actor,
                            actor_role=role,
                            agency=agency,
                            at=at,
                            from_status=from_status,
                            to_status=to_status,
                            note=note,
                        )
                    )
                    if kind == ComplaintEvent.Kind.ANSWER:
                        answers.append(
                            ComplaintAnswer(
                                government=gov,
                                complaint=complaint,
                                agency=complaint.agency,
                                author=actor,
                                text=note,
                                within_service_level=bool(
                                    complaint.due_at and at <= complaint.due_at
                                ),
                                created_at=at,
                            )
                        )
                if complaint.status == Status.CLOSED and rng.random() < 0.3:
                    ratings.append(
                        ComplaintRating(
                            government=gov,
                            complaint=complaint,
                            agency=complaint.agency,
                            score=_pick(rng, ((10, 1), (10, 2), (20, 3), (35, 4)), rest=5),
                        )
                    )
            self.w.create(ComplaintEvent, events)
            self.w.create(ComplaintAnswer, answers)
            self.w.create(ComplaintRating, ratings)
            written += size
            self._at(start_share + (end_share - start_share) * written // max(count, 1))

    def _tracking_code(self, codes: set[str]) -> str:
        while True:
            raw = "".join(self.rng.choice(TRACKING_ALPHABET) for _ in range(10))
            code = f"{raw[:5]}-{raw[5:]}"
            if code not in codes:
                codes.add(code)
                return code

    def _report_plan(
        self, codes: set[str]
    ) -> tuple[Complaint, list[tuple[str, datetime, str, str, str, str]]]:
        """A report in its final state and the timeline that led there."""
        rng = self.rng
        topic = rng.choice(TOPICS)
        age = timedelta(seconds=rng.randrange(SPAN_DAYS * 86400))
        submitted = END - age
        recent = age < timedelta(days=60)
        status = _pick(rng, RECENT_STATES if recent else OLD_STATES)
        classification = topic.classification
        kecamatan = rng.choice(self.kecamatan) if self.kecamatan else None
        kelurahan_codes = self.kelurahan.get(kecamatan.pk, []) if kecamatan else []
        kelurahan = rng.choice(kelurahan_codes) if kelurahan_codes else None
        agency = self.by_short.get(topic.agency)
        reporter = rng.choice(self.residents) if self.residents and rng.random() < 0.4 else None
        place = rng.choice(PLACES)
        where = kecamatan.name if kecamatan else ""
        title = f"{rng.choice(topic.titles)} dekat {place} {where}".strip()
        text = (
            f"{title}. {rng.choice(topic.details)}. Lokasi di sekitar {place}, "
            f"Kecamatan {where}. Mohon segera ditindaklanjuti oleh dinas terkait. "
            f"Laporan nomor urut {rng.randrange(10**6)}."
        )
        due = submitted + timedelta(days=DUE_DAYS[Classification(classification)] * 7 // 5)
        steps: list[tuple[str, datetime, str, str, str, str]] = []
        clock = submitted
        T = ComplaintEvent.Kind.TRANSITION

        def step(to: str, role: str, hours: float, kind: str = T, note: str = "") -> None:
            nonlocal clock
            clock = min(clock + timedelta(hours=hours * (0.5 + rng.random())), END)
            previous = steps[-1][3] if steps else ""
            steps.append((kind, clock, previous if kind == T else "", to, role, note))

        steps.append((T, submitted, "", Status.SUBMITTED, REPORTER, ""))
        times: dict[str, datetime | None] = {
            "verified_at": None,
            "dispatched_at": None,
            "first_answered_at": None,
            "answered_at": None,
            "closed_at": None,
        }
        resolved_by = ""
        archive_reason = ""
        duplicate_note = ""
        forwarded_to = ""
        path: list[str]
        if status == Status.NEEDS_INFO:
            path = [Status.NEEDS_INFO]
        elif status == Status.ARCHIVED:
            path = [Status.ARCHIVED]
        elif status == Status.DUPLICATE:
            path = [Status.DUPLICATE]
        elif status == Status.FORWARDED:
            path = [Status.VERIFIED, Status.FORWARDED]
        else:
            order: list[str] = [
                Status.VERIFIED,
                Status.DISPATCHED,
                Status.IN_PROGRESS,
                Status.ANSWERED,
                Status.CLOSED,
            ]
            if status == Status.REOPENED:
                path = [*order[:4], Status.REOPENED]
            else:
                path = order[: order.index(status) + 1] if status in order else []
        for to in path:
            if to == Status.VERIFIED:
                step(to, COORDINATOR, 6)
                times["verified_at"] = clock
            elif to == Status.DISPATCHED:
                step(to, COORDINATOR, 4)
                times["dispatched_at"] = clock
            elif to == Status.IN_PROGRESS:
                step(to, AGENCY, 24)
            elif to == Status.ANSWERED:
                answer = (
                    f"Terima kasih atas laporan Anda. {topic.category} di lokasi tersebut "
                    "sudah kami tangani dan akan terus kami pantau."
                )
                step(to, AGENCY, 72)
                steps.append((ComplaintEvent.Kind.ANSWER, clock, "", "", AGENCY, answer))
                times["first_answered_at"] = times["answered_at"] = clock
            elif to == Status.CLOSED:
                by_reporter = rng.random() < 0.2
                step(to, REPORTER if by_reporter else SYSTEM, 240)
                resolved_by = ResolvedBy.REPORTER if by_reporter else ResolvedBy.SYSTEM
                times["closed_at"] = clock
            elif to == Status.REOPENED:
                step(to, REPORTER, 48, note="Masalah belum selesai di lapangan.")
            elif to == Status.NEEDS_INFO:
                step(to, COORDINATOR, 8, note="Mohon lengkapi lokasi dan foto.")
            elif to == Status.ARCHIVED:
                archive_reason = rng.choice([ArchiveReason.UNCLEAR, ArchiveReason.NO_RESPONSE])
                step(to, COORDINATOR, 24)
                resolved_by = ResolvedBy.ADMIN
                times["closed_at"] = clock
            elif to == Status.DUPLICATE:
                duplicate_note = "Sama dengan laporan lain di lokasi yang sama."
                step(to, COORDINATOR, 6, note=duplicate_note)
                times["closed_at"] = clock
            elif to == Status.FORWARDED:
                forwarded_to = "Pemerintah Provinsi"
                step(to, COORDINATOR, 12, note="Kewenangan pemerintah provinsi.")
                times["closed_at"] = clock
        privacy = _pick(rng, PRIVACY, rest=PRIVACY_REST)
        complaint = Complaint(
            government=self.gov,
            tracking_code=self._tracking_code(codes),
            title=title[:200],
            text=text,
            classification=classification,
            category=self.categories.get(topic.category),
            agency=agency if times["dispatched_at"] else None,
            kecamatan=kecamatan,
            kelurahan_id=kelurahan,
            privacy=privacy,
            reporter=reporter,
            contact_name="" if reporter else f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            status=status,
            source=_pick(rng, SOURCES),
            forwarded_to=forwarded_to,
            archive_reason=archive_reason,
            resolved_by=resolved_by,
            due_at=due,
            submitted_at=submitted,
            **times,
        )
        return complaint, steps

    # ------------------------------------------------------------------ forums

    def _forums(self, inputs: int) -> None:
        rng, gov = self.rng, self.gov
        bappeda = next((a for a in self.agencies if a.kind == Agency.Kind.BADAN), self.agencies[0])
        rows = [
            Forum(
                government=gov,
                kind=Forum.Kind.MUSRENBANG_KECAMATAN,
                title=f"Musrenbang Kecamatan {k.name} RKPD {RENJA_YEAR + 1}",
                organiser=bappeda,
                plan_year=RENJA_YEAR + 1,
                region=k,
                starts_at=datetime(RENJA_YEAR, 2, 3 + n % 20, 8, 0, tzinfo=UTC),
                venue=f"Aula Kantor Kecamatan {k.name}",
                phase=Forum.Phase.PUBLISHED,
            )
            for n, k in enumerate(self.kecamatan[:9])
        ]
        rows.append(
            Forum(
                government=gov,
                kind=Forum.Kind.MUSRENBANG_KOTA,
                title=f"Musrenbang RKPD {RENJA_YEAR + 2}",
                organiser=bappeda,
                plan_year=RENJA_YEAR + 2,
                starts_at=datetime(RENJA_YEAR + 1, 3, 10, 8, 0, tzinfo=UTC),
                venue="Pendopo",
                phase=Forum.Phase.INPUT_OPEN,
            )
        )
        forums = self.w.create(Forum, rows)
        urusan_agencies = [a for a in self.agencies if a.kind != Agency.Kind.KECAMATAN]
        made = []
        for n in range(inputs):
            forum = forums[n % len(forums)]
            agency = rng.choice(urusan_agencies)
            topic = rng.choice(TOPICS)
            kecamatan = forum.region or (rng.choice(self.kecamatan) if self.kecamatan else None)
            kelurahan_codes = self.kelurahan.get(kecamatan.pk, []) if kecamatan else []
            made.append(
                ForumInput(
                    government=gov,
                    forum=forum,
                    title=f"Usulan {rng.choice(topic.titles).lower()}",
                    text=f"{rng.choice(topic.details)}. Kami mengusulkan perbaikan tahun depan.",
                    proposer_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    institution=f"RW {rng.randrange(1, 20):02d}",
                    institution_kind=InstitutionKind.PUBLIC,
                    urusan_code=(agency.urusan_codes or ["4.01"])[0],
                    target_agency=agency,
                    kecamatan=kecamatan,
                    kelurahan_id=rng.choice(kelurahan_codes) if kelurahan_codes else None,
                    volume=Decimal(rng.randrange(1, 500)),
                    unit="meter",
                    estimated_cost=Decimal(rng.randrange(10, 900) * 1_000_000),
                    source=ForumInput.Source.ONLINE
                    if rng.random() < 0.6
                    else ForumInput.Source.CAPTURED,
                    support_count=rng.randrange(0, 40),
                )
            )
        self.w.create(ForumInput, made)
