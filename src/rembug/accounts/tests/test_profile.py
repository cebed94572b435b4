import pytest

from rembug.testing.factories import GovernmentFactory, MembershipFactory, UserFactory
from rembug.testing.fixtures import assert_query_count_constant

PROFILE = "/akun/saya/"


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response["Location"] == "/akun/masuk/?next=/akun/saya/"


@pytest.mark.django_db
def test_it_lists_the_memberships(client, people):
    client.force_login(people.officer)
    response = client.get(PROFILE)
    assert response.status_code == 200
    assert "petugas" in response.text
    assert "Pemerintah Kota Serang" in response.text
    assert "Dinas Komunikasi dan Informatika" in response.text
    assert "Pemerintah Kota Tangerang Selatan" not in response.text


@pytest.mark.django_db
def test_it_lists_memberships_in_several_governments(client, people):
    MembershipFactory(user=people.outsider, government=people.government, role="resident")
    client.force_login(people.outsider)
    response = client.get(PROFILE)
    assert "Pemerintah Kota Serang" in response.text
    assert "Pemerintah Kota Tangerang Selatan" in response.text


@pytest.mark.django_db
def test_it_says_when_there_is_no_role(client, db):
    client.force_login(UserFactory(username="baru"))
    response = client.get(PROFILE)
    assert "Anda belum memiliki peran" in response.text


@pytest.mark.django_db
def test_it_is_get_only(client, people):
    client.force_login(people.resident)
    assert client.post(PROFILE).status_code == 405


@pytest.mark.django_db
def test_its_query_count_does_not_grow(client, people):
    client.force_login(people.resident)

    def grow():
        for _ in range(4):
            MembershipFactory(user=people.resident, government=GovernmentFactory())

    assert_query_count_constant(lambda: client.get(PROFILE), grow, label="profile")
