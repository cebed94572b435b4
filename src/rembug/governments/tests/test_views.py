import pytest

from rembug.core.models import AuditEntry
from rembug.testing.factories import AgencyFactory, GovernmentFactory
from rembug.testing.fixtures import assert_query_count_constant


@pytest.mark.django_db
def test_root_lists_the_governments(client, people):
    response = client.get("/")
    assert response.status_code == 200
    assert "Pemerintah Kota Serang" in response.text
    assert "Pemerintah Kota Tangerang Selatan" in response.text


@pytest.mark.django_db
def test_root_query_count_does_not_grow(client, db):
    def grow():
        for _ in range(5):
            AgencyFactory(government=GovernmentFactory())

    assert_query_count_constant(lambda: client.get("/"), grow, label="root")


@pytest.mark.django_db
def test_government_home_shows_its_agencies(client, people):
    response = client.get("/kota-serang/")
    assert response.status_code == 200
    assert "Dinas Komunikasi dan Informatika" in response.text
    assert "36.73" in response.text


@pytest.mark.django_db
def test_unknown_government_is_404(client, db):
    assert client.get("/kota-tidak-ada/").status_code == 404


@pytest.mark.django_db
def test_agency_of_another_government_is_404(client, people):
    other = AgencyFactory(government=people.other_government, slug="dinas-lain")
    assert client.get(f"/kota-serang/perangkat-daerah/{other.slug}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("resident", 403),
        ("officer_b", 403),
        ("planner", 403),
        ("outsider", 403),
        ("officer", 200),
        ("coordinator", 200),
        ("administrator", 200),
    ],
)
def test_agency_edit_access(client, people, who, status):
    user = people.all_roles()[who]
    if user:
        client.force_login(user)
    response = client.get("/kota-serang/perangkat-daerah/diskominfo/ubah/")
    assert response.status_code == status


@pytest.mark.django_db
def test_agency_edit_records_who_changed_what(client, people):
    client.force_login(people.officer)
    response = client.post(
        "/kota-serang/perangkat-daerah/diskominfo/ubah/",
        {
            "name": "Dinas Komunikasi, Informatika, Statistik dan Persandian",
            "short_name": "Diskominfo",
            "kind": "dinas",
            "urusan": "2.16, 2.20, 2.21",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="update").get()
    assert entry.actor == people.officer
    assert entry.changes == {
        "name": [
            "Dinas Komunikasi dan Informatika",
            "Dinas Komunikasi, Informatika, Statistik dan Persandian",
        ]
    }
    assert entry.government == people.government


@pytest.mark.django_db
def test_agency_edit_rejects_a_bad_urusan_code_and_changes_nothing(client, people):
    client.force_login(people.coordinator)
    response = client.post(
        "/kota-serang/perangkat-daerah/diskominfo/ubah/",
        {"name": "X", "short_name": "Diskominfo", "kind": "dinas", "urusan": "2.16, dua"},
    )
    assert response.status_code == 422
    people.agency.refresh_from_db()
    assert people.agency.name == "Dinas Komunikasi dan Informatika"
    assert not AuditEntry.objects.filter(action="update").exists()


@pytest.mark.django_db
def test_agency_edit_refuses_wrong_method(client, people):
    client.force_login(people.coordinator)
    assert client.put("/kota-serang/perangkat-daerah/diskominfo/ubah/").status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("coordinator", 403), ("outsider", 403), ("administrator", 200)],
)
def test_audit_log_is_for_administrators(client, people, who, status):
    user = people.all_roles()[who]
    if user:
        client.force_login(user)
    assert client.get("/kota-serang/riwayat/").status_code == status
