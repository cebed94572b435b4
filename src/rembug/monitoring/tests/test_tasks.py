"""The daily refresh as a background task: the worker locks overdue periods, recomputes the
live indicators (with provenance) and queues the next night's run."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from rembug.monitoring.live import indicator_bind
from rembug.monitoring.models import IndicatorRealisation, LiveMetric, PeriodStatus
from rembug.monitoring.tasks import REFRESH_AT, monitoring_refresh, next_run, refresh_schedule

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


def waiting():
    return DBTaskResult.objects.filter(
        task_path=monitoring_refresh.module_path, status=TaskResultStatus.READY
    )


def test_the_next_run_is_the_coming_night_in_local_time():
    here = timezone.get_current_timezone()
    evening = dt.datetime(2026, 3, 10, 22, 0, tzinfo=here)
    night = dt.datetime(2026, 3, 10, 0, 15, tzinfo=here)
    assert timezone.localtime(next_run(evening)).date() == dt.date(2026, 3, 11)
    assert timezone.localtime(next_run(night)).date() == dt.date(2026, 3, 10)
    assert timezone.localtime(next_run(evening)).time() == REFRESH_AT


@pytest.mark.django_db
def test_scheduling_twice_queues_one_run(people, database_tasks):
    assert refresh_schedule() is True
    call_command("monitoring_refresh", "--schedule", stdout=StringIO())
    assert waiting().count() == 1
    assert waiting().get().run_after == next_run()


@pytest.mark.django_db
def test_without_a_worker_backend_the_command_says_to_use_cron(people):
    with pytest.raises(CommandError, match="cron"):
        call_command("monitoring_refresh", "--schedule")


@pytest.mark.django_db(transaction=True)
def test_the_worker_refreshes_live_indicators_and_queues_the_next_night(
    periods, renja_items, people, database_tasks
):
    indicator = renja_items["program"].indicators.get()
    indicator_bind(indicator=indicator, metric=LiveMetric.RENJA_ANSWERING_INPUTS, by=people.planner)
    periods[0].deadline = timezone.localdate() - dt.timedelta(days=1)
    periods[0].save(update_fields=["deadline"])
    refresh_schedule(at=timezone.now())  # due now, as on the night
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)

    done = DBTaskResult.objects.get(
        task_path=monitoring_refresh.module_path, status=TaskResultStatus.SUCCESSFUL
    )
    assert done.return_value == {"locked": 1, "live_values": 3, "summary_rows": 4}
    periods[0].refresh_from_db()
    assert periods[0].status == PeriodStatus.LOCKED
    live = IndicatorRealisation.objects.filter(indicator=indicator).exclude(source="")
    assert live.count() == 3  # the three open quarters, each with where its value came from
    assert all(row.source.startswith("Rembug: ") for row in live)
    following = waiting().get()
    assert following.run_after == next_run(done.started_at)
