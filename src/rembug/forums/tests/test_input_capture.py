import pytest

from rembug.forums.models import Forum, ForumInput
from rembug.forums.tests.conftest import login


def url(forum):
    return f"/kota-serang/forum/{forum.pk}/catat/"


@pytest.fixture
def forum_day(forum):
    Forum.objects.filter(pk=forum.pk).update(phase=Forum.Phase.FORUM_DAY)
    forum.refresh_from_db()
    return forum


@pytest.mark.django_db
def test_a_facilitator_captures_an_input_on_a_phone(client, people, forum_day):
    client.force_login(people.officer)
    page = client.get(url(forum_day))
    assert page.status_code == 200
    assert "<script" not in page.text.split("<main")[1]  # plain form, no script needed
    response = client.post(
        url(forum_day),
        {
            "text": "Jaringan fiber optik untuk setiap OPD sampai tingkat kelurahan",
            "proposer_name": "Kabid Dinas PUPR",
            "institution": "Dinas PUPR",
            "institution_kind": "agency",
            "target_agency": people.agency.pk,
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith(url(forum_day))
    item = ForumInput.objects.get()
    assert item.source == "captured"
    assert item.captured_by == people.officer
    assert item.title.startswith("Jaringan fiber optik untuk setiap OPD")


@pytest.mark.django_db
def test_an_empty_capture_is_422(client, people, forum_day):
    client.force_login(people.coordinator)
    assert client.post(url(forum_day), {"text": ""}).status_code == 422
    assert not ForumInput.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("leadership", 403),
        ("resident", 403),
        ("officer_b", 403),
        ("officer", 200),
        ("coordinator", 200),
        ("administrator", 200),
    ],
)
def test_only_facilitators_capture(client, people, forum_day, who, status):
    login(client, people, who)
    assert client.get(url(forum_day)).status_code == status


@pytest.mark.django_db
def test_it_refuses_delete(client, people, forum_day):
    client.force_login(people.coordinator)
    assert client.delete(url(forum_day)).status_code == 405


@pytest.mark.django_db
def test_the_next_capture_keeps_the_institution(client, people, forum_day):
    client.force_login(people.coordinator)
    response = client.post(
        url(forum_day),
        {
            "text": "Promosi digital UMKM",
            "proposer_name": "Camat",
            "institution": "Kecamatan Kasemen",
            "institution_kind": "kecamatan",
        },
    )
    assert "institution=Kecamatan+Kasemen" in response["Location"]
    page = client.get(response["Location"])
    assert 'value="Kecamatan Kasemen"' in page.text
