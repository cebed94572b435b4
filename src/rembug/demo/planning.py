"""The demo's plans: the cascade of Kota Tangerang Selatan and Kota Serang's Renja 2022.

- Kota Tangerang Selatan: RPJPD 2025–2045 with its four missions (DOMAIN.md), RPJMD 2025–2029
  with the city's vision, and the Diskominfo Renstra 2025–2029 whose technocratic draft came out
  of the FGD at Hotel Pranaya on 21 November 2024: digital government (SPBE), ICT
  infrastructure (fiber to every agency and kelurahan, public internet access) and public
  information access (PPID, complaints followed up on time); and its Renja 2026, created from the
  Renstra and still a rancangan awal (the one document of the demo that can be edited at once).
- Kota Serang: a Diskominfo Renstra 2019–2023 (under a minimal RPJMD 2019–2023) and the Renja
  2022 created from it, answering the topics of the Forum Renja of 17 February 2022
  (:data:`SERANG_FORUM_RENJA_2022`: topic → the sub kegiatan that carries it; the forums demo
  links its proposals to these items through ``planning.services.plan_item_input_link``).

Only codes of the shipped nomenclature version "Permendagri 90/2019 (sampel 2.16)" are used.
The missions are DOMAIN.md's summary in Indonesian; the wording of the RPJMD missions, goals and
every indicator value, baseline and pagu are illustrative figures written for the demo — plausible
orders of magnitude, not the cities' official numbers. Kota Serang's RPJMD vision is not
recorded, so it is shown as such rather than guessed.

Every document is written through the planning services (audit trail, timeline, checks) and
passes ``rembug plan check``. Loading is idempotent: a document whose title exists is kept.
"""

# ruff: noqa: E501 - the plan texts below are data; they read best unbroken

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rembug.demo.context import DemoContext
from rembug.governments.models import Agency, Government
from rembug.nomenclature.models import NomenclatureItem, NomenclatureVersion
from rembug.planning import services
from rembug.planning.models import DocumentKind, DocumentState, PlanDocument, PlanItem
from rembug.regions.models import Region

NOMENCLATURE_VERSION = "Permendagri 90/2019 (sampel 2.16)"
MILLION = Decimal(1_000_000)

# Forum Renja Kota Serang, 17 February 2022: each input raised → the Renja 2022 sub kegiatan
# that answers it.
SERANG_FORUM_RENJA_2022: dict[str, str] = {
    "Keterbukaan informasi publik": "2.16.02.2.01.06",
    "Akses internet gratis hingga fasilitas publik": "2.16.03.2.02.09",
    "Peningkatan layanan e-government (DPRD)": "2.16.03.2.02.07",
    "Pengembangan layanan digital PATEN, aplikasi perjalanan dinas dan promosi digital UMKM "
    "(Kecamatan Kasemen)": "2.16.03.2.02.07",
    "Jaringan fiber optik untuk setiap perangkat daerah hingga kelurahan (Dinas PUPR)": (
        "2.16.03.2.01.03"
    ),
}


@dataclass
class Ind:
    """An indicator: name, unit, baseline, one target per year of the period."""

    name: str
    unit: str
    baseline: str
    targets: list[str]
    definition: str = ""
    source: str = ""
    unit_in_charge: str = ""
    direction: str = "higher"


@dataclass
class Node:
    kind: str
    text: str = ""
    code: str = ""
    indicators: list[Ind] = field(default_factory=list)
    pagu: list[int] = field(default_factory=list)  # in millions of Rupiah, one per year
    children: list[Node] = field(default_factory=list)
    serves: str = ""  # key of an item of the higher document
    key: str = ""  # how lower documents refer to this item
    note: str = ""


def load(ctx: DemoContext) -> None:
    version = NomenclatureVersion.objects.get(name=NOMENCLATURE_VERSION)
    tangsel = ctx.governments["kota-tangerang-selatan"]
    serang = ctx.governments["kota-serang"]
    _load_tangsel(ctx, tangsel, version)
    _load_serang(ctx, serang, version)


# --- writing a document from a spec -----------------------------------------------------


@dataclass
class Writer:
    document: PlanDocument
    by: Any
    version: NomenclatureVersion | None
    keys: dict[str, PlanItem]

    def write(self, nodes: list[Node], parent: PlanItem | None = None) -> None:
        for node in nodes:
            code = None
            if node.code:
                assert self.version is not None
                code = NomenclatureItem.objects.get(version=self.version, code=node.code)
            item = services.plan_item_create(
                document=self.document,
                parent=parent,
                kind=node.kind,
                text=node.text,
                nomenclature_item=code,
                by=self.by,
            )
            if node.note:
                item.note = node.note
                item.save(update_fields=["note"])
            if node.key:
                self.keys[node.key] = item
            if node.serves:
                services.plan_item_alignments_set(
                    item=item, targets=[self.keys[node.serves]], by=self.by
                )
            for ind in node.indicators:
                self._indicator(item, ind)
            self.write(node.children, item)
            pagu = node.pagu or _sum_pagu(node)
            if node.kind in ("program", "kegiatan", "sub_kegiatan") and pagu:
                years = self.document.years
                services.funding_set(
                    item=item,
                    amounts={
                        year: Decimal(m) * MILLION for year, m in zip(years, pagu, strict=True)
                    },
                    by=self.by,
                )

    def _indicator(self, item: PlanItem, ind: Ind) -> None:
        years = self.document.years
        targets = [Decimal(t) for t in ind.targets]
        indicator = services.indicator_create(
            item=item,
            by=self.by,
            name=ind.name,
            unit=ind.unit,
            definition=ind.definition,
            data_source=ind.source,
            direction=ind.direction,
            baseline_year=years[0] - 1,
            baseline_value=Decimal(ind.baseline),
            end_target=targets[-1],
            responsible_unit=ind.unit_in_charge,
        )
        services.indicator_targets_set(
            indicator=indicator,
            values={year: (value, "") for year, value in zip(years, targets, strict=True)},
            by=self.by,
        )


def _sum_pagu(node: Node) -> list[int]:
    """A program's or kegiatan's pagu: the sum of the pagu below it, year by year."""
    rows = [child.pagu or _sum_pagu(child) for child in node.children]
    rows = [row for row in rows if row]
    return [sum(values) for values in zip(*rows, strict=True)] if rows else []


def _document(
    government: Government,
    *,
    kind: str,
    title: str,
    start: int,
    end: int,
    by: Any,
    agency: Agency | None = None,
    version: NomenclatureVersion | None = None,
    based_on: PlanDocument | None = None,
) -> PlanDocument | None:
    """A new document, or None when a document of that title exists (idempotent loading)."""
    if PlanDocument.objects.filter(government=government, title=title).exists():
        return None
    return services.plan_document_create(
        government=government,
        kind=kind,
        title=title,
        period_start=start,
        period_end=end,
        agency=agency,
        nomenclature_version=version,
        based_on=based_on,
        by=by,
    )


def _adopt(document: PlanDocument, by: Any, notes: dict[str, str], legal_basis: str = "") -> None:
    for state in ("rancangan_awal", "rancangan", "rancangan_akhir", "ditetapkan"):
        services.plan_document_transition(
            document=document,
            to=state,
            by=by,
            note=notes.get(state, ""),
            legal_basis=legal_basis if state == DocumentState.DITETAPKAN else "",
        )


# --- Kota Tangerang Selatan ---------------------------------------------------------------

TANGSEL_MISSIONS = [
    ("sosial", "Mewujudkan transformasi sosial melalui sumber daya manusia yang unggul"),
    ("ekonomi", "Mewujudkan transformasi ekonomi yang meningkatkan produktivitas"),
    ("tata_kelola", "Mewujudkan transformasi tata kelola pemerintahan yang adaptif"),
    ("wilayah", "Mewujudkan pembangunan wilayah yang berkelanjutan"),
]

Y5 = 5  # years in a five-year plan


def _tangsel_rpjmd(vision: str) -> list[Node]:
    return [
        Node(
            "visi",
            vision,
            children=[
                Node(
                    "misi",
                    "Meningkatkan kualitas sumber daya manusia yang sehat, cerdas dan berdaya saing",
                    serves="sosial",
                ),
                Node(
                    "misi",
                    "Mengembangkan perekonomian kota yang produktif dan inklusif",
                    serves="ekonomi",
                ),
                Node(
                    "misi",
                    "Mewujudkan tata kelola pemerintahan yang adaptif, digital dan melayani",
                    serves="tata_kelola",
                    children=[
                        Node(
                            "tujuan",
                            "Meningkatnya kualitas tata kelola pemerintahan berbasis digital",
                            indicators=[
                                Ind(
                                    "Indeks Reformasi Birokrasi",
                                    "nilai",
                                    "72",
                                    ["73", "74.5", "76", "77.5", "79"],
                                    source="Kementerian PANRB",
                                    unit_in_charge="Bagian Organisasi Setda",
                                ),
                            ],
                            children=[
                                Node(
                                    "sasaran",
                                    "Meningkatnya penerapan sistem pemerintahan berbasis elektronik",
                                    key="rpjmd_spbe",
                                    indicators=[
                                        Ind(
                                            "Indeks SPBE",
                                            "indeks",
                                            "3.60",
                                            ["3.70", "3.80", "3.90", "4.00", "4.10"],
                                            definition="Indeks hasil evaluasi SPBE, skala 1–5",
                                            source="Kementerian PANRB",
                                            unit_in_charge="Diskominfo",
                                        ),
                                    ],
                                ),
                                Node(
                                    "sasaran",
                                    "Meningkatnya keterbukaan informasi publik",
                                    key="rpjmd_kip",
                                    indicators=[
                                        Ind(
                                            "Indeks Keterbukaan Informasi Publik",
                                            "nilai",
                                            "85",
                                            ["86", "87.5", "89", "90", "91"],
                                            definition="Nilai monitoring dan evaluasi keterbukaan informasi badan publik, skala 0–100",
                                            source="Komisi Informasi Provinsi Banten",
                                            unit_in_charge="Diskominfo",
                                        ),
                                    ],
                                ),
                            ],
                        ),
                    ],
                ),
                Node(
                    "misi",
                    "Mewujudkan pembangunan kota yang nyaman dan berkelanjutan",
                    serves="wilayah",
                ),
            ],
        )
    ]


APLIKASI = "Bidang Aplikasi Informatika (e-Government)"
INFRA = "Bidang Infrastruktur Teknologi Informasi dan Komunikasi"
IKP = "Bidang Informasi dan Komunikasi Publik"

TANGSEL_RENSTRA = [
    Node(
        "tujuan",
        "Mewujudkan pemerintahan digital yang terpadu dan andal",
        indicators=[
            Ind(
                "Indeks SPBE Kota Tangerang Selatan",
                "indeks",
                "3.60",
                ["3.70", "3.80", "3.90", "4.00", "4.10"],
                definition="Indeks hasil evaluasi SPBE, skala 1–5",
                source="Kementerian PANRB",
                unit_in_charge=APLIKASI,
            ),
        ],
        children=[
            Node(
                "sasaran",
                "Meningkatnya kualitas layanan SPBE dan infrastruktur TIK pemerintah daerah",
                serves="rpjmd_spbe",
                indicators=[
                    Ind(
                        "Persentase layanan publik yang terintegrasi secara elektronik",
                        "persen",
                        "55",
                        ["60", "66", "72", "80", "90"],
                        definition="Layanan terintegrasi ÷ seluruh layanan publik × 100",
                        source="Katalog layanan SPBE Diskominfo",
                        unit_in_charge=APLIKASI,
                    ),
                    Ind(
                        "Persentase perangkat daerah yang terhubung jaringan fiber optik",
                        "persen",
                        "70",
                        ["80", "88", "94", "100", "100"],
                        definition="PD terhubung ÷ seluruh PD × 100",
                        source="Inventaris jaringan Diskominfo",
                        unit_in_charge=INFRA,
                    ),
                    Ind(
                        "Persentase kelurahan yang terhubung jaringan fiber optik",
                        "persen",
                        "35",
                        ["44", "59", "74", "89", "100"],
                        definition="Kelurahan terhubung ÷ 54 kelurahan × 100",
                        source="Inventaris jaringan Diskominfo",
                        unit_in_charge=INFRA,
                    ),
                ],
                children=[
                    Node(
                        "strategi",
                        "Membangun arsitektur SPBE kota yang mengintegrasikan layanan, data dan jaringan",
                        children=[
                            Node(
                                "arah_kebijakan",
                                "Perluasan jaringan fiber optik ke seluruh perangkat daerah dan kelurahan",
                            ),
                            Node(
                                "arah_kebijakan",
                                "Integrasi aplikasi layanan melalui sistem penghubung layanan dan pusat data",
                            ),
                        ],
                    ),
                    Node(
                        "program",
                        code="2.16.03",
                        indicators=[
                            Ind(
                                "Indeks domain layanan SPBE",
                                "indeks",
                                "3.20",
                                ["3.40", "3.55", "3.70", "3.85", "4.00"],
                                source="Kementerian PANRB",
                                unit_in_charge=APLIKASI,
                            ),
                        ],
                        children=[
                            Node(
                                "kegiatan",
                                code="2.16.03.2.01",
                                indicators=[
                                    Ind(
                                        "Jumlah perangkat daerah yang terhubung jaringan intra pemerintah",
                                        "perangkat daerah",
                                        "35",
                                        ["40", "44", "47", "50", "50"],
                                        unit_in_charge=INFRA,
                                    ),
                                ],
                                children=[
                                    Node(
                                        "sub_kegiatan",
                                        code="2.16.03.2.01.03",
                                        pagu=[6500, 7000, 7200, 7400, 7500],
                                        indicators=[
                                            Ind(
                                                "Jumlah kelurahan yang terhubung jaringan fiber optik",
                                                "kelurahan",
                                                "19",
                                                ["24", "32", "40", "48", "54"],
                                                source="Inventaris jaringan Diskominfo",
                                                unit_in_charge=INFRA,
                                            ),
                                        ],
                                    ),
                                ],
                            ),
                            Node(
                                "kegiatan",
                                code="2.16.03.2.02",
                                indicators=[
                                    Ind(
                                        "Persentase perangkat daerah yang menerapkan layanan SPBE terintegrasi",
                                        "persen",
                                        "60",
                                        ["68", "76", "84", "92", "100"],
                                        unit_in_charge=APLIKASI,
                                    ),
                                ],
                                children=[
                                    Node(
                                        "sub_kegiatan",
                                        code="2.16.03.2.02.07",
                                        pagu=[4500, 4800, 5000, 5200, 5400],
                                        indicators=[
                                            Ind(
                                                "Jumlah aplikasi layanan publik yang terintegrasi (kumulatif)",
                                                "aplikasi",
                                                "12",
                                                ["15", "18", "21", "24", "27"],
                                                unit_in_charge=APLIKASI,
                                            ),
                                        ],
                                    ),
                                    Node(
                                        "sub_kegiatan",
                                        code="2.16.03.2.02.03",
                                        pagu=[3200, 3400, 3600, 3800, 4000],
                                        indicators=[
                                            Ind(
                                                "Ketersediaan layanan pusat data (uptime)",
                                                "persen",
                                                "98.5",
                                                ["99.0", "99.2", "99.5", "99.5", "99.7"],
                                                source="Log pemantauan pusat data",
                                                unit_in_charge=INFRA,
                                            ),
                                        ],
                                    ),
                                    Node(
                                        "sub_kegiatan",
                                        code="2.16.03.2.02.09",
                                        pagu=[2800, 3000, 3200, 3400, 3600],
                                        indicators=[
                                            Ind(
                                                "Jumlah titik akses internet publik di fasilitas umum",
                                                "titik",
                                                "150",
                                                ["200", "250", "300", "350", "400"],
                                                unit_in_charge=INFRA,
                                            ),
                                        ],
                                    ),
                                    Node(
                                        "sub_kegiatan",
                                        code="2.16.03.2.02.05",
                                        pagu=[900, 950, 1000, 1050, 1100],
                                        indicators=[
                                            Ind(
                                                "Jumlah insiden keamanan informasi yang tidak tertangani",
                                                "insiden",
                                                "6",
                                                ["5", "4", "3", "2", "1"],
                                                direction="lower",
                                                source="CSIRT Kota",
                                                unit_in_charge=INFRA,
                                            ),
                                        ],
                                    ),
                                ],
                            ),
                        ],
                    ),
                ],
            ),
        ],
    ),
    Node(
        "tujuan",
        "Meningkatkan keterbukaan dan akses masyarakat terhadap informasi publik",
        indicators=[
            Ind(
                "Indeks Keterbukaan Informasi Publik",
                "nilai",
                "85",
                ["86", "87.5", "89", "90", "91"],
                source="Komisi Informasi Provinsi Banten",
                unit_in_charge=IKP,
            ),
        ],
        children=[
            Node(
                "sasaran",
                "Meningkatnya layanan informasi publik dan tindak lanjut pengaduan yang tepat waktu",
                serves="rpjmd_kip",
                indicators=[
                    Ind(
                        "Persentase permohonan informasi publik yang dijawab tepat waktu",
                        "persen",
                        "88",
                        ["90", "92", "94", "96", "98"],
                        definition="Permohonan dijawab ≤ 10 hari kerja (UU 14/2008) ÷ seluruh permohonan × 100",
                        source="Register PPID",
                        unit_in_charge=IKP,
                    ),
                    Ind(
                        "Persentase pengaduan masyarakat yang ditindaklanjuti tepat waktu",
                        "persen",
                        "75",
                        ["80", "85", "88", "90", "92"],
                        definition="Pengaduan ditindaklanjuti dalam batas waktu layanan ÷ seluruh pengaduan × 100",
                        source="Rembug / SP4N-LAPOR!",
                        unit_in_charge=IKP,
                    ),
                ],
                children=[
                    Node(
                        "strategi",
                        "Memperkuat PPID dan kanal pengaduan yang terhubung dengan perencanaan",
                        children=[
                            Node(
                                "arah_kebijakan",
                                "Standar waktu layanan informasi dan pengaduan dipantau secara terbuka",
                            )
                        ],
                    ),
                    Node(
                        "program",
                        code="2.16.02",
                        indicators=[
                            Ind(
                                "Indeks kepuasan masyarakat terhadap layanan informasi publik",
                                "nilai",
                                "80",
                                ["81", "82", "83", "84", "85"],
                                source="Survei kepuasan masyarakat",
                                unit_in_charge=IKP,
                            ),
                        ],
                        children=[
                            Node(
                                "kegiatan",
                                code="2.16.02.2.01",
                                indicators=[
                                    Ind(
                                        "Persentase perangkat daerah yang mengumumkan informasi publik secara berkala",
                                        "persen",
                                        "70",
                                        ["75", "80", "85", "90", "95"],
                                        unit_in_charge=IKP,
                                    ),
                                ],
                                children=[
                                    Node(
                                        "sub_kegiatan",
                                        code="2.16.02.2.01.06",
                                        pagu=[850, 900, 950, 1000, 1050],
                                        indicators=[
                                            Ind(
                                                "Jumlah PPID pelaksana yang dibina",
                                                "PPID",
                                                "40",
                                                ["42", "44", "46", "48", "50"],
                                                unit_in_charge=IKP,
                                            ),
                                        ],
                                    ),
                                    Node(
                                        "sub_kegiatan",
                                        code="2.16.02.2.01.02",
                                        pagu=[600, 650, 700, 750, 800],
                                        indicators=[
                                            Ind(
                                                "Jumlah laporan monitoring opini dan aspirasi publik",
                                                "laporan",
                                                "12",
                                                ["12", "12", "12", "12", "12"],
                                                unit_in_charge=IKP,
                                            ),
                                        ],
                                    ),
                                    Node(
                                        "sub_kegiatan",
                                        code="2.16.02.2.01.05",
                                        pagu=[1200, 1250, 1300, 1350, 1400],
                                        indicators=[
                                            Ind(
                                                "Jumlah konten informasi publik yang dipublikasikan",
                                                "konten",
                                                "1200",
                                                ["1300", "1400", "1500", "1600", "1700"],
                                                unit_in_charge=IKP,
                                            ),
                                        ],
                                    ),
                                ],
                            ),
                        ],
                    ),
                ],
            ),
        ],
    ),
]


def _load_tangsel(ctx: DemoContext, government: Government, version: NomenclatureVersion) -> None:
    planner = ctx.users.get("perencana.tangsel")
    officer = ctx.users.get("petugas.kominfo.tangsel")
    keys: dict[str, PlanItem] = {}
    rpjpd = _document(
        government,
        kind=DocumentKind.RPJPD,
        title="RPJPD Kota Tangerang Selatan 2025–2045",
        start=2025,
        end=2045,
        by=planner,
    )
    if rpjpd is None:
        return
    visi = services.plan_item_create(
        document=rpjpd,
        parent=None,
        kind="visi",
        text=government.tagline or "Hunian nyaman, maju, sejahtera, dan berkelanjutan",
        by=planner,
    )
    for key, text in TANGSEL_MISSIONS:
        keys[key] = services.plan_item_create(
            document=rpjpd, parent=visi, kind="misi", text=text, by=planner
        )
    _adopt(rpjpd, planner, {}, legal_basis="Peraturan Daerah tentang RPJPD 2025–2045")

    rpjmd = _document(
        government,
        kind=DocumentKind.RPJMD,
        title="RPJMD Kota Tangerang Selatan 2025–2029",
        start=2025,
        end=2029,
        by=planner,
        based_on=rpjpd,
    )
    assert rpjmd is not None
    Writer(rpjmd, planner, None, keys).write(_tangsel_rpjmd(visi.text))
    _adopt(rpjmd, planner, {}, legal_basis="Peraturan Daerah tentang RPJMD 2025–2029")

    kominfo = Agency.objects.get(government=government, short_name="Diskominfo")
    renstra = _document(
        government,
        kind=DocumentKind.RENSTRA,
        title="Renstra Diskominfo 2025–2029",
        start=2025,
        end=2029,
        by=officer,
        agency=kominfo,
        version=version,
        based_on=rpjmd,
    )
    assert renstra is not None
    Writer(renstra, officer, version, keys).write(TANGSEL_RENSTRA)
    _adopt(
        renstra,
        planner,
        {
            "rancangan_awal": "FGD penyusunan Renstra 2025–2029, Hotel Pranaya, 21 November 2024: rancangan "
            "teknokratik dibahas bersama perangkat daerah, perguruan tinggi dan komunitas TIK.",
            "rancangan_akhir": "Diverifikasi Bappelitbangda terhadap RPJMD 2025–2029.",
        },
        legal_basis="Peraturan Wali Kota tentang Renstra Perangkat Daerah 2025–2029",
    )
    # The Renja 2026 is still a draft: open for the Forum Renja and for trying the tree editor.
    renja = services.renja_create_from_renstra(
        renstra=renstra, year=2026, by=officer, title="Renja Diskominfo 2026"
    )
    for item in renja.items.filter(kind="sub_kegiatan"):
        services.plan_item_update(item=item, text=item.text, funding_source="PAD", by=officer)
        services.plan_item_locations_set(item=item, regions=[government.region], by=officer)
    services.plan_document_transition(
        document=renja,
        to=DocumentState.RANCANGAN_AWAL,
        by=officer,
        note="Rancangan awal disusun dari Renstra 2025–2029 (target dan pagu tahun 2026).",
    )
    ctx.note(
        f"{government.name}: RPJPD, RPJMD, {renstra} ({renstra.items.count()} butir / items) "
        f"dan {renja} (rancangan awal)"
    )


# --- Kota Serang --------------------------------------------------------------------------

SERANG_RPJMD = [
    Node(
        "visi",
        "(Teks visi RPJMD Kota Serang 2019–2023 tidak dimuat dalam demo)",
        children=[
            Node(
                "misi",
                "Meningkatkan tata kelola pemerintahan yang baik berbasis teknologi informasi",
                children=[
                    Node(
                        "tujuan",
                        "Terwujudnya Kota Serang sebagai kota cerdas (smart city)",
                        indicators=[
                            Ind(
                                "Indeks SPBE",
                                "indeks",
                                "1.90",
                                ["2.10", "2.30", "2.50", "2.70", "2.90"],
                                source="Kementerian PANRB",
                                unit_in_charge="Diskominfo",
                            )
                        ],
                        children=[
                            Node(
                                "sasaran",
                                "Meningkatnya layanan pemerintahan berbasis elektronik",
                                key="serang_spbe",
                                indicators=[
                                    Ind(
                                        "Persentase layanan publik berbasis elektronik",
                                        "persen",
                                        "30",
                                        ["38", "46", "55", "63", "70"],
                                        unit_in_charge="Diskominfo",
                                    )
                                ],
                            ),
                            Node(
                                "sasaran",
                                "Meningkatnya keterbukaan informasi dan penanganan pengaduan publik",
                                key="serang_kip",
                                indicators=[
                                    Ind(
                                        "Persentase pengaduan yang ditindaklanjuti tepat waktu",
                                        "persen",
                                        "60",
                                        ["65", "70", "75", "80", "85"],
                                        unit_in_charge="Diskominfo",
                                    )
                                ],
                            ),
                        ],
                    )
                ],
            )
        ],
    )
]

SERANG_RENSTRA = [
    Node(
        "tujuan",
        "Mewujudkan Kota Serang sebagai kota cerdas melalui layanan digital yang dirasakan warga",
        indicators=[
            Ind(
                "Indeks SPBE Kota Serang",
                "indeks",
                "1.90",
                ["2.10", "2.30", "2.50", "2.70", "2.90"],
                source="Kementerian PANRB",
                unit_in_charge=APLIKASI,
            )
        ],
        children=[
            Node(
                "sasaran",
                "Meningkatnya layanan SPBE dan jangkauan jaringan TIK",
                serves="serang_spbe",
                indicators=[
                    Ind(
                        "Persentase perangkat daerah yang terhubung jaringan fiber optik",
                        "persen",
                        "25",
                        ["35", "45", "55", "65", "75"],
                        unit_in_charge=INFRA,
                    ),
                ],
                children=[
                    Node(
                        "program",
                        code="2.16.03",
                        indicators=[
                            Ind(
                                "Persentase layanan administrasi pemerintahan berbasis elektronik",
                                "persen",
                                "30",
                                ["38", "46", "55", "63", "70"],
                                unit_in_charge=APLIKASI,
                            )
                        ],
                        children=[
                            Node(
                                "kegiatan",
                                code="2.16.03.2.01",
                                indicators=[
                                    Ind(
                                        "Jumlah perangkat daerah terhubung jaringan intra pemerintah",
                                        "perangkat daerah",
                                        "10",
                                        ["14", "18", "22", "26", "30"],
                                        unit_in_charge=INFRA,
                                    )
                                ],
                                children=[
                                    Node(
                                        "sub_kegiatan",
                                        code="2.16.03.2.01.03",
                                        pagu=[1500, 1800, 2100, 2400, 2600],
                                        indicators=[
                                            Ind(
                                                "Jumlah titik jaringan fiber optik terpasang (kumulatif)",
                                                "titik",
                                                "20",
                                                ["30", "42", "56", "70", "85"],
                                                unit_in_charge=INFRA,
                                            )
                                        ],
                                    ),
                                ],
                            ),
                            Node(
                                "kegiatan",
                                code="2.16.03.2.02",
                                indicators=[
                                    Ind(
                                        "Jumlah layanan e-government yang beroperasi",
                                        "layanan",
                                        "8",
                                        ["10", "12", "15", "18", "21"],
                                        unit_in_charge=APLIKASI,
                                    )
                                ],
                                children=[
                                    Node(
                                        "sub_kegiatan",
                                        code="2.16.03.2.02.07",
                                        pagu=[1200, 1300, 1500, 1700, 1900],
                                        indicators=[
                                            Ind(
                                                "Jumlah aplikasi layanan yang dikembangkan (kumulatif)",
                                                "aplikasi",
                                                "6",
                                                ["8", "10", "13", "16", "19"],
                                                unit_in_charge=APLIKASI,
                                            )
                                        ],
                                    ),
                                    Node(
                                        "sub_kegiatan",
                                        code="2.16.03.2.02.09",
                                        pagu=[800, 900, 1100, 1300, 1500],
                                        indicators=[
                                            Ind(
                                                "Jumlah titik internet gratis di fasilitas publik",
                                                "titik",
                                                "15",
                                                ["25", "40", "60", "80", "100"],
                                                unit_in_charge=INFRA,
                                            )
                                        ],
                                    ),
                                ],
                            ),
                        ],
                    ),
                ],
            ),
            Node(
                "sasaran",
                "Meningkatnya keterbukaan informasi publik dan penanganan pengaduan",
                serves="serang_kip",
                indicators=[
                    Ind(
                        "Persentase pengaduan Rabeg Online yang ditindaklanjuti dalam 3 × 24 jam",
                        "persen",
                        "60",
                        ["65", "70", "75", "80", "85"],
                        source="Rabeg Online",
                        unit_in_charge=IKP,
                    )
                ],
                children=[
                    Node(
                        "program",
                        code="2.16.02",
                        indicators=[
                            Ind(
                                "Persentase permohonan informasi publik yang dijawab tepat waktu",
                                "persen",
                                "70",
                                ["75", "80", "85", "90", "95"],
                                source="Register PPID",
                                unit_in_charge=IKP,
                            )
                        ],
                        children=[
                            Node(
                                "kegiatan",
                                code="2.16.02.2.01",
                                indicators=[
                                    Ind(
                                        "Jumlah saluran informasi dan pengaduan publik yang dikelola",
                                        "saluran",
                                        "3",
                                        ["4", "5", "6", "6", "7"],
                                        unit_in_charge=IKP,
                                    )
                                ],
                                children=[
                                    Node(
                                        "sub_kegiatan",
                                        code="2.16.02.2.01.02",
                                        pagu=[400, 450, 500, 550, 600],
                                        indicators=[
                                            Ind(
                                                "Jumlah laporan pengelolaan aduan Rabeg Online dan Serang Siaga 112",
                                                "laporan",
                                                "12",
                                                ["12", "12", "12", "12", "12"],
                                                unit_in_charge=IKP,
                                            )
                                        ],
                                    ),
                                    Node(
                                        "sub_kegiatan",
                                        code="2.16.02.2.01.06",
                                        pagu=[300, 350, 400, 450, 500],
                                        indicators=[
                                            Ind(
                                                "Jumlah daftar informasi publik yang dimutakhirkan",
                                                "dokumen",
                                                "1",
                                                ["1", "2", "2", "3", "3"],
                                                unit_in_charge=IKP,
                                            )
                                        ],
                                    ),
                                ],
                            ),
                        ],
                    ),
                ],
            ),
        ],
    ),
]

KASEMEN = "Kasemen"


def _load_serang(ctx: DemoContext, government: Government, version: NomenclatureVersion) -> None:
    planner = ctx.users.get("perencana.serang")
    officer = ctx.users.get("petugas.kominfo.serang")
    keys: dict[str, PlanItem] = {}
    rpjmd = _document(
        government,
        kind=DocumentKind.RPJMD,
        title="RPJMD Kota Serang 2019–2023",
        start=2019,
        end=2023,
        by=planner,
    )
    if rpjmd is None:
        return
    Writer(rpjmd, planner, None, keys).write(SERANG_RPJMD)
    _adopt(rpjmd, planner, {})
    kominfo = Agency.objects.get(government=government, short_name="Diskominfo")
    renstra = _document(
        government,
        kind=DocumentKind.RENSTRA,
        title="Renstra Diskominfo 2019–2023",
        start=2019,
        end=2023,
        by=officer,
        agency=kominfo,
        version=version,
        based_on=rpjmd,
    )
    assert renstra is not None
    Writer(renstra, officer, version, keys).write(SERANG_RENSTRA)
    _adopt(renstra, planner, {})

    renja = services.renja_create_from_renstra(
        renstra=renstra, year=2022, by=officer, title="Renja Diskominfo 2022"
    )
    _answer_forum_renja(renja, government, officer)
    _adopt(
        renja,
        planner,
        {
            "rancangan": "Forum Perangkat Daerah (Forum Renja) Diskominfo, Ballroom Hotel Ledian, 17 Februari "
            "2022, dibuka Sekda; narasumber DPRD Komisi I, Bappeda dan Sekretaris Diskominfo.",
        },
    )
    ctx.note(f"{government.name}: {renstra} dan {renja} ({renja.items.count()} butir / items)")


def _answer_forum_renja(renja: PlanDocument, government: Government, by: Any) -> None:
    """Record in the Renja where each Forum Renja topic went: the sub kegiatan's note, sumber
    dana and locations (network and public internet in every kecamatan, Kasemen first; the
    other sub kegiatan city-wide)."""
    subs = {item.code: item for item in renja.items.filter(kind="sub_kegiatan")}
    by_code: dict[str, list[str]] = {}
    for topic, code in SERANG_FORUM_RENJA_2022.items():
        by_code.setdefault(code, []).append(topic)
    districts = list(
        Region.objects.filter(parent_id=government.region_id, level=Region.Level.DISTRICT)
    )
    districts.sort(key=lambda region: region.name != KASEMEN)
    for code, item in subs.items():
        topics = by_code.get(code, [])
        note = "Menjawab Forum Renja 17 Februari 2022: " + "; ".join(topics) if topics else ""
        services.plan_item_update(item=item, text=item.text, funding_source="DAU", note=note, by=by)
        # Network and public internet points go to every kecamatan; the rest serves the city.
        infrastructure = code in ("2.16.03.2.01.03", "2.16.03.2.02.09")
        regions = districts if infrastructure else [government.region]
        services.plan_item_locations_set(item=item, regions=regions, by=by)
