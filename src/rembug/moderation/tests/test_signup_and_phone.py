import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from rembug.moderation.phone import phone_code_check, phone_code_send

DATA = {
    "username": "warga.baru",
    "full_name": "Nur Aini",
    "email": "nur.aini@example.id",
    "password": "sandi-warga-2026-kuat",
}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


class FakeSms:
    """Test double for an SMS gateway: keeps what it was asked to send."""

    def __init__(self):
        self.sent = []

    def send(self, phone, text):
        self.sent.append((phone, text))


def test_a_new_account_is_inactive_until_its_email_is_confirmed(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("signup:start"), DATA)
    assert response.status_code == 200
    user = get_user_model().objects.get(username="warga.baru")
    assert not user.is_active
    credentials = {"username": "warga.baru", "password": DATA["password"]}
    assert client.post(reverse("accounts:login"), credentials).status_code == 422
    link = re.search(r"https?://\S+", mail.outbox[0].body).group()
    assert client.get(link).status_code == 302
    user.refresh_from_db()
    assert user.is_active
    assert client.post(reverse("accounts:login"), credentials).status_code == 302


def test_a_forged_link_activates_nothing(client, db):
    client.post(reverse("signup:start"), DATA)
    user = get_user_model().objects.get(username="warga.baru")
    bad = reverse("signup:verify", kwargs={"uidb64": "MQ", "token": "abc-123"})
    assert client.get(bad).status_code == 400
    user.refresh_from_db()
    assert not user.is_active


def test_a_taken_email_or_weak_password_is_refused(client, people):
    people.resident.email = "nur.aini@example.id"
    people.resident.save()
    assert client.post(reverse("signup:start"), DATA).status_code == 422
    weak = {**DATA, "email": "lain@example.id", "password": "123"}
    assert client.post(reverse("signup:start"), weak).status_code == 422
    assert not get_user_model().objects.filter(username="warga.baru").exists()


@override_settings(RATE_LIMITS={"account": "2/h"})
def test_account_creation_is_rate_limited_per_address(client, db):
    for n in range(2):
        data = {**DATA, "username": f"warga{n}", "email": f"w{n}@example.id"}
        assert client.post(reverse("signup:start"), data).status_code == 200
    third = {**DATA, "username": "warga9", "email": "w9@example.id"}
    response = client.post(reverse("signup:start"), third)
    assert response.status_code == 422
    assert "Terlalu banyak kiriman" in response.content.decode()
    assert get_user_model().objects.filter(username__startswith="warga").count() == 2


@override_settings(FORM_HUMAN_CHECK=True)
def test_a_bot_filling_the_honeypot_gets_no_account(client, db):
    page = client.get(reverse("signup:start")).content.decode()
    stamp = re.search(r'name="form_started" value="([^"]+)"', page).group(1)
    response = client.post(reverse("signup:start"), {**DATA, "website": "x", "form_started": stamp})
    assert response.status_code == 422
    assert not get_user_model().objects.exists()


def test_a_phone_is_verified_with_the_code_sent_through_the_adapter():
    sms = FakeSms()
    phone_code_send(phone="0812-3456-7890", sender=sms)
    code = re.search(r"\d{6}", sms.sent[0][1]).group()
    assert not phone_code_check(phone="081234567890", code="000000" if code != "000000" else "1")
    assert phone_code_check(phone="081234567890", code=code)
    assert not phone_code_check(phone="081234567890", code=code)  # used once


def test_wrong_codes_void_the_phone_code():
    sms = FakeSms()
    phone_code_send(phone="081234567890", sender=sms)
    code = re.search(r"\d{6}", sms.sent[0][1]).group()
    wrong = "111111" if code != "111111" else "222222"
    for _ in range(5):
        assert not phone_code_check(phone="081234567890", code=wrong)
    assert not phone_code_check(phone="081234567890", code=code)
