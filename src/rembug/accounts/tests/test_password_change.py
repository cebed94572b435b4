import pytest
from django.contrib.auth import SESSION_KEY

CHANGE = "/akun/sandi/ubah/"
NEW_PASSWORD = "Serang-Madani-Baru-2026"


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get(CHANGE)
    assert response.status_code == 302
    assert response["Location"] == "/akun/masuk/?next=/akun/sandi/ubah/"


@pytest.mark.django_db
def test_it_changes_the_password_and_keeps_the_user_logged_in(client, people, password):
    client.force_login(people.officer)
    assert 'href="/akun/sandi/ubah/"' in client.get("/akun/saya/").text
    assert client.get(CHANGE).status_code == 200
    response = client.post(
        CHANGE,
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/akun/sandi/ubah/selesai/"
    people.officer.refresh_from_db()
    assert people.officer.check_password(NEW_PASSWORD)
    assert client.session[SESSION_KEY] == str(people.officer.pk)
    assert "Kata sandi Anda sudah diubah" in client.get(response["Location"]).text


@pytest.mark.django_db
def test_a_wrong_old_password_is_422_and_changes_nothing(client, people, password):
    client.force_login(people.officer)
    response = client.post(
        CHANGE,
        {"old_password": "salah", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 422
    people.officer.refresh_from_db()
    assert people.officer.check_password(password)
