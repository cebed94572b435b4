import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/akun/masuk/", "/kota-serang/", "/tidak-ada/"])
def test_it_sends_the_security_headers(client, people, url):
    response = client.get(url)
    assert response.status_code in {200, 404}
    csp = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp
    assert "'unsafe-eval'" not in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_pages_have_no_inline_script_or_style(client, people):
    # CSP would block them in the browser; catch them here with a readable message.
    for url in ["/", "/akun/masuk/", "/kota-serang/", "/kota-serang/perangkat-daerah/diskominfo/"]:
        html = client.get(url).text
        assert "<script>" not in html and "<style" not in html and " style=" not in html, url
        assert " onclick=" not in html and " onload=" not in html, url


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_http_only_and_lax(client, people, password):
    client.post("/akun/masuk/", {"username": "warga", "password": password})
    session = client.cookies["sessionid"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"


@pytest.mark.django_db
def test_in_production_http_is_redirected_and_https_is_pinned(client, people, settings):
    # What SECURE (the production default) turns on; the test run itself uses plain HTTP.
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    plain = client.get("/kota-serang/")
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/kota-serang/"
    secure = client.get("/kota-serang/", secure=True)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert secure["Cross-Origin-Opener-Policy"] == "same-origin"
