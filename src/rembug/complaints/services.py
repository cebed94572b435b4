"""Writes on reports. Each service checks the transition table and the actor, changes the report,
adds a timeline entry and records the audit trail, all in one transaction.

``by`` is the signed-in user acting (None for the system or for a reporter without an account);
``holds_code`` says the request came with the report's tracking code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rembug.complaints.access import complaint_access
from rembug.complaints.emergency import emergency_check
from rembug.complaints.learning import routing_feedback_on_dispatch
from rembug.complaints.models import (
    AUTO_CLOSE_DAYS,
    DEFAULT_WORKING_DAYS,
    EMERGENCY_DUE_MINUTES,
    AnswerTemplate,
    ArchiveReason,
    Category,
    Classification,
    Complaint,
    ComplaintAnswer,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintRating,
    Privacy,
    ResolvedBy,
    ServiceLevel,
    Source,
    Status,
)
from rembug.complaints.notify import coordinators_notify_overdue, reporter_notify
from rembug.complaints.photos import MAX_PHOTOS, CleanFile
from rembug.complaints.workflow import AGENCY, COORDINATOR, REPORTER, SYSTEM, transition_check
from rembug.core.audit import audit_diff, audit_record, audit_snapshot
from rembug.core.calendar import WorkingCalendar, government_cached
from rembug.core.models import AuditEntry
from rembug.governments.models import Agency, Government
from rembug.regions.models import Region

# ---------------------------------------------------------------- service levels


def service_level_due(
    *,
    government: Government,
    classification: str,
    severity: str = "",
    start: dt.datetime,
    is_emergency: bool = False,
    calendar: WorkingCalendar | None = None,
) -> dt.datetime:
    """When a report is due: minutes for an emergency; otherwise the government's service level
    for the classification (and severity, if it has one of its own) or the LAPOR! default."""
    if is_emergency:
        return start + dt.timedelta(minutes=EMERGENCY_DUE_MINUTES)
    levels = service_levels_of(government)
    level = levels.get((classification, severity)) or levels.get((classification, ""))
    calendar = calendar or WorkingCalendar.for_government(government)
    if level is not None and level.hours is not None:
        return calendar.working_hours_add(start, level.hours)
    days = level.working_days if level is not None and level.working_days else None
    if days is None:
        days = DEFAULT_WORKING_DAYS[Classification(classification)]
    return calendar.due_after_working_days(start, days)


@dataclass(frozen=True)
class LevelTerms:
    working_days: int | None
    hours: int | None


def service_levels_of(government: Government) -> dict[tuple[str, str], LevelTerms]:
    """The government's own service levels by (classification, severity); cached per process
    until they change (``core.calendar.government_cached``)."""

    def load() -> dict[tuple[str, str], LevelTerms]:
        rows = ServiceLevel.objects.filter(government=government).values_list(
            "classification", "severity", "working_days", "hours"
        )
        return {(c, s): LevelTerms(working_days=d, hours=h) for c, s, d, h in rows}

    return government_cached(government, "service_levels", load)


# ---------------------------------------------------------------- helpers


def _actors(
    complaint: Complaint, by: Any, *, holds_code: bool = False, system: bool = False
) -> frozenset[str]:
    if system:
        return frozenset({SYSTEM})
    return complaint_access(by, complaint, holds_code=holds_code).actors


def _event(
    complaint: Complaint,
    *,
    kind: str,
    by: Any,
    actor_role: str,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    is_internal: bool = False,
) -> ComplaintEvent:
    return ComplaintEvent.objects.create(
        government_id=complaint.government_id,
        complaint=complaint,
        kind=kind,
        actor=by if getattr(by, "is_authenticated", False) else None,
        actor_role=actor_role,
        agency_id=complaint.agency_id if actor_role == AGENCY else None,
        from_status=from_status,
        to_status=to_status,
        note=note,
        is_internal=is_internal,
    )


def _move(
    complaint: Complaint,
    *,
    to: str,
    by: Any,
    actors: frozenset[str],
    note: str = "",
    is_internal: bool = False,
    changes: dict[str, Any] | None = None,
) -> ComplaintEvent:
    """Check the table, apply ``changes`` and the new status, save, write timeline and audit."""
    actor = transition_check(complaint.status, to, actors)
    before = audit_snapshot(complaint)
    from_status = complaint.status
    fields = dict(changes or {})
    fields["status"] = to
    for name, value in fields.items():
        setattr(complaint, name, value)
    complaint.save(update_fields=[*fields, "updated_at"])
    event = _event(
        complaint,
        kind=ComplaintEvent.Kind.TRANSITION,
        by=by,
        actor_role=actor,
        from_status=from_status,
        to_status=to,
        note=note,
        is_internal=is_internal,
    )
    audit_record(
        instance=complaint,
        by=by if by is not None else actor,
        action=AuditEntry.Action.TRANSITION,
        changes=audit_diff(before, audit_snapshot(complaint)),
        note=note,
    )
    return event


def _attach(
    complaint: Complaint,
    files: Iterable[CleanFile],
    *,
    by: Any,
    event: ComplaintEvent | None = None,
    is_internal: bool = False,
) -> list[ComplaintAttachment]:
    stored = []
    for clean in files:
        attachment = ComplaintAttachment(
            government_id=complaint.government_id,
            complaint=complaint,
            event=event,
            content_type=clean.content_type,
            size=len(clean.content),
            width=clean.width,
            height=clean.height,
            uploaded_by=by if getattr(by, "is_authenticated", False) else None,
            is_internal=is_internal,
        )
        attachment.file.save(f"lampiran.{clean.extension}", ContentFile(clean.content), save=False)
        attachment.save()
        stored.append(attachment)
    return stored


# ---------------------------------------------------------------- intake


@transaction.atomic
def complaint_submit(
    *,
    government: Government,
    title: str,
    text: str,
    classification: str = Classification.PENGADUAN,
    category: Category | None = None,
    kecamatan: Region | None = None,
    kelurahan: Region | None = None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    address: str = "",
    privacy: str = Privacy.PUBLIC,
    share_location: bool = False,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    photos: Sequence[CleanFile] = (),
    source: str = Source.WEB,
    by: Any,
) -> Complaint:
    """Take in a report. ``photos`` are already cleaned (``photos.photo_clean``). An emergency
    is flagged and due within minutes; anything else by the service level."""
    if len(photos) > MAX_PHOTOS:
        raise ValidationError(_("At most %(count)d photos per report.") % {"count": MAX_PHOTOS})
    if kelurahan is not None and kelurahan.parent_id != getattr(kecamatan, "pk", None):
        raise ValidationError(_("The kelurahan is not in the chosen kecamatan."))
    if kecamatan is not None and kecamatan.parent_id != government.region_id:
        raise ValidationError(_("The kecamatan is not in this government's area."))
    if category is not None and category.government_id != government.pk:
        raise ValidationError(_("Unknown category."))
    reporter = by if getattr(by, "is_authenticated", False) else None
    if reporter is not None and not contact_name:
        contact_name = str(reporter)
    emergency = emergency_check(f"{title}\n{text}")
    now = timezone.now()
    complaint = Complaint(
        government=government,
        title=title.strip(),
        text=text.strip(),
        classification=classification,
        category=category,
        kecamatan=kecamatan,
        kelurahan=kelurahan,
        latitude=latitude,
        longitude=longitude,
        address=address.strip(),
        privacy=privacy,
        share_location=share_location,
        reporter=reporter,
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        contact_phone=contact_phone.strip(),
        is_emergency=emergency.is_emergency,
        emergency_kind=emergency.kind,
        source=source,
        submitted_at=now,
        due_at=service_level_due(
            government=government,
            classification=classification,
            start=now,
            is_emergency=emergency.is_emergency,
        ),
    )
    complaint.save()
    note = ""
    if emergency.is_emergency:
        note = _("Reads like an emergency (%(kind)s): referred to the 112 call centre.") % {
            "kind": emergency.kind
        }
    _event(
        complaint,
        kind=ComplaintEvent.Kind.TRANSITION,
        by=reporter,
        actor_role=REPORTER,
        to_status=Status.SUBMITTED,
        note=note,
    )
    _attach(complaint, photos, by=reporter)
    audit_record(instance=complaint, by=reporter, action=AuditEntry.Action.CREATE)
    return complaint


# ---------------------------------------------------------------- coordinator


@transaction.atomic
def complaint_verify(
    *,
    complaint: Complaint,
    by: Any,
    category: Category | None = None,
    severity: str = "",
    classification: str = "",
    note: str = "",
) -> Complaint:
    """The coordinator accepts a report as a proper one; it becomes public unless confidential.
    A grading (severity) or a new classification recomputes the due time from submission."""
    changes: dict[str, Any] = {"verified_at": timezone.now()}
    if category is not None:
        changes["category"] = category
    if classification:
        changes["classification"] = classification
    if severity:
        changes["severity"] = severity
    if (severity or classification) and not complaint.is_emergency:
        changes["due_at"] = service_level_due(
            government=complaint.government,
            classification=classification or complaint.classification,
            severity=severity or complaint.severity,
            start=complaint.submitted_at,
        )
    # Only the coordinator verifies (the agency reaches "verified" only by sending a report back).
    actors = _actors(complaint, by) & {COORDINATOR}
    _move(complaint, to=Status.VERIFIED, by=by, actors=actors, note=note, changes=changes)
    return complaint


@transaction.atomic
def complaint_dispatch(
    *, complaint: Complaint, agency: Agency, by: Any, note: str = ""
) -> Complaint:
    """Route a verified report to an agency (*disposisi*). Caller: the coordinator."""
    if agency.government_id != complaint.government_id or not agency.is_active:
        raise ValidationError(_("Choose an active agency of this government."))
    _move(
        complaint,
        to=Status.DISPATCHED,
        by=by,
        actors=_actors(complaint, by),
        note=note,
        changes={"agency": agency, "dispatched_at": timezone.now(), "escalated_at": None},
    )
    routing_feedback_on_dispatch(complaint=complaint, agency=agency, by=by)
    return complaint


@transaction.atomic
def complaint_mark_duplicate(
    *, complaint: Complaint, original: Complaint, by: Any, note: str = ""
) -> Complaint:
    if original.government_id != complaint.government_id or original.pk == complaint.pk:
        raise ValidationError(_("Choose another report of this government as the original."))
    if original.duplicate_of_id:
        original = original.duplicate_of  # type: ignore[assignment]
    _move(
        complaint,
        to=Status.DUPLICATE,
        by=by,
        actors=_actors(complaint, by),
        note=note,
        changes={"duplicate_of": original, "verified_at": complaint.verified_at or timezone.now()},
    )
    return complaint


@transaction.atomic
def complaint_forward(*, complaint: Complaint, to: str, by: Any, note: str = "") -> Complaint:
    """Not our authority (*bukan kewenangan*): record where the report was forwarded."""
    if not to.strip():
        raise ValidationError(_("Say to whom the report is forwarded."))
    _move(
        complaint,
        to=Status.FORWARDED,
        by=by,
        actors=_actors(complaint, by),
        note=note,
        changes={"forwarded_to": to.strip(), "closed_at": timezone.now()},
    )
    return complaint


@transaction.atomic
def complaint_archive(
    *, complaint: Complaint, reason: str, by: Any, note: str = "", holds_code: bool = False
) -> Complaint:
    """Archive with a reason (no evidence, unclear, not relevant, withdrawn…)."""
    reason = ArchiveReason(reason)
    actors = _actors(complaint, by, holds_code=holds_code)
    resolved_by = ResolvedBy.ADMIN if COORDINATOR in actors else ResolvedBy.REPORTER
    if REPORTER in actors and COORDINATOR not in actors:
        reason = ArchiveReason.WITHDRAWN
    _move(
        complaint,
        to=Status.ARCHIVED,
        by=by,
        actors=actors,
        note=note,
        changes={"archive_reason": reason, "resolved_by": resolved_by, "closed_at": timezone.now()},
    )
    return complaint


@transaction.atomic
def complaint_restore(*, complaint: Complaint, by: Any, note: str = "") -> Complaint:
    """Take a duplicate, forwarded or archived report back into the coordinator's queue."""
    _move(
        complaint,
        to=Status.VERIFIED,
        by=by,
        actors=_actors(complaint, by),
        note=note,
        changes={
            "duplicate_of": None,
            "archive_reason": "",
            "resolved_by": "",
            "closed_at": None,
            "verified_at": complaint.verified_at or timezone.now(),
        },
    )
    return complaint


@transaction.atomic
def complaint_emergency_set(
    *, complaint: Complaint, is_emergency: bool, by: Any, note: str = ""
) -> Complaint:
    """The coordinator confirms a report as an emergency (due in minutes) or dismisses a false
    alarm (back to the service level of its classification)."""
    if COORDINATOR not in _actors(complaint, by):
        raise PermissionDenied(_("Only the coordinator decides whether a report is an emergency."))
    if not complaint.is_open or complaint.is_emergency == is_emergency:
        raise ValidationError(_("Nothing to change on this report."))
    before = audit_snapshot(complaint)
    complaint.is_emergency = is_emergency
    complaint.due_at = service_level_due(
        government=complaint.government,
        classification=complaint.classification,
        severity=complaint.severity,
        start=timezone.now() if is_emergency else complaint.submitted_at,
        is_emergency=is_emergency,
    )
    complaint.save(update_fields=["is_emergency", "due_at", "updated_at"])
    text = _("Marked as an emergency.") if is_emergency else _("Not an emergency.")
    _event(
        complaint,
        kind=ComplaintEvent.Kind.NOTE,
        by=by,
        actor_role=COORDINATOR,
        note=f"{text} {note}".strip(),
        is_internal=True,
    )
    audit_record(
        instance=complaint, by=by, action=AuditEntry.Action.UPDATE, before=before, note=note
    )
    return complaint


# ---------------------------------------------------------------- agency


@transaction.atomic
def complaint_start(*, complaint: Complaint, by: Any, note: str = "") -> Complaint:
    """The agency takes the report in hand (*ditindaklanjuti*)."""
    _move(complaint, to=Status.IN_PROGRESS, by=by, actors=_actors(complaint, by), note=note)
    return complaint


@transaction.atomic
def complaint_answer(
    *,
    complaint: Complaint,
    text: str,
    by: Any,
    attachments: Sequence[CleanFile] = (),
) -> ComplaintAnswer:
    """Answer the reporter. The answer and its attachments are public with the report."""
    if not text.strip():
        raise ValidationError(_("Write the answer."))
    now = timezone.now()
    within = not (complaint.due_at and complaint.due_at < now)
    event = _move(
        complaint,
        to=Status.ANSWERED,
        by=by,
        actors=_actors(complaint, by),
        note=text.strip(),
        changes={
            "answered_at": now,
            "first_answered_at": complaint.first_answered_at or now,
        },
    )
    event.kind = ComplaintEvent.Kind.ANSWER
    event.save(update_fields=["kind"])
    _attach(complaint, attachments, by=by, event=event)
    reporter_notify(complaint, what=_("answered"), text=text.strip())
    return ComplaintAnswer.objects.create(
        government_id=complaint.government_id,
        complaint=complaint,
        agency_id=complaint.agency_id,
        author=by if getattr(by, "is_authenticated", False) else None,
        event=event,
        text=text.strip(),
        within_service_level=within,
        created_at=now,
    )


@transaction.atomic
def complaint_request_info(*, complaint: Complaint, question: str, by: Any) -> Complaint:
    """Ask the reporter for what is missing (*menunggu kelengkapan informasi*); the question is
    shown to the reporter."""
    if not question.strip():
        raise ValidationError(_("Say what information is missing."))
    _move(
        complaint,
        to=Status.NEEDS_INFO,
        by=by,
        actors=_actors(complaint, by),
        note=question.strip(),
    )
    reporter_notify(complaint, what=_("more information needed"), text=question.strip())
    return complaint


@transaction.atomic
def complaint_return_to_coordinator(*, complaint: Complaint, reason: str, by: Any) -> Complaint:
    """The agency sends a report back: not theirs, or wrongly routed. The reason is internal."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for sending the report back."))
    actors = _actors(complaint, by)
    if AGENCY not in actors:
        raise PermissionDenied(_("Only the agency handling the report may send it back."))
    _move(
        complaint,
        to=Status.VERIFIED,
        by=by,
        actors=frozenset({AGENCY}),
        note=reason.strip(),
        is_internal=True,
        changes={"agency": None, "dispatched_at": None},
    )
    return complaint


@transaction.atomic
def complaint_note_add(*, complaint: Complaint, note: str, by: Any) -> ComplaintEvent:
    """An internal note for staff (never shown to the public or the reporter)."""
    actors = _actors(complaint, by)
    if not actors & {COORDINATOR, AGENCY}:
        raise PermissionDenied(_("Only staff working on the report may add notes."))
    if not note.strip():
        raise ValidationError(_("Write the note."))
    role = AGENCY if AGENCY in actors else COORDINATOR
    return _event(
        complaint,
        kind=ComplaintEvent.Kind.NOTE,
        by=by,
        actor_role=role,
        note=note.strip(),
        is_internal=True,
    )


# ---------------------------------------------------------------- reporter


def _due_after_waiting(complaint: Complaint) -> dt.datetime | None:
    """The clock stops while a report waits for the reporter: the due time moves on by the
    time it waited."""
    asked = (
        ComplaintEvent.objects.filter(
            government_id=complaint.government_id, complaint=complaint, to_status=Status.NEEDS_INFO
        )
        .order_by("-at", "-id")
        .values_list("at", flat=True)
        .first()
    )
    if complaint.due_at is None or asked is None or complaint.is_emergency:
        return complaint.due_at
    return complaint.due_at + max(timezone.now() - asked, dt.timedelta(0))


@transaction.atomic
def complaint_reply(
    *,
    complaint: Complaint,
    text: str,
    by: Any,
    holds_code: bool = False,
    photos: Sequence[CleanFile] = (),
) -> ComplaintEvent:
    """The reporter adds information. A report waiting for information goes back to whoever
    asked: the agency if it has one, otherwise the coordinator."""
    actors = _actors(complaint, by, holds_code=holds_code)
    if REPORTER not in actors:
        raise PermissionDenied(_("Only the reporter may reply."))
    if not text.strip():
        raise ValidationError(_("Write your reply."))
    if complaint.status in {Status.CLOSED, Status.ARCHIVED, Status.DUPLICATE, Status.FORWARDED}:
        raise PermissionDenied(_("This report is no longer open for replies."))
    count = complaint.attachments.count()
    if count + len(photos) > MAX_PHOTOS * 2:
        raise ValidationError(_("This report has as many photos as it can hold."))
    if complaint.status == Status.NEEDS_INFO:
        back = Status.DISPATCHED if complaint.agency_id else Status.SUBMITTED
        event = _move(
            complaint,
            to=back,
            by=by,
            actors=frozenset({REPORTER}),
            note=text.strip(),
            changes={"due_at": _due_after_waiting(complaint)},
        )
        event.kind = ComplaintEvent.Kind.REPLY
        event.save(update_fields=["kind"])
    else:
        event = _event(
            complaint,
            kind=ComplaintEvent.Kind.REPLY,
            by=by,
            actor_role=REPORTER,
            note=text.strip(),
        )
    _attach(complaint, photos, by=by, event=event)
    return event


@transaction.atomic
def complaint_close(
    *, complaint: Complaint, by: Any, holds_code: bool = False, note: str = ""
) -> Complaint:
    """Close an answered report: by the reporter (satisfied) or the coordinator."""
    actors = _actors(complaint, by, holds_code=holds_code)
    resolved_by = ResolvedBy.REPORTER if REPORTER in actors else ResolvedBy.ADMIN
    _move(
        complaint,
        to=Status.CLOSED,
        by=by,
        actors=actors,
        note=note,
        changes={"closed_at": timezone.now(), "resolved_by": resolved_by},
    )
    return complaint


@transaction.atomic
def complaint_reopen(
    *, complaint: Complaint, reason: str, by: Any, holds_code: bool = False
) -> Complaint:
    """The reporter objects to the answer (or the coordinator reopens a closed report): the
    report goes back to the agency."""
    if not reason.strip():
        raise ValidationError(_("Say why the answer does not settle your report."))
    _move(
        complaint,
        to=Status.REOPENED,
        by=by,
        actors=_actors(complaint, by, holds_code=holds_code),
        note=reason.strip(),
        # The agency gets a fresh service level for the follow-up.
        changes={
            "closed_at": None,
            "resolved_by": "",
            "escalated_at": None,
            "due_at": service_level_due(
                government=complaint.government,
                classification=complaint.classification,
                severity=complaint.severity,
                start=timezone.now(),
                is_emergency=complaint.is_emergency,
            ),
        },
    )
    return complaint


@transaction.atomic
def complaint_rate(
    *, complaint: Complaint, score: int, by: Any, holds_code: bool = False, comment: str = ""
) -> ComplaintRating:
    """The reporter rates the answer once, 1 to 5."""
    if REPORTER not in _actors(complaint, by, holds_code=holds_code):
        raise PermissionDenied(_("Only the reporter may rate the answer."))
    if complaint.status not in {Status.ANSWERED, Status.CLOSED}:
        raise ValidationError(_("A report can be rated once it has been answered."))
    if not 1 <= score <= 5:
        raise ValidationError(_("Give a rating from 1 to 5."))
    if ComplaintRating.objects.filter(
        government_id=complaint.government_id, complaint=complaint
    ).exists():
        raise ValidationError(_("This report has already been rated."))
    rating = ComplaintRating.objects.create(
        government_id=complaint.government_id,
        complaint=complaint,
        agency_id=complaint.agency_id,
        score=score,
        comment=comment.strip(),
    )
    audit_record(instance=rating, by=by, action=AuditEntry.Action.CREATE)
    return rating


@transaction.atomic
def answer_template_create(*, agency: Agency, title: str, text: str, by: Any) -> AnswerTemplate:
    """A ready answer for an agency's officers."""
    if AnswerTemplate.objects.filter(
        government_id=agency.government_id, agency=agency, title=title
    ).exists():
        raise ValidationError(_("A template with this title exists."))
    template = AnswerTemplate.objects.create(
        government_id=agency.government_id, agency=agency, title=title.strip(), text=text.strip()
    )
    audit_record(instance=template, by=by, action=AuditEntry.Action.CREATE)
    return template


@transaction.atomic
def service_level_set(
    *,
    government: Government,
    classification: str,
    severity: str = "",
    working_days: int | None = None,
    hours: int | None = None,
    by: Any,
) -> ServiceLevel:
    """Set the government's service level for a classification (and severity): working days
    or working hours, not both. Reports already received keep their due time."""
    if (working_days is None) == (hours is None) or (working_days or hours or 0) < 1:
        raise ValidationError(_("Give either a number of working days or of hours."))
    level = ServiceLevel.objects.filter(
        government=government, classification=classification, severity=severity
    ).first()
    before = audit_snapshot(level) if level else None
    if level is None:
        level = ServiceLevel(
            government=government, classification=classification, severity=severity
        )
    level.working_days, level.hours = working_days, hours
    level.save()
    action = AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE
    audit_record(instance=level, by=by, action=action, before=before)
    return level


@transaction.atomic
def service_level_remove(*, level: ServiceLevel, by: Any) -> None:
    """Back to the LAPOR! default for this classification."""
    audit_record(
        instance=level, by=by, action=AuditEntry.Action.DELETE, before=audit_snapshot(level)
    )
    level.delete()


# ---------------------------------------------------------------- system (cron)


def complaints_autoclose(
    *, now: dt.datetime | None = None, government: Government | None = None
) -> int:
    """Close reports answered ``AUTO_CLOSE_DAYS`` days ago or more that the reporter neither
    closed nor objected to (LAPOR!: *ditutup oleh sistem*). Returns how many were closed."""
    now = now or timezone.now()
    due = Complaint.objects.filter(
        status=Status.ANSWERED, answered_at__lte=now - dt.timedelta(days=AUTO_CLOSE_DAYS)
    )
    if government is not None:
        due = due.filter(government=government)
    closed = 0
    for pk in due.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            complaint = (
                Complaint.objects.select_for_update().select_related("government").get(pk=pk)
            )
            if complaint.status != Status.ANSWERED:
                continue
            _move(
                complaint,
                to=Status.CLOSED,
                by=None,
                actors=frozenset({SYSTEM}),
                note=_("Closed automatically %(days)d days after the answer.")
                % {"days": AUTO_CLOSE_DAYS},
                changes={"closed_at": now, "resolved_by": ResolvedBy.SYSTEM},
            )
            closed += 1
    return closed


def complaints_escalate_overdue(
    *, now: dt.datetime | None = None, government: Government | None = None
) -> int:
    """Put overdue open reports in the coordinator's escalation queue, once each, and e-mail each
    government's coordinators one list of what just became overdue."""
    now = now or timezone.now()
    overdue = Complaint.objects.overdue(now).filter(escalated_at__isnull=True)
    if government is not None:
        overdue = overdue.filter(government=government)
    escalated: dict[int, list[Complaint]] = {}
    for pk in overdue.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            complaint = (
                Complaint.objects.select_for_update(of=("self",))
                .select_related("government", "agency")
                .get(pk=pk)
            )
            if complaint.escalated_at is not None:
                continue
            complaint.escalated_at = now
            complaint.save(update_fields=["escalated_at", "updated_at"])
            _event(
                complaint,
                kind=ComplaintEvent.Kind.ESCALATION,
                by=None,
                actor_role=SYSTEM,
                note=_("Overdue: escalated to the coordinator."),
                is_internal=True,
            )
        escalated.setdefault(complaint.government_id, []).append(complaint)
    for complaints in escalated.values():
        coordinators_notify_overdue(complaints[0].government, complaints)
    return sum(len(complaints) for complaints in escalated.values())
