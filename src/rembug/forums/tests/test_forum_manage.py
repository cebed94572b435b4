import pytest
from django.utils import timezone

from rembug.forums.models import Disposition, Forum, ForumAnalysis, ForumPhaseChange
from rembug.forums.tests.conftest import login
from rembug.forums.tests.factories import ForumInputFactory, ParticipantFactory


def url(forum):
    return f"/kota-serang/forum/{forum.pk}/kelola/"


@pytest.mark.django_db
def test_a_facilitator_moves_the_forum_to_the_forum_day(client, people, forum):
    client.force_login(people.officer)
    assert client.get(url(forum)).status_code == 200
    response = client.post(url(forum), {"to": "forum_day", "note": "Dibuka oleh Sekda"})
    assert response.status_code == 302
    forum.refresh_from_db()
    assert forum.phase == "forum_day"
    change = ForumPhaseChange.objects.get()
    assert (change.by, change.note) == (people.officer, "Dibuka oleh Sekda")


@pytest.mark.django_db
def test_publishing_with_unanswered_inputs_is_422(client, people, forum):
    Forum.objects.filter(pk=forum.pk).update(phase=Forum.Phase.DISPOSITION)
    ForumInputFactory(forum=forum)
    client.force_login(people.coordinator)
    response = client.post(url(forum), {"to": "published"})
    assert response.status_code == 422
    forum.refresh_from_db()
    assert forum.phase == "disposition"


@pytest.mark.django_db
def test_publishing_when_all_are_answered(
    client, people, forum, django_capture_on_commit_callbacks
):
    Forum.objects.filter(pk=forum.pk).update(phase=Forum.Phase.DISPOSITION)
    item = ForumInputFactory(forum=forum)
    Disposition.objects.create(
        government=forum.government,
        input=item,
        outcome="deferred",
        deferred_to_year=2026,
        decided_at=timezone.now(),
    )
    client.force_login(people.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url(forum), {"to": "published"}).status_code == 302
    assert ForumAnalysis.objects.filter(forum=forum).exists()


@pytest.mark.django_db
def test_attendance_is_ticked_on_the_forum_day(client, people, forum):
    Forum.objects.filter(pk=forum.pk).update(phase=Forum.Phase.FORUM_DAY)
    guest = ParticipantFactory(forum=forum)
    client.force_login(people.coordinator)
    mark = f"/kota-serang/forum/{forum.pk}/peserta/{guest.pk}/hadir/"
    response = client.post(mark, {"present": "1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "badge-ok" in response.text
    guest.refresh_from_db()
    assert guest.attended_at is not None
    client.force_login(people.resident)
    assert client.post(mark).status_code == 403


@pytest.mark.django_db
def test_a_participant_registers_with_their_code(client, people, forum):
    Forum.objects.filter(pk=forum.pk).update(phase=Forum.Phase.FORUM_DAY)
    guest = ParticipantFactory(forum=forum, attendance_code="ACDEF3")
    client.force_login(people.stakeholder)
    register = f"/kota-serang/forum/{forum.pk}/hadir/"
    assert client.post(register, {"code": "nope00"}).status_code == 422
    assert client.post(register, {"code": "acdef3"}).status_code == 302
    guest.refresh_from_db()
    assert guest.user == people.stakeholder


@pytest.mark.django_db
def test_the_facilitator_recomputes_themes(client, people, forum):
    ForumInputFactory.create_batch(4, forum=forum)
    client.force_login(people.coordinator)
    assert client.post(f"/kota-serang/forum/{forum.pk}/kelola/analisis/").status_code == 302
    assert ForumAnalysis.objects.get(forum=forum).input_count == 4
    assert "Tema" in client.get(url(forum)).text or "Themes" in client.get(url(forum)).text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("leadership", 403),
        ("resident", 403),
        ("officer_b", 403),
        ("planner", 403),
        ("officer", 200),
        ("coordinator", 200),
    ],
)
def test_only_facilitators_reach_the_desk(client, people, forum, who, status):
    login(client, people, who)
    assert client.get(url(forum)).status_code == status


@pytest.mark.django_db
def test_it_refuses_put(client, people, forum):
    client.force_login(people.coordinator)
    assert client.put(url(forum)).status_code == 405
