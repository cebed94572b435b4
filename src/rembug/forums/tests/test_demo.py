"""The forums demo: the Tangsel FGD and the Serang Forum Renja with every input answered."""

import pytest

from rembug.demo import forums as demo_forums
from rembug.demo import foundation, planning
from rembug.demo.context import DemoContext
from rembug.forums.models import Disposition, Forum, ForumAnalysis
from rembug.planning.models import PlanItemInput
from rembug.testing.factories import RegionFactory, region_chain

DISTRICTS = {
    "36.73": ["Serang", "Kasemen", "Walantaka", "Curug", "Cipocok Jaya", "Taktakan"],
    "36.74": [
        "Serpong",
        "Serpong Utara",
        "Pondok Aren",
        "Ciputat",
        "Ciputat Timur",
        "Pamulang",
        "Setu",
    ],
}


@pytest.fixture
def ctx(db):
    for code, name in [("36.73", "Kota Serang"), ("36.74", "Kota Tangerang Selatan")]:
        city = region_chain(code, name)
        for n, district in enumerate(DISTRICTS[code], start=1):
            RegionFactory(code=f"{code}.{n:02d}", name=district, level=3, parent=city)
    context = DemoContext()
    foundation.load(context)
    planning.load(context)
    demo_forums.load(context)
    return context


@pytest.mark.django_db
def test_the_story_forums_are_held_and_every_input_answered(ctx):
    serang = Forum.objects.get(government__slug="kota-serang", kind="forum_pd", phase="published")
    assert serang.starts_at.date().isoformat() == "2022-02-17"
    assert "Ledian" in serang.venue
    assert serang.opened_by == "Sekretaris Daerah Kota Serang"
    speakers = set(
        serang.participants.filter(is_speaker=True).values_list("institution", flat=True)
    )
    assert {"DPRD Kota Serang", "Bappeda Kota Serang", "Diskominfo Kota Serang"} <= speakers
    assert serang.inputs.count() == 7
    assert not serang.inputs.filter(disposition__isnull=True).exists()
    outcomes = dict(
        Disposition.objects.filter(input__forum=serang).values_list("input__title", "outcome")
    )
    assert outcomes["Aplikasi perjalanan dinas"] == "merged"
    assert outcomes["Promosi digital UMKM"] == "forwarded"
    assert (
        outcomes["Jaringan fiber optik untuk setiap perangkat daerah hingga kelurahan"]
        == "accepted"
    )
    accepted = Disposition.objects.filter(input__forum=serang, outcome="accepted")
    assert all(
        d.plan_item is not None and d.plan_item.document == serang.plan_document for d in accepted
    )
    assert PlanItemInput.objects.filter(source_kind="forum_input").count() >= accepted.count()

    tangsel = Forum.objects.get(government__slug="kota-tangerang-selatan")
    assert (tangsel.kind, tangsel.starts_at.date().isoformat()) == (
        "konsultasi_renstra",
        "2024-11-21",
    )
    assert "Pranaya" in tangsel.venue
    kinds = set(tangsel.participants.values_list("institution_kind", flat=True))
    assert {"agency", "university", "community"} <= kinds
    assert ForumAnalysis.objects.get(forum=serang).opinion["groups"]


@pytest.mark.django_db
def test_an_open_forum_invites_the_visitor_and_loading_twice_changes_nothing(ctx, client):
    open_forum = Forum.objects.get(phase="input_open")
    client.force_login(ctx.users["warga.kasemen"])
    assert "/usulan/baru/" in client.get(open_forum.get_absolute_url()).text
    before = Forum.objects.count()
    demo_forums.load(ctx)
    assert Forum.objects.count() == before
