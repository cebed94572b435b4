import pytest
from django.core import mail

from rembug.forums.models import Disposition, Forum
from rembug.forums.tests.conftest import login
from rembug.forums.tests.factories import ForumInputFactory


@pytest.fixture
def item(forum):
    Forum.objects.filter(pk=forum.pk).update(phase=Forum.Phase.DISPOSITION)
    return ForumInputFactory(forum=forum, proposer_email="camat@kasemen.go.id")


def url(item):
    return f"/kota-serang/forum/{item.forum_id}/usulan/{item.pk}/jawab/"


@pytest.mark.django_db
def test_a_planner_rejects_with_a_reason_and_the_proposer_hears_when_answers_are_published(
    client, people, item, django_capture_on_commit_callbacks
):
    client.force_login(people.planner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(item), {"outcome": "rejected", "reason": "Sudah ada di Renja 2022"}
        )
    assert response.status_code == 302
    assert Disposition.objects.get(input=item).reason == "Sudah ada di Renja 2022"
    assert mail.outbox == []  # a draft until the results are published
    page = f"/kota-serang/forum/{item.forum_id}/usulan/{item.pk}/"
    assert "Sudah ada di Renja 2022" in client.get(page).content.decode()  # planners see it
    client.logout()
    assert "Sudah ada di Renja 2022" not in client.get(page).content.decode()

    client.force_login(people.coordinator)
    manage = f"/kota-serang/forum/{item.forum_id}/kelola/"
    assert "data-publish-answers" in client.get(manage).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(manage, {"to": "published"})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["camat@kasemen.go.id"]]
    assert "Sudah ada di Renja 2022" in mail.outbox[0].body
    client.logout()
    assert "Sudah ada di Renja 2022" in client.get(page).content.decode()


@pytest.mark.django_db
def test_a_rejection_without_reason_is_422(client, people, item):
    client.force_login(people.coordinator)
    response = client.post(url(item), {"outcome": "rejected", "reason": ""})
    assert response.status_code == 422
    assert not Disposition.objects.exists()


@pytest.mark.django_db
def test_forwarding_to_the_agency_in_charge(client, people, item):
    client.force_login(people.officer)
    assert client.get(url(item)).status_code == 200
    client.post(url(item), {"outcome": "forwarded", "forwarded_to": people.agency_b.pk})
    assert Disposition.objects.get(input=item).forwarded_to == people.agency_b


@pytest.mark.django_db
def test_answering_before_deliberation_is_refused(client, people, item):
    Forum.objects.filter(pk=item.forum_id).update(phase=Forum.Phase.INPUT_OPEN)
    client.force_login(people.coordinator)
    assert (
        client.post(url(item), {"outcome": "deferred", "deferred_to_year": "2026"}).status_code
        == 403
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("leadership", 403),
        ("resident", 403),
        ("officer_b", 403),
        ("planner", 200),
        ("coordinator", 200),
    ],
)
def test_who_may_answer(client, people, item, who, status):
    login(client, people, who)
    assert client.get(url(item)).status_code == status


@pytest.mark.django_db
def test_it_refuses_delete(client, people, item):
    client.force_login(people.coordinator)
    assert client.delete(url(item)).status_code == 405
