import pytest

from rembug.forums.models import Forum, Support
from rembug.forums.tests.conftest import login
from rembug.forums.tests.factories import ForumInputFactory


def url(item):
    return f"/kota-serang/forum/{item.forum_id}/usulan/{item.pk}/dukung/"


@pytest.mark.django_db
def test_a_resident_supports_once(client, people, forum):
    item = ForumInputFactory(forum=forum)
    client.force_login(people.resident)
    assert client.post(url(item)).status_code == 302
    assert client.post(url(item)).status_code == 302
    item.refresh_from_db()
    assert item.support_count == 1
    assert Support.objects.filter(input=item, user=people.resident).count() == 1


@pytest.mark.django_db
def test_htmx_gets_the_button_fragment(client, people, forum):
    item = ForumInputFactory(forum=forum)
    client.force_login(people.stakeholder)
    response = client.post(url(item), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert f'id="dukungan-{item.pk}"' in response.text
    assert "<strong>1</strong>" in response.text


@pytest.mark.django_db
def test_supporting_outside_the_phase_is_refused(client, people, forum):
    item = ForumInputFactory(forum=forum)
    Forum.objects.filter(pk=forum.pk).update(phase=Forum.Phase.DISPOSITION)
    client.force_login(people.resident)
    assert client.post(url(item)).status_code == 403
    assert not Support.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 302), ("outsider", 403), ("leadership", 403)]
)
def test_who_may_not_support(client, people, forum, who, status):
    item = ForumInputFactory(forum=forum)
    login(client, people, who)
    assert client.post(url(item)).status_code == status
    assert not Support.objects.exists()


@pytest.mark.django_db
def test_it_refuses_get(client, people, forum):
    client.force_login(people.resident)
    assert client.get(url(ForumInputFactory(forum=forum))).status_code == 405
