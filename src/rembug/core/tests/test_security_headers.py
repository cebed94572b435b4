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
