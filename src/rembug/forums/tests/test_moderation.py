import pytest

from rembug.forums.models import Statement
from rembug.forums.tests.conftest import login
from rembug.forums.tests.factories import ForumInputFactory, StatementFactory


def url(statement):
    return f"/kota-serang/forum/{statement.forum_id}/pernyataan/{statement.pk}/moderasi/"


@pytest.mark.django_db
def test_a_facilitator_moderates_a_statement_out_and_back(client, people, forum):
    statement = StatementFactory(forum=forum, text="Kata-kata kasar")
    client.force_login(people.coordinator)
    assert client.post(url(statement), {"out": "1"}).status_code == 302
    assert Statement.objects.get().is_moderated_out
    assert "Kata-kata kasar" not in client.get(f"/kota-serang/forum/{forum.pk}/").text
    client.post(url(statement), {"out": "0"})
    assert not Statement.objects.get().is_moderated_out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("resident", 403), ("outsider", 403), ("leadership", 403)],
)
def test_only_facilitators_moderate(client, people, forum, who, status):
    statement = StatementFactory(forum=forum)
    login(client, people, who)
    assert client.post(url(statement), {"out": "1"}).status_code == status
    assert not Statement.objects.get().is_moderated_out


@pytest.mark.django_db
def test_it_refuses_get(client, people, forum):
    client.force_login(people.coordinator)
    assert client.get(url(StatementFactory(forum=forum))).status_code == 405


@pytest.mark.django_db
def test_pages_keep_the_ranking(client, people, forum):
    ForumInputFactory.create_batch(51, forum=forum)
    text = client.get(f"/kota-serang/forum/{forum.pk}/", {"urut": "score"}).text
    assert "?urut=score&amp;page=2" in text
