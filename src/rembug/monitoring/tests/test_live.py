"""Live indicators: computed from Rembug's own data for the quarter, with provenance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from rembug.complaints.tests.factories import ComplaintFactory
from rembug.monitoring.live import indicator_bind, live_indicators_refresh, measure
from rembug.monitoring.models import IndicatorRealisation, LiveMetric
from rembug.planning.services import plan_item_input_link


def _at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2025, 2, day, hour, tzinfo=dt.UTC)


def test_it_measures_complaints_answered_on_time_for_the_agency(periods, people):
    q1 = periods[0]
    for answered in (3, 4, 9):  # due on the 5th: two in time, one late
        ComplaintFactory(
            government=people.government,
            agency=people.agency,
            submitted_at=_at(1),
            due_at=_at(5),
            first_answered_at=_at(answered),
        )
    ComplaintFactory(
        government=people.government, agency=people.agency_b, submitted_at=_at(1), due_at=_at(5)
    )
    ComplaintFactory(
        government=people.government,
        agency=people.agency,
        submitted_at=_at(1, 0).replace(month=5),
        due_at=_at(5),
    )
    found = measure(LiveMetric.COMPLAINTS_ON_TIME, q1)
    assert found.value == Decimal("66.67")
    assert found.provenance == "2 dari 3 aduan dijawab tepat waktu (01/01/2025–31/03/2025)"
    days = measure(LiveMetric.COMPLAINT_FIRST_ANSWER_DAYS, q1)
    assert days.value == Decimal(3)


def test_it_refreshes_bound_indicators_with_provenance(periods, renja_items, people):
    sub = renja_items["subs"][0]
    plan_item_input_link(item=sub, source_kind="forum_input", source_id=7, by=people.planner)
    indicator = renja_items["program"].indicators.get()
    indicator_bind(indicator=indicator, metric=LiveMetric.RENJA_ANSWERING_INPUTS, by=people.planner)
    assert live_indicators_refresh(period=periods[1]) == 1
    row = IndicatorRealisation.objects.get(indicator=indicator, period=periods[1])
    assert row.value == Decimal(50)  # one of the two sub kegiatan
    assert row.source.startswith("Rembug: 1 dari 2 sub kegiatan menjawab masukan publik")


def test_the_daily_command_locks_overdue_periods_and_leaves_them_alone(
    periods, renja_items, people
):
    indicator = renja_items["program"].indicators.get()
    indicator_bind(indicator=indicator, metric=LiveMetric.RENJA_ANSWERING_INPUTS, by=people.planner)
    periods[0].deadline = timezone.localdate() - dt.timedelta(days=1)
    periods[0].save(update_fields=["deadline"])
    out = StringIO()
    call_command("monitoring_refresh", stdout=out)
    assert out.getvalue().strip() == (
        "1 periods locked, 3 live values recomputed, 4 summary rows rebuilt"
    )
    assert not IndicatorRealisation.objects.filter(period=periods[0]).exists()


def test_it_binds_an_indicator_to_ppid_requests_answered_on_time(periods, renja_items, people):
    from rembug.ppid import services as ppid
    from rembug.ppid.models import Status
    from rembug.ppid.tests.factories import information_request
    from rembug.ppid.workflow import PPID

    for days in (1, 30):  # Q1 2025: one answered in time, one after its ten working days
        made = information_request(people.agency)
        ppid.request_answer(
            request=made,
            outcome=Status.GRANTED,
            answer="Jawaban tertulis",
            refusal_ground="",
            actors=frozenset({PPID}),
            by=None,
            at=made.submitted_at + dt.timedelta(days=days),
        )
    information_request(people.agency_b)  # another agency: only in the government's count
    indicator = renja_items["program"].indicators.get()
    indicator_bind(indicator=indicator, metric="ppid_on_time", by=people.planner)
    assert live_indicators_refresh(period=periods[0]) == 1
    row = IndicatorRealisation.objects.get(indicator=indicator, period=periods[0])
    assert row.value == Decimal(50)
    assert "PPID" in row.source and "01/01/2025–31/03/2025" in row.source
    government_wide = measure("ppid_on_time", periods[0], "government")
    assert government_wide.value == Decimal("33.33")  # the other agency's is past due, unanswered
