import pytest
from django.core import mail

from rembug.core.models import AuditEntry
from rembug.forums.models import Disposition, Forum, ForumPhaseChange
from rembug.forums.phases import (
    ActionRefused,
    TransitionRefused,
    phase_allows,
    phase_require,
    phase_switches,
)
from rembug.forums.services import forum_input_dispose, forum_phase_advance
from rembug.forums.tests.factories import ForumFactory, ForumInputFactory

Phase = Forum.Phase


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("phase", "submit", "vote", "dispose"),
    [
        (Phase.ANNOUNCEMENT, False, False, False),
        (Phase.INPUT_OPEN, True, True, False),
        (Phase.FORUM_DAY, True, True, False),
        (Phase.DELIBERATION, False, True, True),
        (Phase.DISPOSITION, False, False, True),
        (Phase.PUBLISHED, False, False, False),
    ],
)
def test_each_phase_switches_actions(people, phase, submit, vote, dispose):
    forum = ForumFactory(government=people.government, organiser=people.agency, phase=phase)
    assert phase_allows(forum, "submit") is submit
    assert phase_allows(forum, "vote") is vote
    assert phase_allows(forum, "dispose") is dispose
    shown = {s.action: s.is_on for s in phase_switches(forum)}
    assert shown["submit"] is submit


@pytest.mark.django_db
def test_phase_require_refuses_with_403_error(people):
    forum = ForumFactory(
        government=people.government, organiser=people.agency, phase=Phase.ANNOUNCEMENT
    )
    with pytest.raises(ActionRefused):
        phase_require(forum, "submit")


@pytest.mark.django_db
def test_it_walks_the_phases_and_writes_the_timeline(people):
    forum = ForumFactory(
        government=people.government, organiser=people.agency, phase=Phase.ANNOUNCEMENT
    )
    for to in [
        Phase.INPUT_OPEN,
        Phase.FORUM_DAY,
        Phase.DELIBERATION,
        Phase.DISPOSITION,
        Phase.PUBLISHED,
    ]:
        forum_phase_advance(forum=forum, to=to, by=people.coordinator, note=f"ke {to}")
    forum.refresh_from_db()
    assert forum.phase == Phase.PUBLISHED
    changes = list(
        ForumPhaseChange.objects.filter(forum=forum).values_list("from_phase", "to_phase")
    )
    assert changes[0] == ("announcement", "input_open")
    assert changes[-1] == ("disposition", "published")
    assert ForumPhaseChange.objects.filter(forum=forum, by=people.coordinator).count() == 5
    assert AuditEntry.objects.filter(action="transition", object_id=str(forum.pk)).count() == 5


@pytest.mark.django_db
def test_it_refuses_a_jump_that_the_table_does_not_allow(people):
    forum = ForumFactory(
        government=people.government, organiser=people.agency, phase=Phase.INPUT_OPEN
    )
    with pytest.raises(TransitionRefused):
        forum_phase_advance(forum=forum, to=Phase.PUBLISHED, by=people.coordinator)
    forum.refresh_from_db()
    assert forum.phase == Phase.INPUT_OPEN
    assert not ForumPhaseChange.objects.exists()


@pytest.mark.django_db
def test_results_cannot_be_published_while_an_input_has_no_answer(people):
    forum = ForumFactory(
        government=people.government, organiser=people.agency, phase=Phase.DISPOSITION
    )
    answered = ForumInputFactory(forum=forum)
    waiting = ForumInputFactory(forum=forum)
    forum_input_dispose(
        input=answered, by=people.coordinator, outcome="rejected", reason="Bukan kewenangan"
    )
    with pytest.raises(TransitionRefused, match="1"):
        forum_phase_advance(forum=forum, to=Phase.PUBLISHED, by=people.coordinator)
    forum_input_dispose(
        input=waiting, by=people.coordinator, outcome="deferred", deferred_to_year=2027
    )
    forum_phase_advance(forum=forum, to=Phase.PUBLISHED, by=people.coordinator)
    assert Disposition.objects.filter(input__forum=forum).count() == 2
    assert len(mail.outbox) == 0  # on_commit never ran inside the test transaction


@pytest.mark.django_db
def test_the_forum_page_shows_the_timeline(client, people):
    forum = ForumFactory(
        government=people.government, organiser=people.agency, phase=Phase.ANNOUNCEMENT
    )
    forum_phase_advance(
        forum=forum, to=Phase.INPUT_OPEN, by=people.coordinator, note="Dibuka daring"
    )
    text = client.get(f"/kota-serang/forum/{forum.pk}/").text
    assert 'id="linimasa"' in text and "Dibuka daring" in text


@pytest.mark.django_db
def test_publishing_makes_every_answer_public_at_once_and_tells_each_proposer(
    people, django_capture_on_commit_callbacks
):
    from rembug.forums.access import answers_visible
    from rembug.forums.selectors import forum_statistics, government_statistics

    forum = ForumFactory(
        government=people.government, organiser=people.agency, phase=Phase.DISPOSITION
    )
    inputs = [
        ForumInputFactory(forum=forum, proposer_email=f"warga{n}@contoh.id") for n in range(3)
    ]
    silent = ForumInputFactory(forum=forum, proposer_email="")
    with django_capture_on_commit_callbacks(execute=True):
        for item in [*inputs, silent]:
            forum_input_dispose(
                input=item, by=people.planner, outcome="deferred", deferred_to_year=2027
            )
    assert mail.outbox == []
    assert not answers_visible(people.resident, forum) and not answers_visible(None, forum)
    assert answers_visible(people.planner, forum)
    assert forum_statistics(forum).answered == 0  # what the public sees
    assert forum_statistics(forum, drafts=True).answered == 4
    assert government_statistics(people.government).answered == 0

    with django_capture_on_commit_callbacks(execute=True):
        forum_phase_advance(forum=forum, to=Phase.PUBLISHED, by=people.coordinator)
    assert sorted(m.to[0] for m in mail.outbox) == [f"warga{n}@contoh.id" for n in range(3)]
    by_address = {m.to[0]: m for m in mail.outbox}
    for item in inputs:
        assert item.title in by_address[item.proposer_email].subject
        assert item.get_absolute_url() in by_address[item.proposer_email].body
    forum.refresh_from_db()
    assert answers_visible(people.resident, forum) and answers_visible(None, forum)
    assert forum_statistics(forum).answered == 4
    assert government_statistics(people.government).answered == 4
