"""Writes of the PPID module: each one transaction, one timeline row and one audit entry.

Audit entries of a request never carry the requester's identity: the audit trail is read by
administrators, who have no business with it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from rembug.core.audit import audit_record, audit_snapshot
from rembug.core.calendar import WorkingCalendar
from rembug.core.models import AuditEntry
from rembug.governments.models import Agency, Government
from rembug.ppid import notify
from rembug.ppid.models import (
    ANSWER_DAYS,
    ANSWERED,
    AWAITING_ANSWER,
    EXEMPTION_GROUNDS,
    EXTENSION_DAYS,
    NIK,
    OBJECTION_ANSWER_DAYS,
    OBJECTION_WINDOW_DAYS,
    AccessMode,
    IdKind,
    InformationCategory,
    InformationRequest,
    ObjectionOutcome,
    ObjectionReason,
    PublicInformation,
    RefusalGround,
    RequestEvent,
    Status,
)
from rembug.ppid.workflow import transition_check


def _calendar(government: Government) -> WorkingCalendar:
    return WorkingCalendar.for_government(government)


def _move(
    request: InformationRequest,
    *,
    to: str,
    actors: frozenset[str],
    by: Any,
    note: str,
    fields: list[str],
    at: dt.datetime,
) -> InformationRequest:
    from_status = request.status
    acting = transition_check(from_status, to, actors)
    request.status = to
    request.save(update_fields=[*fields, "status", "updated_at"])
    RequestEvent.objects.create(
        government_id=request.government_id,
        request=request,
        actor=by if getattr(by, "is_authenticated", False) else None,
        actor_role=acting,
        at=at,
        from_status=from_status,
        to_status=to,
        note=note,
    )
    audit_record(
        instance=request,
        by=by,
        action=AuditEntry.Action.TRANSITION,
        changes={"status": [from_status, to]},
        note=note,
    )
    return request


def request_submit(
    *,
    government: Government,
    agency: Agency,
    name: str,
    id_kind: str,
    id_number: str,
    address: str,
    information: str,
    purpose: str,
    access_mode: str,
    delivery: str = "",
    phone: str = "",
    email: str = "",
    by: Any,
    at: dt.datetime | None = None,
    site: str = "",
) -> InformationRequest:
    """Take in a request; it is due at the end of the 10th working day after the day it came.
    The requester (with an address) gets the tracking code by e-mail, the agency's PPID word of
    the request. ``site``: the address links in e-mails start with (``notify.site_base``)."""
    if agency.government_id != government.pk or not agency.is_active:
        raise ValidationError(_("Unknown agency."))
    id_number = id_number.strip().replace(" ", "")
    if id_kind == IdKind.NIK:
        NIK(id_number)
    if not (phone.strip() or email.strip()):
        raise ValidationError(
            _("Give a phone number or an e-mail address so the PPID can reach you.")
        )
    if access_mode in {AccessMode.SOFT_COPY, AccessMode.HARD_COPY} and not delivery:
        raise ValidationError(_("Say how the copy should reach you."))
    now = at or timezone.now()
    with transaction.atomic():
        request = InformationRequest.objects.create(
            government=government,
            agency=agency,
            requester=by if getattr(by, "is_authenticated", False) else None,
            name=name.strip(),
            id_kind=id_kind,
            id_number=id_number,
            address=address.strip(),
            phone=phone.strip(),
            email=email.strip(),
            information=information.strip(),
            purpose=purpose.strip(),
            access_mode=access_mode,
            delivery=delivery,
            submitted_at=now,
            due_at=_calendar(government).due_after_working_days(now, ANSWER_DAYS),
        )
        RequestEvent.objects.create(
            government=government,
            request=request,
            actor=request.requester,
            actor_role="requester",
            at=now,
            to_status=Status.SUBMITTED,
        )
        audit_record(
            instance=request,
            by=by,
            action=AuditEntry.Action.CREATE,
            changes={
                "agency": [None, agency.pk],
                "status": [None, Status.SUBMITTED],
                "due_at": [None, request.due_at.isoformat()],
            },
        )
        notify.notify_later(request, notify.REGISTERED, site=site)
        notify.notify_later(request, notify.NEW_REQUEST, site=site)
    return request


def request_extend(
    *,
    request: InformationRequest,
    reason: str,
    actors: frozenset[str],
    by: Any,
    at: dt.datetime | None = None,
    site: str = "",
) -> InformationRequest:
    """Extend the time to answer once, by 7 working days, with a written reason
    (Pasal 22 ayat 8); the requester is told the reason and the new due date."""
    if not reason.strip():
        raise ValidationError(_("Write the reason for the extension."))
    if request.extended_at is not None:
        raise ValidationError(_("The time to answer can be extended only once."))
    now = at or timezone.now()
    with transaction.atomic():
        calendar = _calendar(request.government)
        request.extended_at = now
        request.extension_reason = reason.strip()
        request.due_at = calendar.end_of_day(
            calendar.add(calendar.local_date(request.due_at), EXTENSION_DAYS)
        )
        notify.notify_later(request, notify.EXTENDED, site=site)
        return _move(
            request,
            to=Status.EXTENDED,
            actors=actors,
            by=by,
            note=request.extension_reason,
            fields=["extended_at", "extension_reason", "due_at"],
            at=now,
        )


def request_answer(
    *,
    request: InformationRequest,
    outcome: str,
    answer: str,
    refusal_ground: str = "",
    actors: frozenset[str],
    by: Any,
    at: dt.datetime | None = None,
    site: str = "",
) -> InformationRequest:
    """The PPID's written answer: granted, partly granted or refused. A refusal (and a partial
    grant) names its legal ground. The requester is sent the answer."""
    if outcome not in ANSWERED:
        raise ValidationError(
            _("Choose whether the request is granted, partly granted or refused.")
        )
    if not answer.strip():
        raise ValidationError(_("Write the answer to the requester."))
    if outcome in {Status.REFUSED, Status.PARTLY_GRANTED}:
        if refusal_ground not in RefusalGround.values:
            raise ValidationError(
                _(
                    "A refusal needs its legal ground: an exemption of Pasal 17, or information "
                    "not held or not yet documented."
                )
            )
    else:
        refusal_ground = ""
    now = at or timezone.now()
    with transaction.atomic():
        request.answer = answer.strip()
        request.answered_at = now
        request.outcome = outcome
        request.refusal_ground = refusal_ground
        notify.notify_later(request, notify.ANSWERED, site=site)
        return _move(
            request,
            to=outcome,
            actors=actors,
            by=by,
            note=request.answer,
            fields=["answer", "answered_at", "outcome", "refusal_ground"],
            at=now,
        )


def _local_day(request: InformationRequest, moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    return formats.date_format(_calendar(request.government).local_date(moment), "j F Y")


def objection_window_end(request: InformationRequest) -> dt.datetime | None:
    """The last moment to object: 30 working days after the answer, or after the due time passed
    without one. None while the PPID may still answer in time."""
    calendar = _calendar(request.government)
    if request.answered_at is not None:
        start = request.answered_at
    elif request.status in AWAITING_ANSWER:
        start = request.due_at
    else:
        return None
    return calendar.due_after_working_days(start, OBJECTION_WINDOW_DAYS)


def may_object(request: InformationRequest, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    if request.status in AWAITING_ANSWER and request.due_at >= now:
        return False
    if request.status not in AWAITING_ANSWER | ANSWERED:
        return False
    end = objection_window_end(request)
    return end is not None and now <= end


def request_object(
    *,
    request: InformationRequest,
    reason: str,
    text: str,
    actors: frozenset[str],
    by: Any,
    at: dt.datetime | None = None,
    site: str = "",
) -> InformationRequest:
    """The requester's objection (keberatan) to the PPID's superior (Pasal 35–36); the agency's
    PPID and the superiors are told."""
    now = at or timezone.now()
    if reason not in ObjectionReason.values:
        raise ValidationError(
            {"reason": _("Choose the reason for the objection.")}, code="required"
        )
    if not text.strip():
        raise ValidationError({"text": _("Write your objection.")}, code="required")
    if request.status in AWAITING_ANSWER and request.due_at >= now:
        raise ValidationError(
            _(
                "The PPID still has time to answer (until %(due)s); you may object once the due "
                "date has passed."
            ),
            code="objection_too_early",
            params={"due": _local_day(request, request.due_at)},
        )
    if request.status in AWAITING_ANSWER | ANSWERED and not may_object(request, now):
        raise ValidationError(
            _(
                "The 30 working days to object closed on %(date)s; an objection can no longer "
                "be filed. You may still make a new request for the information."
            ),
            code="objection_window_closed",
            params={"date": _local_day(request, objection_window_end(request))},
        )
    with transaction.atomic():
        request.objected_at = now
        request.objection_reason = reason
        request.objection_text = text.strip()
        request.objection_due_at = _calendar(request.government).due_after_working_days(
            now, OBJECTION_ANSWER_DAYS
        )
        _move(
            request,
            to=Status.OBJECTED,
            actors=actors,
            by=by,
            note=request.objection_text,
            fields=["objected_at", "objection_reason", "objection_text", "objection_due_at"],
            at=now,
        )
        notify.notify_later(request, notify.NEW_OBJECTION, site=site)
        return request


def objection_answer(
    *,
    request: InformationRequest,
    outcome: str,
    answer: str,
    actors: frozenset[str],
    by: Any,
    at: dt.datetime | None = None,
    site: str = "",
) -> InformationRequest:
    """The superior's written answer to an objection; the requester is sent it."""
    if outcome not in ObjectionOutcome.values:
        raise ValidationError(_("Choose whether the objection is upheld or dismissed."))
    if not answer.strip():
        raise ValidationError(_("Write the answer to the objection."))
    now = at or timezone.now()
    with transaction.atomic():
        request.objection_outcome = outcome
        request.objection_answer = answer.strip()
        request.objection_answered_at = now
        notify.notify_later(request, notify.OBJECTION_ANSWERED, site=site)
        return _move(
            request,
            to=Status.OBJECTION_ANSWERED,
            actors=actors,
            by=by,
            note=request.objection_answer,
            fields=["objection_outcome", "objection_answer", "objection_answered_at"],
            at=now,
        )


PUBLIC_INFORMATION_FIELDS = (
    "title",
    "summary",
    "responsible",
    "format",
    "retention",
    "category",
    "exemption_ground",
    "exemption_reason",
    "year",
)


def _public_information_clean(values: dict[str, Any]) -> dict[str, Any]:
    """Trimmed values of an entry; exempt information names its Pasal 17 ground and its
    consequence test, public information carries neither."""
    cleaned = {
        name: value.strip() if isinstance(value, str) else value for name, value in values.items()
    }
    errors: dict[str, str] = {}
    for name in ("title", "summary", "responsible", "format", "retention"):
        if not cleaned.get(name):
            errors[name] = _("This field is required.")
    if cleaned.get("category") not in InformationCategory.values:
        errors["category"] = _("Choose the category of the information.")
    elif cleaned["category"] == InformationCategory.EXEMPT:
        if cleaned.get("exemption_ground") not in {v for v, _l in EXEMPTION_GROUNDS}:
            errors["exemption_ground"] = _(
                "Exempt information needs its legal ground: a letter of UU 14/2008 Pasal 17."
            )
        if not cleaned.get("exemption_reason"):
            errors["exemption_reason"] = _(
                "Write the consequence test: the harm that opening the information would cause "
                "(Pasal 19)."
            )
    else:
        cleaned["exemption_ground"] = ""
        cleaned["exemption_reason"] = ""
    if errors:
        raise ValidationError(errors)
    return cleaned


def public_information_add(
    *,
    government: Government,
    agency: Agency,
    title: str,
    summary: str,
    responsible: str,
    format: str,
    retention: str,
    category: str,
    exemption_ground: str = "",
    exemption_reason: str = "",
    year: int | None = None,
    by: Any,
) -> PublicInformation:
    """Add an entry to the agency's Daftar Informasi Publik (audited: who, when, what)."""
    if agency.government_id != government.pk:
        raise ValidationError(_("Unknown agency."))
    values = _public_information_clean(
        {
            "title": title,
            "summary": summary,
            "responsible": responsible,
            "format": format,
            "retention": retention,
            "category": category,
            "exemption_ground": exemption_ground,
            "exemption_reason": exemption_reason,
            "year": year,
        }
    )
    with transaction.atomic():
        entry = PublicInformation.objects.create(government=government, agency=agency, **values)
        audit_record(instance=entry, by=by, action=AuditEntry.Action.CREATE)
    return entry


def public_information_update(
    *, entry: PublicInformation, by: Any, **values: Any
) -> PublicInformation:
    """Change an entry; the audit trail keeps each changed field's old and new value."""
    unknown = set(values) - set(PUBLIC_INFORMATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    if entry.is_retired:
        raise ValidationError(_("A retired entry can no longer be changed."))
    merged = {name: getattr(entry, name) for name in PUBLIC_INFORMATION_FIELDS}
    merged.update(values)
    cleaned = _public_information_clean(merged)
    with transaction.atomic():
        before = audit_snapshot(entry)
        for name, value in cleaned.items():
            setattr(entry, name, value)
        entry.save(update_fields=[*PUBLIC_INFORMATION_FIELDS, "updated_at"])
        audit_record(instance=entry, by=by, action=AuditEntry.Action.UPDATE, before=before)
    return entry


def public_information_retire(
    *, entry: PublicInformation, reason: str, by: Any, at: dt.datetime | None = None
) -> PublicInformation:
    """Take an entry out of the published list, with the reason; the entry and its history stay
    (who retired it, when and why are in the audit trail)."""
    if entry.is_retired:
        raise ValidationError(_("This entry is already retired."))
    if not reason.strip():
        raise ValidationError({"reason": _("Write why the entry is retired.")})
    with transaction.atomic():
        before = audit_snapshot(entry)
        entry.retired_at = at or timezone.now()
        entry.retired_reason = reason.strip()
        entry.save(update_fields=["retired_at", "retired_reason", "updated_at"])
        audit_record(
            instance=entry,
            by=by,
            action=AuditEntry.Action.UPDATE,
            before=before,
            note=entry.retired_reason,
        )
    return entry
