import pytest

from rembug.core.models import AuditEntry
from rembug.forums.models import Forum
from rembug.forums.tests.conftest import login

URL = "/kota-serang/forum/baru/"


def data(people, **extra):
    values = {
        "kind": "forum_pd",
        "title": "Forum Renja Diskominfo 2027",
        "organiser": people.agency.pk,
        "starts_at": "2026-02-17T09:00",
        "venue": "Ballroom Hotel Ledian",
        "agenda": "Pembukaan\nDiskusi",
        "allow_public_input": "on",
    }
    values.update(extra)
    return values


@pytest.mark.django_db
def test_an_officer_announces_a_forum_of_their_agency(client, people):
    client.force_login(people.officer)
    page = client.get(URL)
    assert page.status_code == 200
    assert "DPUPR" not in page.text.split('id="id_organiser"')[1].split("</select>")[0]
    response = client.post(URL, data(people))
    forum = Forum.objects.get()
    assert response.status_code == 302
    assert (forum.organiser, forum.phase, forum.government) == (
        people.agency,
        "announcement",
        people.government,
    )
    assert AuditEntry.objects.filter(action="create", object_id=str(forum.pk)).exists()


@pytest.mark.django_db
def test_an_officer_cannot_organise_for_another_agency(client, people):
    client.force_login(people.officer)
    assert client.post(URL, data(people, organiser=people.agency_b.pk)).status_code == 422
    assert not Forum.objects.exists()


@pytest.mark.django_db
def test_the_list_offers_the_button_to_those_allowed(client, people):
    assert "/forum/baru/" not in client.get("/kota-serang/forum/").text
    client.force_login(people.coordinator)
    assert "/forum/baru/" in client.get("/kota-serang/forum/").text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("leadership", 403),
        ("resident", 403),
        ("planner", 403),
        ("coordinator", 200),
        ("officer", 200),
    ],
)
def test_who_may_announce(client, people, who, status):
    login(client, people, who)
    assert client.get(URL).status_code == status


@pytest.mark.django_db
def test_it_refuses_put(client, people):
    client.force_login(people.coordinator)
    assert client.put(URL).status_code == 405
