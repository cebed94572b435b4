import pytest

from rembug.core.models import AuditEntry
from rembug.forums.models import Forum
from rembug.forums.tests.conftest import login
from rembug.forums.tests.factories import ForumInputFactory


@pytest.fixture
def mine(forum, people):
    return ForumInputFactory(forum=forum, proposer=people.resident, title="Wifi taman")


def url(item):
    return f"/kota-serang/forum/{item.forum_id}/usulan/{item.pk}/ubah/"


DATA = {
    "title": "Wifi gratis di taman kota",
    "text": "Titik wifi gratis di taman kota Serang",
    "proposer_name": "Euis",
    "institution_kind": "public",
}


@pytest.mark.django_db
def test_the_proposer_corrects_their_proposal(client, people, mine):
    client.force_login(people.resident)
    assert url(mine) in client.get(mine.get_absolute_url()).text
    assert client.post(url(mine), DATA).status_code == 302
    mine.refresh_from_db()
    assert mine.title == "Wifi gratis di taman kota"
    assert AuditEntry.objects.filter(action="update", object_id=str(mine.pk)).exists()


@pytest.mark.django_db
def test_an_invalid_edit_is_422(client, people, mine):
    client.force_login(people.resident)
    assert client.post(url(mine), {**DATA, "title": ""}).status_code == 422
    mine.refresh_from_db()
    assert mine.title == "Wifi taman"


@pytest.mark.django_db
def test_editing_closes_with_the_online_phase(client, people, mine):
    Forum.objects.filter(pk=mine.forum_id).update(phase=Forum.Phase.FORUM_DAY)
    client.force_login(people.resident)
    assert client.post(url(mine), DATA).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("stakeholder", 403),
        ("outsider", 403),
        ("leadership", 403),
        ("coordinator", 403),
    ],
)
def test_only_the_proposer_edits(client, people, mine, who, status):
    login(client, people, who)
    assert client.get(url(mine)).status_code == status


@pytest.mark.django_db
def test_it_refuses_delete(client, people, mine):
    client.force_login(people.resident)
    assert client.delete(url(mine)).status_code == 405
