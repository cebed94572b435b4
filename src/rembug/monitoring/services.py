"""Writes of the quarterly realisation. Every change of a value and every approval or reopening
is written to the audit trail; every transition of a period to its timeline."""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rembug.core.audit import audit_record, audit_snapshot
from rembug.core.models import AuditEntry
from rembug.governments.models import Government
from rembug.monitoring.models import (
    TRANSITIONS,
    Evidence,
    IndicatorRealisation,
    ItemRealisation,
    MonitoringSettings,
    PeriodEvent,
    PeriodStatus,
    ReportingPeriod,
)
from rembug.monitoring.summary import summary_amount_changed, summary_indicator_changed
from rembug.planning.models import DocumentKind, Indicator, PlanDocument, PlanItem

S = PeriodStatus
Action = AuditEntry.Action


def settings_for(government: Government) -> MonitoringSettings:
    found = MonitoringSettings.objects.filter(government=government).first()
    return found or MonitoringSettings(government=government)


def quarter_end(year: int, quarter: int) -> dt.date:
    month = quarter * 3
    return dt.date(year, month, monthrange(year, month)[1])


def periods_ensure(*, document: PlanDocument) -> list[ReportingPeriod]:
    """The four quarters of a Renja, created (open, with their deadlines) if missing."""
    if document.kind != DocumentKind.RENJA:
        raise ValidationError(_("Realisation is reported on a Renja."))
    days = settings_for(document.government).deadline_days
    existing = {
        p.quarter: p
        for p in ReportingPeriod.objects.filter(
            government_id=document.government_id, document=document
        )
    }
    missing = [
        ReportingPeriod(
            government_id=document.government_id,
            document=document,
            quarter=quarter,
            deadline=quarter_end(document.period_start, quarter) + dt.timedelta(days=days),
        )
        for quarter in range(1, 5)
        if quarter not in existing
    ]
    ReportingPeriod.objects.bulk_create(missing, ignore_conflicts=True)
    if missing:
        existing = {
            p.quarter: p
            for p in ReportingPeriod.objects.filter(
                government_id=document.government_id, document=document
            )
        }
    return [existing[q] for q in range(1, 5)]


def period_is_editable(period: ReportingPeriod, *, today: dt.date | None = None) -> bool:
    """Open, and its deadline (in the government's time zone, active per request) not past."""
    return period.status == S.OPEN and (today or timezone.localdate()) <= period.deadline


def _require_editable(period: ReportingPeriod) -> None:
    if period.status != S.OPEN:
        raise ValidationError(
            _("This period is %(status)s: values can no longer be changed.")
            % {"status": period.get_status_display()}
        )
    if timezone.localdate() > period.deadline:
        raise ValidationError(_("The deadline of this period has passed: it is locked."))


def _transition(period: ReportingPeriod, *, to: str, by: Any, note: str = "") -> ReportingPeriod:
    if to not in TRANSITIONS[period.status]:
        raise ValidationError(
            _("A period cannot go from %(from)s to %(to)s.")
            % {"from": period.get_status_display(), "to": S(to).label}
        )
    before = audit_snapshot(period)
    previous = period.status
    period.status = to
    period.save(update_fields=["status", "submitted_by", "approved_by", "deadline", "updated_at"])
    PeriodEvent.objects.create(
        government_id=period.government_id,
        period=period,
        at=timezone.now(),
        by=by if getattr(by, "is_authenticated", False) else None,
        from_status=previous,
        to_status=to,
        note=note,
    )
    audit_record(instance=period, by=by, action=Action.UPDATE, before=before, note=note)
    return period


@transaction.atomic
def period_submit(*, period: ReportingPeriod, by: Any) -> ReportingPeriod:
    _require_editable(period)
    period.submitted_by = by
    return _transition(period, to=S.SUBMITTED, by=by)


@transaction.atomic
def period_approve(*, period: ReportingPeriod, by: Any, on_behalf: bool = False) -> ReportingPeriod:
    """The head of the agency approves a submitted period (who may is decided by
    ``monitoring.access.Approver``). ``on_behalf``: the planner approves in the head's stead
    (no head designated, or the head submitted it), which the timeline and the audit trail
    record. Whoever submitted the period never approves it."""
    if period.submitted_by_id is not None and period.submitted_by_id == getattr(by, "pk", None):
        raise PermissionDenied(
            _("You submitted this quarter: you cannot approve or return your own submission.")
        )
    period.approved_by = by
    note = _("Approved by the planner on behalf of the head of the agency.") if on_behalf else ""
    return _transition(period, to=S.APPROVED, by=by, note=note)


@transaction.atomic
def period_return(*, period: ReportingPeriod, by: Any, note: str) -> ReportingPeriod:
    """Return a submitted period to its agency with what must be corrected."""
    if not note.strip():
        raise ValidationError(_("Say what must be corrected."))
    return _transition(period, to=S.OPEN, by=by, note=note)


@transaction.atomic
def period_reopen(
    *, period: ReportingPeriod, by: Any, until: dt.date, note: str
) -> ReportingPeriod:
    """The coordinator reopens a locked (or approved) period until a new deadline."""
    if not note.strip():
        raise ValidationError(_("Give the reason for reopening."))
    if until < timezone.localdate():
        raise ValidationError(_("The new deadline must not be in the past."))
    period.deadline = until
    period.approved_by = None
    return _transition(period, to=S.OPEN, by=by, note=note)


@transaction.atomic
def periods_lock_overdue(*, today: dt.date | None = None, by: Any = None) -> int:
    """Lock every period whose deadline has passed (run daily by a task or the command)."""
    today = today or timezone.localdate()
    due = list(
        ReportingPeriod.objects.select_for_update()
        .filter(deadline__lt=today)
        .exclude(status=S.LOCKED)
    )
    for period in due:
        _transition(period, to=S.LOCKED, by=by, note=_("Deadline passed"))
    return len(due)


def _check_belongs(period: ReportingPeriod, item: PlanItem) -> None:
    if item.document_id != period.document_id or item.government_id != period.government_id:
        raise ValidationError(_("This item is not part of the period's Renja."))


@transaction.atomic
def indicator_realisation_set(
    *,
    period: ReportingPeriod,
    indicator: Indicator,
    value: Decimal | None,
    by: Any,
    source: str = "",
) -> IndicatorRealisation:
    """Record what ``indicator`` reached in ``period`` (None clears it)."""
    _require_editable(period)
    _check_belongs(period, indicator.item)
    if value is not None and value < 0:
        raise ValidationError(_("A realisation cannot be negative."))
    row, created = IndicatorRealisation.objects.select_for_update().get_or_create(
        government_id=period.government_id, period=period, indicator=indicator
    )
    before = {} if created else audit_snapshot(row)
    previous = row.value
    row.value = value
    row.source = source
    row.updated_by = by if getattr(by, "is_authenticated", False) else None
    row.save()
    audit_record(instance=row, by=by, action=Action.UPDATE, before=before)
    summary_indicator_changed(period=period, indicator=indicator, before=previous)
    return row


@transaction.atomic
def item_realisation_set(
    *, period: ReportingPeriod, item: PlanItem, by: Any, **fields: Any
) -> ItemRealisation:
    """Record Rp spent (``amount``), ``obstacles`` and ``follow_up`` for a Renja item."""
    _require_editable(period)
    _check_belongs(period, item)
    unknown = set(fields) - {"amount", "obstacles", "follow_up"}
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    amount = fields.get("amount")
    if amount is not None and amount < 0:
        raise ValidationError(_("An amount cannot be negative."))
    row, created = ItemRealisation.objects.select_for_update().get_or_create(
        government_id=period.government_id, period=period, item=item
    )
    before = {} if created else audit_snapshot(row)
    previous = row.amount
    for name, value in fields.items():
        setattr(row, name, value)
    row.updated_by = by if getattr(by, "is_authenticated", False) else None
    row.save()
    audit_record(instance=row, by=by, action=Action.UPDATE, before=before)
    summary_amount_changed(period=period, item=item, before=previous, after=row.amount)
    return row


EVIDENCE_TYPES = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".xlsx", ".docx", ".odt", ".ods"})
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


@transaction.atomic
def evidence_add(
    *, period: ReportingPeriod, item: PlanItem, file: Any, title: str, by: Any
) -> Evidence:
    """Attach a file backing ``item``'s realisation in ``period`` (PDF, image or document,
    at most 10 MB)."""
    _require_editable(period)
    _check_belongs(period, item)
    suffix = Path(file.name or "").suffix.lower()
    if suffix not in EVIDENCE_TYPES:
        raise ValidationError(
            _("Attach a PDF, an image or an office document (%(types)s).")
            % {"types": ", ".join(sorted(EVIDENCE_TYPES))}
        )
    if file.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(_("A file may be at most 10 MB."))
    if not title.strip():
        raise ValidationError(_("Give the evidence a title."))
    evidence = Evidence.objects.create(
        government_id=period.government_id,
        period=period,
        item=item,
        file=file,
        title=title.strip()[:200],
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit_record(instance=evidence, by=by, action=Action.CREATE)
    return evidence
