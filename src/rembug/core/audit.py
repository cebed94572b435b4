"""The audit trail: record who changed what, and verify that nobody rewrote it.

Services call :func:`audit_snapshot` before a change and :func:`audit_record` after it.

**Write, then seal.** :func:`audit_record` inserts one *pending* entry in the caller's
transaction and nothing else: no lock, no shared row, so writes of every government run side by
side (a global chain head locked on every write made every report in the country wait for the
one before it to reach the disk). A pending entry carries ``mac``, an HMAC-SHA256 of its content
under ``SECRET_KEY``: editing it, or forging one, without the key is detected from the moment it
is written.

:func:`audit_seal` (the sealer) then takes the head row's lock, links the committed pending
entries into the hash chain in id order — each gets the next position ``seq``, ``prev_hash`` =
the hash before it, ``hash`` = SHA-256 over its content and ``prev_hash`` — and advances the
sealed head (``AuditHead``: count, last id, last hash, HMAC under the key) once for the batch.
It runs

* in the background worker, queued by the first write of a process and at most once per
  :data:`SEAL_DELAY` (``rembug db_worker``), so entries are sealed within seconds;
* from ``rembug audit seal`` (cron, every minute: anything the worker left);
* at once, in the writer's transaction, where the task backend cannot run work later
  (``TASKS_BACKEND=immediate``, the tests): the old behaviour, one writer at a time.

Positions are given at seal time, not at insert time: an entry whose transaction commits after a
later id was sealed simply gets a later position, so the chain never needs a gap filled.

**What** :func:`audit_verify` **detects.** Walking the sealed entries by ``seq``: an edited entry
(its hash, or its mac, no longer matches), a deleted or reordered one (the next entry's
``prev_hash`` no longer matches, or a position is missing), deleted last entries or a rewritten
head (the sealed head; rewriting it needs the key), a sealed entry taken out of the chain. Pending
entries: an edited or forged one (mac). Deleting a pending entry before it is sealed is not
detected — that window is the sealer's delay; :func:`audit_pending_count` says how many entries
are in it, and ``rembug audit verify`` prints that number. Against someone holding the key,
``rembug audit anchor`` (which seals first) prints the head to keep off-site.
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
ENTRY_SALT = "rembug.core.audit.entry"
# The background sealer runs this long after the write that queued it; a process queues at most
# one run per this interval.
SEAL_DELAY = dt.timedelta(seconds=2)
SEAL_BATCH = 5000

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


def _entry_payload(entry: AuditEntry, prev_hash: str) -> str:
    return json.dumps(
        {
            "prev": prev_hash,
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


def _entry_hash(entry: AuditEntry) -> str:
    """The chain hash: the content and the previous entry's hash."""
    return hashlib.sha256(_entry_payload(entry, entry.prev_hash).encode()).hexdigest()


def _entry_mac(entry: AuditEntry, *, secret: str | None = None) -> str:
    """The content (without its place in the chain) under the secret key."""
    payload = _entry_payload(entry, "")
    return salted_hmac(ENTRY_SALT, payload, secret=secret, algorithm="sha256").hexdigest()


def _secrets() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def _mac_holds(entry: AuditEntry) -> bool:
    if not entry.mac:  # written before entries had one, and chained at once
        return True
    return any(
        constant_time_compare(entry.mac, _entry_mac(entry, secret=key)) for key in _secrets()
    )


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
    )
    entry.mac = _entry_mac(entry)
    entry.save(force_insert=True)
    _seal_soon()
    return entry


# ---------------------------------------------------------------- sealing


def audit_pending_count() -> int:
    """Entries written but not yet linked into the chain."""
    return AuditEntry.objects.filter(seq__isnull=True).count()


def audit_seal(*, batch: int = SEAL_BATCH) -> int:
    """Link every committed pending entry into the chain, in id order, and advance the sealed
    head once per batch of ``batch``. Returns how many entries were sealed."""
    sealed = 0
    while True:
        with transaction.atomic():
            head = _head_for_update()
            entries = list(AuditEntry.objects.filter(seq__isnull=True).order_by("id")[:batch])
            if not entries:
                return sealed
            position, prev_hash = head.entry_count, head.last_hash
            for entry in entries:
                position += 1
                entry.seq = position
                entry.prev_hash = prev_hash
                entry.hash = prev_hash = _entry_hash(entry)
            AuditEntry.objects.bulk_update(entries, ["seq", "prev_hash", "hash"], batch_size=500)
            _head_advance(head, count=position, last=entries[-1])
        sealed += len(entries)
        if len(entries) < batch:
            return sealed


_seal_queued_until: dt.datetime | None = None


def _seal_soon() -> None:
    """Have the entries just written sealed: by the background worker within ``SEAL_DELAY``
    (queued at most once per interval by this process, in the writer's transaction: no commit
    of its own), or at once where the task backend cannot run work later."""
    global _seal_queued_until
    from rembug.core.tasks import audit_seal_task

    if not audit_seal_task.get_backend().supports_defer:
        audit_seal()
        return
    now = timezone.now()
    if _seal_queued_until is not None and now < _seal_queued_until:
        return
    audit_seal_task.using(run_after=now + SEAL_DELAY).enqueue()
    _seal_queued_until = now + SEAL_DELAY


def _head_seal(
    count: int, last_id: int | None, last_hash: str, *, secret: str | None = None
) -> str:
    value = f"{count}:{last_id}:{last_hash}"
    return salted_hmac(HEAD_SALT, value, secret=secret, algorithm="sha256").hexdigest()


def _head_for_update() -> AuditHead:
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is not None:
        return head
    # The first seal ever (or the head was lost): start from whatever the chain holds now.
    last = AuditEntry.objects.filter(seq__isnull=False).order_by("-seq").first()
    head, _created = AuditHead.objects.get_or_create(
        pk=1,
        defaults={
            "entry_count": last.seq if last else 0,
            "last_entry_id": last.pk if last else None,
            "last_hash": (last.hash or "") if last else "",
        },
    )
    return AuditHead.objects.select_for_update().get(pk=head.pk)


def _head_advance(head: AuditHead, *, count: int, last: AuditEntry) -> None:
    head.entry_count = count
    head.last_entry_id = last.pk
    head.last_hash = last.hash or ""
    head.seal = _head_seal(count, last.pk, head.last_hash)
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
    """Walk the sealed chain from its first position; yield every entry whose hash, mac, link or
    position does not hold; then check the pending entries' macs and the sealed head. With
    ``entries`` (sealed ones, in chain order) only those are walked."""
    rows = (
        entries
        if entries is not None
        else AuditEntry.objects.filter(seq__isnull=False).order_by("seq").iterator(chunk_size=2000)
    )
    prev_hash = ""
    count = 0
    last_id: int | None = None
    for entry in rows:
        count += 1
        if entry.prev_hash != prev_hash or (entries is None and entry.seq != count):
            yield ChainProblem(
                entry.pk, "link broken: an entry before it was changed, deleted or moved"
            )
            count = entry.seq or count
        if _entry_hash(entry) != entry.hash or not _mac_holds(entry):
            yield ChainProblem(entry.pk, "content changed after it was written")
        prev_hash = entry.hash or ""
        last_id = entry.pk
    if entries is None:
        yield from _pending_problems()
        yield from _head_problems(count, last_id, prev_hash)


def _pending_problems() -> Iterator[ChainProblem]:
    pending = AuditEntry.objects.filter(seq__isnull=True).order_by("id")
    for entry in pending.iterator(chunk_size=2000):
        if entry.hash or entry.prev_hash:
            yield ChainProblem(entry.pk, "taken out of the chain after it was sealed")
        elif not entry.mac or not _mac_holds(entry):
            yield ChainProblem(entry.pk, "content changed or forged before it was sealed")


def _seal_holds(head: AuditHead) -> bool:
    return any(
        constant_time_compare(
            head.seal, _head_seal(head.entry_count, head.last_entry_id, head.last_hash, secret=key)
        )
        for key in _secrets()
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
    """The sealed head, after sealing whatever is pending."""
    audit_seal()
    head = AuditHead.objects.filter(pk=1).first()
    return Anchor(head.entry_count, head.last_hash) if head else Anchor(0, "")


def audit_anchor_check(anchor: Anchor) -> ChainProblem | None:
    """An anchor kept off-site must still be in the chain: its entry exists with that hash at
    position ``count`` and exactly ``count - 1`` sealed entries come before it. This catches
    even a rewrite made with the key."""
    entry = AuditEntry.objects.filter(hash=anchor.hash).only("id", "seq").first()
    if entry is None:
        return ChainProblem(0, f"anchored entry {anchor} is gone from the chain")
    before = AuditEntry.objects.filter(seq__lt=entry.seq).count() if entry.seq else -1
    if entry.seq != anchor.count or before != anchor.count - 1:
        return ChainProblem(entry.pk, f"entries before anchor {anchor} were added or deleted")
    return None
