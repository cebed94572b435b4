"""Writes for moderation. Every change of an item's state goes through :func:`item_transition`
(one transition table), writes a :class:`Decision`, is audited and, after the commit, tells the
author why."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rembug.core.audit import audit_diff, audit_record, audit_snapshot
from rembug.core.models import AuditEntry
from rembug.governments.models import Government
from rembug.moderation.models import (
    AccountBlock,
    Appeal,
    BlockedTerm,
    Decision,
    Flag,
    ModeratedItem,
    ModerationPolicy,
    Reason,
    State,
)
from rembug.moderation.notify import author_notify
from rembug.moderation.registry import ContentKind, content_kind, content_kind_of
from rembug.moderation.selectors import hide_after_flags

# The one table of allowed state changes, with the decision each one records.
TRANSITIONS: dict[tuple[str, str], str] = {
    (State.VISIBLE, State.HIDDEN): Decision.Action.HIDDEN,
    (State.VISIBLE, State.BLOCKED): Decision.Action.BLOCKED,
    (State.HIDDEN, State.VISIBLE): Decision.Action.RESTORED,
    (State.HIDDEN, State.BLOCKED): Decision.Action.BLOCKED,
    (State.BLOCKED, State.VISIBLE): Decision.Action.RESTORED,
    (State.BLOCKED, State.HIDDEN): Decision.Action.HIDDEN,
}
# Decisions the author hears about.
NOTIFIED = {Decision.Action.AUTO_HIDDEN, Decision.Action.HIDDEN, Decision.Action.BLOCKED}
NOTIFIED |= {Decision.Action.RESTORED, Decision.Action.APPEAL_REJECTED}


def _kind_of(instance: models.Model) -> ContentKind:
    kind = content_kind_of(instance)
    if kind is None:
        raise ValidationError(_("This content cannot be moderated."))
    return kind


def _item_locked(government: Government, instance: models.Model) -> ModeratedItem:
    """The item for ``instance``, created on first use, locked for this transaction."""
    kind = _kind_of(instance)
    content_type = ContentType.objects.get_for_model(instance)
    item, _created = ModeratedItem.objects.select_for_update().get_or_create(
        government=government,
        content_type=content_type,
        object_id=instance.pk,
        defaults={
            "kind": kind.key,
            "author_id": kind.author_id(instance),
            "title": kind.title(instance)[:200],
        },
    )
    return item


def item_content(item: ModeratedItem) -> Any:
    kind = content_kind(item.kind)
    if kind is None:
        return None
    return kind.model._default_manager.filter(pk=item.object_id).first()


def _decision_add(
    item: ModeratedItem,
    *,
    action: str,
    from_state: str,
    by: Any,
    reason: str = "",
    note: str = "",
) -> Decision:
    decision = Decision.objects.create(
        government_id=item.government_id,
        item=item,
        action=action,
        from_state=from_state,
        to_state=item.state,
        reason=reason,
        note=note,
        by=by if getattr(by, "is_authenticated", False) else None,
    )
    if action in NOTIFIED:
        content = item_content(item)
        kind = content_kind(item.kind)
        if content is not None and kind is not None:
            email, url = kind.author_email(content), kind.url(content)
            transaction.on_commit(
                lambda: author_notify(item=item, decision=decision, email=email, url=url)
            )
    return decision


def item_transition(
    *, item: ModeratedItem, to: str, by: Any, reason: str = "", note: str = "", action: str = ""
) -> ModeratedItem:
    """Move ``item`` to state ``to`` if the table allows it, record and audit the decision."""
    decided = action or TRANSITIONS.get((item.state, to))
    if decided is None:
        raise ValidationError(
            _("This content cannot go from %(from)s to %(to)s.")
            % {"from": State(item.state).label, "to": State(to).label}
        )
    if to != State.VISIBLE and not reason:
        raise ValidationError(_("Give the reason, so that the author and the public know why."))
    before = audit_snapshot(item)
    from_state = item.state
    item.state = to
    item.reason = reason if to != State.VISIBLE else item.reason
    item.save(update_fields=["state", "reason", "updated_at"])
    _decision_add(item, action=decided, from_state=from_state, by=by, reason=reason, note=note)
    changes = audit_diff(before, audit_snapshot(item))
    audit_record(
        instance=item, by=by, action=AuditEntry.Action.TRANSITION, changes=changes, note=note
    )
    return item


@transaction.atomic
def content_moderate(
    *, government: Government, content: models.Model, to: str, by: Any, reason: str, note: str = ""
) -> ModeratedItem:
    """A moderator hides, restores or blocks one piece of content."""
    item = _item_locked(government, content)
    return item_transition(item=item, to=to, by=by, reason=reason, note=note)


@transaction.atomic
def item_decide(
    *, item: ModeratedItem, to: str, by: Any, reason: str = "", note: str = ""
) -> ModeratedItem:
    """A moderator's decision from the queue; restoring also settles a pending appeal."""
    item = ModeratedItem.objects.select_for_update().get(pk=item.pk)
    item_transition(item=item, to=to, by=by, reason=reason, note=note)
    if to == State.VISIBLE:
        Appeal.objects.filter(
            government_id=item.government_id, item=item, outcome=Appeal.Outcome.PENDING
        ).update(outcome=Appeal.Outcome.UPHELD, decided_at=timezone.now())
    return item


@transaction.atomic
def content_flag(
    *,
    government: Government,
    content: models.Model,
    reason: str,
    by: Any,
    address: str,
    note: str = "",
) -> ModeratedItem:
    """Flag public content. Each account (or, anonymously, each address) counts once; at the
    government's threshold the content is hidden pending review."""
    kind = _kind_of(content)
    if not kind.is_public(content):
        raise ValidationError(_("Only published content can be flagged."))
    if reason not in Reason.values:
        raise ValidationError(_("Choose a reason."))
    signed_in = getattr(by, "is_authenticated", False)
    if signed_in and kind.author_id(content) == by.pk:
        raise ValidationError(_("You cannot flag your own content."))
    item = _item_locked(government, content)
    try:
        with transaction.atomic():
            Flag.objects.create(
                government=government,
                item=item,
                reason=reason,
                note=note[:500],
                flagged_by=by if signed_in else None,
                address="" if signed_in else address,
            )
    except IntegrityError as error:
        raise ValidationError(_("You have already flagged this content.")) from error
    item.flag_count = Flag.objects.filter(government=government, item=item).count()
    item.save(update_fields=["flag_count", "updated_at"])
    if item.state == State.VISIBLE and item.flag_count >= hide_after_flags(government):
        top = (
            Flag.objects.filter(government=government, item=item)
            .values("reason")
            .annotate(n=models.Count("id"))
            .order_by("-n", "reason")
            .first()
        )
        item_transition(
            item=item,
            to=State.HIDDEN,
            by=None,
            reason=top["reason"] if top else reason,
            note=_("Hidden after %(count)d flags, pending review.") % {"count": item.flag_count},
            action=Decision.Action.AUTO_HIDDEN,
        )
    return item


@transaction.atomic
def appeal_submit(*, item: ModeratedItem, by: Any, text: str) -> Appeal:
    """The author asks, once, for hidden or blocked content to be restored."""
    if not getattr(by, "is_authenticated", False) or item.author_id != by.pk:
        raise ValidationError(_("Only the author can appeal."))
    if item.state == State.VISIBLE:
        raise ValidationError(_("This content is not hidden."))
    if not text.strip():
        raise ValidationError(_("Say why the content should be restored."))
    item = ModeratedItem.objects.select_for_update().get(pk=item.pk)
    if item.appealed:
        raise ValidationError(_("You have already appealed; a moderator will decide."))
    appeal = Appeal.objects.create(
        government_id=item.government_id, item=item, author=by, text=text.strip()
    )
    item.appealed = True
    item.save(update_fields=["appealed", "updated_at"])
    _decision_add(item, action=Decision.Action.APPEALED, from_state=item.state, by=by, note=text)
    audit_record(instance=appeal, by=by, action=AuditEntry.Action.CREATE)
    return appeal


@transaction.atomic
def appeal_reject(*, item: ModeratedItem, by: Any, note: str) -> Appeal:
    appeal = (
        Appeal.objects.select_for_update()
        .filter(government_id=item.government_id, item=item, outcome=Appeal.Outcome.PENDING)
        .first()
    )
    if appeal is None:
        raise ValidationError(_("There is no pending appeal."))
    if not note.strip():
        raise ValidationError(_("Tell the author why the appeal is rejected."))
    before = audit_snapshot(appeal)
    appeal.outcome = Appeal.Outcome.REJECTED
    appeal.decided_at = timezone.now()
    appeal.save(update_fields=["outcome", "decided_at"])
    _decision_add(
        item,
        action=Decision.Action.APPEAL_REJECTED,
        from_state=item.state,
        by=by,
        reason=item.reason,
        note=note,
    )
    audit_record(instance=appeal, by=by, action=AuditEntry.Action.UPDATE, before=before, note=note)
    return appeal


@transaction.atomic
def account_block(
    *,
    government: Government,
    user: Any,
    by: Any,
    reason: str,
    note: str = "",
    remove_content: bool = False,
) -> AccountBlock:
    """Stop an account publishing in ``government``; with ``remove_content`` (a spam account)
    block everything it published there too."""
    if user.pk == getattr(by, "pk", None):
        raise ValidationError(_("You cannot block your own account."))
    if reason not in Reason.values:
        raise ValidationError(_("Choose a reason."))
    block, created = AccountBlock.objects.get_or_create(
        government=government, user=user, defaults={"reason": reason, "note": note, "by": by}
    )
    if created:
        audit_record(instance=block, by=by, action=AuditEntry.Action.CREATE, note=note)
    if remove_content:
        author_content_block(government=government, user=user, by=by, reason=reason, note=note)
    return block


@transaction.atomic
def account_unblock(*, government: Government, user: Any, by: Any) -> None:
    block = AccountBlock.objects.filter(government=government, user=user).first()
    if block is None:
        return
    audit_record(
        instance=block, by=by, action=AuditEntry.Action.DELETE, before=audit_snapshot(block)
    )
    block.delete()


@transaction.atomic
def author_content_block(
    *, government: Government, user: Any, by: Any, reason: str, note: str = ""
) -> int:
    """Block every piece of ``user``'s published content in ``government``; returns how many."""
    from rembug.moderation.registry import content_kinds

    blocked = 0
    for kind in content_kinds():
        for content in kind.by_author(government, user):
            item = _item_locked(government, content)
            if item.state == State.BLOCKED:
                continue
            item_transition(item=item, to=State.BLOCKED, by=by, reason=reason, note=note)
            blocked += 1
    return blocked


@transaction.atomic
def moderation_policy_set(*, government: Government, hide_after_flags: int, by: Any) -> None:
    if hide_after_flags < 1:
        raise ValidationError(_("The number of flags must be at least 1."))
    policy, _created = ModerationPolicy.objects.get_or_create(government=government)
    before = audit_snapshot(policy)
    policy.hide_after_flags = hide_after_flags
    policy.save(update_fields=["hide_after_flags"])
    audit_record(instance=policy, by=by, action=AuditEntry.Action.UPDATE, before=before)


def _term_normal(term: str) -> str:
    return re.sub(r"\s+", " ", term.strip().lower())


@transaction.atomic
def blocked_term_add(*, government: Government, term: str, by: Any) -> BlockedTerm:
    normal = _term_normal(term)
    if len(normal) < 2:
        raise ValidationError(_("A blocked word or link needs at least two characters."))
    found, created = BlockedTerm.objects.get_or_create(
        government=government, term=normal, defaults={"created_by": by}
    )
    if created:
        audit_record(instance=found, by=by, action=AuditEntry.Action.CREATE)
    return found


@transaction.atomic
def blocked_term_remove(*, term: BlockedTerm, by: Any) -> None:
    audit_record(instance=term, by=by, action=AuditEntry.Action.DELETE, before=audit_snapshot(term))
    term.delete()
