import pytest

from rembug.forums.models import Forum, Reaction, Statement
from rembug.forums.tests.conftest import login
from rembug.forums.tests.factories import StatementFactory


def react_url(statement):
    return f"/kota-serang/forum/{statement.forum_id}/pernyataan/{statement.pk}/tanggapan/"


@pytest.mark.django_db
def test_a_resident_reacts_once(client, people, forum):
    statement = StatementFactory(forum=forum)
    client.force_login(people.resident)
    assert client.post(react_url(statement), {"value": "-1"}).status_code == 302
    client.post(react_url(statement), {"value": "1"})
    assert list(Reaction.objects.values_list("value", flat=True)) == [-1]


@pytest.mark.django_db
def test_htmx_gets_the_statement_fragment(client, people, forum):
    statement = StatementFactory(forum=forum, text="Internet publik gratis")
    client.force_login(people.resident)
    response = client.post(react_url(statement), {"value": "1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Internet publik gratis" in response.text
    assert "hx-post" not in response.text


@pytest.mark.django_db
def test_a_bad_value_is_422(client, people, forum):
    statement = StatementFactory(forum=forum)
    client.force_login(people.resident)
    assert client.post(react_url(statement), {"value": "7"}).status_code == 422
    assert not Reaction.objects.exists()


@pytest.mark.django_db
def test_reacting_outside_the_phase_is_refused(client, people, forum):
    statement = StatementFactory(forum=forum)
    Forum.objects.filter(pk=forum.pk).update(phase=Forum.Phase.ANNOUNCEMENT)
    client.force_login(people.resident)
    assert client.post(react_url(statement), {"value": "1"}).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 302), ("outsider", 403), ("leadership", 403)]
)
def test_who_may_not_react(client, people, forum, who, status):
    statement = StatementFactory(forum=forum)
    login(client, people, who)
    assert client.post(react_url(statement), {"value": "1"}).status_code == status


@pytest.mark.django_db
def test_it_refuses_get(client, people, forum):
    client.force_login(people.resident)
    assert client.get(react_url(StatementFactory(forum=forum))).status_code == 405


@pytest.mark.django_db
def test_a_participant_adds_a_statement(client, people, forum):
    client.force_login(people.stakeholder)
    url = f"/kota-serang/forum/{forum.pk}/pernyataan/"
    assert client.post(url, {"text": "Fiber optik sampai kelurahan"}).status_code == 302
    assert client.post(url, {"text": "x"}).status_code == 422
    assert list(Statement.objects.values_list("text", flat=True)) == [
        "Fiber optik sampai kelurahan"
    ]
    client.force_login(people.outsider)
    assert client.post(url, {"text": "Dari kota lain"}).status_code == 403
