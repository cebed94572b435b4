import pytest

from rembug.complaints.tests.factories import verified
from rembug.testing.fixtures import assert_query_count_constant

URL = "/kota-serang/cari/"


@pytest.mark.django_db
def test_it_shows_results_with_type_snippet_and_link(client, people):
    report = verified(
        government=people.government,
        title="Jalan rusak diperbaiki setengah",
        text="Jalan di depan pasar rusak dan baru diperbaiki sebagian.",
    )
    response = client.get(URL, {"q": "perbaikan jalan"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jalan rusak diperbaiki setengah" in html
    assert f'href="/kota-serang/aduan/{report.pk}/"' in html
    assert "baru diperbaiki sebagian" in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "resident", "officer", "outsider"])
def test_it_is_the_same_public_page_for_everyone(client, people, role):
    verified(government=people.government, title="Air PDAM mati", text="Air PDAM mati dua hari")
    user = people.all_roles()[role]
    if user:
        client.force_login(user)
    response = client.get(URL, {"q": "air"})
    assert response.status_code == 200
    assert "Air PDAM mati" in response.content.decode()


@pytest.mark.django_db
def test_an_empty_form_shows_no_results_list(client, people):
    response = client.get(URL)
    assert response.status_code == 200
    assert "search-results" not in response.content.decode()


@pytest.mark.django_db
def test_bad_input_is_refused_with_a_message(client, people):
    response = client.get(URL, {"q": "jalan", "year": "abc", "kind": "nope"})
    assert response.status_code == 422
    assert "search-results" not in response.content.decode()


@pytest.mark.django_db
def test_it_refuses_post(client, people):
    assert client.post(URL, {"q": "jalan"}).status_code == 405


@pytest.mark.django_db
def test_it_offers_the_next_page(client, people):
    for n in range(25):
        verified(government=people.government, title=f"Got {n}", text="Gorong-gorong mampet")
    html = client.get(URL, {"q": "mampet"}).content.decode()
    assert 'rel="next"' in html and "before=" in html


@pytest.mark.django_db
def test_the_page_runs_a_constant_number_of_queries(client, people):
    verified(government=people.government, title="Jalan berlubang", text="Jalan berlubang")

    def grow():
        for n in range(30):
            verified(government=people.government, title=f"Jalan {n}", text="Jalan berlubang")
        client.get(URL, {"q": "jalan"})

    assert_query_count_constant(lambda: client.get(URL, {"q": "jalan"}), grow, label="cari")
