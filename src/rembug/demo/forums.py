"""The demo's forums: the two forums of the story behind Rembug, and one open forum to try.

- Kota Tangerang Selatan: the FGD on the technocratic draft of the Diskominfo Renstra 2025–2029
  (Hotel Pranaya, 21 November 2024) with participants from agencies, universities and ICT
  organisations; its three themes (digital government, ICT infrastructure, public information)
  accepted into the Renstra's sub kegiatan.
- Kota Serang: the Forum Perangkat Daerah (Forum Renja) of Diskominfo (Ballroom Hotel Ledian,
  17 February 2022, opened by the Sekda; speakers from DPRD Komisi I, Bappeda and the Diskominfo
  secretary) with the inputs actually raised (DOMAIN.md), each answered: accepted into the Renja
  sub kegiatan that planning's demo names for it (``SERANG_FORUM_RENJA_2022``), merged, or
  forwarded to the agency in charge.
- Kota Serang: an open Forum Perangkat Daerah for next year's Renja, taking inputs, supports and
  reactions, so that a visitor can take part.

People's names in the two historical forums are not recorded in the sources, so participants
are listed by position and institution. The statements and the reactions to them (drawn with a
fixed seed) are illustrative, as are supports; everything else goes through the forum services.
Loading is idempotent: a forum whose title exists is kept.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from rembug.demo.context import DemoContext
from rembug.forums.models import (
    Disposition,
    Forum,
    ForumInput,
    ForumPhaseChange,
    InstitutionKind,
    Participant,
    Reaction,
    Statement,
)
from rembug.forums.services import (
    InputFields,
    forum_analysis_refresh,
    forum_attendance_mark,
    forum_create,
    forum_input_dispose,
    forum_input_submit,
    forum_input_support,
    forum_phase_advance,
    participant_add,
    statement_add,
    statement_react,
)
from rembug.governments.models import Agency, Government
from rembug.planning.models import PlanDocument, PlanItem
from rembug.regions.models import Region

WIB = ZoneInfo("Asia/Jakarta")
P = Forum.Phase
I = InstitutionKind  # noqa: E741 - short alias for the tables below


@dataclass(frozen=True)
class Person:
    name: str
    position: str
    institution: str
    kind: str
    speaker: bool = False
    topic: str = ""


@dataclass(frozen=True)
class Usulan:
    title: str
    text: str
    proposer: str
    institution: str
    kind: str
    target: str  # agency short name
    outcome: str
    plan_code: str = ""
    reason: str = ""
    kecamatan: str = ""
    merged_into: str = ""  # title of another usulan
    forwarded_to_urusan: str = ""
    volume: str = ""
    unit: str = ""
    cost_million: int = 0


# --- Kota Serang, Forum Renja Diskominfo, 17 February 2022 --------------------------------

SERANG_PEOPLE = [
    Person(
        "Sekretaris Daerah Kota Serang",
        "Sekretaris Daerah",
        "Sekretariat Daerah",
        I.AGENCY,
        speaker=True,
        topic="Pembukaan forum",
    ),
    Person(
        "Perwakilan Komisi I DPRD Kota Serang",
        "Anggota Komisi I",
        "DPRD Kota Serang",
        I.DPRD,
        speaker=True,
        topic="Pokok pikiran DPRD bidang pemerintahan dan kominfo",
    ),
    Person(
        "Perwakilan Bappeda Kota Serang",
        "Kepala Bidang Perencanaan",
        "Bappeda Kota Serang",
        I.AGENCY,
        speaker=True,
        topic="Arah kebijakan RKPD dan keselarasan Renja",
    ),
    Person(
        "Sekretaris Diskominfo Kota Serang",
        "Sekretaris Dinas",
        "Diskominfo Kota Serang",
        I.AGENCY,
        speaker=True,
        topic="Rancangan Renja Diskominfo: output yang dirasakan warga",
    ),
    Person("Camat Kasemen", "Camat", "Kecamatan Kasemen", I.KECAMATAN),
    Person("Perwakilan Dinas PUPR", "Kepala Bidang", "Dinas PUPR Kota Serang", I.AGENCY),
    Person("Perwakilan Kecamatan Serang", "Sekretaris Camat", "Kecamatan Serang", I.KECAMATAN),
    Person("Perwakilan Kecamatan Taktakan", "Sekretaris Camat", "Kecamatan Taktakan", I.KECAMATAN),
    Person("Lurah Kasunyatan", "Lurah", "Kelurahan Kasunyatan", I.KELURAHAN),
    Person("Perwakilan Untirta", "Dosen", "Universitas Sultan Ageng Tirtayasa", I.UNIVERSITY),
    Person("Perwakilan Relawan TIK Kota Serang", "Ketua", "Relawan TIK Kota Serang", I.COMMUNITY),
]

SERANG_USULAN = [
    Usulan(
        "Keterbukaan informasi publik",
        "Setiap perangkat daerah mengumumkan informasi publik secara berkala dan PPID pelaksana "
        "dibina, agar warga mudah memperoleh informasi.",
        "Perwakilan Untirta",
        "Universitas Sultan Ageng Tirtayasa",
        I.UNIVERSITY,
        "Diskominfo",
        "accepted",
        plan_code="2.16.02.2.01.06",
    ),
    Usulan(
        "Akses internet gratis hingga fasilitas publik",
        "Akses internet gratis diperluas sampai fasilitas publik: taman, alun-alun, puskesmas dan "
        "kantor kelurahan.",
        "Perwakilan Relawan TIK Kota Serang",
        "Relawan TIK Kota Serang",
        I.COMMUNITY,
        "Diskominfo",
        "accepted",
        plan_code="2.16.03.2.02.09",
        volume="30",
        unit="titik",
        cost_million=450,
    ),
    Usulan(
        "Peningkatan layanan e-government",
        "Layanan e-government ditingkatkan dan terintegrasi, termasuk layanan bagi DPRD.",
        "Perwakilan Komisi I DPRD Kota Serang",
        "DPRD Kota Serang",
        I.DPRD,
        "Diskominfo",
        "accepted",
        plan_code="2.16.03.2.02.07",
    ),
    Usulan(
        "Pengembangan layanan digital PATEN",
        "Layanan Administrasi Terpadu Kecamatan (PATEN) yang sudah ada dikembangkan secara digital "
        "sehingga warga dapat mengajukan dan memantau layanan dari ponsel.",
        "Camat Kasemen",
        "Kecamatan Kasemen",
        I.KECAMATAN,
        "Diskominfo",
        "accepted",
        plan_code="2.16.03.2.02.07",
        kecamatan="Kasemen",
    ),
    Usulan(
        "Aplikasi perjalanan dinas",
        "Dibangun aplikasi perjalanan dinas (SPT, SPPD, rincian biaya dan laporan perjalanan) "
        "untuk seluruh perangkat daerah.",
        "Camat Kasemen",
        "Kecamatan Kasemen",
        I.KECAMATAN,
        "Diskominfo",
        "merged",
        merged_into="Peningkatan layanan e-government",
        kecamatan="Kasemen",
        reason="Dibangun sebagai bagian dari integrasi aplikasi layanan e-government "
        "(sub kegiatan 2.16.03.2.02.07).",
    ),
    Usulan(
        "Promosi digital UMKM",
        "UMKM Kecamatan Kasemen dipromosikan secara digital: direktori usaha dan katalog produk.",
        "Camat Kasemen",
        "Kecamatan Kasemen",
        I.KECAMATAN,
        "Diskominfo",
        "forwarded",
        forwarded_to_urusan="2.17",
        kecamatan="Kasemen",
        reason="Pembinaan dan promosi UMKM adalah urusan koperasi dan UKM; Diskominfo mendukung "
        "penayangan katalognya di portal pemerintah kota.",
    ),
    Usulan(
        "Jaringan fiber optik untuk setiap perangkat daerah hingga kelurahan",
        "Jaringan fiber optik menghubungkan setiap perangkat daerah sampai ke kantor kelurahan.",
        "Perwakilan Dinas PUPR",
        "Dinas PUPR Kota Serang",
        I.AGENCY,
        "Diskominfo",
        "accepted",
        plan_code="2.16.03.2.01.03",
        volume="67",
        unit="kelurahan",
        cost_million=2_500,
    ),
]

SERANG_STATEMENTS = [
    "Informasi anggaran setiap perangkat daerah harus diumumkan secara berkala.",
    "Internet gratis sebaiknya diprioritaskan di puskesmas dan kantor kelurahan.",
    "Internet gratis di ruang publik lebih penting daripada membangun aplikasi baru.",
    "Layanan PATEN harus bisa diajukan dari ponsel.",
    "Aplikasi perjalanan dinas akan menghemat anggaran dan mencegah SPPD fiktif.",
    "Promosi UMKM cukup lewat media sosial, tidak perlu aplikasi khusus.",
    "Jaringan fiber optik ke kelurahan harus selesai sebelum aplikasi baru dibangun.",
    "DPRD perlu dilibatkan dalam mengawasi layanan e-government.",
    "Rabeg Online dan Serang Siaga 112 harus terus ditingkatkan.",
]

# --- Kota Tangerang Selatan, FGD Renstra Diskominfo 2025–2029, 21 November 2024 -------------

TANGSEL_PEOPLE = [
    Person(
        "Kepala Diskominfo Kota Tangerang Selatan",
        "Kepala Dinas",
        "Diskominfo",
        I.AGENCY,
        speaker=True,
        topic="Rancangan teknokratik Renstra 2025–2029",
    ),
    Person(
        "Perwakilan Bappelitbangda",
        "Kepala Bidang",
        "Bappelitbangda",
        I.AGENCY,
        speaker=True,
        topic="Keselarasan dengan RPJPD 2025–2045 dan RPJMD 2025–2029",
    ),
    Person("Perwakilan Disdukcapil", "Kepala Bidang", "Disdukcapil", I.AGENCY),
    Person("Perwakilan DPMPTSP", "Kepala Bidang", "DPMPTSP", I.AGENCY),
    Person("Perwakilan Kecamatan Pamulang", "Sekretaris Camat", "Kecamatan Pamulang", I.KECAMATAN),
    Person(
        "Perwakilan Universitas Pamulang",
        "Dosen Teknik Informatika",
        "Universitas Pamulang (Unpam)",
        I.UNIVERSITY,
        speaker=True,
        topic="Transformasi digital pemerintahan",
    ),
    Person(
        "Perwakilan UIN Syarif Hidayatullah",
        "Dosen",
        "UIN Syarif Hidayatullah Jakarta",
        I.UNIVERSITY,
    ),
    Person(
        "Perwakilan Relawan TIK Tangerang Selatan",
        "Ketua",
        "Relawan TIK Tangerang Selatan",
        I.COMMUNITY,
    ),
    Person("Perwakilan komunitas TIK", "Pegiat", "Komunitas TIK Tangerang Selatan", I.COMMUNITY),
]

TANGSEL_USULAN = [
    Usulan(
        "Percepatan transformasi digital pemerintahan dan layanan publik",
        "Transformasi digital pemerintahan dan layanan publik belum optimal: aplikasi layanan "
        "diintegrasikan dalam SPBE sehingga warga cukup satu pintu.",
        "Perwakilan Universitas Pamulang",
        "Universitas Pamulang (Unpam)",
        I.UNIVERSITY,
        "Diskominfo",
        "accepted",
        plan_code="2.16.03.2.02.07",
    ),
    Usulan(
        "Penguatan infrastruktur TIK sampai kelurahan",
        "Infrastruktur TIK diperkuat: jaringan fiber optik menghubungkan setiap perangkat daerah "
        "dan kelurahan, pusat data andal.",
        "Perwakilan Relawan TIK Tangerang Selatan",
        "Relawan TIK Tangerang Selatan",
        I.COMMUNITY,
        "Diskominfo",
        "accepted",
        plan_code="2.16.03.2.01.03",
    ),
    Usulan(
        "Akses internet publik di fasilitas umum",
        "Titik akses internet publik ditambah di taman kota, perpustakaan dan kantor kelurahan.",
        "Perwakilan Kecamatan Pamulang",
        "Kecamatan Pamulang",
        I.KECAMATAN,
        "Diskominfo",
        "accepted",
        plan_code="2.16.03.2.02.09",
        kecamatan="Pamulang",
    ),
    Usulan(
        "Perluasan akses masyarakat terhadap informasi publik",
        "Akses warga terhadap informasi publik diperluas: PPID pelaksana di setiap perangkat "
        "daerah dan pengaduan ditindaklanjuti tepat waktu.",
        "Perwakilan UIN Syarif Hidayatullah",
        "UIN Syarif Hidayatullah Jakarta",
        I.UNIVERSITY,
        "Diskominfo",
        "accepted",
        plan_code="2.16.02.2.01.06",
    ),
]


def load(ctx: DemoContext) -> None:
    serang = ctx.governments.get("kota-serang")
    tangsel = ctx.governments.get("kota-tangerang-selatan")
    if serang is not None:
        _serang_forum_renja(ctx, serang)
        _serang_open_forum(ctx, serang)
    if tangsel is not None:
        _tangsel_fgd(ctx, tangsel)


def _agency(government: Government, short_name: str) -> Agency | None:
    return Agency.objects.filter(government=government, short_name=short_name).first()


def _agency_for_urusan(government: Government, urusan: str) -> Agency | None:
    for agency in Agency.objects.filter(government=government, is_active=True).order_by("name"):
        if urusan in agency.urusan_codes:
            return agency
    return None


def _district(government: Government, name: str) -> Region | None:
    if not name:
        return None
    return Region.objects.filter(
        parent_id=government.region_id, level=Region.Level.DISTRICT, name=name
    ).first()


def _plan_item(document: PlanDocument | None, code: str) -> PlanItem | None:
    if document is None or not code:
        return None
    return PlanItem.objects.filter(document=document, code=code).first()


def _document(government: Government, title: str) -> PlanDocument | None:
    return PlanDocument.objects.filter(government=government, title=title).first()


def _hold(
    ctx: DemoContext,
    forum: Forum,
    *,
    people: list[Person],
    usulan: list[Usulan],
    statements: list[str],
    facilitator: Any,
    planner: Any,
    plan: PlanDocument | None,
    supporters: list[Any],
    seed: int,
) -> None:
    """Take a forum through every phase, as it happened: invitations, inputs, the day with
    attendance and reactions, deliberation, an answer to every input, results published."""
    government = forum.government
    invited = [
        participant_add(
            forum=forum,
            by=facilitator,
            name=p.name,
            position=p.position,
            institution=p.institution,
            institution_kind=p.kind,
            is_speaker=p.speaker,
            topic=p.topic,
        )
        for p in people
    ]
    forum_phase_advance(forum=forum, to=P.INPUT_OPEN, by=facilitator)
    forum_phase_advance(forum=forum, to=P.FORUM_DAY, by=facilitator, note=forum.opened_by)
    for participant in invited:
        forum_attendance_mark(participant=participant, by=facilitator)
    inputs = {}
    for u in usulan:
        target = _agency(government, u.target)
        inputs[u.title] = forum_input_submit(
            forum=forum,
            by=facilitator,
            captured=True,
            fields=InputFields(
                title=u.title,
                text=u.text,
                proposer_name=u.proposer,
                institution=u.institution,
                institution_kind=u.kind,
                urusan_code="2.16",
                target_agency=target,
                kecamatan=_district(government, u.kecamatan),
                volume=Decimal(u.volume) if u.volume else None,
                unit=u.unit,
                estimated_cost=Decimal(u.cost_million) * 1_000_000 if u.cost_million else None,
            ),
        )
    _opinions(forum, invited, statements, facilitator, seed=seed)
    forum_phase_advance(forum=forum, to=P.DELIBERATION, by=facilitator)
    rng = random.Random(seed)  # noqa: S311 - illustrative demo data, not security
    for item in inputs.values():
        for user in rng.sample(supporters, k=rng.randint(1, len(supporters))):
            forum_input_support(input=item, by=user)
    forum_phase_advance(forum=forum, to=P.DISPOSITION, by=facilitator)
    for u in usulan:
        item = inputs[u.title]
        plan_item = _plan_item(plan, u.plan_code)
        forum_input_dispose(
            input=item,
            by=planner,
            outcome=u.outcome,
            plan_item=plan_item,
            plan_item_label="" if plan_item else u.plan_code,
            merged_into=inputs.get(u.merged_into),
            forwarded_to=_agency_for_urusan(government, u.forwarded_to_urusan),
            reason=u.reason,
        )
    forum_phase_advance(forum=forum, to=P.PUBLISHED, by=facilitator)
    _backdate(forum)
    forum_analysis_refresh(forum=forum)
    ctx.note(
        f"{government.name}: {forum.title} ({len(inputs)} usulan, semua dijawab / all answered)"
    )


def _backdate(forum: Forum) -> None:
    """The services stamp today's date; a forum of 2022 happened then. Inputs date from the
    forum day, answers from four weeks later, phase changes around the day."""
    day = forum.starts_at
    steps = {
        P.INPUT_OPEN: day - dt.timedelta(days=14),
        P.FORUM_DAY: day,
        P.DELIBERATION: day + dt.timedelta(hours=4),
        P.DISPOSITION: day + dt.timedelta(days=7),
        P.PUBLISHED: day + dt.timedelta(days=28),
    }
    for phase, at in steps.items():
        ForumPhaseChange.objects.filter(forum=forum, to_phase=phase).update(at=at)
    Forum.objects.filter(pk=forum.pk).update(phase_changed_at=steps[P.PUBLISHED])
    ForumInput.objects.filter(forum=forum).update(created_at=day, updated_at=day)
    Participant.objects.filter(forum=forum, attended_at__isnull=False).update(attended_at=day)
    Disposition.objects.filter(input__forum=forum).update(decided_at=day + dt.timedelta(days=21))


def _opinions(
    forum: Forum, attendees: list[Participant], statements: list[str], by: Any, *, seed: int
) -> None:
    """Statements and reactions: the attendees plus online residents in two loose camps
    (infrastructure first, services first); drawn with a fixed seed."""
    if not statements:
        return
    rows = [statement_add(forum=forum, by=by, text=text) for text in statements]
    rng = random.Random(seed)  # noqa: S311 - illustrative demo data, not security
    online = Participant.objects.bulk_create(
        Participant(
            government=forum.government,
            forum=forum,
            name=f"Warga daring {n}",
            institution_kind=InstitutionKind.PUBLIC,
            attendance_code=f"W{seed % 100:02d}{n:03d}",
        )
        for n in range(1, 41)
    )
    reactions = []
    for person in [*attendees, *online]:
        camp = rng.random() < 0.55
        for number, statement in enumerate(rows):
            if rng.random() < 0.15:
                continue
            leaning = 1 if (number % 2 == 0) == camp else -1
            value = leaning if rng.random() < 0.75 else rng.choice([-1, 0, 1])
            if number == 0 or number == len(rows) - 1:
                value = 1 if rng.random() < 0.9 else 0  # what nearly everyone shares
            reactions.append(
                Reaction(
                    government=forum.government,
                    forum=forum,
                    statement=statement,
                    participant=person,
                    value=value,
                )
            )
    Reaction.objects.bulk_create(reactions)


def _serang_forum_renja(ctx: DemoContext, government: Government) -> None:
    title = "Forum Perangkat Daerah (Forum Renja) Diskominfo Kota Serang 2022"
    if Forum.objects.filter(government=government, title=title).exists():
        return
    organiser = _agency(government, "Diskominfo")
    facilitator = ctx.users.get("petugas.kominfo.serang")
    planner = ctx.users.get("perencana.serang") or facilitator
    if organiser is None or facilitator is None:
        return
    renja = _document(government, "Renja Diskominfo 2022")
    forum = forum_create(
        government=government,
        by=facilitator,
        kind=Forum.Kind.FORUM_PD,
        title=title,
        organiser=organiser,
        starts_at=dt.datetime(2022, 2, 17, 9, 0, tzinfo=WIB),
        venue="Ballroom Hotel Ledian, Kota Serang",
        agenda="\n".join(
            [
                "Pembukaan oleh Sekretaris Daerah Kota Serang",
                "Paparan DPRD Kota Serang, Komisi I",
                "Paparan Bappeda: arah kebijakan dan keselarasan Renja",
                "Paparan Sekretaris Diskominfo: rancangan Renja Diskominfo",
                "Diskusi dan penyampaian usulan",
                "Perumusan dan penandatanganan berita acara",
            ]
        ),
        opened_by="Sekretaris Daerah Kota Serang",
        signatories="Kepala Dinas Komunikasi dan Informatika — Pimpinan sidang\n"
        "Perwakilan Bappeda Kota Serang — Narasumber\n"
        "Perwakilan Komisi I DPRD Kota Serang — Narasumber\n"
        "Sekretaris Diskominfo — Notulis",
        plan_document=renja,
        plan_document_label="" if renja else "Renja Diskominfo 2022",
        plan_year=renja.period_start if renja else 2022,
    )
    supporters = [
        u
        for u in (
            ctx.users.get(n)
            for n in (
                "warga.kasemen",
                "pemangku.untirta",
                "pemangku.dprd.serang",
                "petugas.kasemen",
                "koordinator.serang",
            )
        )
        if u is not None
    ]
    _hold(
        ctx,
        forum,
        people=SERANG_PEOPLE,
        usulan=SERANG_USULAN,
        statements=SERANG_STATEMENTS,
        facilitator=facilitator,
        planner=planner,
        plan=renja,
        supporters=supporters,
        seed=2022,
    )


def _tangsel_fgd(ctx: DemoContext, government: Government) -> None:
    title = "FGD Penyusunan Renstra Diskominfo Kota Tangerang Selatan 2025–2029"
    if Forum.objects.filter(government=government, title=title).exists():
        return
    organiser = _agency(government, "Diskominfo")
    facilitator = ctx.users.get("petugas.kominfo.tangsel")
    planner = ctx.users.get("perencana.tangsel") or facilitator
    if organiser is None or facilitator is None:
        return
    renstra = _document(government, "Renstra Diskominfo 2025–2029")
    forum = forum_create(
        government=government,
        by=facilitator,
        kind=Forum.Kind.RENSTRA_CONSULTATION,
        title=title,
        organiser=organiser,
        starts_at=dt.datetime(2024, 11, 21, 9, 0, tzinfo=WIB),
        venue="Hotel Pranaya, Kota Tangerang Selatan",
        agenda="\n".join(
            [
                "Pembukaan",
                "Paparan rancangan teknokratik Renstra Diskominfo 2025–2029",
                "Paparan Bappelitbangda: RPJPD 2025–2045 dan RPJMD 2025–2029",
                "Diskusi kelompok: pemerintahan digital, infrastruktur TIK, informasi publik",
                "Perumusan masukan",
            ]
        ),
        opened_by="Kepala Diskominfo Kota Tangerang Selatan",
        signatories="Kepala Diskominfo Kota Tangerang Selatan — Pimpinan FGD\n"
        "Perwakilan Bappelitbangda — Narasumber\n"
        "Perwakilan Universitas Pamulang — Narasumber",
        plan_document=renstra,
        plan_document_label="" if renstra else "Renstra Diskominfo 2025–2029",
        plan_year=2025,
    )
    supporters = [
        u
        for u in (
            ctx.users.get(n)
            for n in (
                "warga.pamulang",
                "pemangku.unpam",
                "koordinator.tangsel",
                "perencana.tangsel",
            )
        )
        if u is not None
    ]
    _hold(
        ctx,
        forum,
        people=TANGSEL_PEOPLE,
        usulan=TANGSEL_USULAN,
        statements=[],
        facilitator=facilitator,
        planner=planner,
        plan=renstra,
        supporters=supporters,
        seed=2024,
    )


def _serang_open_forum(ctx: DemoContext, government: Government) -> None:
    """A forum taking inputs now, for the visitor to try (log in as warga.kasemen)."""
    title = "Forum Perangkat Daerah Diskominfo Kota Serang (contoh, terbuka)"
    if Forum.objects.filter(government=government, title=title).exists():
        return
    organiser = _agency(government, "Diskominfo")
    facilitator = ctx.users.get("petugas.kominfo.serang")
    resident = ctx.users.get("warga.kasemen")
    if organiser is None or facilitator is None:
        return
    next_year = timezone.localdate().year + 1
    forum = forum_create(
        government=government,
        by=facilitator,
        kind=Forum.Kind.FORUM_PD,
        title=title,
        organiser=organiser,
        starts_at=timezone.now() + dt.timedelta(days=14),
        venue="Aula Diskominfo Kota Serang",
        agenda="Paparan rancangan Renja\nDiskusi usulan\nPerumusan prioritas",
        opened_by="Sekretaris Daerah Kota Serang",
        plan_document_label=f"Renja Diskominfo {next_year}",
        plan_year=next_year,
    )
    forum_phase_advance(forum=forum, to=P.INPUT_OPEN, by=facilitator)
    fields = InputFields(
        title="CCTV dan titik internet di kantor kelurahan Kasemen",
        text="Kantor kelurahan di Kecamatan Kasemen dilengkapi titik internet dan CCTV yang "
        "terhubung ke Serang Siaga 112.",
        proposer_name=str(resident) if resident else "Warga Kasemen",
        institution="Warga Kecamatan Kasemen",
        institution_kind=InstitutionKind.PUBLIC,
        target_agency=organiser,
        kecamatan=_district(government, "Kasemen"),
    )
    forum_input_submit(forum=forum, by=resident or facilitator, fields=fields)
    for text in SERANG_STATEMENTS[:4]:
        statement_add(forum=forum, by=facilitator, text=text)
    if resident is not None:
        first = Statement.objects.filter(forum=forum).order_by("id").first()
        if first is not None:
            statement_react(statement=first, by=resident, value=Reaction.Value.AGREE)
    ctx.note(f"{government.name}: {title} (fase usulan daring terbuka / open for inputs)")
