"""Demo reports in the Rabeg Online style for Kota Serang and Kota Tangerang Selatan.

Every report is taken in and moved through the real services (so the timelines, audit trail and
statistics are what the product would produce), then its times are set back to spread the story
over the last weeks. Across the two cities the reports cover every status and classification,
with one emergency, one anonymous, one confidential and one duplicate report, and the Kasemen
report on free internet access at public facilities that the forums and planning demo take up.

The texts are written for the demo; none is copied from a real LAPOR! export.
Loading is idempotent: a report whose title already exists in the city is skipped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from rembug.complaints import services
from rembug.complaints.models import (
    AnswerTemplate,
    Category,
    Classification,
    Complaint,
    ComplaintAnswer,
    ComplaintEvent,
    Privacy,
    ServiceLevel,
    Severity,
    Source,
    Status,
)
from rembug.complaints.summary import summary_sync
from rembug.demo.context import DemoContext
from rembug.governments.models import Agency, Government, Membership, Role
from rembug.regions.models import Region

KASEMEN_INTERNET_TITLE = "Usulan akses internet gratis di fasilitas publik Kecamatan Kasemen"

# slug, name, default agency (short name; the agency must exist in the city)
CATEGORIES = {
    "kota-serang": [
        ("jalan-dan-jembatan", "Jalan dan jembatan", "DPUPR"),
        ("drainase", "Drainase dan saluran air", "DPUPR"),
        ("penerangan-jalan", "Penerangan jalan umum", "Disperkim"),
        ("kebersihan", "Sampah dan kebersihan", "DLH"),
        ("adminduk", "Administrasi kependudukan", "Disdukcapil"),
        ("internet-informasi", "Internet dan informasi publik", "Diskominfo"),
        ("ketertiban", "Ketertiban umum", "Satpol PP"),
        ("transportasi", "Perhubungan dan parkir", "Dishub"),
        ("perlindungan-anak", "Perlindungan perempuan dan anak", "DP3AKB"),
        ("pelayanan-publik", "Pelayanan publik dan pungutan", "Inspektorat"),
        ("kebencanaan", "Kebakaran dan bencana", "BPBD"),
    ],
    "kota-tangerang-selatan": [
        ("jalan-dan-jembatan", "Jalan dan jembatan", "DPUPR"),
        ("drainase", "Drainase dan genangan", "DPUPR"),
        ("kebersihan", "Sampah dan lingkungan", "DLH"),
        ("internet-informasi", "Internet dan informasi publik", "Diskominfo"),
        ("perpustakaan", "Perpustakaan dan kearsipan", "DPAD"),
        ("kesehatan", "Layanan kesehatan", "Dinkes"),
        ("pelayanan-publik", "Pelayanan publik dan pungutan", "Inspektorat"),
    ],
}

TEMPLATES = [
    (
        "Diskominfo",
        "Terima kasih, sedang ditindaklanjuti",
        "Terima kasih atas laporan Bapak/Ibu. Laporan sudah kami terima dan sedang "
        "ditindaklanjuti oleh tim Diskominfo. Perkembangannya akan kami sampaikan di sini.",
    ),
    (
        "Diskominfo",
        "Dicatat sebagai usulan perencanaan",
        "Terima kasih atas aspirasinya. Usulan ini kami catat sebagai bahan penyusunan Rencana "
        "Kerja (Renja) Diskominfo dan akan dibahas dalam Forum Perangkat Daerah.",
    ),
    (
        "DPUPR",
        "Sudah dijadwalkan perbaikan",
        "Terima kasih atas laporannya. Tim pemeliharaan jalan sudah melakukan survei lokasi dan "
        "perbaikan dijadwalkan dalam minggu ini. Mohon berhati-hati saat melintas.",
    ),
]


@dataclass(frozen=True)
class Step:
    action: str
    text: str = ""
    agency: str = ""
    value: Any = None
    hours: float = 6.0  # time since the previous step


@dataclass(frozen=True)
class Story:
    city: str
    title: str
    text: str
    classification: str
    category: str
    kecamatan: str
    kelurahan: str = ""
    address: str = ""
    privacy: str = Privacy.PUBLIC
    reporter: str = ""  # demo login; empty: a report without an account
    contact_name: str = ""
    days_ago: float = 3.0
    source: str = Source.WEB
    steps: tuple[Step, ...] = field(default_factory=tuple)


V = Step("verify", hours=2)
CLOSE = Step("close", hours=30)

STORIES = (
    # ------------------------------------------------------------ Kota Serang
    Story(
        "kota-serang",
        KASEMEN_INTERNET_TITLE,
        "Di Kecamatan Kasemen banyak warga, terutama pelajar dan pelaku UMKM, belum punya akses "
        "internet yang memadai. Kami mengusulkan WiFi gratis di kantor kelurahan, puskesmas, "
        "balai warga dan kawasan Banten Lama supaya warga bisa belajar daring, mengurus layanan "
        "PATEN dan mempromosikan usaha. Mohon dimasukkan dalam rencana kerja Diskominfo.",
        Classification.ASPIRASI,
        "internet-informasi",
        "Kasemen",
        "Kasemen",
        "Kantor Kelurahan Kasemen dan sekitarnya",
        reporter="warga.kasemen",
        days_ago=30,
        steps=(
            V,
            Step("dispatch", agency="Diskominfo", hours=3),
            Step("start", hours=20),
            Step(
                "answer",
                "Terima kasih atas aspirasinya. Usulan akses internet gratis di fasilitas publik "
                "Kasemen kami catat sebagai bahan Forum Perangkat Daerah (Renja) Diskominfo "
                "tahun berikutnya, bersama pemetaan titik layanan yang sudah ada.",
                hours=26,
            ),
            Step("rate", value=5, hours=5),
            CLOSE,
        ),
    ),
    Story(
        "kota-serang",
        "Jalan berlubang di Jalan Raya Banten dekat Pasar Karangantu",
        "Ada lubang besar di badan jalan sebelum Pasar Karangantu, kedalamannya sekitar 20 cm. "
        "Kalau hujan lubangnya tertutup air sehingga tidak terlihat dan membahayakan pengendara "
        "motor. Mohon segera ditambal.",
        Classification.PENGADUAN,
        "jalan-dan-jembatan",
        "Kasemen",
        "Banten",
        "Jalan Raya Banten, arah Pasar Karangantu",
        contact_name="Haerudin",
        days_ago=21,
        steps=(
            Step("verify", value=Severity.MEDIUM, hours=2),
            Step("dispatch", agency="DPUPR", hours=1),
            Step("start", hours=10),
            Step(
                "answer",
                "Lubang sudah ditambal oleh tim pemeliharaan jalan DPUPR pada hari ini. "
                "Terima kasih atas laporannya.",
                hours=40,
            ),
            Step("rate", value=5, hours=4),
            CLOSE,
        ),
    ),
    Story(
        "kota-serang",
        "Lubang di Jalan Raya Banten depan Karangantu belum diperbaiki",
        "Jalan di depan pasar Karangantu ada lubang besar, motor saya hampir jatuh tadi pagi. "
        "Tolong diperbaiki.",
        Classification.PENGADUAN,
        "jalan-dan-jembatan",
        "Kasemen",
        "Banten",
        contact_name="Nurhayati",
        days_ago=20,
        steps=(
            Step(
                "duplicate",
                value="Jalan berlubang di Jalan Raya Banten dekat Pasar Karangantu",
                text="Lokasi sama dengan laporan sebelumnya yang sedang ditangani DPUPR.",
                hours=3,
            ),
        ),
    ),
    Story(
        "kota-serang",
        "Kebakaran gudang dekat permukiman di Walantaka",
        "Tolong, ada kebakaran gudang rongsokan di dekat rumah warga di Kelurahan Pipitan, "
        "apinya besar dan asapnya sampai ke permukiman. Sekarang belum ada pemadam yang datang.",
        Classification.PENGADUAN,
        "kebencanaan",
        "Walantaka",
        "Pipitan",
        contact_name="Ujang",
        days_ago=0.01,
    ),
    Story(
        "kota-serang",
        "Pungutan saat mengurus surat pengantar di kantor kelurahan",
        "Saat mengurus surat pengantar untuk pembuatan SKCK, saya diminta membayar Rp50.000 "
        "tanpa kuitansi oleh petugas loket. Setahu saya layanan ini gratis. Mohon ditertibkan "
        "dan identitas saya dirahasiakan.",
        Classification.PENGADUAN_PENGAWASAN,
        "pelayanan-publik",
        "Cipocok Jaya",
        privacy=Privacy.ANONYMOUS,
        contact_name="Warga Cipocok Jaya",
        days_ago=9,
        steps=(
            V,
            Step("dispatch", agency="Inspektorat", hours=2),
            Step("start", hours=24),
            Step("note", "Sudah dikoordinasikan dengan camat; pemeriksaan dijadwalkan.", hours=30),
        ),
    ),
    Story(
        "kota-serang",
        "Dugaan penelantaran anak di lingkungan RT",
        "Ada anak usia sekitar tujuh tahun yang sering ditinggal sendirian berhari-hari dan "
        "terlihat kurang makan. Saya khawatir dengan keselamatannya. Mohon ditangani tanpa "
        "menyebut pelapor.",
        Classification.PENGADUAN,
        "perlindungan-anak",
        "Taktakan",
        "Sayar",
        privacy=Privacy.CONFIDENTIAL,
        contact_name="Lilis",
        days_ago=4,
        steps=(V, Step("dispatch", agency="DP3AKB", hours=1)),
    ),
    Story(
        "kota-serang",
        "Lampu penerangan jalan padam di Jalan Ciwaru Raya",
        "Sekitar delapan lampu PJU di Jalan Ciwaru Raya padam sejak dua minggu lalu. Jalan "
        "menjadi gelap dan warga takut melintas malam hari.",
        Classification.PENGADUAN,
        "penerangan-jalan",
        "Cipocok Jaya",
        "Banjarsari",
        "Jalan Ciwaru Raya",
        contact_name="Rizki",
        days_ago=5,
        steps=(
            Step("verify", value=Severity.LIGHT, hours=2),
            Step("dispatch", agency="Disperkim", hours=2),
            Step("start", hours=8),
        ),
    ),
    Story(
        "kota-serang",
        "Sampah menumpuk di sekitar Pasar Rau",
        "Tumpukan sampah di sisi timur Pasar Induk Rau sudah tiga hari tidak diangkut, baunya "
        "menyengat dan mulai menutup sebagian jalan.",
        Classification.PENGADUAN,
        "kebersihan",
        "Serang",
        address="Sisi timur Pasar Induk Rau",
        contact_name="Asep",
        days_ago=16,
        steps=(
            V,
            Step("dispatch", agency="DLH", hours=2),
            Step(
                "answer",
                "Sampah sudah diangkut dengan dua armada tambahan. Jadwal pengangkutan di Pasar "
                "Rau kami tambah menjadi dua kali sehari.",
                hours=20,
            ),
        ),
    ),
    Story(
        "kota-serang",
        "Jadwal perekaman KTP elektronik di Kecamatan Taktakan",
        "Mohon informasi jadwal dan syarat perekaman KTP-el untuk anak yang baru berusia 17 "
        "tahun di Kecamatan Taktakan.",
        Classification.PERMINTAAN_INFORMASI,
        "adminduk",
        "Taktakan",
        "Taktakan",
        reporter="warga.kasemen",
        days_ago=12,
        steps=(
            V,
            Step("dispatch", agency="Disdukcapil", hours=1),
            Step(
                "answer",
                "Perekaman KTP-el dilayani di kantor Kecamatan Taktakan setiap Senin sampai "
                "Kamis pukul 08.00–14.00. Bawa Kartu Keluarga asli; tidak dipungut biaya.",
                hours=18,
            ),
            Step("close_admin", hours=60),
        ),
    ),
    Story(
        "kota-serang",
        "Saluran air tersumbat dan meluap ke jalan",
        "Saluran air di depan rumah kami tersumbat sampah dan meluap setiap hujan.",
        Classification.PENGADUAN,
        "drainase",
        "Curug",
        contact_name="Yayan",
        days_ago=3,
        steps=(
            Step(
                "request_info",
                "Mohon sebutkan nama jalan, RT/RW atau patokan terdekat, dan bila bisa "
                "lampirkan foto saluran yang tersumbat.",
                hours=3,
            ),
        ),
    ),
    Story(
        "kota-serang",
        "Jalan nasional Serang–Cilegon rusak di Kecamatan Taktakan",
        "Aspal jalan Serang–Cilegon di sekitar Taktakan bergelombang dan banyak lubang, sering "
        "menyebabkan kemacetan truk.",
        Classification.PENGADUAN,
        "jalan-dan-jembatan",
        "Taktakan",
        contact_name="Hendra",
        days_ago=10,
        steps=(
            V,
            Step(
                "forward",
                value="Balai Besar Pelaksanaan Jalan Nasional Banten (Kementerian Pekerjaan Umum)",
                text="Ruas Serang–Cilegon adalah jalan nasional, bukan kewenangan Pemerintah "
                "Kota Serang. Laporan diteruskan ke BBPJN Banten.",
                hours=4,
            ),
        ),
    ),
    Story(
        "kota-serang",
        "tes",
        "tes tes aplikasi",
        Classification.PENGADUAN,
        "ketertiban",
        "Serang",
        contact_name="-",
        days_ago=8,
        steps=(Step("archive", value="unclear", text="Isi laporan tidak jelas.", hours=1),),
    ),
    Story(
        "kota-serang",
        "Genangan di Perumahan Griya Serang Asri belum tuntas",
        "Setiap hujan deras air menggenang setinggi mata kaki di blok C karena saluran ke sungai "
        "tertutup bangunan. Sudah pernah dilaporkan tetapi belum ada perbaikan.",
        Classification.PENGADUAN,
        "drainase",
        "Curug",
        "Cilaku",
        contact_name="Siti Maryam",
        days_ago=14,
        steps=(
            V,
            Step("dispatch", agency="DPUPR", hours=2),
            Step(
                "answer",
                "Saluran sudah dibersihkan oleh petugas kami. Terima kasih.",
                hours=30,
            ),
            Step(
                "reopen",
                "Yang dibersihkan hanya saluran depan, sumbatan di bawah ruko belum dibongkar. "
                "Kemarin hujan air tetap menggenang.",
                hours=40,
            ),
        ),
    ),
    Story(
        "kota-serang",
        "Parkir liar di trotoar Jalan Ahmad Yani",
        "Trotoar di depan pertokoan Jalan Ahmad Yani dipakai parkir motor sehingga pejalan kaki "
        "harus turun ke jalan.",
        Classification.PENGADUAN,
        "transportasi",
        "Serang",
        "Cipare",
        "Jalan Ahmad Yani",
        contact_name="Dimas",
        days_ago=0.2,
    ),
    Story(
        "kota-serang",
        "Rambu dilarang parkir di depan sekolah hilang",
        "Rambu dilarang parkir di depan SD di Jalan Kagungan hilang, sekarang banyak mobil "
        "parkir saat jam pulang sekolah.",
        Classification.PENGADUAN,
        "transportasi",
        "Serang",
        "Kagungan",
        contact_name="Agus",
        days_ago=26,
        steps=(V, Step("dispatch", agency="Dishub", hours=3)),
    ),
    Story(
        "kota-serang",
        "Data titik WiFi publik di Kota Serang",
        "Mohon informasi daftar lokasi WiFi publik milik Pemerintah Kota Serang yang bisa "
        "dipakai warga, beserta jam operasionalnya.",
        Classification.PERMINTAAN_INFORMASI,
        "internet-informasi",
        "Serang",
        reporter="warga.kasemen",
        days_ago=18,
        steps=(
            V,
            Step("dispatch", agency="Diskominfo", hours=1),
            Step(
                "answer",
                "Daftar titik WiFi publik terlampir di laman PPID Diskominfo; saat ini tersedia "
                "di alun-alun, kantor kecamatan dan beberapa taman kota, aktif pukul 06.00–22.00.",
                hours=12,
            ),
            Step("rate", value=4, hours=3),
        ),
    ),
    Story(
        "kota-serang",
        "Saluran air di Lingkungan Cipare tersumbat sampah",
        "Saluran di samping jalan lingkungan kami tersumbat sampah dan lumpur, air meluap ke "
        "halaman rumah warga setiap hujan deras.",
        Classification.PENGADUAN,
        "drainase",
        "Serang",
        "Cipare",
        "Gang Masjid, RT 03 RW 02",
        contact_name="Yayah",
        days_ago=3,
        steps=(V, Step("dispatch", agency="DPUPR", hours=2), Step("start", hours=8)),
    ),
    Story(
        "kota-serang",
        "Gorong-gorong ambles di Jalan Kagungan",
        "Tutup gorong-gorong di tepi Jalan Kagungan ambles dan berlubang, berbahaya bagi pejalan "
        "kaki terutama anak sekolah.",
        Classification.PENGADUAN,
        "drainase",
        "Serang",
        "Kagungan",
        "Depan SD Negeri Kagungan",
        contact_name="Rohman",
        days_ago=5,
        steps=(
            V,
            Step("dispatch", agency="DPUPR", hours=2),
            Step("start", hours=6),
            Step(
                "answer",
                "Tutup gorong-gorong sudah diganti dengan plat beton baru oleh tim DPUPR. "
                "Terima kasih atas laporannya.",
                hours=30,
            ),
        ),
    ),
    Story(
        "kota-serang",
        "Syarat pendaftaran pelatihan UMKM digital",
        "Apa saja syarat untuk ikut pelatihan pemasaran digital bagi UMKM yang diadakan "
        "pemerintah kota tahun ini?",
        Classification.PERMINTAAN_INFORMASI,
        "internet-informasi",
        "Kasemen",
        contact_name="Euis",
        days_ago=0.5,
        steps=(V,),
    ),
    # ------------------------------------------------------------ Kota Tangerang Selatan
    Story(
        "kota-tangerang-selatan",
        "Jalan Siliwangi Pamulang rusak dan berlubang",
        "Di Jalan Siliwangi dekat pertigaan Pamulang Barat banyak lubang yang membuat macet dan "
        "membahayakan pengendara motor.",
        Classification.PENGADUAN,
        "jalan-dan-jembatan",
        "Pamulang",
        "Pamulang Barat",
        "Jalan Siliwangi",
        reporter="warga.pamulang",
        days_ago=19,
        steps=(
            V,
            Step("dispatch", agency="DPUPR", hours=2),
            Step("start", hours=12),
            Step(
                "answer",
                "Penambalan Jalan Siliwangi sudah dikerjakan pada ruas sepanjang 150 meter.",
                hours=50,
            ),
            Step("rate", value=4, hours=6),
            CLOSE,
        ),
    ),
    Story(
        "kota-tangerang-selatan",
        "Genangan air di Jalan Pondok Kacang Raya setiap hujan",
        "Setiap hujan lebih dari satu jam, Jalan Pondok Kacang Raya tergenang sekitar 30 cm "
        "karena saluran di sisi jalan dangkal.",
        Classification.PENGADUAN,
        "drainase",
        "Pondok Aren",
        "Pondok Kacang Timur",
        contact_name="Fikri",
        days_ago=6,
        steps=(V, Step("dispatch", agency="DPUPR", hours=2), Step("start", hours=20)),
    ),
    Story(
        "kota-tangerang-selatan",
        "Usul jam layanan perpustakaan kota sampai malam",
        "Banyak pekerja dan mahasiswa baru bisa ke perpustakaan sepulang kerja. Kami usul jam "
        "layanan perpustakaan kota diperpanjang sampai pukul 20.00 pada hari kerja.",
        Classification.ASPIRASI,
        "perpustakaan",
        "Serpong",
        contact_name="Anisa",
        days_ago=11,
        steps=(
            V,
            Step("dispatch", agency="DPAD", hours=3),
            Step(
                "answer",
                "Terima kasih atas usulannya. Mulai bulan depan layanan perpustakaan kami uji coba "
                "buka sampai pukul 19.00 setiap Selasa dan Kamis.",
                hours=40,
            ),
        ),
    ),
    Story(
        "kota-tangerang-selatan",
        "Informasi jadwal uji emisi kendaraan gratis",
        "Kapan dan di mana ada uji emisi kendaraan gratis dari pemerintah kota bulan ini?",
        Classification.PERMINTAAN_INFORMASI,
        "kebersihan",
        "Ciputat",
        reporter="warga.pamulang",
        days_ago=1,
        steps=(V,),
    ),
    Story(
        "kota-tangerang-selatan",
        "Oknum meminta uang untuk mempercepat izin usaha",
        "Ketika mengurus izin usaha mikro, ada orang yang mengaku petugas menawarkan "
        "mempercepat proses dengan membayar Rp300.000. Saya tidak mau nama saya disebut.",
        Classification.PENGADUAN_PENGAWASAN,
        "pelayanan-publik",
        "Setu",
        privacy=Privacy.ANONYMOUS,
        contact_name="Pelaku UMKM Setu",
        days_ago=7,
        steps=(V, Step("dispatch", agency="Inspektorat", hours=4)),
    ),
    Story(
        "kota-tangerang-selatan",
        "Sinyal internet lemah di Puskesmas Setu",
        "Antrean di Puskesmas Setu sering lama karena sistem pendaftaran daring putus-putus. "
        "Sepertinya jaringan internet di puskesmas lemah.",
        Classification.PENGADUAN,
        "internet-informasi",
        "Setu",
        "Setu",
        contact_name="Wawan",
        days_ago=0.5,
        source=Source.ANDROID,
    ),
    Story(
        "kota-tangerang-selatan",
        "Dahan pohon rawan patah di trotoar Jalan Raya Serpong",
        "Ada dahan pohon besar yang sudah kering dan menjuntai di atas trotoar Jalan Raya "
        "Serpong dekat halte. Mohon dipangkas sebelum musim hujan.",
        Classification.PENGADUAN,
        "kebersihan",
        "Serpong",
        "Lengkong Gudang",
        contact_name="Benny",
        days_ago=17,
        steps=(
            V,
            Step("dispatch", agency="DLH", hours=2),
            Step("answer", "Pemangkasan sudah dilakukan oleh tim pertamanan DLH.", hours=26),
        ),
    ),
)


def load(ctx: DemoContext) -> None:
    for slug, government in ctx.governments.items():
        if slug not in CATEGORIES:
            continue
        _load_categories(government)
        _load_service_levels(government)
        _load_templates(government)
    created = 0
    for story in STORIES:
        city = ctx.governments.get(story.city)
        if city is None or Complaint.objects.filter(government=city, title=story.title).exists():
            continue
        _play(story, city, ctx)
        created += 1
    for government in ctx.governments.values():
        closed = services.complaints_autoclose(government=government)
        escalated = services.complaints_escalate_overdue(government=government)
        count = Complaint.objects.filter(government=government).count()
        ctx.note(
            f"{government.name}: {count} laporan / reports "
            f"({closed} ditutup sistem / closed by the system, {escalated} eskalasi / escalated)"
        )
    if created:
        ctx.note("Lacak laporan / follow a report: /kota-serang/aduan/lacak/")


def _agency(government: Government, short_name: str) -> Agency:
    return Agency.objects.get(government=government, short_name=short_name)


def _load_categories(government: Government) -> None:
    for slug, name, agency in CATEGORIES[government.slug]:
        Category.objects.get_or_create(
            government=government,
            slug=slug,
            defaults={
                "name": name,
                "default_agency": Agency.objects.filter(
                    government=government, short_name=agency
                ).first(),
            },
        )


def _load_service_levels(government: Government) -> None:
    if government.slug != "kota-serang":
        return  # Tangerang Selatan keeps the LAPOR! defaults in working days.
    # Rabeg: agencies answer within 3 × 24 hours, light complaints within 1 × 24 hours.
    for severity, hours in [("", 72), (Severity.LIGHT, 24)]:
        ServiceLevel.objects.get_or_create(
            government=government,
            classification=Classification.PENGADUAN,
            severity=severity,
            defaults={"hours": hours},
        )


def _load_templates(government: Government) -> None:
    for short_name, title, text in TEMPLATES:
        agency = Agency.objects.filter(government=government, short_name=short_name).first()
        if agency is not None:
            AnswerTemplate.objects.get_or_create(
                government=government, agency=agency, title=title, defaults={"text": text}
            )


def _officer(government: Government, agency: Agency | None, fallback: Any) -> Any:
    membership = (
        Membership.objects.filter(government=government, agency=agency, role=Role.AGENCY_OFFICER)
        .select_related("user")
        .first()
    )
    # Agencies without a demo officer answer through the coordinator (allowed by the table).
    return membership.user if membership else fallback


def _coordinator(government: Government) -> Any:
    membership = (
        Membership.objects.filter(government=government, role=Role.COORDINATOR)
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


def _region(
    government: Government, kecamatan: str, kelurahan: str
) -> tuple[Region | None, Region | None]:
    district = Region.objects.filter(
        parent_id=government.region_id, level=Region.Level.DISTRICT, name=kecamatan
    ).first()
    village = None
    if district is not None and kelurahan:
        village = Region.objects.filter(parent=district, name=kelurahan).first()
    return district, village


def _play(story: Story, government: Government, ctx: DemoContext) -> Complaint:
    coordinator = _coordinator(government)
    reporter = ctx.users.get(story.reporter) if story.reporter else None
    kecamatan, kelurahan = _region(government, story.kecamatan, story.kelurahan)
    complaint = services.complaint_submit(
        government=government,
        title=story.title,
        text=story.text,
        classification=story.classification,
        category=Category.objects.filter(government=government, slug=story.category).first(),
        kecamatan=kecamatan,
        kelurahan=kelurahan,
        address=story.address,
        privacy=story.privacy,
        contact_name=story.contact_name,
        source=story.source,
        by=reporter,
    )
    offsets = [0.0]
    for step in story.steps:
        if (
            step.agency
            and not Agency.objects.filter(government=government, short_name=step.agency).exists()
        ):
            # The foundation renamed or dropped the agency: keep the report, stop its story here.
            ctx.note(
                f"  (demo: no agency {step.agency!r} in {government.slug}; report left unrouted)"
            )
            break
        _step(step, complaint, government, coordinator, reporter)
        offsets.append(offsets[-1] + step.hours)
    _retime(complaint, story.days_ago, offsets)
    return complaint


def _step(
    step: Step, complaint: Complaint, government: Government, coordinator: Any, reporter: Any
) -> None:
    as_code = reporter is None
    officer = _officer(government, complaint.agency, coordinator)
    match step.action:
        case "verify":
            services.complaint_verify(
                complaint=complaint, by=coordinator, severity=step.value or ""
            )
        case "dispatch":
            services.complaint_dispatch(
                complaint=complaint, agency=_agency(government, step.agency), by=coordinator
            )
        case "start":
            if officer is not coordinator:  # only an agency's own officer takes it in hand
                services.complaint_start(complaint=complaint, by=officer)
        case "answer":
            services.complaint_answer(complaint=complaint, text=step.text, by=officer)
        case "note":
            services.complaint_note_add(complaint=complaint, note=step.text, by=officer)
        case "rate":
            services.complaint_rate(
                complaint=complaint, score=step.value, by=reporter, holds_code=as_code
            )
        case "close":
            services.complaint_close(complaint=complaint, by=reporter, holds_code=as_code)
        case "close_admin":
            services.complaint_close(complaint=complaint, by=coordinator)
        case "reopen":
            services.complaint_reopen(
                complaint=complaint, reason=step.text, by=reporter, holds_code=as_code
            )
        case "request_info":
            services.complaint_request_info(complaint=complaint, question=step.text, by=coordinator)
        case "duplicate":
            original = Complaint.objects.get(government=government, title=step.value)
            services.complaint_mark_duplicate(
                complaint=complaint, original=original, by=coordinator, note=step.text
            )
        case "forward":
            services.complaint_forward(
                complaint=complaint, to=step.value or step.text, by=coordinator, note=step.text
            )
        case "archive":
            services.complaint_archive(
                complaint=complaint, reason=step.value, by=coordinator, note=step.text
            )
        case _:
            raise ValueError(f"unknown demo step {step.action!r}")


def _retime(complaint: Complaint, days_ago: float, offsets: list[float]) -> None:
    """Spread the report's story over the past: submission ``days_ago`` days ago, each timeline
    entry at its step's offset in hours, the report's own timestamps following its entries."""
    submitted = timezone.now() - dt.timedelta(days=days_ago)
    events = list(ComplaintEvent.objects.filter(complaint=complaint).order_by("id"))
    step = 0
    moments: dict[int, dt.datetime] = {}
    for event in events:
        if (
            event.kind
            in {
                ComplaintEvent.Kind.TRANSITION,
                ComplaintEvent.Kind.ANSWER,
                ComplaintEvent.Kind.REPLY,
                ComplaintEvent.Kind.NOTE,
            }
            and event.pk != events[0].pk
        ):
            step += 1
        moment = submitted + dt.timedelta(hours=offsets[min(step, len(offsets) - 1)])
        event.at = min(moment, timezone.now())
        moments[event.pk] = event.at
    ComplaintEvent.objects.bulk_update(events, ["at"])
    fields: dict[str, Any] = {"submitted_at": submitted}
    for event in events:
        if event.to_status == Status.VERIFIED and "verified_at" not in fields:
            fields["verified_at"] = event.at
        if event.to_status == Status.DISPATCHED:
            fields["dispatched_at"] = event.at
        if event.kind == ComplaintEvent.Kind.ANSWER:
            fields.setdefault("first_answered_at", event.at)
            fields["answered_at"] = event.at
        if event.to_status in {Status.CLOSED, Status.FORWARDED, Status.ARCHIVED}:
            fields["closed_at"] = event.at
    complaint.refresh_from_db()
    if complaint.verified_at is None:
        fields.pop("verified_at", None)
    fields["due_at"] = services.service_level_due(
        government=complaint.government,
        classification=complaint.classification,
        severity=complaint.severity,
        start=submitted,
        is_emergency=complaint.is_emergency,
    )
    Complaint.objects.filter(pk=complaint.pk).update(**fields)
    summary_sync(complaint.government_id, [complaint.pk])  # times set without a save
    for answer in ComplaintAnswer.objects.filter(complaint=complaint).select_related("event"):
        if answer.event_id and answer.event_id in moments:
            answer.created_at = moments[answer.event_id]
            answer.within_service_level = answer.created_at <= fields["due_at"]
            answer.save(update_fields=["created_at", "within_service_level"])
