import pytest


@pytest.mark.django_db
def test_it_speaks_indonesian_even_to_an_english_browser(client, people):
    response = client.get("/kota-serang/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "id"
    assert "Masuk" in response.text


@pytest.mark.django_db
def test_it_speaks_english_once_the_visitor_chooses_it(client, people):
    client.post("/i18n/setlang/", {"language": "en", "next": "/kota-serang/"})
    response = client.get("/kota-serang/", HTTP_ACCEPT_LANGUAGE="id")
    assert response.headers["Content-Language"] == "en"
    assert "Log in" in response.text
