"""Publishing a forum's results queues the proposers' e-mails for the task worker; the request
that publishes sends nothing itself."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from rembug.forums.models import Forum
from rembug.forums.services import forum_input_dispose, forum_phase_advance
from rembug.forums.tasks import forum_proposers_notify
from rembug.forums.tests.factories import ForumFactory, ForumInputFactory

pytestmark = pytest.mark.django_db


# The worker closes its database connections: on PostgreSQL the test needs real commits.
@pytest.mark.django_db(transaction=True)
@override_settings(SITE_URL="https://rembug.serangkota.go.id")
def test_publishing_queues_the_mail_and_the_worker_sends_it_in_indonesian(
    people, settings, django_capture_on_commit_callbacks
):
    forum = ForumFactory(
        government=people.government, organiser=people.agency, phase=Forum.Phase.DISPOSITION
    )
    item = ForumInputFactory(forum=forum, proposer_email="camat@kasemen.go.id")
    forum_input_dispose(input=item, by=people.planner, outcome="rejected", reason="Sudah ada")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        forum_phase_advance(forum=forum, to=Forum.Phase.PUBLISHED, by=people.coordinator)
    assert mail.outbox == []
    [queued] = DBTaskResult.objects.filter(task_path=forum_proposers_notify.module_path)
    assert queued.args_kwargs["kwargs"] == {
        "government_id": people.government.pk,
        "forum_id": forum.pk,
    }
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    [message] = mail.outbox
    assert message.to == ["camat@kasemen.go.id"]
    assert message.subject.startswith("Usulan Anda")
    assert f"https://rembug.serangkota.go.id{item.get_absolute_url()}" in message.body


def test_a_forum_without_addresses_sends_nothing(people):
    forum = ForumFactory(government=people.government, organiser=people.agency)
    ForumInputFactory(forum=forum, proposer_email="")
    assert forum_proposers_notify.call(government_id=people.government.pk, forum_id=forum.pk) == 0
    assert mail.outbox == []
