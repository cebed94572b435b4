import pytest

from rembug.api.models import Open311Client
from rembug.core.models import AuditEntry

URL = "/kota-serang/open311/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("resident", 403),
        ("officer", 403),
        ("planner", 403),
        ("outsider", 403),
        ("coordinator", 200),
        ("administrator", 200),
    ],
)
def test_only_coordinators_and_administrators_manage_clients(client, people, who, status):
    user = people.all_roles()[who]
    if user is not None:
        client.force_login(user)
    assert client.get(URL).status_code == status


@pytest.mark.django_db
def test_the_coordinator_issues_a_key_shown_once(client, people):
    client.force_login(people.coordinator)
    response = client.post(URL, {"name": "Aplikasi Serang Siaga"})
    assert response.status_code == 201
    key = response.context["key"]
    assert key.startswith("o311_") and key in response.text
    assert (
        "no-store" in response.headers["Cache-Control"]
        or "max-age=0" in response.headers["Cache-Control"]
    )
    stored = Open311Client.objects.get()
    assert stored.created_by == people.coordinator and key not in (stored.digest, stored.prefix)
    assert AuditEntry.objects.filter(object_repr__contains="Serang Siaga").exists()
    page = client.get(URL)
    assert key not in page.text and stored.prefix in page.text
    assert client.post(URL, {"name": "Aplikasi Serang Siaga"}).status_code == 422  # same name


@pytest.mark.django_db
def test_a_blank_name_is_422(client, people):
    client.force_login(people.coordinator)
    assert client.post(URL, {"name": ""}).status_code == 422


@pytest.mark.django_db
def test_revoking_a_key(client, people):
    client.force_login(people.coordinator)
    client.post(URL, {"name": "Lama"})
    stored = Open311Client.objects.get()
    assert client.get(f"{URL}{stored.pk}/cabut/").status_code == 405
    response = client.post(f"{URL}{stored.pk}/cabut/")
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.is_active is False


@pytest.mark.django_db
def test_a_client_of_another_government_cannot_be_revoked_here(client, people):
    from rembug.api.open311.clients import open311_client_issue

    other, _key = open311_client_issue(government=people.other_government, name="Lain", by=None)
    client.force_login(people.coordinator)
    assert client.post(f"{URL}{other.pk}/cabut/").status_code == 404
