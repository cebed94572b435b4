import io

import pytest
from django.core.management import call_command

from rembug.testing.factories import AgencyFactory
from rembug.testing.fixtures import assert_query_count_constant


@pytest.mark.django_db
def test_it_shows_the_government_its_agencies_and_the_modules(client, people):
    response = client.get("/kota-serang/")
    assert response.status_code == 200
    assert "Dinas Komunikasi dan Informatika" in response.text
    assert "36.73" in response.text
    for link in ("/kota-serang/rencana/", "/kota-serang/forum/", "/kota-serang/aduan/"):
        assert f'href="{link}"' in response.text


@pytest.mark.django_db
def test_it_refuses_post(client, people):
    assert client.post("/kota-serang/").status_code == 405


@pytest.mark.django_db
def test_its_query_count_does_not_grow_with_agencies(client, people):
    def grow():
        for _ in range(5):
            AgencyFactory(government=people.government)

    assert_query_count_constant(lambda: client.get("/kota-serang/"), grow, label="home")


@pytest.mark.django_db
def test_the_demo_home_shows_plans_forums_and_reports(client):
    call_command("demo", no_serve=True, stdout=io.StringIO())
    text = client.get("/kota-serang/").text
    assert "Forum Renja" in text or "Forum Perangkat Daerah" in text
    assert "Renja" in text
    assert "Kasemen" in text


@pytest.mark.django_db
def test_it_leads_with_the_numbers_that_matter(client, people):
    from rembug.complaints.tests.factories import verified
    from rembug.ppid.tests.factories import information_request

    verified(government=people.government, agency=people.agency)
    information_request(people.agency)
    response = client.get("/kota-serang/")
    figures = response.context["figures"]
    assert figures.reports_this_month == 1
    assert 'href="/kota-serang/data/"' in response.text
    assert 'href="/kota-serang/ppid/"' in response.text


@pytest.mark.django_db
def test_its_query_count_does_not_grow_with_reports_and_requests(client, people):
    from rembug.complaints.tests.factories import verified
    from rembug.ppid.tests.factories import information_request

    def grow():
        for _ in range(5):
            verified(government=people.government, agency=people.agency)
            information_request(people.agency)

    assert_query_count_constant(lambda: client.get("/kota-serang/"), grow, label="home")
