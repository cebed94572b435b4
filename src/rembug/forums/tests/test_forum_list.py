import pytest

from rembug.forums.tests.factories import ForumFactory, ForumInputFactory
from rembug.testing.fixtures import assert_query_count_constant


@pytest.mark.django_db
def test_it_lists_the_governments_forums_only(client, people, forum):
    ForumFactory(government=people.other_government, title="Forum Kota Lain")
    response = client.get("/kota-serang/forum/")
    assert response.status_code == 200
    assert "Forum Perangkat Daerah Diskominfo 2022" in response.text
    assert "Forum Kota Lain" not in response.text


@pytest.mark.django_db
def test_the_menu_links_to_the_forums(client, people):
    assert 'href="/kota-serang/forum/"' in client.get("/kota-serang/").text


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "resident", "leadership", "outsider"])
def test_anyone_reads_the_list(client, people, forum, who):
    user = people.all_roles()[who]
    if user:
        client.force_login(user)
    assert client.get("/kota-serang/forum/").status_code == 200


@pytest.mark.django_db
def test_it_refuses_post(client, people):
    assert client.post("/kota-serang/forum/").status_code == 405


@pytest.mark.django_db
def test_its_query_count_does_not_grow(client, people, forum):
    def grow():
        for _ in range(4):
            other = ForumFactory(government=people.government, organiser=people.agency_b)
            ForumInputFactory.create_batch(2, forum=other)

    assert_query_count_constant(lambda: client.get("/kota-serang/forum/"), grow, label="forum list")
