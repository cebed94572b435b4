import pytest
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import server_error


@pytest.mark.django_db
def test_a_missing_page_is_404_in_indonesian_with_the_site_layout(client):
    response = client.get("/kota-yang-tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.text
    assert 'class="skip-link"' in response.text
    assert "The requested resource" not in response.text


@pytest.mark.django_db
def test_a_404_speaks_english_when_asked(client):
    client.cookies["django_language"] = "en"
    response = client.get("/kota-yang-tidak-ada/")
    assert "Page not found" in response.text
    assert '<html lang="en">' in response.text


@pytest.mark.django_db
def test_a_403_says_who_may_do_it(client, people):
    client.force_login(people.resident)
    response = client.get("/kota-serang/perangkat-daerah/diskominfo/ubah/")
    assert response.status_code == 403
    assert "Akses ditolak" in response.text
    assert "Hanya admin penghubung Perangkat Daerah ini" in response.text


@pytest.mark.django_db
def test_a_failed_csrf_check_explains_itself(people):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/akun/masuk/", {"username": "warga", "password": "x"})
    assert response.status_code == 403
    assert "Formulir sudah kedaluwarsa" in response.text


def test_the_500_page_renders_without_a_request_context():
    request = RequestFactory().get("/")
    with translation.override("id"):
        response = server_error(request)
    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.content.decode()
