"""Two officers saving the same program at once leave its summary where a full rebuild puts it.

Runs on PostgreSQL with threads, each on its own connection; skipped on SQLite, which runs
every write transaction IMMEDIATE (one writer at a time) so saves cannot interleave there.

The first three force, step by step, the interleavings that used to go wrong (each waits
until the second writer has either finished or is waiting on a lock, then lets the first
one go on): two writers of one indicator in different quarters, the daily rebuild racing a
save, a save racing a dashboard's first summary. The last runs many saves freely.
"""

from __future__ import annotations

import threading
import time
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection, connections, transaction

from rembug.monitoring import services, summary
from rembug.monitoring.models import IndicatorRealisation, ProgramSummary, ReportingPeriod
from rembug.monitoring.selectors import renja_progress
from rembug.monitoring.services import indicator_realisation_set, item_realisation_set
from rembug.monitoring.summary import renja_overviews, summaries_rebuild
from rembug.planning.models import Indicator, PlanDocument, PlanItem

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]
FIELDS = ("program_id", "quarter", "capaian_sum", "capaian_count", "spent", "amounts", "entered")
WAIT = 30  # seconds at most for a step that takes milliseconds; a hang fails, never passes


def _rows(renja):
    return sorted(ProgramSummary.objects.filter(document=renja).values_list(*FIELDS))


def _assert_summary_is_the_realisation(renja):
    moved = _rows(renja)
    progress = renja_progress(renja)
    overview = renja_overviews([renja])[renja.pk]
    for quarter in (1, 2, 3, 4):
        assert overview.capaian(quarter) == progress.capaian(quarter)
        assert overview.spent_until(quarter) == progress.spent_until(quarter)
    summaries_rebuild(documents=[renja])
    assert moved == _rows(renja)


def _in_thread(work, errors):
    def run():
        try:
            work()
        except Exception as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    return threading.Thread(target=run)


def _waiting_on_a_lock() -> bool:
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return bool(cursor.fetchone()[0])


def _wait_until_done_or_blocked(thread):
    """Until ``thread`` has finished or waits on a row lock (the outcome the test checks)."""
    deadline = time.monotonic() + WAIT
    while thread.is_alive() and not _waiting_on_a_lock():
        assert time.monotonic() < deadline, "the second writer neither finished nor waited"
        time.sleep(0.01)


def test_two_writers_of_one_indicator_move_the_summary_one_after_the_other(
    renja, periods, renja_items, people
):
    """The summary does not lean on its callers' locks (today the audit chain's head also
    serialises the services): two transactions that each write a quarter of one indicator and
    move the summary, the first paused after reading the values its difference is made of."""
    indicator = renja_items["subs"][0].indicators.get()
    assert indicator.unit == "aplikasi"  # quarters add up: Q2's achievement counts Q1's value
    summaries_rebuild(documents=[renja])
    a_has_read, release = threading.Event(), threading.Event()
    original = summary._indicator_capaian

    def pausing(indicator, period, values):
        if threading.current_thread().name == "writer-a" and not a_has_read.is_set():
            a_has_read.set()
            assert release.wait(WAIT)
        return original(indicator, period, values)

    def write(quarter, value):
        def work():
            with transaction.atomic():
                period = ReportingPeriod.objects.get(pk=periods[quarter - 1].pk)
                IndicatorRealisation.objects.create(
                    government_id=period.government_id,
                    period=period,
                    indicator=indicator,
                    value=Decimal(value),
                )
                summary.summary_indicator_changed(
                    period=period, indicator=Indicator.objects.get(pk=indicator.pk), before=None
                )

        return work

    errors: list[Exception] = []
    with mock.patch.object(summary, "_indicator_capaian", pausing):
        a = _in_thread(write(1, 5), errors)
        a.name = "writer-a"
        a.start()
        assert a_has_read.wait(WAIT)
        b = _in_thread(write(2, 3), errors)
        b.start()
        _wait_until_done_or_blocked(b)  # unlocked, B would finish here on stale values
        release.set()
        a.join(WAIT)
        b.join(WAIT)
    assert errors == []
    assert not a.is_alive() and not b.is_alive()
    assert renja_progress(renja).capaian(2) is not None
    _assert_summary_is_the_realisation(renja)


def test_the_daily_rebuild_waits_for_a_save_in_progress(renja, periods, renja_items, people):
    """A rebuild that read the realisation before a save committed used to write the summary
    without that save (until the next night)."""
    indicator = renja_items["subs"][0].indicators.get()
    summaries_rebuild(documents=[renja])
    a_has_moved, release = threading.Event(), threading.Event()
    original = services.summary_indicator_changed

    def pausing(**kwargs):
        original(**kwargs)
        a_has_moved.set()
        assert release.wait(WAIT)

    def save():
        indicator_realisation_set(
            period=ReportingPeriod.objects.get(pk=periods[0].pk),
            indicator=Indicator.objects.get(pk=indicator.pk),
            value=Decimal(4),
            by=people.officer,
        )

    def rebuild():
        with transaction.atomic():
            summaries_rebuild(documents=[PlanDocument.objects.get(pk=renja.pk)])

    errors: list[Exception] = []
    with mock.patch.object(services, "summary_indicator_changed", pausing):
        a = _in_thread(save, errors)
        a.start()
        assert a_has_moved.wait(WAIT)
        b = _in_thread(rebuild, errors)
        b.start()
        _wait_until_done_or_blocked(b)
        release.set()
        a.join(WAIT)
        b.join(WAIT)
    assert errors == []
    assert renja_progress(renja).capaian(1) is not None
    _assert_summary_is_the_realisation(renja)


def test_a_first_save_while_a_dashboard_summarises_the_renja(renja, periods, renja_items, people):
    """No summary rows yet: a dashboard's first read summarises the Renja while an officer's
    save, finding no rows either, rebuilds too; the save used to fail on the unique
    constraint (an error page for the officer), it now moves the rows the dashboard wrote."""
    indicator = renja_items["subs"][0].indicators.get()
    ProgramSummary.objects.all().delete()
    filled, release = threading.Event(), threading.Event()

    def dashboard():
        with transaction.atomic():
            summaries_rebuild(documents=[PlanDocument.objects.get(pk=renja.pk)])
            filled.set()
            assert release.wait(WAIT)

    def save():
        indicator_realisation_set(
            period=ReportingPeriod.objects.get(pk=periods[0].pk),
            indicator=Indicator.objects.get(pk=indicator.pk),
            value=Decimal(2),
            by=people.officer,
        )

    errors: list[Exception] = []
    a = _in_thread(dashboard, errors)
    a.start()
    assert filled.wait(WAIT)
    b = _in_thread(save, errors)
    b.start()
    _wait_until_done_or_blocked(b)
    release.set()
    a.join(WAIT)
    b.join(WAIT)
    assert errors == []
    assert renja_progress(renja).capaian(1) is not None
    _assert_summary_is_the_realisation(renja)


def test_many_officers_saving_one_program_at_once_keep_its_summary(
    renja, periods, renja_items, people
):
    subs: list[PlanItem] = renja_items["subs"]
    indicators = [sub.indicators.get() for sub in subs]
    summaries_rebuild(documents=[renja])
    saves = [
        (quarter, index, round_)
        for round_ in range(3)
        for quarter in (1, 2, 3, 4)
        for index in range(len(subs))
    ]
    barrier = threading.Barrier(8)
    errors: list[Exception] = []

    def officer(number):
        def work():
            barrier.wait(WAIT)
            for quarter, index, round_ in saves[number::8]:
                period = ReportingPeriod.objects.get(pk=periods[quarter - 1].pk)
                indicator_realisation_set(
                    period=period,
                    indicator=Indicator.objects.get(pk=indicators[index].pk),
                    value=Decimal(quarter + round_ + index),
                    by=people.officer,
                )
                item_realisation_set(
                    period=period,
                    item=PlanItem.objects.get(pk=subs[index].pk),
                    amount=Decimal(1_000_000 * (quarter + round_)),
                    by=people.officer,
                )

        return _in_thread(work, errors)

    threads = [officer(number) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(4 * WAIT)
    assert errors == []
    assert not any(thread.is_alive() for thread in threads)
    _assert_summary_is_the_realisation(renja)
