"""The demo's foundation: the 2019 nomenclature sample, Pemerintah Kota Tangerang Selatan and
Pemerintah Kota Serang with their Perangkat Daerah and kecamatan offices, and a demo user for
every role in each city.

The agency lists follow each city's organisation (SOTK) as its own sites and the local press
name the agencies in 2019-2025 (e.g. Kota Serang's DP3AKB, DKP3, Disparpora, DinkopUKMperindag,
DPK; Tangerang Selatan's Bappelitbangda, DSDABMBK, DCKTR, Disperkimta, DPAD, Dinkop UKM). Where
a current name could not be confirmed the standard name of the affair is used. Kota Serang's
fire brigade has been a unit under Satpol PP, so it has no agency of its own here.

Urusan codes are the bidang urusan numbers of Permendagri 90/2019:
1.xx wajib pelayanan dasar, 2.xx wajib non pelayanan dasar, 3.xx pilihan, 4.01 Sekretariat
Daerah, 4.02 Sekretariat DPRD, 5.xx penunjang (5.01 perencanaan, 5.02 keuangan, 5.03
kepegawaian, 5.04 pendidikan dan pelatihan, 5.05 penelitian dan pengembangan), 6.01
Inspektorat, 7.01 Kecamatan, 8.01 Kesatuan Bangsa dan Politik.

Loading is idempotent: what exists (by slug or login) is kept, so ``rembug demo --reset`` works.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from rembug.accounts.two_factor import REQUIRED_ROLES, two_factor_enrol_with_secret
from rembug.demo.context import DEMO_PASSWORD, DemoContext
from rembug.governments.models import Agency, Government, Role
from rembug.governments.services import agency_create, government_create, membership_grant
from rembug.nomenclature.models import NomenclatureVersion
from rembug.nomenclature.services import nomenclature_import
from rembug.regions.models import Region

NOMENCLATURE_FILE = (
    Path(__file__).resolve().parent.parent
    / "nomenclature"
    / "data"
    / "nomenklatur_2019_kabkota_2.16.csv"
)
NOMENCLATURE_VERSION = "Permendagri 90/2019 (sampel 2.16)"
NOMENCLATURE_REGULATION = (
    "Permendagri Nomor 90 Tahun 2019 tentang Klasifikasi, Kodefikasi, dan Nomenklatur "
    "Perencanaan Pembangunan dan Keuangan Daerah"
)

K = Agency.Kind


@dataclass(frozen=True)
class AgencySpec:
    name: str
    short_name: str
    kind: str
    urusan: tuple[str, ...]
    slug: str = ""


@dataclass(frozen=True)
class CitySpec:
    slug: str
    region_code: str
    tagline: str
    agencies: tuple[AgencySpec, ...]


@dataclass(frozen=True)
class UserSpec:
    login: str
    full_name: str
    city: str
    role: str
    agency: str = ""  # short name of the agency served (officers) or worked at
    institution: str = ""  # whom a stakeholder speaks for
    is_head: bool = False  # the head of the agency (Kepala Perangkat Daerah): approves realisation


# Present in both cities under the same names.
SECRETARIATS = (
    AgencySpec("Sekretariat Daerah", "Setda", K.SECRETARIAT, ("4.01",)),
    AgencySpec("Sekretariat DPRD", "Setwan", K.SECRETARIAT, ("4.02",)),
    AgencySpec("Inspektorat", "Inspektorat", K.INSPECTORATE, ("6.01",)),
)
BADAN = (
    AgencySpec("Badan Pendapatan Daerah", "Bapenda", K.BADAN, ("5.02",)),
    AgencySpec("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", K.BADAN, ("5.02",)),
    AgencySpec(
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "BKPSDM",
        K.BADAN,
        ("5.03", "5.04"),
    ),
    AgencySpec("Badan Penanggulangan Bencana Daerah", "BPBD", K.BADAN, ("1.05",)),
    AgencySpec("Badan Kesatuan Bangsa dan Politik", "Kesbangpol", K.BADAN, ("8.01",)),
)
DISKOMINFO = AgencySpec(
    "Dinas Komunikasi dan Informatika", "Diskominfo", K.DINAS, ("2.16", "2.20", "2.21")
)

SERANG = CitySpec(
    slug="kota-serang",
    region_code="36.73",
    # Kota Serang's RPJMD 2025-2029 vision is not recorded in DOMAIN.md: left empty, not guessed.
    tagline="",
    agencies=(
        *SECRETARIATS,
        AgencySpec("Dinas Pendidikan dan Kebudayaan", "Dindikbud", K.DINAS, ("1.01", "2.22")),
        AgencySpec("Dinas Kesehatan", "Dinkes", K.DINAS, ("1.02",)),
        AgencySpec("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", K.DINAS, ("1.03",)),
        AgencySpec(
            "Dinas Perumahan dan Kawasan Permukiman", "Disperkim", K.DINAS, ("1.04", "2.10")
        ),
        AgencySpec("Satuan Polisi Pamong Praja", "Satpol PP", K.SATPOL, ("1.05",)),
        AgencySpec("Dinas Sosial", "Dinsos", K.DINAS, ("1.06",)),
        AgencySpec("Dinas Tenaga Kerja", "Disnaker", K.DINAS, ("2.07",)),
        AgencySpec(
            "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga "
            "Berencana",
            "DP3AKB",
            K.DINAS,
            ("2.08", "2.14"),
        ),
        AgencySpec(
            "Dinas Ketahanan Pangan, Pertanian dan Perikanan",
            "DKP3",
            K.DINAS,
            ("2.09", "3.25", "3.27"),
        ),
        AgencySpec("Dinas Lingkungan Hidup", "DLH", K.DINAS, ("2.11",)),
        AgencySpec("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", K.DINAS, ("2.12",)),
        AgencySpec("Dinas Perhubungan", "Dishub", K.DINAS, ("2.15",)),
        DISKOMINFO,
        AgencySpec(
            "Dinas Koperasi, Usaha Kecil dan Menengah, Perindustrian dan Perdagangan",
            "DinkopUKMperindag",
            K.DINAS,
            ("2.17", "3.30", "3.31"),
        ),
        AgencySpec(
            "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", K.DINAS, ("2.18",)
        ),
        AgencySpec(
            "Dinas Pariwisata, Kepemudaan dan Olahraga", "Disparpora", K.DINAS, ("2.19", "3.26")
        ),
        AgencySpec("Dinas Perpustakaan dan Kearsipan", "DPK", K.DINAS, ("2.23", "2.24")),
        AgencySpec("Badan Perencanaan Pembangunan Daerah", "Bappeda", K.BADAN, ("5.01", "5.05")),
        *BADAN,
        AgencySpec("Rumah Sakit Umum Daerah Kota Serang", "RSUD", K.HOSPITAL, ("1.02",)),
    ),
)

TANGSEL = CitySpec(
    slug="kota-tangerang-selatan",
    region_code="36.74",
    tagline="Hunian nyaman, maju, sejahtera, dan berkelanjutan",
    agencies=(
        *SECRETARIATS,
        AgencySpec("Dinas Pendidikan dan Kebudayaan", "Dindikbud", K.DINAS, ("1.01", "2.22")),
        AgencySpec("Dinas Kesehatan", "Dinkes", K.DINAS, ("1.02",)),
        # Tangerang Selatan splits public works: roads, drainage and water resources here (its
        # own acronym is DSDABMBK), buildings and spatial planning at the DCKTR. The demo gives
        # the roads agency the short name DPUPR that the other demo loaders look up.
        AgencySpec(
            "Dinas Sumber Daya Air, Bina Marga dan Bina Konstruksi", "DPUPR", K.DINAS, ("1.03",)
        ),
        AgencySpec("Dinas Cipta Karya dan Tata Ruang", "DCKTR", K.DINAS, ("1.03",)),
        AgencySpec(
            "Dinas Perumahan, Kawasan Permukiman dan Pertanahan",
            "Disperkimta",
            K.DINAS,
            ("1.04", "2.10"),
        ),
        AgencySpec("Satuan Polisi Pamong Praja", "Satpol PP", K.SATPOL, ("1.05",)),
        AgencySpec("Dinas Pemadam Kebakaran dan Penyelamatan", "Damkar", K.DINAS, ("1.05",)),
        AgencySpec("Dinas Sosial", "Dinsos", K.DINAS, ("1.06",)),
        AgencySpec("Dinas Tenaga Kerja", "Disnaker", K.DINAS, ("2.07",)),
        AgencySpec(
            "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga "
            "Berencana",
            "DP3AP2KB",
            K.DINAS,
            ("2.08", "2.14"),
        ),
        AgencySpec(
            "Dinas Ketahanan Pangan, Pertanian dan Perikanan",
            "DKP3",
            K.DINAS,
            ("2.09", "3.25", "3.27"),
        ),
        AgencySpec("Dinas Lingkungan Hidup", "DLH", K.DINAS, ("2.11",)),
        AgencySpec("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", K.DINAS, ("2.12",)),
        AgencySpec("Dinas Perhubungan", "Dishub", K.DINAS, ("2.15",)),
        DISKOMINFO,
        AgencySpec("Dinas Koperasi dan Usaha Kecil Menengah", "Dinkop UKM", K.DINAS, ("2.17",)),
        AgencySpec(
            "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", K.DINAS, ("2.18",)
        ),
        AgencySpec("Dinas Pemuda dan Olahraga", "Dispora", K.DINAS, ("2.19",)),
        AgencySpec("Dinas Perpustakaan dan Arsip Daerah", "DPAD", K.DINAS, ("2.23", "2.24")),
        AgencySpec("Dinas Pariwisata", "Dispar", K.DINAS, ("3.26",)),
        AgencySpec("Dinas Perindustrian dan Perdagangan", "Disperindag", K.DINAS, ("3.30", "3.31")),
        AgencySpec(
            "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
            "Bappelitbangda",
            K.BADAN,
            ("5.01", "5.05"),
        ),
        *BADAN,
        AgencySpec("Rumah Sakit Umum Kota Tangerang Selatan", "RSU", K.HOSPITAL, ("1.02",)),
    ),
)

CITIES = (TANGSEL, SERANG)

USERS = (
    # Kota Serang
    UserSpec("admin.serang", "Rina Marlina", "kota-serang", Role.ADMINISTRATOR),
    UserSpec("koordinator.serang", "Dedi Supriyadi", "kota-serang", Role.COORDINATOR),
    UserSpec(
        "petugas.kominfo.serang",
        "Siti Nurhasanah",
        "kota-serang",
        Role.AGENCY_OFFICER,
        "Diskominfo",
    ),
    UserSpec(
        "kepala.diskominfo.serang",
        "Wahyu Hidayat",
        "kota-serang",
        Role.AGENCY_OFFICER,
        "Diskominfo",
        is_head=True,
    ),
    UserSpec("petugas.pupr.serang", "Ahmad Fauzi", "kota-serang", Role.AGENCY_OFFICER, "DPUPR"),
    UserSpec(
        "petugas.kasemen", "Ujang Suhendi", "kota-serang", Role.AGENCY_OFFICER, "Kec. Kasemen"
    ),
    UserSpec("perencana.serang", "Lia Amalia", "kota-serang", Role.PLANNER, "Bappeda"),
    UserSpec("pimpinan.serang", "Hendra Gunawan", "kota-serang", Role.LEADERSHIP),
    UserSpec("warga.kasemen", "Euis Komariah", "kota-serang", Role.RESIDENT),
    UserSpec(
        "pemangku.untirta",
        "Fajar Ramadhan",
        "kota-serang",
        Role.STAKEHOLDER,
        institution="Universitas Sultan Ageng Tirtayasa (Untirta)",
    ),
    UserSpec(
        "pemangku.dprd.serang",
        "Ade Rohmat",
        "kota-serang",
        Role.STAKEHOLDER,
        institution="DPRD Kota Serang, Komisi I",
    ),
    # Kota Tangerang Selatan
    UserSpec("admin.tangsel", "Yuliana Sari", "kota-tangerang-selatan", Role.ADMINISTRATOR),
    UserSpec("koordinator.tangsel", "Bayu Pratama", "kota-tangerang-selatan", Role.COORDINATOR),
    UserSpec(
        "petugas.kominfo.tangsel",
        "Dewi Anggraini",
        "kota-tangerang-selatan",
        Role.AGENCY_OFFICER,
        "Diskominfo",
    ),
    UserSpec(
        "kepala.diskominfo.tangsel",
        "Sri Wahyuni",
        "kota-tangerang-selatan",
        Role.AGENCY_OFFICER,
        "Diskominfo",
        is_head=True,
    ),
    UserSpec(
        "petugas.pupr.tangsel",
        "Rudi Hartono",
        "kota-tangerang-selatan",
        Role.AGENCY_OFFICER,
        "DPUPR",
    ),
    UserSpec(
        "perencana.tangsel",
        "Nurul Hidayah",
        "kota-tangerang-selatan",
        Role.PLANNER,
        "Bappelitbangda",
    ),
    UserSpec("pimpinan.tangsel", "Agus Setiawan", "kota-tangerang-selatan", Role.LEADERSHIP),
    UserSpec("warga.pamulang", "Maya Puspitasari", "kota-tangerang-selatan", Role.RESIDENT),
    UserSpec(
        "pemangku.unpam",
        "Irfan Maulana",
        "kota-tangerang-selatan",
        Role.STAKEHOLDER,
        institution="Universitas Pamulang (Unpam)",
    ),
)

CITY_NAMES = {"kota-serang": "Kota Serang", "kota-tangerang-selatan": "Kota Tangerang Selatan"}


# Coordinators and administrators must sign in with two steps; the demo enrols them with this
# published secret, and in the demo (REMBUG_DEMO) the code page shows the current code.
DEMO_TWO_FACTOR_SECRET = "KJSW2YTVM5SGK3LPGIYDENRSGAZDMMJS"  # noqa: S105 (published on purpose)


def _login_line(spec: UserSpec) -> tuple[str, str]:
    role = "Kepala Perangkat Daerah" if spec.is_head else str(Role(spec.role).label)
    parts = [role, spec.agency, spec.institution, CITY_NAMES[spec.city]]
    if spec.role in REQUIRED_ROLES:
        parts.append(f"2FA {DEMO_TWO_FACTOR_SECRET}")
    return spec.login, " · ".join(part for part in parts if part)


def demo_logins() -> list[tuple[str, str]]:
    """The demo's login names and what each may do; creates nothing."""
    return [_login_line(spec) for spec in USERS]


def load(ctx: DemoContext) -> None:
    version = _load_nomenclature()
    ctx.note(f"Nomenklatur / nomenclature: {version.name}, {version.items.count()} butir / items")
    for city in CITIES:
        government = _load_city(city)
        ctx.governments[city.slug] = government
        ctx.note(f"{government.name}: {government.agencies.count()} perangkat daerah / agencies")
    for spec in USERS:
        ctx.users[spec.login] = _load_user(spec, ctx.governments[spec.city])
        ctx.logins.append(_login_line(spec))


def _load_nomenclature() -> NomenclatureVersion:
    return nomenclature_import(
        path=NOMENCLATURE_FILE,
        version_name=NOMENCLATURE_VERSION,
        regulation=NOMENCLATURE_REGULATION,
        note="Sampel: hanya urusan 2.16 tingkat kabupaten/kota / sample: urusan 2.16 only.",
    ).version


def _load_city(city: CitySpec) -> Government:
    government = Government.objects.filter(slug=city.slug).first()
    if government is None:
        government = government_create(
            region=Region.objects.get(code=city.region_code), slug=city.slug, tagline=city.tagline
        )
    existing = set(government.agencies.values_list("short_name", flat=True))
    for spec in city.agencies:
        if spec.short_name not in existing:
            agency_create(
                government=government,
                name=spec.name,
                short_name=spec.short_name,
                slug=spec.slug or slugify(spec.short_name),
                kind=spec.kind,
                urusan_codes=list(spec.urusan),
            )
    for district in Region.objects.filter(parent_id=city.region_code, level=Region.Level.DISTRICT):
        short_name = f"Kec. {district.name}"
        if short_name not in existing:
            agency_create(
                government=government,
                name=f"Kecamatan {district.name}",
                short_name=short_name,
                slug=slugify(f"kecamatan {district.name}"),
                kind=Agency.Kind.KECAMATAN,
                urusan_codes=["7.01"],
                region=district,
            )
    return government


def _load_user(spec: UserSpec, government: Government) -> Any:
    user_model = get_user_model()
    user = user_model.objects.filter(username=spec.login).first()
    if user is None:
        user = user_model(
            username=spec.login, full_name=spec.full_name, email=f"{spec.login}@rembug.test"
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
    agency = None
    if spec.agency:
        agency = Agency.objects.get(government=government, short_name=spec.agency)
    membership_grant(
        user=user,
        government=government,
        role=spec.role,
        # Only officers are bound to an agency; a planner's membership is city-wide.
        agency=agency if spec.role == Role.AGENCY_OFFICER else None,
        institution=spec.institution or (agency.name if agency else ""),
        is_head=spec.is_head,
    )
    if spec.role in REQUIRED_ROLES:
        two_factor_enrol_with_secret(user=user, secret=DEMO_TWO_FACTOR_SECRET)
    return user
