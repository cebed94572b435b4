"""Demo: information requests (UU 14/2008) and each Diskominfo's Daftar Informasi Publik.

For both cities: requests answered on time, one extended with a written reason, one refused on a
legal ground, one objection answered by the superior, one still waiting; dated in the past
working days so the due dates and overdue marks are real.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from rembug.demo.context import DemoContext
from rembug.governments.models import Agency, Government
from rembug.ppid import services
from rembug.ppid.models import (
    AccessMode,
    Delivery,
    IdKind,
    InformationCategory,
    InformationRequest,
    ObjectionOutcome,
    PublicInformation,
    RefusalGround,
    Status,
)
from rembug.ppid.workflow import PPID, REQUESTER, SUPERIOR


@dataclass(frozen=True)
class Story:
    agency: str
    name: str
    information: str
    purpose: str
    days_ago: int
    outcome: str = ""  # granted, partly, refused; empty: not answered
    answer: str = ""
    ground: str = ""
    answer_after: int = 3
    extension: str = ""
    objection: str = ""
    objection_reason: str = ""
    objection_answer: str = ""


STORIES: dict[str, list[Story]] = {
    "kota-serang": [
        Story(
            "Diskominfo",
            "Rizky Maulana",
            "Daftar lokasi titik akses internet gratis (WiFi publik) di fasilitas umum Kota Serang "
            "tahun 2022 beserta status aktifnya.",
            "Liputan media lokal tentang pemerataan akses internet",
            days_ago=40,
            outcome=Status.GRANTED,
            answer="Daftar 48 titik WiFi publik kami kirim dalam lampiran surel (format XLSX).",
        ),
        Story(
            "Diskominfo",
            "Nur Aini",
            "Dokumen Rencana Kerja (Renja) Diskominfo Kota Serang tahun 2022 dan notulen Forum "
            "Perangkat Daerah 17 Februari 2022.",
            "Bahan tugas akhir mahasiswa administrasi publik Untirta",
            days_ago=30,
            outcome=Status.GRANTED,
            answer="Renja 2022 dan notulen Forum Perangkat Daerah kami kirim dalam format PDF.",
            answer_after=14,
            extension="Notulen forum masih dalam proses penandatanganan oleh Sekretaris Dinas.",
        ),
        Story(
            "Diskominfo",
            "Agus Salim",
            "Rekaman CCTV Serang Siaga 112 pada 3 Januari beserta identitas penelepon.",
            "Keperluan pribadi",
            days_ago=25,
            outcome=Status.REFUSED,
            answer="Identitas penelepon dan rekaman panggilan darurat memuat data pribadi yang "
            "dikecualikan; permohonan tidak dapat kami penuhi.",
            ground=RefusalGround.P17H,
            objection="Saya hanya memerlukan rekaman, bukan identitas penelepon.",
            objection_reason="a",
            objection_answer="Keberatan ditolak: rekaman memuat suara dan data pribadi penelepon "
            "yang tidak dapat dipisahkan. PPID telah menjawab sesuai Pasal 17 huruf h.",
        ),
        Story(
            "DPUPR",
            "Komunitas Serang Bersepeda",
            "Rencana jaringan serat optik ke kelurahan tahun 2023: lokasi dan anggaran.",
            "Advokasi kebijakan infrastruktur digital",
            days_ago=4,
        ),
    ],
    "kota-tangerang-selatan": [
        Story(
            "Diskominfo",
            "Lembaga Kajian Tata Kelola Digital",
            "Laporan hasil FGD penyusunan Renstra Diskominfo 2025–2029 di Hotel Pranaya, "
            "21 November 2024.",
            "Kajian partisipasi publik dalam perencanaan daerah",
            days_ago=35,
            outcome=Status.PARTLY_GRANTED,
            answer="Laporan FGD kami berikan; daftar hadir peserta tidak kami sertakan karena "
            "memuat data pribadi.",
            ground=RefusalGround.P17H,
        ),
        Story(
            "Diskominfo",
            "Sri Wahyuni",
            "Data jumlah aduan masyarakat per kecamatan tahun 2024.",
            "Bahan diskusi warga di Pamulang",
            days_ago=20,
            outcome=Status.GRANTED,
            answer="Data per kecamatan kami kirim; data yang sama ada di halaman data terbuka.",
            answer_after=12,
            extension="Data sedang direkapitulasi dari dua kanal pengaduan.",
        ),
        Story(
            "DPUPR",
            "Hendrik Wijaya",
            "Kontrak pengadaan jaringan fiber optik pemerintah kota tahun 2024.",
            "Pengawasan pengadaan oleh LSM",
            days_ago=18,
            outcome=Status.REFUSED,
            answer="Dokumen kontrak tersebut tidak berada di bawah penguasaan Dinas PUPR.",
            ground=RefusalGround.NOT_CONTROLLED,
        ),
        Story(
            "Diskominfo",
            "Putri Lestari",
            "Anggaran dan realisasi program transformasi digital tahun 2025 per triwulan.",
            "Pemantauan anggaran oleh warga",
            days_ago=25,
            objection="Sudah lewat sepuluh hari kerja tanpa jawaban.",
            objection_reason="c",
        ),
    ],
}

DIP = [
    (
        "Rencana Strategis (Renstra) Perangkat Daerah",
        "Tujuan, sasaran, program, kegiatan dan indikator kinerja lima tahun.",
        "Sekretaris Dinas",
        "PDF",
        "Permanen",
        InformationCategory.PERIODIC,
    ),
    (
        "Rencana Kerja (Renja) dan DPA tahunan",
        "Program, kegiatan dan sub kegiatan tahun berjalan dengan target dan pagu.",
        "Kepala Sub Bagian Perencanaan",
        "PDF, XLSX",
        "10 tahun",
        InformationCategory.PERIODIC,
    ),
    (
        "Laporan Kinerja Instansi Pemerintah (LKjIP)",
        "Capaian kinerja tahunan terhadap Renstra dan perjanjian kinerja.",
        "Kepala Sub Bagian Perencanaan",
        "PDF",
        "10 tahun",
        InformationCategory.PERIODIC,
    ),
    (
        "Peringatan gangguan layanan dan keadaan darurat",
        "Informasi yang mengancam hajat hidup orang banyak, diumumkan segera.",
        "Kepala Bidang Informasi dan Komunikasi Publik",
        "Situs web, media sosial",
        "1 tahun",
        InformationCategory.IMMEDIATE,
    ),
    (
        "Daftar aset dan inventaris",
        "Barang milik daerah yang dikelola perangkat daerah.",
        "Pengurus Barang",
        "XLSX",
        "5 tahun",
        InformationCategory.ON_REQUEST,
    ),
]


def load(ctx: DemoContext) -> None:
    for slug, stories in STORIES.items():
        government = ctx.governments.get(slug)
        if government is None:
            continue
        if InformationRequest.objects.filter(government=government).exists():
            ctx.note(f"PPID: {government.name} already has requests, kept as they are.")
            continue
        for number, story in enumerate(stories):
            _play(government, story, number, ctx)
        _load_list(government, ctx)
        count = InformationRequest.objects.filter(government=government).count()
        ctx.note(f"{government.name}: {count} permohonan informasi / information requests")
    ctx.note("Register PPID / information requests: /kota-serang/ppid/")


def _user(ctx: DemoContext, login: str) -> Any:
    return ctx.users.get(login)


def _city(government: Government) -> str:
    return "serang" if government.slug == "kota-serang" else "tangsel"


def _officer(ctx: DemoContext, government: Government, agency: Agency) -> Any:
    login = {"Diskominfo": "kominfo", "DPUPR": "pupr"}.get(agency.short_name, "")
    return _user(ctx, f"petugas.{login}.{_city(government)}")


def _play(government: Government, story: Story, number: int, ctx: DemoContext) -> None:
    agency = Agency.objects.get(government=government, short_name=story.agency)
    now = timezone.now()
    start = (now - dt.timedelta(days=story.days_ago)).replace(hour=9, minute=10 + number)
    slug = "".join(ch for ch in story.name.lower() if ch.isalnum())[:20]
    code = government.code.replace(".", "")
    made = services.request_submit(
        government=government,
        agency=agency,
        name=story.name,
        id_kind=IdKind.NIK,
        id_number=f"{code}{number + 1:02d}0101{85 + number:02d}{number + 1:04d}",
        address=f"Jl. Contoh No. {number + 1}, {government.region.name}",
        phone=f"0812000{number:05d}",
        email=f"{slug}@contoh.id",
        information=story.information,
        purpose=story.purpose,
        access_mode=AccessMode.SOFT_COPY,
        delivery=Delivery.EMAIL,
        by=None,
        at=start,
    )
    officer = _officer(ctx, government, agency)
    if story.extension:
        services.request_extend(
            request=made,
            reason=story.extension,
            actors=frozenset({PPID}),
            by=officer,
            at=start + dt.timedelta(days=6),
        )
    if story.outcome:
        services.request_answer(
            request=made,
            outcome=story.outcome,
            answer=story.answer,
            refusal_ground=story.ground,
            actors=frozenset({PPID}),
            by=officer,
            at=start + dt.timedelta(days=story.answer_after),
        )
    if story.objection:
        objected_at = (
            made.answered_at + dt.timedelta(days=2)
            if made.answered_at
            else min(made.due_at + dt.timedelta(hours=10), timezone.now())
        )
        services.request_object(
            request=made,
            reason=story.objection_reason,
            text=story.objection,
            actors=frozenset({REQUESTER}),
            by=None,
            at=objected_at,
        )
        if story.objection_answer:
            services.objection_answer(
                request=made,
                outcome=ObjectionOutcome.DISMISSED,
                answer=story.objection_answer,
                actors=frozenset({SUPERIOR}),
                by=_user(ctx, f"koordinator.{_city(government)}"),
                at=objected_at + dt.timedelta(days=7),
            )


def _load_list(government: Government, ctx: DemoContext) -> None:
    coordinator = _user(ctx, f"koordinator.{_city(government)}")
    for agency in Agency.objects.filter(government=government, short_name__in=["Diskominfo"]):
        if PublicInformation.objects.filter(government=government, agency=agency).exists():
            continue
        for title, summary, responsible, fmt, retention, category in DIP:
            services.public_information_add(
                government=government,
                agency=agency,
                title=title,
                summary=summary,
                responsible=responsible,
                format=fmt,
                retention=retention,
                category=category,
                by=coordinator,
            )
        # Exempt information is listed too, with its Pasal 17 ground and consequence test.
        services.public_information_add(
            government=government,
            agency=agency,
            title="Identitas pelapor aduan dan pemohon informasi",
            summary="Nama, NIK, alamat dan kontak pelapor aduan serta pemohon informasi.",
            responsible="PPID Pelaksana",
            format="Basis data",
            retention="Selama layanan berjalan",
            category=InformationCategory.EXEMPT,
            exemption_ground=RefusalGround.P17H,
            exemption_reason=(
                "Membuka identitas pelapor dan pemohon mengungkap rahasia pribadi dan dapat "
                "membahayakan mereka; dikecualikan tanpa batas waktu."
            ),
            by=coordinator,
        )
