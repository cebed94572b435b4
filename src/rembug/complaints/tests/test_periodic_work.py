"""The reports' periodic work runs in the task worker: the tick closes answered reports after ten
days, escalates overdue ones and e-mails the coordinators, then queues its own next run."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from rembug.complaints import services
from rembug.complaints.models import Privacy, ResolvedBy, Status
from rembug.complaints.tasks import TICK_EVERY, complaints_tick, tick_schedule
from rembug.complaints.tests.factories import ComplaintFactory

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


@pytest.fixture
def due_work(people):
    answered = ComplaintFactory(
        government=people.government,
        status=Status.ANSWERED,
        agency=people.agency,
        answered_at=timezone.now() - dt.timedelta(days=11),
    )
    late = ComplaintFactory(
        government=people.government,
        status=Status.DISPATCHED,
        agency=people.agency,
        title="Drainase tersumbat di Kasemen",
        privacy=Privacy.ANONYMOUS,
        contact_name="Nama Rahasia Pelapor",
        due_at=timezone.now() - dt.timedelta(hours=2),
    )
    return answered, late


def waiting_ticks():
    return DBTaskResult.objects.filter(
        task_path=complaints_tick.module_path, status=TaskResultStatus.READY
    )


@pytest.mark.django_db
def test_it_emails_the_coordinators_once_per_run_and_never_the_reporters_name(
    people, due_work, django_capture_on_commit_callbacks
):
    _, late = due_work
    other_late = ComplaintFactory(
        government=people.government,
        status=Status.IN_PROGRESS,
        agency=people.agency_b,
        due_at=timezone.now() - dt.timedelta(minutes=5),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.complaints_escalate_overdue() == 2
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([people.coordinator.email, people.administrator.email])
    assert f"#{late.pk}" in message.body and f"#{other_late.pk}" in message.body
    assert "/kota-serang/aduan/koordinator/" in message.body
    assert "Nama Rahasia Pelapor" not in message.body
    assert people.outsider.email not in message.to

    with django_capture_on_commit_callbacks(execute=True):
        assert services.complaints_escalate_overdue() == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_it_tells_nobody_when_nothing_is_overdue(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.complaints_escalate_overdue() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_scheduling_twice_queues_one_tick(people, database_tasks):
    assert tick_schedule() is True
    assert tick_schedule() is True
    assert waiting_ticks().count() == 1
    call_command("complaints", "schedule")
    assert waiting_ticks().count() == 1


@pytest.mark.django_db
def test_without_a_worker_backend_the_command_says_to_use_cron(people):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="cron"):
        call_command("complaints", "schedule")
    assert tick_schedule() is False


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_tick_and_it_queues_its_next_run(people, due_work, database_tasks):
    answered, late = due_work
    tick_schedule()
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)

    answered.refresh_from_db()
    late.refresh_from_db()
    assert (answered.status, answered.resolved_by) == (Status.CLOSED, ResolvedBy.SYSTEM)
    assert late.escalated_at is not None
    assert len(mail.outbox) == 1

    done = DBTaskResult.objects.get(
        task_path=complaints_tick.module_path, status=TaskResultStatus.SUCCESSFUL
    )
    assert done.return_value == {"closed": 1, "escalated": 1}
    following = waiting_ticks().get()
    assert following.run_after - done.started_at >= TICK_EVERY - dt.timedelta(seconds=1)
