"""Writers at the same time never lose a count in the summary of reports (PostgreSQL, threads,
each on its own connection). SQLite runs one writing transaction at a time, so writes cannot
interleave there; the same code paths run there in ``test_summary``."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from rembug.complaints import services
from rembug.complaints.models import Complaint, ComplaintSummary
from rembug.complaints.summary import ALL_TIME, summary_rebuild
from rembug.complaints.tests.test_summary import assert_summary_is_the_reports

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]
WAIT = 60  # seconds at most; a hang fails, never passes


def _run_together(works):
    """Start every work at the same moment, each in its own thread and connection."""
    barrier = threading.Barrier(len(works))
    errors: list[BaseException] = []

    def run(work):
        try:
            barrier.wait(timeout=WAIT)
            work()
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=WAIT)
        assert not thread.is_alive(), "a writer hung"
    assert not errors, errors


def _submit(people):
    return services.complaint_submit(
        government=people.government,
        title="Sampah menumpuk",
        text="Sampah menumpuk di depan pasar sejak tiga hari.",
        by=None,
    )


def test_two_writers_creating_the_same_summary_row_both_count(people):
    # Neither row exists yet: both insert, one waits on the unique key and then increments.
    _run_together([lambda: _submit(people), lambda: _submit(people)])
    rows = ComplaintSummary.objects.filter(government=people.government)
    assert [row.received for row in rows.exclude(month=ALL_TIME)] == [2]
    assert [row.received for row in rows.filter(month=ALL_TIME)] == [2]
    assert_summary_is_the_reports(people.government)


def test_many_writers_moving_reports_at_once_lose_nothing(people):
    reports = [_submit(people) for _n in range(8)]

    def work(mine):
        def go():
            for report in mine:
                report = Complaint.objects.get(pk=report.pk)
                services.complaint_verify(complaint=report, by=people.coordinator)
                services.complaint_dispatch(
                    complaint=report, agency=people.agency, by=people.coordinator
                )
                services.complaint_answer(complaint=report, text="Sudah.", by=people.officer)
                _submit(people)

        return go

    _run_together([work(reports[0::3]), work(reports[1::3]), work(reports[2::3])])
    assert ComplaintSummary.objects.filter(government=people.government, status="answered")
    assert_summary_is_the_reports(people.government)
    assert not summary_rebuild(people.government).any


def test_a_rebuild_racing_writers_leaves_the_summary_right(people):
    for _n in range(5):
        _submit(people)

    def writes():
        for _n in range(6):
            _submit(people)

    _run_together([writes, lambda: summary_rebuild(people.government), writes])
    assert_summary_is_the_reports(people.government)
