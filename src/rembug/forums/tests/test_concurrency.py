"""Two requests at once still make one support and one reaction: the database decides.

Runs on PostgreSQL (threads, each with its own connection); skipped on SQLite, which
serialises writers anyway.
"""

import threading

import pytest
from django.db import connection, connections

from rembug.forums.models import Forum, ForumInput, Participant, Reaction, Support
from rembug.forums.phases import ActionRefused
from rembug.forums.services import forum_input_support, forum_phase_advance, statement_react
from rembug.forums.tests.factories import ForumFactory, ForumInputFactory, StatementFactory

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]
THREADS = 8


def run_together(action):
    barrier = threading.Barrier(THREADS)
    results, errors = [], []

    def work():
        try:
            barrier.wait()
            results.append(action())
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_concurrent_supports_make_one_row(people):
    forum = ForumFactory(
        government=people.government, organiser=people.agency, phase=Forum.Phase.INPUT_OPEN
    )
    item = ForumInputFactory(forum=forum)
    results, errors = run_together(
        lambda: forum_input_support(input=ForumInput.objects.get(pk=item.pk), by=people.resident)
    )
    assert errors == []
    assert sorted(created for _s, created in results) == [False] * (THREADS - 1) + [True]
    assert Support.objects.filter(input=item).count() == 1
    item.refresh_from_db()
    assert item.support_count == 1


def test_concurrent_reactions_make_one_participant_and_one_reaction(people):
    forum = ForumFactory(
        government=people.government, organiser=people.agency, phase=Forum.Phase.FORUM_DAY
    )
    statement = StatementFactory(forum=forum)
    _results, errors = run_together(
        lambda: statement_react(statement=statement, by=people.resident, value=1)
    )
    assert errors == []
    assert Reaction.objects.filter(statement=statement).count() == 1
    assert Participant.objects.filter(forum=forum, user=people.resident).count() == 1


def test_supports_racing_a_phase_change_never_land_after_it(people):
    forum = ForumFactory(
        government=people.government, organiser=people.agency, phase=Forum.Phase.FORUM_DAY
    )
    item = ForumInputFactory(forum=forum)
    users = [
        people.resident,
        people.stakeholder,
        people.officer,
        people.officer_b,
        people.planner,
        people.administrator,
        people.leadership,
    ]
    barrier = threading.Barrier(len(users) + 1)
    refused = []

    def support(user):
        barrier.wait()
        try:
            forum_input_support(input=ForumInput.objects.get(pk=item.pk), by=user)
        except ActionRefused:
            refused.append(user)
        finally:
            connections.close_all()

    def close():
        barrier.wait()
        forum_phase_advance(
            forum=Forum.objects.get(pk=forum.pk), to=Forum.Phase.DELIBERATION, by=people.coordinator
        )
        forum_phase_advance(
            forum=Forum.objects.get(pk=forum.pk), to=Forum.Phase.DISPOSITION, by=people.coordinator
        )
        connections.close_all()

    threads = [threading.Thread(target=support, args=(u,)) for u in users] + [
        threading.Thread(target=close)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    moved = forum.phase_changes.get(to_phase=Forum.Phase.DISPOSITION).at
    late = Support.objects.filter(input=item, created_at__gt=moved)
    assert not late.exists()
    assert Support.objects.filter(input=item).count() + len(refused) == len(users)
