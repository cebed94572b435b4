import pytest
from django.contrib.auth import SESSION_KEY

LOGIN = "/akun/masuk/"


def fail(client, username="warga", address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": "salah"}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_it_locks_after_five_failures_and_refuses_the_right_password(client, people, password):
    for _ in range(4):
        assert fail(client).status_code == 422
    response = fail(client)
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]

    response = client.post(
        LOGIN, {"username": "warga", "password": password}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_the_locked_out_page_says_what_happened_in_indonesian(client, people):
    for _ in range(5):
        response = fail(client)
    assert "Terlalu banyak percobaan yang gagal" in response.text
    assert "15 menit" in response.text
    assert 'href="/akun/sandi/lupa/"' in response.text


@pytest.mark.django_db
def test_the_locked_out_page_speaks_english_when_asked(client, people):
    client.cookies["django_language"] = "en"
    for _ in range(5):
        response = fail(client)
    assert response.status_code == 429
    assert "Too many failed attempts" in response.text
    assert "15 minutes" in response.text


@pytest.mark.django_db
def test_the_lock_is_per_user_name_and_address(client, people, password):
    for _ in range(5):
        fail(client)
    # Another user from the same address, and the same user from another address, still get in.
    other = client.post(
        LOGIN, {"username": "pemangku", "password": password}, REMOTE_ADDR="10.0.0.1"
    )
    assert other.status_code == 302
    client.logout()
    elsewhere = client.post(
        LOGIN, {"username": "warga", "password": password}, REMOTE_ADDR="10.0.0.2"
    )
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_a_success_resets_the_count(client, people, password):
    for _ in range(4):
        fail(client)
    assert (
        client.post(
            LOGIN, {"username": "warga", "password": password}, REMOTE_ADDR="10.0.0.1"
        ).status_code
        == 302
    )
    client.logout()
    for _ in range(4):
        assert fail(client).status_code == 422


@pytest.mark.django_db
def test_behind_a_proxy_the_lock_is_per_client_not_per_proxy(client, people, password, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.9.9.9"
    for _ in range(5):
        client.post(
            LOGIN,
            {"username": "warga", "password": "salah"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    locked = client.post(
        LOGIN,
        {"username": "warga", "password": password},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert locked.status_code == 429
    # The resident, at home behind the same proxy, still gets in.
    home = client.post(
        LOGIN,
        {"username": "warga", "password": password},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert home.status_code == 302


@pytest.mark.django_db
def test_a_forged_forwarded_header_does_not_dodge_the_lock(client, people, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for attempt in range(5):
        # The attacker invents a new left-most address each time; the proxy appends the real one.
        response = client.post(
            LOGIN,
            {"username": "warga", "password": "salah"},
            REMOTE_ADDR="10.9.9.9",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 203.0.113.7",
        )
    assert response.status_code == 429


@pytest.mark.django_db
def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, people):
    for attempt in range(5):
        response = client.post(
            LOGIN,
            {"username": "warga", "password": "salah"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}",
        )
    assert response.status_code == 429
