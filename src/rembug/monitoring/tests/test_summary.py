"""The per-program summary: moved by each realisation change in the services, the same figures
as reading every realisation row, filled on first read, rebuilt by the daily command."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

from django.core.management import call_command

from rembug.monitoring.models import IndicatorRealisation, ProgramSummary
from rembug.monitoring.selectors import renja_progress
from rembug.monitoring.services import indicator_realisation_set, item_realisation_set
from rembug.monitoring.summary import renja_overviews, summaries_rebuild

FIELDS = ("program_id", "quarter", "capaian_sum", "capaian_count", "spent", "amounts", "entered")


def _rows(renja):
    return sorted(ProgramSummary.objects.filter(document=renja).values_list(*FIELDS))


def _report(periods, renja_items, people):
    subs = renja_items["subs"]
    for quarter, (value, amount) in enumerate([(2, 10_000_000), (5, 30_000_000)], start=1):
        indicator_realisation_set(
            period=periods[quarter - 1],
            indicator=subs[0].indicators.get(),
            value=Decimal(value),
            by=people.officer,
        )
        item_realisation_set(
            period=periods[quarter - 1], item=subs[0], amount=Decimal(amount), by=people.officer
        )
    indicator_realisation_set(
        period=periods[1], indicator=subs[1].indicators.get(), value=Decimal(1), by=people.officer
    )


def test_it_keeps_the_summary_equal_to_the_realisation(renja, periods, renja_items, people):
    _report(periods, renja_items, people)
    progress = renja_progress(renja)
    overview = renja_overviews([renja])[renja.pk]
    assert overview.last_reported == progress.last_reported == 2
    assert overview.pagu == progress.pagu
    for quarter in (1, 2, 3, 4):
        assert overview.capaian(quarter) == progress.capaian(quarter)
        assert overview.absorption(quarter) == progress.absorption(quarter)
        assert overview.spent_until(quarter) == progress.spent_until(quarter)
    [program] = overview.programs
    [root] = progress.roots
    assert program.capaian(2) == root.capaian(2)
    assert program.absorption(2) == root.absorption(2) is not None


def test_it_changes_the_summary_in_the_same_transaction_as_a_value(
    renja, periods, renja_items, people
):
    _report(periods, renja_items, people)
    before = renja_overviews([renja])[renja.pk].capaian(2)
    indicator_realisation_set(
        period=periods[1],
        indicator=renja_items["subs"][1].indicators.get(),
        value=None,
        by=people.officer,
    )
    after = renja_overviews([renja])[renja.pk].capaian(2)
    assert after != before and after == renja_progress(renja).capaian(2)


def test_it_summarises_a_renja_on_first_read_and_on_the_daily_refresh(
    renja, periods, renja_items, people
):
    _report(periods, renja_items, people)
    ProgramSummary.objects.all().delete()
    assert renja_overviews([renja])[renja.pk].capaian(2) == renja_progress(renja).capaian(2)
    assert ProgramSummary.objects.filter(document=renja).count() == 4  # one program × 4 quarters
    # Rows written without the services (an import): the refresh catches up.
    IndicatorRealisation.objects.filter(period=periods[0]).update(value=Decimal(4))
    call_command("monitoring_refresh", stdout=StringIO())
    assert renja_overviews([renja])[renja.pk].capaian(1) == renja_progress(renja).capaian(1)


def test_moving_the_summary_value_by_value_ends_where_a_full_rebuild_does(
    renja, periods, renja_items, people
):
    _report(periods, renja_items, people)
    subs, program = renja_items["subs"], renja_items["program"]
    changes = [
        (periods[0], subs[0].indicators.get(), Decimal(3)),  # changed
        (periods[2], subs[0].indicators.get(), Decimal(1)),  # a later quarter
        (periods[1], subs[1].indicators.get(), None),  # cleared
        (periods[3], program.indicators.get(), Decimal(50)),  # not a sub kegiatan's output
    ]
    for period, indicator, value in changes:
        indicator_realisation_set(
            period=period, indicator=indicator, value=value, by=people.officer
        )
    item_realisation_set(period=periods[0], item=subs[0], amount=None, by=people.officer)
    item_realisation_set(period=periods[2], item=subs[1], amount=Decimal(7), by=people.officer)
    moved = _rows(renja)
    summaries_rebuild(documents=[renja])
    assert moved == _rows(renja)
