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

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from rembug.core.models import AuditEntry

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
        # Lock the chain's tail so that concurrent writers append one after the other.
        last = AuditEntry.objects.select_for_update().order_by("-id").only("hash").first()
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
            prev_hash=last.hash if last else "",
        )
        entry.hash = _entry_hash(entry)
        entry.save()
    return entry


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
    for entry in rows:
        if entry.prev_hash != prev_hash:
            yield ChainProblem(entry.pk, "link broken: an entry before it was changed or deleted")
        if _entry_hash(entry) != entry.hash:
            yield ChainProblem(entry.pk, "content changed after it was written")
        prev_hash = entry.hash
