"""Writes of the forums module: one transaction each, audited, phase-checked in ``phases``.

Supports and reactions are not written to the audit chain (a forum may hold 200,000 of them);
each row records who and when itself, and the database allows one per person.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from rembug.core.audit import audit_record, audit_snapshot
from rembug.core.models import AuditEntry
from rembug.forums.models import (
    Disposition,
    Forum,
    ForumAnalysis,
    ForumInput,
    ForumInputAttachment,
    ForumPhaseChange,
    InputScore,
    InstitutionKind,
    Participant,
    Reaction,
    ScoringCriterion,
    Statement,
    Support,
)
from rembug.forums.phases import (
    PHASE_TRANSITIONS,
    Action,
    TransitionRefused,
    phase_require,
)
from rembug.forums.tasks import forum_proposers_notify
from rembug.governments.models import Agency, Government, Role
from rembug.planning.models import PlanDocument, PlanItem, PlanItemInput
from rembug.planning.services import plan_item_input_link, plan_item_input_unlink
from rembug.regions.models import Region

CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY34679"  # no look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B)
CODE_LENGTH = 6


def _lock(forum: Forum) -> Forum:
    """Lock the forum row so that a phase change and an action in that phase never interleave."""
    locked = Forum.objects.select_for_update().get(pk=forum.pk, government_id=forum.government_id)
    forum.phase = locked.phase
    return forum


@transaction.atomic
def forum_create(
    *,
    government: Government,
    by: Any,
    kind: str,
    title: str,
    organiser: Agency,
    starts_at: dt.datetime,
    venue: str,
    agenda: str = "",
    opened_by: str = "",
    signatories: str = "",
    plan_document: PlanDocument | None = None,
    plan_document_label: str = "",
    plan_year: int | None = None,
    region: Region | None = None,
    allow_public_input: bool = True,
) -> Forum:
    if organiser.government_id != government.pk:
        raise ValidationError(
            {"organiser": _("The organiser must be an agency of this government.")}
        )
    if plan_document is not None and plan_document.government_id != government.pk:
        raise ValidationError({"plan_document": _("Choose a plan document of this government.")})
    forum = Forum(
        government=government,
        kind=kind,
        title=title,
        organiser=organiser,
        starts_at=starts_at,
        venue=venue,
        agenda=agenda,
        opened_by=opened_by,
        signatories=signatories,
        plan_document=plan_document,
        plan_document_label=plan_document_label,
        plan_year=plan_year,
        region=region,
        allow_public_input=allow_public_input,
    )
    forum.full_clean()
    forum.save()
    audit_record(instance=forum, by=by, action=AuditEntry.Action.CREATE)
    return forum


def forum_undisposed_count(forum: Forum) -> int:
    return ForumInput.objects.filter(
        government_id=forum.government_id, forum=forum, disposition__isnull=True
    ).count()


@transaction.atomic
def forum_phase_advance(*, forum: Forum, to: str, by: Any, note: str = "") -> Forum:
    """Move the forum to the phase ``to`` if the transition table allows it. Publishing the
    results needs every input answered."""
    _lock(forum)
    before = forum.phase
    if to not in PHASE_TRANSITIONS[before]:
        raise TransitionRefused(
            _("A forum cannot move from “%(from)s” to “%(to)s”.")
            % {"from": forum.get_phase_display(), "to": Forum.Phase(to).label}
        )
    if to == Forum.Phase.PUBLISHED:
        missing = forum_undisposed_count(forum)
        if missing:
            raise TransitionRefused(
                _("%(count)d inputs have no answer yet; answer every input before publishing.")
                % {"count": missing}
            )
    now = timezone.now()
    forum.phase = to
    forum.phase_changed_at = now
    forum.save(update_fields=["phase", "phase_changed_at", "updated_at"])
    ForumPhaseChange.objects.create(
        government_id=forum.government_id,
        forum=forum,
        from_phase=before,
        to_phase=to,
        by=by if getattr(by, "is_authenticated", False) else None,
        at=now,
        note=note,
    )
    audit_record(
        instance=forum,
        by=by,
        action=AuditEntry.Action.TRANSITION,
        changes={"phase": [before, to]},
        note=note,
    )
    if to in (Forum.Phase.DELIBERATION, Forum.Phase.PUBLISHED):
        forum_id = forum.pk
        transaction.on_commit(lambda: forum_analysis_refresh(forum=Forum.objects.get(pk=forum_id)))
    if to == Forum.Phase.PUBLISHED:
        # Publishing makes every answer public at once: the proposers hear now, not while the
        # answers were drafted (a disposition can still change until then).
        government_id, forum_id = forum.government_id, forum.pk
        transaction.on_commit(
            lambda: forum_proposers_notify.enqueue(government_id=government_id, forum_id=forum_id)
        )
    return forum


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


@transaction.atomic
def participant_add(
    *,
    forum: Forum,
    by: Any,
    name: str,
    institution_kind: str,
    institution: str = "",
    position: str = "",
    is_invited: bool = True,
    is_speaker: bool = False,
    topic: str = "",
    user: Any = None,
) -> Participant:
    """Add a person to the forum's list, with a short attendance code of their own."""
    for _attempt in range(5):
        participant = Participant(
            government_id=forum.government_id,
            forum=forum,
            user=user,
            name=name,
            position=position,
            institution=institution,
            institution_kind=institution_kind,
            is_invited=is_invited,
            is_speaker=is_speaker,
            topic=topic,
            attendance_code=_new_code(),
        )
        try:
            with transaction.atomic():
                participant.save()
        except IntegrityError:
            if user is not None and Participant.objects.filter(forum=forum, user=user).exists():
                raise ValidationError(_("This person is already a participant.")) from None
            continue  # the code was taken: draw another
        audit_record(instance=participant, by=by, action=AuditEntry.Action.CREATE)
        return participant
    raise RuntimeError("no free attendance code after 5 draws")  # pragma: no cover


def participant_for_user(*, forum: Forum, user: Any) -> Participant:
    """The user's participant row in ``forum``, created on first action (an online resident)."""
    found = Participant.objects.filter(
        government_id=forum.government_id, forum=forum, user=user
    ).first()
    if found is not None:
        return found
    from rembug.governments.access import roles_for

    held = roles_for(user, forum.government)
    kind = InstitutionKind.PUBLIC
    if held.has(Role.AGENCY_OFFICER, Role.COORDINATOR, Role.PLANNER, Role.ADMINISTRATOR):
        kind = InstitutionKind.AGENCY
    institution = held.institutions[0] if held.institutions else ""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Participant.objects.create(
                    government_id=forum.government_id,
                    forum=forum,
                    user=user,
                    name=str(user),
                    institution=institution,
                    institution_kind=kind,
                    is_invited=False,
                    attendance_code=_new_code(),
                )
        except IntegrityError:
            # Another request created it first (or the code was taken): read theirs.
            found = Participant.objects.filter(forum=forum, user=user).first()
            if found is not None:
                return found
    raise RuntimeError("could not create a participant row")  # pragma: no cover


@transaction.atomic
def forum_attendance_mark(
    *, participant: Participant, by: Any, present: bool = True
) -> Participant:
    """A facilitator ticks (or unticks) a name on the day."""
    forum = _lock(participant.forum)
    phase_require(forum, Action.ATTEND)
    before = audit_snapshot(participant)
    participant.attended_at = timezone.now() if present else None
    participant.save(update_fields=["attended_at"])
    audit_record(instance=participant, by=by, action=AuditEntry.Action.UPDATE, before=before)
    return participant


@transaction.atomic
def forum_attendance_register(*, forum: Forum, code: str, by: Any) -> Participant:
    """A participant enters the short code printed by their name; the row becomes theirs."""
    _lock(forum)
    phase_require(forum, Action.ATTEND)
    participant = (
        Participant.objects.select_for_update()
        .filter(
            government_id=forum.government_id, forum=forum, attendance_code=code.strip().upper()
        )
        .first()
    )
    if participant is None:
        raise ValidationError({"code": _("No participant has this code.")})
    if participant.user_id not in (None, by.pk):
        raise ValidationError({"code": _("This code was already used by someone else.")})
    if participant.user_id is None and Participant.objects.filter(forum=forum, user=by).exists():
        raise ValidationError({"code": _("You are already registered in this forum.")})
    before = audit_snapshot(participant)
    participant.user = by
    participant.attended_at = participant.attended_at or timezone.now()
    participant.save(update_fields=["user", "attended_at"])
    audit_record(instance=participant, by=by, action=AuditEntry.Action.UPDATE, before=before)
    return participant


@dataclass(frozen=True)
class InputFields:
    title: str
    text: str
    proposer_name: str
    institution: str = ""
    institution_kind: str = InstitutionKind.PUBLIC
    proposer_email: str = ""
    urusan_code: str = ""
    category: str = ""
    target_agency: Agency | None = None
    kecamatan: Region | None = None
    kelurahan: Region | None = None
    volume: Decimal | None = None
    unit: str = ""
    estimated_cost: Decimal | None = None


@transaction.atomic
def forum_input_submit(
    *,
    forum: Forum,
    by: Any,
    fields: InputFields,
    captured: bool = False,
    attachments: list[UploadedFile] | None = None,
) -> ForumInput:
    """Record an usulan, submitted online by its proposer or captured live by a facilitator."""
    _lock(forum)
    phase_require(forum, Action.SUBMIT)
    if (
        fields.target_agency is not None
        and fields.target_agency.government_id != forum.government_id
    ):
        raise ValidationError({"target_agency": _("Choose an agency of this government.")})
    proposer = None if captured else by
    item = ForumInput(
        government_id=forum.government_id,
        forum=forum,
        proposer=proposer,
        source=ForumInput.Source.CAPTURED if captured else ForumInput.Source.ONLINE,
        captured_by=by if captured else None,
        **{name: getattr(fields, name) for name in InputFields.__dataclass_fields__},
    )
    if not item.proposer_email and proposer is not None:
        item.proposer_email = getattr(proposer, "email", "") or ""
    item.full_clean(exclude=["government", "forum"])
    item.save()
    for upload in attachments or []:
        ForumInputAttachment.objects.create(
            government_id=forum.government_id, input=item, file=upload, name=upload.name or ""
        )
    audit_record(instance=item, by=by, action=AuditEntry.Action.CREATE)
    return item


@transaction.atomic
def forum_input_edit(*, input: ForumInput, by: Any, fields: InputFields) -> ForumInput:
    """The proposer corrects their own input while the forum still takes inputs online.
    (Caller checks that ``by`` is the proposer.)"""
    forum = _lock(input.forum)
    phase_require(forum, Action.EDIT)
    if (
        fields.target_agency is not None
        and fields.target_agency.government_id != forum.government_id
    ):
        raise ValidationError({"target_agency": _("Choose an agency of this government.")})
    before = audit_snapshot(input)
    names = list(InputFields.__dataclass_fields__)
    for name in names:
        setattr(input, name, getattr(fields, name))
    input.full_clean(exclude=["government", "forum"])
    input.save(update_fields=[*names, "updated_at"])
    audit_record(instance=input, by=by, action=AuditEntry.Action.UPDATE, before=before)
    return input


@transaction.atomic
def forum_input_support(*, input: ForumInput, by: Any) -> tuple[Support, bool]:
    """Support an input once. A second support (even sent concurrently) returns the first."""
    _lock(input.forum)
    phase_require(input.forum, Action.VOTE)
    try:
        with transaction.atomic():
            support = Support.objects.create(
                government_id=input.government_id, input=input, user=by
            )
    except IntegrityError:
        return Support.objects.get(government_id=input.government_id, input=input, user=by), False
    ForumInput.objects.filter(pk=input.pk).update(support_count=F("support_count") + 1)
    return support, True


@transaction.atomic
def statement_add(*, forum: Forum, by: Any, text: str) -> Statement:
    _lock(forum)
    phase_require(forum, Action.COMMENT)
    statement = Statement(
        government_id=forum.government_id, forum=forum, text=text.strip(), author=by
    )
    statement.full_clean(exclude=["government", "forum"])
    statement.save()
    audit_record(instance=statement, by=by, action=AuditEntry.Action.CREATE)
    return statement


@transaction.atomic
def statement_moderate(*, statement: Statement, by: Any, out: bool) -> Statement:
    """Take a statement out of the opinion map (off-topic, abusive) or put it back."""
    before = audit_snapshot(statement)
    statement.is_moderated_out = out
    statement.save(update_fields=["is_moderated_out"])
    audit_record(instance=statement, by=by, action=AuditEntry.Action.UPDATE, before=before)
    return statement


@transaction.atomic
def statement_react(*, statement: Statement, by: Any, value: int) -> tuple[Reaction, bool]:
    """Agree (1), disagree (-1) or pass (0), once per participant per statement."""
    forum = _lock(statement.forum)
    phase_require(forum, Action.VOTE)
    if value not in Reaction.Value.values:
        raise ValidationError({"value": _("Choose agree, disagree or pass.")})
    if statement.is_moderated_out:
        raise ValidationError(_("This statement was moderated out."))
    participant = participant_for_user(forum=forum, user=by)
    try:
        with transaction.atomic():
            reaction = Reaction.objects.create(
                government_id=forum.government_id,
                forum=forum,
                statement=statement,
                participant=participant,
                value=value,
            )
    except IntegrityError:
        existing = Reaction.objects.get(
            government_id=forum.government_id, statement=statement, participant=participant
        )
        return existing, False
    return reaction, True


@transaction.atomic
def input_score_set(
    *, input: ForumInput, criterion: ScoringCriterion, score: int, by: Any
) -> InputScore:
    forum = _lock(input.forum)
    phase_require(forum, Action.SCORE)
    if criterion.forum_id != forum.pk:
        raise ValidationError({"criterion": _("This criterion belongs to another forum.")})
    if not 0 <= score <= 10:
        raise ValidationError({"score": _("A score runs from 0 to 10.")})
    row, _created = InputScore.objects.update_or_create(
        government_id=forum.government_id,
        input=input,
        criterion=criterion,
        defaults={"score": score, "scored_by": by},
    )
    audit_record(
        instance=input,
        by=by,
        action=AuditEntry.Action.UPDATE,
        changes={f"score:{criterion.name}": [None, score]},
    )
    return row


@transaction.atomic
def criterion_add(*, forum: Forum, by: Any, name: str, weight: Decimal) -> ScoringCriterion:
    """A criterion the forum scores inputs on (e.g. urgensi, jangkauan manfaat, kesesuaian
    dengan RPJMD), with its weight in the ranking."""
    criterion = ScoringCriterion(
        government_id=forum.government_id, forum=forum, name=name.strip(), weight=weight
    )
    criterion.full_clean(exclude=["government", "forum"])
    try:
        with transaction.atomic():
            criterion.save()
    except IntegrityError:
        raise ValidationError({"name": _("This forum already has this criterion.")}) from None
    audit_record(instance=criterion, by=by, action=AuditEntry.Action.CREATE)
    return criterion


def _disposition_check(
    *,
    input: ForumInput,
    outcome: str,
    plan_item: PlanItem | None,
    plan_item_label: str,
    merged_into: ForumInput | None,
    deferred_to_year: int | None,
    forwarded_to: Agency | None,
    reason: str,
) -> None:
    Outcome = Disposition.Outcome
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    if outcome == Outcome.ACCEPTED and plan_item is None and not plan_item_label.strip():
        raise ValidationError({"plan_item": _("Name the plan item that carries this input.")})
    if plan_item is not None and plan_item.government_id != input.government_id:
        raise ValidationError({"plan_item": _("Choose a plan item of this government.")})
    if outcome == Outcome.MERGED:
        if (
            merged_into is None
            or merged_into.forum_id != input.forum_id
            or merged_into.pk == input.pk
        ):
            raise ValidationError({"merged_into": _("Choose another input of this forum.")})
        target = Disposition.objects.filter(input=merged_into).first()
        if target is not None and target.outcome == Outcome.MERGED:
            raise ValidationError(
                {"merged_into": _("That input was itself merged; choose its target.")}
            )
    if outcome == Outcome.DEFERRED:
        this_year = timezone.localdate().year
        if deferred_to_year is None or not this_year - 5 <= deferred_to_year <= this_year + 25:
            raise ValidationError({"deferred_to_year": _("Name the year it is deferred to.")})
    if outcome == Outcome.FORWARDED and (
        forwarded_to is None or forwarded_to.government_id != input.government_id
    ):
        raise ValidationError({"forwarded_to": _("Choose the agency in charge.")})
    if outcome == Outcome.REJECTED and not reason.strip():
        raise ValidationError({"reason": _("A rejection needs a written reason.")})


def _plan_link_move(*, input: ForumInput, old: Any, new: Any, by: Any) -> None:
    """Keep planning's record of the inputs a plan item answers in step with the answer."""
    if old == new:
        return
    kind = PlanItemInput.SourceKind.FORUM_INPUT
    if old is not None:
        plan_item_input_unlink(item=old, source_kind=kind, source_id=input.pk, by=by)
    if new is not None:
        plan_item_input_link(
            item=new, source_kind=kind, source_id=input.pk, by=by, note=input.title
        )


@transaction.atomic
def forum_input_dispose(
    *,
    input: ForumInput,
    by: Any,
    outcome: str,
    plan_item: PlanItem | None = None,
    plan_item_label: str = "",
    merged_into: ForumInput | None = None,
    deferred_to_year: int | None = None,
    forwarded_to: Agency | None = None,
    reason: str = "",
) -> Disposition:
    """Answer an input: exactly one disposition per input (a second call replaces the first,
    audited). The answer stays with the facilitators until the results are published
    (:func:`forum_phase_advance` to ``published``), which makes every answer public at once
    and tells the proposers."""
    forum = _lock(input.forum)
    phase_require(forum, Action.DISPOSE)
    _disposition_check(
        input=input,
        outcome=outcome,
        plan_item=plan_item,
        plan_item_label=plan_item_label,
        merged_into=merged_into,
        deferred_to_year=deferred_to_year,
        forwarded_to=forwarded_to,
        reason=reason,
    )
    Outcome = Disposition.Outcome
    values = {
        "outcome": outcome,
        "plan_item": plan_item if outcome == Outcome.ACCEPTED else None,
        "plan_item_label": (plan_item_label.strip() or str(plan_item or ""))[:300]
        if outcome == Outcome.ACCEPTED
        else "",
        "merged_into": merged_into if outcome == Outcome.MERGED else None,
        "deferred_to_year": deferred_to_year if outcome == Outcome.DEFERRED else None,
        "forwarded_to": forwarded_to if outcome == Outcome.FORWARDED else None,
        "reason": reason.strip(),
        "decided_by": by if getattr(by, "is_authenticated", False) else None,
        "decided_at": timezone.now(),
    }
    existing = Disposition.objects.select_for_update().filter(input=input).first()
    _plan_link_move(
        input=input,
        old=existing.plan_item if existing is not None else None,
        new=values["plan_item"],
        by=by,
    )
    if existing is None:
        disposition = Disposition.objects.create(
            government_id=input.government_id, input=input, **values
        )
        audit_record(instance=disposition, by=by, action=AuditEntry.Action.CREATE)
    else:
        before = audit_snapshot(existing)
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save()
        disposition = existing
        audit_record(instance=disposition, by=by, action=AuditEntry.Action.UPDATE, before=before)
    return disposition


def forum_analysis_refresh(*, forum: Forum) -> ForumAnalysis:
    """Recompute the opinion map and the themes, and store them for the forum's pages."""
    from rembug.forums.opinion import opinion_for_forum
    from rembug.forums.themes import themes_for_forum

    opinion = opinion_for_forum(forum)
    themes = themes_for_forum(forum)
    analysis, _created = ForumAnalysis.objects.update_or_create(
        government_id=forum.government_id,
        forum=forum,
        defaults={
            "opinion": opinion.as_json(),
            "themes": [theme.as_json() for theme in themes],
            "reaction_count": opinion.reaction_count,
            "input_count": sum(theme.size for theme in themes),
            "computed_at": timezone.now(),
        },
    )
    return analysis
