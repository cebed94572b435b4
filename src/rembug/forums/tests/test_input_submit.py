import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rembug.forums.models import Forum, ForumInput
from rembug.forums.tests.conftest import login
from rembug.forums.tests.factories import ForumInputFactory
from rembug.testing.factories import RegionFactory


def url(forum):
    return f"/kota-serang/forum/{forum.pk}/usulan/baru/"


DATA = {
    "title": "Promosi digital UMKM",
    "text": "Buat katalog digital UMKM Kasemen",
    "proposer_name": "Camat Kasemen",
    "institution": "Kecamatan Kasemen",
    "institution_kind": "kecamatan",
}


@pytest.mark.django_db
def test_a_resident_submits_a_proposal(client, people, forum):
    client.force_login(people.resident)
    kasemen = RegionFactory(
        code="36.73.02", name="Kasemen", level=3, parent=people.government.region
    )
    upload = SimpleUploadedFile("peta.txt", b"lokasi", content_type="text/plain")
    response = client.post(
        url(forum),
        {**DATA, "kecamatan": kasemen.pk, "attachment": upload, "estimated_cost": "250000000"},
    )
    item = ForumInput.objects.get()
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    assert item.proposer == people.resident
    assert item.kecamatan == kasemen
    assert item.attachments.count() == 1


@pytest.mark.django_db
def test_a_near_identical_input_is_offered_for_support_first(client, people, forum):
    existing = ForumInputFactory(
        forum=forum, title="Promosi digital UMKM", text="Katalog digital untuk UMKM Kasemen"
    )
    client.force_login(people.stakeholder)
    response = client.post(url(forum), DATA)
    assert response.status_code == 200
    assert f"/usulan/{existing.pk}/dukung/" in response.text
    assert 'name="confirm_new"' in response.text
    assert ForumInput.objects.count() == 1
    response = client.post(url(forum), {**DATA, "confirm_new": "on"})
    assert response.status_code == 302
    assert ForumInput.objects.count() == 2


@pytest.mark.django_db
def test_an_invalid_form_is_422_and_changes_nothing(client, people, forum):
    client.force_login(people.resident)
    response = client.post(url(forum), {**DATA, "title": "", "urusan_code": "dua"})
    assert response.status_code == 422
    assert not ForumInput.objects.exists()


@pytest.mark.django_db
def test_submitting_in_a_closed_phase_is_refused(client, people, forum):
    Forum.objects.filter(pk=forum.pk).update(phase=Forum.Phase.DISPOSITION)
    client.force_login(people.resident)
    assert client.post(url(forum), DATA).status_code == 403
    assert not ForumInput.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("leadership", 403),
        ("resident", 200),
        ("stakeholder", 200),
    ],
)
def test_who_may_submit(client, people, forum, who, status):
    login(client, people, who)
    assert client.get(url(forum)).status_code == status


@pytest.mark.django_db
def test_residents_need_an_open_forum(client, people, forum):
    Forum.objects.filter(pk=forum.pk).update(allow_public_input=False)
    client.force_login(people.resident)
    assert client.get(url(forum)).status_code == 403


@pytest.mark.django_db
def test_it_refuses_put(client, people, forum):
    client.force_login(people.resident)
    assert client.put(url(forum)).status_code == 405
