import pytest
from django.contrib.auth import SESSION_KEY

LOGIN = "/akun/masuk/"


def fail(client, username="warga", address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": "salah"}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_it_locks_after_five_failures_and_refuses_the_right_password(client, people, password):
    for _ in range(4):
        assert fail(client).status_code == 200
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
        assert fail(client).status_code == 200
