"""Demo: a recurring theme of reports taken to a forum and into a Renja (issue 5, point 9).

In Kota Tangerang Selatan, residents of Pamulang report three times in a few weeks that the
public internet at their kelurahan office, puskesmas and taman does not work. The coordinator
takes the theme (Internet dan informasi publik × Pamulang) to Diskominfo's Forum Perangkat Daerah
for the Renja 2026 as one input; the forum accepts it into the Renja's sub kegiatan for public
internet access points (2.16.03.2.02.09). Every step goes through the services, so each report's
page names the input and the sub kegiatan, and the input's page lists the reports.

Runs after the planning, forums and complaints demos; idempotent (skipped once its forum exists).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from rembug.complaints.models import Category, Classification, Complaint
from rembug.complaints.themes import complaint_theme_promote, theme_summary
from rembug.demo.complaints import CLOSE, Step, Story, V, _play
from rembug.demo.context import DemoContext
from rembug.forums.models import Forum
from rembug.forums.services import forum_create, forum_input_dispose, forum_phase_advance
from rembug.governments.models import Agency
from rembug.planning.models import PlanDocument, PlanItem
from rembug.regions.models import Region

CITY = "kota-tangerang-selatan"
FORUM_TITLE = "Forum Perangkat Daerah Diskominfo Kota Tangerang Selatan (Renja 2026)"
RENJA_TITLE = "Renja Diskominfo 2026"
PUBLIC_INTERNET = "2.16.03.2.02.09"
CATEGORY = "internet-informasi"
KECAMATAN = "Pamulang"
INPUT_TITLE = "Internet publik di fasilitas umum Kecamatan Pamulang"

ANSWER = (
    "Terima kasih atas laporannya. Perangkat akses internet di lokasi tersebut sudah kami "
    "periksa; penambahan dan penggantian titik akses kami usulkan dalam Renja Diskominfo 2026."
)
STORIES = (
    Story(
        CITY,
        "WiFi gratis di Kantor Kelurahan Pamulang Barat tidak bisa dipakai",
        "Sudah sebulan WiFi gratis di kantor kelurahan tidak tersambung ke internet. Warga yang "
        "mengurus layanan dan pelajar yang biasa belajar di sana tidak bisa memakainya.",
        Classification.PENGADUAN,
        CATEGORY,
        KECAMATAN,
        "Pamulang Barat",
        "Kantor Kelurahan Pamulang Barat",
        reporter="warga.pamulang",
        days_ago=40,
        steps=(
            V,
            Step("dispatch", agency="Diskominfo", hours=3),
            Step("start", hours=18),
            Step("answer", ANSWER, hours=30),
            Step("rate", value=4, hours=4),
            CLOSE,
        ),
    ),
    Story(
        CITY,
        "Tidak ada internet publik di Puskesmas Pamulang",
        "Antrean di puskesmas panjang dan banyak warga perlu mengisi pendaftaran daring, tetapi "
        "tidak ada akses internet publik. Mohon dipasang titik WiFi di ruang tunggu.",
        Classification.ASPIRASI,
        CATEGORY,
        KECAMATAN,
        "Pamulang Timur",
        "Puskesmas Pamulang",
        contact_name="Dewi",
        days_ago=27,
        steps=(
            V,
            Step("dispatch", agency="Diskominfo", hours=4),
            Step("answer", ANSWER, hours=40),
            CLOSE,
        ),
    ),
    Story(
        CITY,
        "WiFi taman di Pondok Benda sering mati",
        "Titik WiFi di taman warga Pondok Benda lebih sering mati daripada menyala, padahal "
        "banyak anak sekolah yang memakainya sore hari.",
        Classification.PENGADUAN,
        CATEGORY,
        KECAMATAN,
        "Pondok Benda",
        "Taman warga RW 05",
        contact_name="Arif",
        days_ago=12,
        steps=(V, Step("dispatch", agency="Diskominfo", hours=2), Step("start", hours=24)),
    ),
)


def load(ctx: DemoContext) -> None:
    government = ctx.governments.get(CITY)
    if (
        government is None
        or Forum.objects.filter(government=government, title=FORUM_TITLE).exists()
    ):
        return
    organiser = Agency.objects.filter(government=government, short_name="Diskominfo").first()
    renja = PlanDocument.objects.filter(government=government, title=RENJA_TITLE).first()
    coordinator = ctx.users.get("koordinator.tangsel")
    facilitator = ctx.users.get("petugas.kominfo.tangsel")
    planner = ctx.users.get("perencana.tangsel")
    category = Category.objects.filter(government=government, slug=CATEGORY).first()
    pamulang = Region.objects.filter(
        parent_id=government.region_id, level=Region.Level.DISTRICT, name=KECAMATAN
    ).first()
    if None in (organiser, renja, coordinator, facilitator, planner, category, pamulang):
        ctx.note(f"  (demo: {government.slug} lacks what the theme story needs; skipped)")
        return
    assert organiser and renja and category and pamulang  # for the type checker
    for story in STORIES:
        if not Complaint.objects.filter(government=government, title=story.title).exists():
            _play(story, government, ctx)
    forum = forum_create(
        government=government,
        by=facilitator,
        kind=Forum.Kind.FORUM_PD,
        title=FORUM_TITLE,
        organiser=organiser,
        starts_at=timezone.now() - dt.timedelta(days=5),
        venue="Aula Diskominfo Kota Tangerang Selatan, Pamulang",
        agenda="Paparan rancangan awal Renja 2026\nUsulan warga dan aduan berulang\nPrioritas",
        opened_by="Kepala Diskominfo Kota Tangerang Selatan",
        plan_document=renja,
        plan_year=2026,
    )
    forum_phase_advance(forum=forum, to=Forum.Phase.INPUT_OPEN, by=facilitator)
    forum_phase_advance(forum=forum, to=Forum.Phase.FORUM_DAY, by=facilitator)
    item = complaint_theme_promote(
        government=government,
        category=category,
        kecamatan=pamulang,
        forum=forum,
        title=INPUT_TITLE,
        text=theme_summary(government, category=category, kecamatan=pamulang)
        + "\n\nUsul: titik akses internet publik di kantor kelurahan, puskesmas dan taman "
        "Kecamatan Pamulang diganti dan ditambah.",
        by=coordinator,
    )
    forum_phase_advance(forum=forum, to=Forum.Phase.DELIBERATION, by=facilitator)
    forum_phase_advance(forum=forum, to=Forum.Phase.DISPOSITION, by=facilitator)
    forum_input_dispose(
        input=item,
        by=planner,
        outcome="accepted",
        plan_item=PlanItem.objects.filter(document=renja, code=PUBLIC_INTERNET).first(),
        plan_item_label=PUBLIC_INTERNET,
        reason="Diakomodasi dalam sub kegiatan penyediaan titik akses internet publik Renja "
        "2026, dengan lokasi di Kecamatan Pamulang.",
    )
    forum_phase_advance(forum=forum, to=Forum.Phase.PUBLISHED, by=facilitator)
    ctx.note(
        f"{government.name}: tema aduan / report theme “{INPUT_TITLE}” → {forum.title} → "
        f"{RENJA_TITLE} {PUBLIC_INTERNET}"
    )
