import base64
import re
import time

import pytest
from django.contrib.auth import SESSION_KEY

from rembug.accounts.models import RecoveryCode, TwoFactor
from rembug.accounts.totp import hotp, provisioning_uri, step_at, totp, totp_match
from rembug.core.audit import audit_history
from rembug.testing.fixtures import two_factor_code

LOGIN = "/akun/masuk/"
CODE = "/akun/masuk/kode/"
SETUP = "/akun/dua-langkah/"

# RFC 6238 appendix B, SHA-1 key; we use the last 6 of its 8 digits.
RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


@pytest.mark.parametrize(
    ("at", "expected"),
    [(59, "287082"), (1111111109, "081804"), (1234567890, "005924"), (2000000000, "279037")],
)
def test_it_computes_the_rfc_6238_test_vectors(at, expected):
    assert totp(RFC_SECRET, at=at) == expected


def test_a_code_is_accepted_one_step_either_side_and_never_twice():
    now = 1234567890
    assert totp_match(RFC_SECRET, totp(RFC_SECRET, at=now - 30), at=now) == step_at(now) - 1
    assert totp_match(RFC_SECRET, totp(RFC_SECRET, at=now - 90), at=now) is None
    step = totp_match(RFC_SECRET, "005 924", at=now)
    assert step == step_at(now)
    assert totp_match(RFC_SECRET, "005924", at=now, after_step=step) is None
    assert totp_match(RFC_SECRET, "abc", at=now) is None


def test_the_provisioning_uri_names_the_issuer_and_account():
    uri = provisioning_uri(RFC_SECRET, account="koordinator.serang")
    assert uri.startswith("otpauth://totp/Rembug%3Akoordinator.serang?secret=")
    assert "issuer=Rembug" in uri


def _log_in(client, user, password, **extra):
    return client.post(LOGIN, {"username": user.username, "password": password, **extra})


def test_it_asks_an_enrolled_user_for_a_code_before_signing_in(client, people, password):
    response = _log_in(client, people.coordinator, password, next="/kota-serang/aduan/koordinator/")
    assert response.status_code == 302 and response["Location"] == CODE
    assert SESSION_KEY not in client.session  # the password alone signs nobody in
    assert client.get("/akun/saya/").status_code == 302
    page = client.get(CODE)
    assert page.status_code == 200 and 'name="code"' in page.text
    assert "Demo" not in page.text  # the demo hint never shows outside the demo
    response = client.post(CODE, {"code": two_factor_code(people.coordinator)})
    assert response.status_code == 302
    assert response["Location"] == "/kota-serang/aduan/koordinator/"
    assert client.session[SESSION_KEY] == str(people.coordinator.pk)


def test_a_wrong_or_replayed_code_is_refused(client, people, password):
    _log_in(client, people.coordinator, password)
    response = client.post(CODE, {"code": "000000" if totp(RFC_SECRET) != "000000" else "111111"})
    assert response.status_code == 422
    assert "Kode itu salah" in response.text
    code = two_factor_code(people.coordinator)
    assert client.post(CODE, {"code": code}).status_code == 302
    client.logout()
    _log_in(client, people.coordinator, password)
    assert client.post(CODE, {"code": code}).status_code == 422  # a used code cannot be replayed


def test_wrong_codes_block_all_codes_for_a_while(client, people, password, settings):
    settings.TWO_FACTOR_FAILURE_LIMIT = 3
    _log_in(client, people.coordinator, password)
    device = TwoFactor.objects.get(user=people.coordinator)
    wrong = f"{(int(totp(device.secret)) + 500_000) % 1_000_000:06d}"
    assert [client.post(CODE, {"code": wrong}).status_code for _ in range(2)] == [422, 422]
    assert client.post(CODE, {"code": wrong}).status_code == 422  # the third wrong one blocks
    blocked = client.post(CODE, {"code": two_factor_code(people.coordinator)})
    assert blocked.status_code == 429
    assert "Terlalu banyak kode salah" in blocked.text
    assert SESSION_KEY not in client.session


def test_a_recovery_code_signs_in_once(client, people, password):
    from rembug.accounts.two_factor import recovery_codes_renew

    codes = recovery_codes_renew(user=people.coordinator)
    _log_in(client, people.coordinator, password)
    assert client.post(CODE, {"code": codes[0].upper()}).status_code == 302
    client.logout()
    _log_in(client, people.coordinator, password)
    assert client.post(CODE, {"code": codes[0]}).status_code == 422
    assert RecoveryCode.objects.filter(user=people.coordinator, used_at__isnull=True).count() == 9
    assert any("recovery_code_used" in e.changes for e in audit_history(people.coordinator))


def test_the_code_step_expires(client, people, password, monkeypatch):
    _log_in(client, people.coordinator, password)
    later = time.time() + 301
    monkeypatch.setattr("rembug.accounts.views.time.time", lambda: later)
    response = client.post(CODE, {"code": two_factor_code(people.coordinator)})
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert SESSION_KEY not in client.session


def test_the_code_page_without_a_password_step_goes_back_to_login(client, db):
    assert client.get(CODE)["Location"] == LOGIN


def test_a_user_without_two_factor_signs_in_with_the_password(client, people, password):
    response = _log_in(client, people.resident, password)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.session[SESSION_KEY] == str(people.resident.pk)


def test_a_coordinator_who_has_not_enrolled_is_sent_to_enrol(client, people, password):
    TwoFactor.objects.filter(user=people.coordinator).delete()
    response = _log_in(client, people.coordinator, password)
    assert response.status_code == 302  # signed in, but every page leads to enrolment
    page = client.get("/kota-serang/aduan/koordinator/")
    assert page.status_code == 302
    assert page["Location"] == f"{SETUP}?next=%2Fkota-serang%2Faduan%2Fkoordinator%2F"
    assert client.get("/akun/saya/").status_code == 200  # their own account stays reachable


def test_an_administrator_and_a_superuser_must_enrol_too(client, people):
    TwoFactor.objects.filter(user=people.administrator).delete()
    client.force_login(people.administrator)
    assert client.get("/kota-serang/")["Location"].startswith(SETUP)
    people.resident.is_superuser = True
    people.resident.save()
    client.force_login(people.resident)
    assert client.get("/kota-serang/")["Location"].startswith(SETUP)


def test_enrolment_shows_a_qr_code_and_the_secret_then_needs_a_first_code(client, people):
    TwoFactor.objects.filter(user=people.coordinator).delete()
    client.force_login(people.coordinator)
    page = client.get(f"{SETUP}?next=/kota-serang/aduan/koordinator/")
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in page.text
    secret = re.search(r'data-secret="([A-Z2-7]+)"', page.text).group(1)
    assert client.get(SETUP).text.count(secret) >= 1  # reloading keeps the scanned secret
    assert client.post(SETUP, {"code": "12"}).status_code == 422
    assert not TwoFactor.objects.get(user=people.coordinator).confirmed_at
    response = client.post(SETUP, {"code": totp(secret), "next": "/kota-serang/aduan/koordinator/"})
    assert response.status_code == 200
    codes = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", response.text)
    assert len(codes) == 10
    assert RecoveryCode.objects.filter(user=people.coordinator).count() == 10
    assert client.get("/kota-serang/aduan/koordinator/").status_code == 200
    entry = audit_history(people.coordinator).first()
    assert entry.changes == {"two_factor": [False, True]}


def test_a_resident_may_turn_it_on_and_off_but_a_coordinator_may_not_turn_it_off(client, people):
    client.force_login(people.resident)
    secret = re.search(r'data-secret="([A-Z2-7]+)"', client.get(SETUP).text).group(1)
    client.post(SETUP, {"code": totp(secret)})
    assert TwoFactor.objects.get(user=people.resident).confirmed_at
    manage = client.get(SETUP)
    assert 'value="disable"' in manage.text
    assert (
        client.post(SETUP, {"code": two_factor_code(people.resident), "action": "disable"})[
            "Location"
        ]
        == "/akun/saya/"
    )
    assert not TwoFactor.objects.filter(user=people.resident).exists()

    client.force_login(people.coordinator)
    assert 'value="disable"' not in client.get(SETUP).text
    response = client.post(
        SETUP, {"code": two_factor_code(people.coordinator), "action": "disable"}
    )
    assert response.status_code == 422
    assert TwoFactor.objects.get(user=people.coordinator).confirmed_at


def test_recovery_codes_can_be_renewed_with_a_code(client, people):
    client.force_login(people.coordinator)
    response = client.post(SETUP, {"code": two_factor_code(people.coordinator), "action": "renew"})
    assert response.status_code == 200
    assert len(re.findall(r"<code>[a-z2-9]{5}-[a-z2-9]{5}</code>", response.text)) == 10


def test_the_setup_page_needs_a_login(client, db):
    assert client.get(SETUP)["Location"].startswith("/akun/masuk/")


def test_the_demo_shows_the_current_code_only_with_debug(client, people, password, settings):
    settings.REMBUG_DEMO = True
    settings.DEBUG = True
    _log_in(client, people.coordinator, password)
    device = TwoFactor.objects.get(user=people.coordinator)
    assert f'data-demo-code="{totp(device.secret)}"' in client.get(CODE).text or (
        hotp(device.secret, step_at() - 1) in client.get(CODE).text
    )
    settings.DEBUG = False
    assert "data-demo-code" not in client.get(CODE).text


def test_the_admin_sites_own_login_leads_to_ours(client, db):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/akun/masuk/?next=%2Fadmin%2F"
    assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 302
