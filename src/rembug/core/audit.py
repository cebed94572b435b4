"""The audit trail: record who changed what, and verify that nobody rewrote it.

Services call :func:`audit_snapshot` before a change and :func:`audit_record` after it.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from rembug.core.models import AuditEntry, AuditHead

HEAD_SALT = "rembug.core.audit.head"

Snapshot = dict[str, Any]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def audit_snapshot(instance: models.Model) -> Snapshot:
    """The audited values of a record: its concrete fields, foreign keys by id."""
    values: Snapshot = {}
    for field in instance._meta.concrete_fields:
        if field.name in {"created_at", "updated_at"}:
            continue
        values[field.name] = _plain(getattr(instance, field.attname))
    return values


def audit_diff(before: Snapshot, after: Snapshot) -> dict[str, list[Any]]:
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def _entry_hash(entry: AuditEntry) -> str:
    payload = json.dumps(
        {
            "prev": entry.prev_hash,
            "government": entry.government_id,
            "content_type": entry.content_type_id,
            "object_id": entry.object_id,
            "action": entry.action,
            "actor": entry.actor_id,
            "at": entry.at.isoformat(),
            "changes": entry.changes,
            "note": entry.note,
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _government_id_of(instance: models.Model) -> int | None:
    from rembug.governments.models import Government

    if isinstance(instance, Government):
        return instance.pk
    return getattr(instance, "government_id", None)


def audit_record(
    *,
    instance: models.Model,
    by: Any,
    action: str,
    before: Snapshot | None = None,
    changes: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEntry | None:
    """Write one entry for ``instance``. With ``before``, the entry holds the fields that changed
    (old → new); nothing is written for an update that changed nothing."""
    if changes is None:
        after = {} if action == AuditEntry.Action.DELETE else audit_snapshot(instance)
        if action == AuditEntry.Action.UPDATE:
            changes = audit_diff(before or {}, after)
            if not changes:
                return None
        elif action == AuditEntry.Action.DELETE:
            changes = {name: [value, None] for name, value in (before or {}).items()}
        else:
            changes = {
                name: [None, value] for name, value in after.items() if value not in (None, "")
            }
    actor = by if getattr(by, "is_authenticated", False) else None
    with transaction.atomic():
        # Lock the chain's head so that concurrent writers append one after the other.
        head = _head_for_update()
        entry = AuditEntry(
            government_id=_government_id_of(instance),
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
            object_id=str(instance.pk),
            object_repr=str(instance)[:300],
            action=action,
            actor=actor,
            actor_label=str(by)[:200] if by is not None else "system",
            at=timezone.now(),
            changes=_plain(changes),
            note=note,
            prev_hash=head.last_hash,
        )
        entry.hash = _entry_hash(entry)
        entry.save()
        _head_advance(head, entry)
    return entry


def _head_seal(
    count: int, last_id: int | None, last_hash: str, *, secret: str | None = None
) -> str:
    value = f"{count}:{last_id}:{last_hash}"
    return salted_hmac(HEAD_SALT, value, secret=secret, algorithm="sha256").hexdigest()


def _head_for_update() -> AuditHead:
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is not None:
        return head
    # The first entry ever (or the head was lost): start from whatever the chain holds now.
    last = AuditEntry.objects.order_by("-id").only("hash").first()
    head, _created = AuditHead.objects.get_or_create(
        pk=1,
        defaults={
            "entry_count": AuditEntry.objects.count(),
            "last_entry_id": last.pk if last else None,
            "last_hash": last.hash if last else "",
        },
    )
    return AuditHead.objects.select_for_update().get(pk=head.pk)


def _head_advance(head: AuditHead, entry: AuditEntry) -> None:
    head.entry_count += 1
    head.last_entry_id = entry.pk
    head.last_hash = entry.hash
    head.seal = _head_seal(head.entry_count, entry.pk, entry.hash)
    head.save(update_fields=["entry_count", "last_entry_id", "last_hash", "seal", "updated_at"])


def audit_history(instance: models.Model) -> models.QuerySet[AuditEntry]:
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    return (
        AuditEntry.objects.filter(content_type=content_type, object_id=str(instance.pk))
        .select_related("actor")
        .order_by("-id")
    )


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int
    reason: str


def audit_verify(entries: Iterable[AuditEntry] | None = None) -> Iterator[ChainProblem]:
    """Walk the chain from the first entry; yield every entry whose hash or link does not hold."""
    rows = (
        entries
        if entries is not None
        else AuditEntry.objects.order_by("id").iterator(chunk_size=2000)
    )
    prev_hash = ""
    count = 0
    last_id: int | None = None
    for entry in rows:
        if entry.prev_hash != prev_hash:
            yield ChainProblem(entry.pk, "link broken: an entry before it was changed or deleted")
        if _entry_hash(entry) != entry.hash:
            yield ChainProblem(entry.pk, "content changed after it was written")
        prev_hash = entry.hash
        count += 1
        last_id = entry.pk
    if entries is None:
        yield from _head_problems(count, last_id, prev_hash)


def _seal_holds(head: AuditHead) -> bool:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(
        constant_time_compare(
            head.seal, _head_seal(head.entry_count, head.last_entry_id, head.last_hash, secret=key)
        )
        for key in secrets
    )


def _head_problems(count: int, last_id: int | None, last_hash: str) -> Iterator[ChainProblem]:
    """The tail: the chain must end where the sealed head says it ends."""
    head = AuditHead.objects.filter(pk=1).first()
    if head is None:
        if count:
            yield ChainProblem(last_id or 0, "head missing: the chain's head record was deleted")
        return
    if not _seal_holds(head):
        yield ChainProblem(head.last_entry_id or 0, "head changed without the secret key")
    if (head.entry_count, head.last_entry_id, head.last_hash) != (count, last_id, last_hash):
        yield ChainProblem(
            head.last_entry_id or 0,
            f"tail deleted or added: the head counts {head.entry_count} entries ending at "
            f"{head.last_entry_id}, the chain has {count} ending at {last_id}",
        )


@dataclass(frozen=True)
class Anchor:
    """The head written down elsewhere (printed, e-mailed, stored off-site): ``count:hash``."""

    count: int
    hash: str

    def __str__(self) -> str:
        return f"{self.count}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> Anchor:
        count, _sep, value = text.strip().partition(":")
        if not count.isdigit() or len(value) != 64:
            raise ValueError(text)
        return cls(int(count), value)


def audit_anchor() -> Anchor:
    head = AuditHead.objects.filter(pk=1).first()
    return Anchor(head.entry_count, head.last_hash) if head else Anchor(0, "")


def audit_anchor_check(anchor: Anchor) -> ChainProblem | None:
    """An anchor kept off-site must still be in the chain: its entry exists with that hash and
    exactly ``count - 1`` entries come before it. This catches even a rewrite made with the key."""
    entry = AuditEntry.objects.filter(hash=anchor.hash).only("id").first()
    if entry is None:
        return ChainProblem(0, f"anchored entry {anchor} is gone from the chain")
    if AuditEntry.objects.filter(id__lt=entry.pk).count() != anchor.count - 1:
        return ChainProblem(entry.pk, f"entries before anchor {anchor} were added or deleted")
    return None
