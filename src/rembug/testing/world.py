"""A small, complete world for the security tests: two governments with the same kinds of
objects (reports public, anonymous and confidential; a forum with inputs; a Renstra and its Renja
with a quarter to report; an evidence file; an Open311 client…) and a user for every role.

``world_build()`` is plain code, so a module can build the world once (see
``tests/security/conftest.py``) instead of once per test. The anonymous reporter's identity and
the confidential report's content are *sentinels*: strings the privacy scan looks for in every
answer of the URL matrix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

# The anonymous reporter: never shown to anyone but the coordinator (and the reporter).
ANONYMOUS_NAME = "Sentinela Anonimawati"
ANONYMOUS_EMAIL = "sentinela.anonim@contoh-rahasia.id"
ANONYMOUS_PHONE = "0812-9988-7766"
ANONYMOUS_USERNAME = "sentinela_anonim"
# The confidential report's content: shown only to staff, leadership and the reporter.
CONFIDENTIAL_TITLE = "Dugaan pungli Rahasiakata di loket"
CONFIDENTIAL_TEXT = "Isi laporan rahasia Rahasiakata: petugas meminta uang di loket perizinan."

IDENTITY_SENTINELS = (ANONYMOUS_NAME, ANONYMOUS_EMAIL, ANONYMOUS_PHONE, ANONYMOUS_USERNAME)
CONTENT_SENTINELS = ("Rahasiakata",)

ROLES = (
    "anonymous",
    "resident",
    "owner",
    "stakeholder",
    "officer",
    "officer_b",
    "head",
    "coordinator",
    "planner",
    "leadership",
    "administrator",
    "outsider",
)


@dataclass
class Side:
    """One government and its objects. ``world.a`` is where the roles work; ``world.b`` holds the
    same kinds of objects in another government (for cross-tenant checks)."""

    government: Any
    agency: Any
    agency_b: Any
    category: Any = None
    report: Any = None
    attachment: Any = None
    anonymous_report: Any = None
    walk_in_report: Any = None
    confidential_report: Any = None
    day_off: Any = None
    service_level: Any = None
    answer_template: Any = None
    forum: Any = None
    forum_input: Any = None
    participant: Any = None
    statement: Any = None
    renstra: Any = None
    program: Any = None
    indicator: Any = None
    renja: Any = None
    renja_sub: Any = None
    renja_indicator: Any = None
    period: Any = None
    evidence: Any = None
    open311_client: Any = None
    audit_content_type: int = 0
    audit_object_id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return str(self.government.slug)


@dataclass
class World:
    a: Side
    b: Side
    users: dict[str, Any]
    nomenclature_version: Any
    region_code: str

    def user(self, role: str) -> Any:
        return self.users.get(role)


def _member(username: str, role: str, government: Any, agency: Any = None, **fields: Any) -> Any:
    from rembug.testing.factories import MembershipFactory, UserFactory

    user = UserFactory(username=username, **fields)
    MembershipFactory(user=user, government=government, role=role, agency=agency)
    return user


def _head(user: Any) -> Any:
    from rembug.governments.models import Membership

    Membership.objects.filter(user=user).update(is_head=True)
    return user


def _two_factor_enrol(user: Any) -> None:
    """Coordinators and administrators must have two-step sign-in before they reach any page."""
    try:
        from rembug.accounts.two_factor import two_factor_enrol_with_secret
    except ImportError:  # before two-step sign-in exists
        return
    two_factor_enrol_with_secret(user=user, secret="KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU")


def _people(a: Side, b: Side) -> dict[str, Any]:
    from rembug.governments.models import Role

    gov = a.government
    return {
        "anonymous": None,
        "resident": _member("warga", Role.RESIDENT, gov),
        "owner": _member("pelapor", Role.RESIDENT, gov, full_name="Pelapor Pemilik"),
        "stakeholder": _member("pemangku", Role.STAKEHOLDER, gov),
        "officer": _member("petugas", Role.AGENCY_OFFICER, gov, a.agency),
        "officer_b": _member("petugas_b", Role.AGENCY_OFFICER, gov, a.agency_b),
        # The head of agency A (Kepala Perangkat Daerah): one of its officers, who approves.
        "head": _head(_member("kepala", Role.AGENCY_OFFICER, gov, a.agency)),
        "coordinator": _member("koordinator", Role.COORDINATOR, gov),
        "planner": _member("perencana", Role.PLANNER, gov),
        "leadership": _member("pimpinan", Role.LEADERSHIP, gov),
        "administrator": _member("admin_pemda", Role.ADMINISTRATOR, gov),
        "outsider": _member("admin_lain", Role.ADMINISTRATOR, b.government),
    }


def _side(slug: str, code: str, name: str) -> Side:
    from rembug.testing.factories import AgencyFactory, GovernmentFactory

    government = GovernmentFactory(
        slug=slug, code=code, region_name=name, name=f"Pemerintah {name}"
    )
    agency = AgencyFactory(
        government=government,
        name="Dinas Komunikasi dan Informatika",
        short_name="Diskominfo",
        slug="diskominfo",
        urusan_codes=["2.16", "2.20", "2.21"],
    )
    agency_b = AgencyFactory(
        government=government,
        name="Dinas Pekerjaan Umum dan Penataan Ruang",
        short_name="DPUPR",
        slug="dpupr",
        urusan_codes=["1.03"],
    )
    return Side(government=government, agency=agency, agency_b=agency_b)


def _photo() -> bytes:
    from rembug.complaints.tests.factories import photo_bytes

    return photo_bytes("JPEG")


def _complaints(side: Side, users: dict[str, Any], kecamatan: Any) -> None:
    from rembug.complaints.models import (
        AnswerTemplate,
        Classification,
        ComplaintAttachment,
        Privacy,
        ServiceLevel,
        Status,
    )
    from rembug.complaints.tests.factories import CategoryFactory, ComplaintFactory
    from rembug.core.models import GovernmentDayOff

    gov, now = side.government, timezone.now()
    dispatched = {
        "government": gov,
        "agency": side.agency,
        "category": (category := CategoryFactory(government=gov, slug="jalan", name="Jalan")),
        "kecamatan": kecamatan,
        "status": Status.DISPATCHED,
        "verified_at": now,
        "dispatched_at": now,
        "due_at": now + dt.timedelta(days=14),
    }
    side.category = category
    side.report = ComplaintFactory(
        **dispatched,
        title="Jalan berlubang di depan pasar",
        reporter=users["owner"],
        contact_name="Pelapor Pemilik",
    )
    side.attachment = ComplaintAttachment.objects.create(
        government=gov,
        complaint=side.report,
        file=ContentFile(_photo(), name="foto.jpg"),
        content_type="image/jpeg",
        size=len(_photo()),
        width=40,
        height=30,
    )
    side.anonymous_report = ComplaintFactory(
        **dispatched,
        title="Lampu jalan padam di gang kami",
        privacy=Privacy.ANONYMOUS,
        reporter=users["anonymous_reporter"],
        contact_name=ANONYMOUS_NAME,
        contact_email=ANONYMOUS_EMAIL,
        contact_phone=ANONYMOUS_PHONE,
    )
    side.walk_in_report = ComplaintFactory(
        **dispatched,
        title="Saluran air tersumbat",
        privacy=Privacy.ANONYMOUS,
        reporter=None,
        contact_name=ANONYMOUS_NAME,
        contact_email=ANONYMOUS_EMAIL,
        contact_phone=ANONYMOUS_PHONE,
    )
    side.confidential_report = ComplaintFactory(
        **dispatched,
        title=CONFIDENTIAL_TITLE,
        text=CONFIDENTIAL_TEXT,
        privacy=Privacy.CONFIDENTIAL,
        reporter=users["owner"],
    )
    side.day_off = GovernmentDayOff.objects.create(
        government=gov, date=dt.date(2026, 12, 24), name="Cuti bersama Natal"
    )
    side.service_level = ServiceLevel.objects.create(
        government=gov, classification=Classification.ASPIRASI, working_days=3
    )
    side.answer_template = AnswerTemplate.objects.create(
        government=gov, agency=side.agency, title="Terima kasih", text="Terima kasih atas laporan."
    )


def _forums(side: Side, proposer: Any) -> None:
    from rembug.forums.models import Forum
    from rembug.forums.tests.factories import (
        ForumFactory,
        ForumInputFactory,
        ParticipantFactory,
        StatementFactory,
    )

    side.forum = ForumFactory(
        government=side.government,
        organiser=side.agency,
        phase=Forum.Phase.INPUT_OPEN,
        title="Forum Perangkat Daerah Diskominfo",
    )
    side.forum_input = ForumInputFactory(
        forum=side.forum, target_agency=side.agency, proposer=proposer
    )
    side.participant = ParticipantFactory(forum=side.forum)
    side.statement = StatementFactory(forum=side.forum)
    # The actions some phases switch on: attendance on the forum day, scoring in deliberation.
    day = ForumFactory(
        government=side.government, organiser=side.agency, phase=Forum.Phase.FORUM_DAY
    )
    side.extra["forum_day"] = day
    side.extra["forum_day_participant"] = ParticipantFactory(forum=day)
    deliberation = ForumFactory(
        government=side.government, organiser=side.agency, phase=Forum.Phase.DELIBERATION
    )
    side.extra["deliberation"] = deliberation
    side.extra["deliberation_input"] = ForumInputFactory(
        forum=deliberation, target_agency=side.agency
    )


def _plans(side: Side, planner: Any) -> None:
    from rembug.core.models import AuditEntry
    from rembug.monitoring.models import Evidence, ReportingPeriod
    from rembug.monitoring.services import periods_ensure
    from rembug.planning.models import PlanItem
    from rembug.planning.services import renja_create_from_renstra
    from rembug.planning.tests.factories import complete_renstra

    cascade = complete_renstra(side.government, side.agency, subs=1)
    side.renstra, side.program = cascade.renstra, cascade.program
    side.extra["rpjmd"] = cascade.rpjmd
    side.indicator = cascade.program.indicators.first()
    side.renja = renja_create_from_renstra(renstra=cascade.renstra, year=2025, by=planner)
    periods_ensure(document=side.renja)
    side.period = ReportingPeriod.objects.filter(document=side.renja).order_by("quarter").first()
    ReportingPeriod.objects.filter(document=side.renja).update(
        deadline=timezone.localdate() + dt.timedelta(days=30)
    )
    side.renja_sub = PlanItem.objects.filter(document=side.renja, kind="sub_kegiatan").first()
    side.renja_indicator = side.renja_sub.indicators.first()
    side.evidence = Evidence.objects.create(
        government=side.government,
        period=side.period,
        item=side.renja_sub,
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="bukti.pdf"),
        title="Berita acara serah terima",
        uploaded_by=planner,
    )
    entry = AuditEntry.objects.filter(government=side.government).order_by("id").first()
    side.audit_content_type, side.audit_object_id = entry.content_type_id, entry.object_id


def _open311(side: Side, administrator: Any) -> None:
    from rembug.api.models import Open311Client

    side.open311_client = Open311Client.objects.create(
        government=side.government,
        name="Aplikasi mitra",
        prefix="mitra",
        digest=f"{side.slug:0<64}"[:64],
        created_by=administrator,
    )


def _ppid(side: Side, requester: Any) -> None:
    """An information request to agency A and an entry of its Daftar Informasi Publik."""
    from django.apps import apps

    if not apps.is_installed("rembug.ppid"):
        return
    from rembug.ppid.models import AccessMode, IdKind, InformationCategory, PublicInformation
    from rembug.ppid.services import request_submit

    side.extra["ppid_request"] = request_submit(
        government=side.government,
        agency=side.agency,
        name="Peminta Informasi",
        id_kind=IdKind.PASSPORT,
        id_number="X1234567",
        address="Jl. Ahmad Yani 1",
        information="Daftar titik akses internet publik",
        purpose="Penelitian",
        access_mode=AccessMode.values[0],
        email="peminta@contoh.id",
        by=requester,
    )
    side.extra["public_information"] = PublicInformation.objects.create(
        government=side.government,
        agency=side.agency,
        title="Renstra Diskominfo",
        summary="Dokumen rencana strategis",
        responsible="Sekretaris Dinas",
        format="PDF",
        retention="5 tahun",
        category=InformationCategory.PERIODIC,
    )


def _moderation(side: Side, flagger: Any) -> None:
    """The forum input flagged once: an item in the moderation queue, its author may appeal."""
    from django.apps import apps

    if not apps.is_installed("rembug.moderation"):
        return
    from rembug.moderation.services import blocked_term_add, content_flag

    side.extra["blocked_term"] = blocked_term_add(
        government=side.government, term="kata terlarang", by=flagger
    )

    side.extra["moderated_item"] = content_flag(
        government=side.government,
        content=side.forum_input,
        reason="spam",
        by=flagger,
        address="uji",
    )


def world_build() -> World:
    """Both governments, every role, and the objects the URL patterns name."""
    from rembug.complaints.tests.factories import serang_regions
    from rembug.governments.models import Role
    from rembug.nomenclature.models import NomenclatureVersion
    from rembug.testing.factories import RegionFactory

    a = _side("kota-serang", "36.73", "Kota Serang")
    b = _side("kota-tangerang-selatan", "36.74", "Kota Tangerang Selatan")
    users = _people(a, b)
    users["anonymous_reporter"] = _member(
        ANONYMOUS_USERNAME,
        Role.RESIDENT,
        a.government,
        full_name=ANONYMOUS_NAME,
        email=ANONYMOUS_EMAIL,
    )
    kasemen = serang_regions()["Kasemen"]
    serpong = RegionFactory(code="36.74.01", name="Serpong", level=3, parent=b.government.region)
    other_planner = _member("perencana_lain", Role.PLANNER, b.government)
    other_stakeholder = _member("pemangku_lain", Role.STAKEHOLDER, b.government)
    other_owner = _member("pelapor_lain", Role.RESIDENT, b.government)
    _complaints(a, users, kasemen)
    _complaints(
        b,
        {"owner": other_owner, "anonymous_reporter": other_owner},
        serpong,
    )
    for side, planner, proposer in (
        (a, users["planner"], users["stakeholder"]),
        (b, other_planner, other_stakeholder),
    ):
        _forums(side, proposer)
        _plans(side, planner)
    _open311(a, users["administrator"])
    _open311(b, users["outsider"])
    _ppid(a, users["owner"])
    _ppid(b, other_owner)
    _moderation(a, users["resident"])
    _moderation(b, other_owner)
    users.pop("anonymous_reporter")
    for role in ("coordinator", "administrator", "outsider"):
        _two_factor_enrol(users[role])
    return World(
        a=a,
        b=b,
        users=users,
        nomenclature_version=NomenclatureVersion.objects.first(),
        region_code="36.73",
    )
