import pytest
from django.contrib.auth import SESSION_KEY

LOGIN = "/akun/masuk/"
LOGOUT = "/akun/keluar/"


@pytest.mark.django_db
def test_it_shows_the_login_form_in_indonesian(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "Masuk" in response.text
    assert 'name="username"' in response.text


@pytest.mark.django_db
def test_it_logs_in_and_goes_home(client, people, password):
    response = client.post(LOGIN, {"username": "warga", "password": password})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session[SESSION_KEY] == str(people.resident.pk)


@pytest.mark.django_db
def test_it_follows_a_local_next(client, people, password):
    response = client.post(
        LOGIN, {"username": "warga", "password": password, "next": "/kota-serang/perangkat-daerah/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/kota-serang/perangkat-daerah/"


@pytest.mark.django_db
def test_it_refuses_a_next_on_another_host(client, people, password):
    response = client.post(
        LOGIN, {"username": "warga", "password": password, "next": "https://jahat.example.com/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_it_keeps_next_in_the_form(client):
    response = client.get(LOGIN, {"next": "/akun/saya/"})
    assert 'value="/akun/saya/"' in response.text


@pytest.mark.django_db
def test_it_rejects_a_wrong_password(client, people):
    response = client.post(LOGIN, {"username": "warga", "password": "salah"})
    assert response.status_code == 422
    assert SESSION_KEY not in client.session
    assert 'role="alert"' in response.text


@pytest.mark.django_db
def test_it_redirects_a_logged_in_user_away_from_login(client, people):
    client.force_login(people.resident)
    response = client.get(LOGIN)
    assert response.status_code == 302


@pytest.mark.django_db
def test_logout_is_post_only(client, people):
    client.force_login(people.resident)
    assert client.get(LOGOUT).status_code == 405
    assert client.session[SESSION_KEY] == str(people.resident.pk)


@pytest.mark.django_db
def test_it_logs_out(client, people):
    client.force_login(people.resident)
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_logout_needs_the_csrf_token(people):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(people.resident)
    assert client.post(LOGOUT).status_code == 403
    assert client.session[SESSION_KEY] == str(people.resident.pk)
