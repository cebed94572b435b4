import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail

from rembug.testing.factories import UserFactory

NEW_PASSWORD = "Kota-Serang-Madani-2026"


def reset_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/akun/sandi/atur/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.mark.django_db
def test_it_resets_the_password_by_e_mail_and_the_link_works_once(client, people):
    response = client.post("/akun/sandi/lupa/", {"email": people.resident.email})
    assert response.status_code == 302
    assert response["Location"] == "/akun/sandi/lupa/terkirim/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [people.resident.email]
    assert "Rembug" in message.subject
    link = reset_link(message)

    # The link trades its token for a session-bound form URL, then takes the new password.
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302
    assert done["Location"] == "/akun/sandi/atur/selesai/"
    people.resident.refresh_from_db()
    assert people.resident.check_password(NEW_PASSWORD)

    again = client.get(link, follow=True)
    assert again.context["validlink"] is False
    assert "Tautan ini sudah tidak berlaku" in again.text

    login = client.post("/akun/masuk/", {"username": "warga", "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert client.session[SESSION_KEY] == str(people.resident.pk)


@pytest.mark.django_db
def test_it_does_not_tell_whether_an_address_is_known(client, db):
    response = client.post("/akun/sandi/lupa/", {"email": "tidak.ada@contoh.go.id"})
    assert response.status_code == 302
    assert response["Location"] == "/akun/sandi/lupa/terkirim/"
    assert mail.outbox == []


@pytest.mark.django_db
def test_it_rejects_a_weak_new_password(client, db):
    user = UserFactory(username="lemah")
    client.post("/akun/sandi/lupa/", {"email": user.email})
    form_page = client.get(reset_link(mail.outbox[0]), follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"}
    )
    assert response.status_code == 422
    assert response.context["form"].errors
    user.refresh_from_db()
    assert not user.check_password("12345678")


@pytest.mark.django_db
def test_a_forged_link_does_not_work(client, people):
    response = client.get("/akun/sandi/atur/MQ/palsu-token/")
    assert response.status_code == 200
    assert response.context["validlink"] is False


@pytest.mark.django_db
def test_a_malformed_address_is_422(client, db):
    response = client.post("/akun/sandi/lupa/", {"email": "bukan-alamat"})
    assert response.status_code == 422
    assert mail.outbox == []
