"""Transition, perubahan, comparison and Renja creation pages."""

import pytest

from rembug.planning.models import DocumentState, PlanDocument, PlanDocumentEvent
from rembug.planning.services import renja_create_from_renstra

pytestmark = pytest.mark.django_db


def base(document):
    return f"/kota-serang/rencana/dokumen/{document.pk}"


def as_user(client, people, who):
    user = people.all_roles()[who]
    if user is not None:
        client.force_login(user)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("resident", 403),
        ("leadership", 403),
        ("officer_b", 403),
        ("outsider", 403),
    ],
)
def test_only_authors_change_the_state(client, people, cascade, who, status):
    as_user(client, people, who)
    response = client.post(f"{base(cascade.renstra)}/status/", {"to": "rancangan_akhir"})
    assert response.status_code == status
    cascade.renstra.refresh_from_db()
    assert cascade.renstra.state == DocumentState.RANCANGAN


def test_an_officer_moves_the_renstra_on_and_the_timeline_shows_it(client, people, cascade):
    as_user(client, people, "officer")
    response = client.post(
        f"{base(cascade.renstra)}/status/", {"to": "rancangan_akhir", "note": "Hasil FGD"}
    )
    assert response.status_code == 302
    assert PlanDocumentEvent.objects.filter(
        document=cascade.renstra, to_state="rancangan_akhir", note="Hasil FGD"
    ).exists()
    assert "Hasil FGD" in client.get(cascade.renstra.get_absolute_url()).text


def test_a_transition_outside_the_table_is_422(client, people, cascade):
    as_user(client, people, "planner")
    assert client.post(f"{base(cascade.renstra)}/status/", {"to": "ditetapkan"}).status_code == 422
    assert client.get(f"{base(cascade.renstra)}/status/").status_code == 405


def test_a_perubahan_is_opened_with_a_reason(client, people, cascade):
    cascade.renstra.state = DocumentState.DITETAPKAN
    cascade.renstra.save()
    page = f"{base(cascade.renstra)}/perubahan/"
    as_user(client, people, "leadership")
    assert client.get(page).status_code == 403
    as_user(client, people, "officer")
    assert client.get(page).status_code == 200
    assert client.post(page, {"reason": ""}).status_code == 422
    response = client.post(page, {"reason": "Penyesuaian dengan perubahan RPJMD"})
    amended = PlanDocument.objects.get(previous_version=cascade.renstra)
    assert response["Location"] == amended.get_absolute_url()
    assert client.post(page, {"reason": "lagi"}).status_code == 422
    compare = client.get(f"{base(amended)}/bandingkan/")
    assert compare.status_code == 200
    assert client.post(f"{base(amended)}/bandingkan/").status_code == 405


def test_the_comparison_is_public_for_public_documents_only(client, people, cascade):
    other = PlanDocument.objects.create(
        government=people.government,
        kind="renstra",
        agency=people.agency,
        title="Konsep",
        period_start=2025,
        period_end=2029,
        state=DocumentState.DRAFT,
    )
    response = client.get(f"{base(cascade.renstra)}/bandingkan/?dengan={other.pk}")
    assert response.status_code == 404
    as_user(client, people, "outsider")
    assert (
        client.get(f"{base(cascade.renstra)}/bandingkan/?dengan={cascade.renstra.pk}").status_code
        == 200
    )


def test_a_renja_is_created_from_the_renstra_page(client, people, cascade):
    page = f"{base(cascade.renstra)}/renja-baru/"
    as_user(client, people, "resident")
    assert client.post(page, {"year": 2026}).status_code == 403
    as_user(client, people, "officer")
    assert client.get(page).status_code == 405
    assert client.post(page, {"year": 2031}).status_code == 422
    response = client.post(page, {"year": 2026})
    renja = PlanDocument.objects.get(kind="renja")
    assert response["Location"] == renja.get_absolute_url()
    assert renja.items.count() == 4


def test_a_renja_is_copied_to_the_next_year(client, people, cascade):
    renja = renja_create_from_renstra(renstra=cascade.renstra, year=2026, by=people.officer)
    page = f"{base(renja)}/salin-tahun-berikut/"
    as_user(client, people, "officer_b")
    assert client.post(page).status_code == 403
    as_user(client, people, "officer")
    assert client.get(page).status_code == 405
    response = client.post(page)
    following = PlanDocument.objects.get(kind="renja", period_start=2027)
    assert response["Location"] == following.get_absolute_url()
    # a second copy is refused with a message, nothing created
    client.post(page)
    assert PlanDocument.objects.filter(kind="renja", period_start=2027).count() == 1


def test_renja_locations_are_set_on_its_items(client, people, cascade):
    from rembug.testing.factories import RegionFactory

    kasemen = RegionFactory(code="36.73.02", name="Kasemen", level=3, parent_id="36.73")
    renja = renja_create_from_renstra(renstra=cascade.renstra, year=2026, by=people.officer)
    sub = renja.items.filter(kind="sub_kegiatan").first()
    page = f"/kota-serang/rencana/butir/{sub.pk}/lokasi/"
    as_user(client, people, "resident")
    assert client.get(page).status_code == 404  # a working draft is not public
    as_user(client, people, "leadership")
    assert client.get(page).status_code == 403
    as_user(client, people, "officer")
    assert client.get(page).status_code == 200
    assert client.post(page, {"regions": ["99.99"]}).status_code == 422
    assert client.post(page, {"regions": [kasemen.code]}).status_code == 302
    assert "Kasemen" in client.get(sub.get_absolute_url()).text
    assert client.post(page, {"regions": ["36.73"]}).status_code == 302  # city-wide
    assert client.get(f"/kota-serang/rencana/butir/{cascade.subs[0].pk}/lokasi/").status_code == 404
