"""Realisation entry, the period workflow, locking and reopening, achievement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from rembug.core.audit import audit_history
from rembug.core.models import AuditEntry
from rembug.monitoring.achievement import capaian, warning
from rembug.monitoring.models import IndicatorRealisation, PeriodStatus, ReportingPeriod
from rembug.monitoring.selectors import renja_progress
from rembug.monitoring.services import (
    indicator_realisation_set,
    item_realisation_set,
    period_approve,
    period_reopen,
    period_submit,
    periods_ensure,
    periods_lock_overdue,
)

S = PeriodStatus


def test_it_creates_four_quarters_with_deadlines(renja):
    periods = periods_ensure(document=renja)
    assert [p.quarter for p in periods] == [1, 2, 3, 4]
    assert periods[0].deadline == dt.date(2025, 4, 15)  # 31 March + 15 days
    assert periods[3].deadline == dt.date(2026, 1, 15)
    assert periods_ensure(document=renja) == periods  # idempotent


@pytest.mark.parametrize(
    ("realised", "target", "direction", "expected"),
    [
        ("8", "10", "higher", "80.00"),
        ("12", "10", "higher", "120.00"),
        ("8", "10", "lower", "120.00"),
        ("12", "10", "lower", "80.00"),
        ("35", "10", "lower", "0.00"),
        ("9", "10", "exact", "90.00"),
        ("11", "10", "exact", "90.00"),
    ],
)
def test_it_computes_achievement_by_direction(realised, target, direction, expected):
    assert capaian(Decimal(realised), Decimal(target), direction) == Decimal(expected)


def test_it_colours_by_threshold():
    assert warning(Decimal(49), (Decimal(50), Decimal(70))) == "red"
    assert warning(Decimal(60), (Decimal(50), Decimal(70))) == "amber"
    assert warning(Decimal(70), (Decimal(50), Decimal(70))) == "green"
    assert warning(None, (Decimal(50), Decimal(70))) == "none"


def test_it_records_values_with_an_audit_trail_and_rolls_them_up(periods, renja_items, people):
    q1, q2 = periods[0], periods[1]
    sub = renja_items["subs"][0]
    indicator = sub.indicators.get()  # unit "aplikasi": quarters add up; 2025 target 2
    indicator_realisation_set(period=q1, indicator=indicator, value=Decimal(1), by=people.officer)
    row = indicator_realisation_set(
        period=q1, indicator=indicator, value=Decimal("0.5"), by=people.officer
    )
    indicator_realisation_set(
        period=q2, indicator=indicator, value=Decimal("0.5"), by=people.officer
    )
    item_realisation_set(
        period=q1,
        item=sub,
        amount=Decimal(30_000_000),
        obstacles="Lelang mundur",
        by=people.officer,
    )
    item_realisation_set(period=q2, item=sub, amount=Decimal(20_000_000), by=people.officer)
    history = list(audit_history(row))
    assert len(history) == 2 and history[0].actor == people.officer
    assert [Decimal(v) for v in history[0].changes["value"]] == [Decimal(1), Decimal("0.5")]

    progress = renja_progress(periods[0].document)
    node = next(n for n in progress.walk() if n.item.pk == sub.pk)
    ind = node.indicators[0]
    assert ind.cumulative(1) == Decimal("0.5") and ind.cumulative(2) == Decimal(1)
    assert ind.capaian(2) == Decimal("50.00")
    assert ind.projection(2) == Decimal("2.00")
    assert ind.projected_capaian(2) == Decimal("100.00")
    assert progress.roots[0].projected_capaian(2) == Decimal("100.00")
    assert node.absorption(2) == Decimal("50.00")  # 50 of 100 juta
    program = progress.roots[0]
    assert program.pagu == Decimal(200_000_000)
    assert program.spent_in(1) == Decimal(30_000_000) and program.absorption(2) == Decimal("25.00")
    assert program.capaian(2) == Decimal("50.00")  # the other sub kegiatan has no value yet
    assert progress.absorption(2) == Decimal("25.00")
    assert node.notes[1].obstacles == "Lelang mundur"


def test_it_refuses_negative_values_and_foreign_items(periods, renja_items, cascade, people):
    indicator = renja_items["subs"][0].indicators.get()
    with pytest.raises(ValidationError):
        indicator_realisation_set(
            period=periods[0], indicator=indicator, value=Decimal(-1), by=people.officer
        )
    with pytest.raises(ValidationError):
        item_realisation_set(
            period=periods[0], item=cascade.program, amount=Decimal(1), by=people.officer
        )
    assert not IndicatorRealisation.objects.exists()


def test_it_goes_through_submit_and_approval_by_the_head(periods, renja_items, people, head):
    q1 = periods[0]
    period_submit(period=q1, by=people.officer)
    with pytest.raises(PermissionDenied):
        period_approve(period=q1, by=people.officer)
    period_approve(period=q1, by=head)
    q1.refresh_from_db()
    assert q1.status == S.APPROVED and q1.approved_by == head
    assert [(e.from_status, e.to_status, e.note) for e in q1.events.all()] == [
        ("open", "submitted", ""),
        ("submitted", "approved", ""),
    ]
    with pytest.raises(ValidationError):
        indicator_realisation_set(
            period=q1,
            indicator=renja_items["subs"][0].indicators.get(),
            value=Decimal(1),
            by=people.officer,
        )


def test_whoever_submitted_never_approves_not_even_the_head_or_the_planner(periods, people, head):
    q1, q2 = periods[0], periods[1]
    period_submit(period=q1, by=head)
    with pytest.raises(PermissionDenied):
        period_approve(period=q1, by=head)
    period_submit(period=q2, by=people.planner)
    with pytest.raises(PermissionDenied):
        period_approve(period=q2, by=people.planner, on_behalf=True)
    assert {p.status for p in ReportingPeriod.objects.filter(pk__in=[q1.pk, q2.pk])} == {
        S.SUBMITTED
    }


def test_the_planner_approving_on_the_heads_behalf_is_recorded(periods, people):
    q1 = periods[0]
    period_submit(period=q1, by=people.officer)
    period_approve(period=q1, by=people.planner, on_behalf=True)
    event = q1.events.get(to_status=S.APPROVED)
    assert event.by == people.planner
    assert event.note == gettext("Approved by the planner on behalf of the head of the agency.")
    entry = AuditEntry.objects.filter(object_id=str(q1.pk), note=event.note).get()
    assert entry.actor == people.planner


def test_it_locks_after_the_deadline_and_the_coordinator_reopens_it(periods, renja_items, people):
    q1 = periods[0]
    ReportingPeriod.objects.filter(pk=q1.pk).update(
        deadline=timezone.localdate() - dt.timedelta(days=1)
    )
    q1.refresh_from_db()
    indicator = renja_items["subs"][0].indicators.get()
    with pytest.raises(ValidationError):
        indicator_realisation_set(
            period=q1, indicator=indicator, value=Decimal(1), by=people.officer
        )
    assert periods_lock_overdue() == 1
    q1.refresh_from_db()
    assert q1.status == S.LOCKED
    with pytest.raises(ValidationError):
        period_reopen(period=q1, by=people.coordinator, until=timezone.localdate(), note="")
    period_reopen(
        period=q1,
        by=people.coordinator,
        until=timezone.localdate() + dt.timedelta(days=7),
        note="Data terlambat",
    )
    q1.refresh_from_db()
    assert q1.status == S.OPEN
    entry = audit_history(q1).first()
    assert entry.note == "Data terlambat" and entry.changes["status"] == ["locked", "open"]
    indicator_realisation_set(period=q1, indicator=indicator, value=Decimal(1), by=people.officer)
