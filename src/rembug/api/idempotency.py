"""``Idempotency-Key``: a write retried with the same key returns the first answer, never a second
report.

The key's row is inserted in the same transaction as the report. A concurrent retry's insert
waits on the unique index (PostgreSQL) or on the write lock (SQLite) until the first commits,
then fails with an IntegrityError and reads the committed answer. If the first rolls back (the
request was invalid), the key is free again. The same key sent with a different request body is
refused (422): it is a client bug, not a retry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from rembug.api.errors import ApiError
from rembug.api.models import IdempotencyRecord
from rembug.governments.models import Government

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255


@dataclass(frozen=True)
class Outcome:
    status_code: int
    body: dict[str, Any]
    replayed: bool


def request_fingerprint(scope: str, data: Any) -> str:
    payload = json.dumps([scope, data], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def idempotency_key_check(key: str | None) -> str:
    """The header's value, stripped; ``""`` when absent. Raises 422 when unusable."""
    key = (key or "").strip()
    if len(key) > MAX_KEY_LENGTH or any(not ch.isprintable() for ch in key):
        raise ApiError(
            422,
            _("The Idempotency-Key header must be at most 255 printable characters."),
            [{"loc": ["header", HEADER], "msg": "invalid", "type": "invalid"}],
        )
    return key


def _body(stored: Any) -> dict[str, Any]:
    if isinstance(stored, list):
        return {str(name): value for name, value in stored}
    return dict(stored)


def _replay(record: IdempotencyRecord, scope: str, fingerprint: str) -> Outcome:
    if record.scope != scope or record.fingerprint != fingerprint:
        raise ApiError(
            422,
            _("This Idempotency-Key was already used for a different request."),
            [{"loc": ["header", HEADER], "msg": "reused", "type": "idempotency_key_reused"}],
        )
    return Outcome(record.status_code, _body(record.response), replayed=True)


def idempotent_run(
    *,
    government: Government,
    key: str,
    scope: str,
    fingerprint: str,
    run: Callable[[], tuple[int, dict[str, Any]]],
) -> Outcome:
    """Run ``run`` once per (government, key); later calls get its stored status and body."""
    if not key:
        status, body = run()
        return Outcome(status, body, replayed=False)
    existing = IdempotencyRecord.objects.filter(government=government, key=key).first()
    if existing is not None:
        return _replay(existing, scope, fingerprint)
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                government=government, key=key, scope=scope, fingerprint=fingerprint
            )
            status, body = run()
            record.status_code = status
            # Stored as [key, value] pairs: PostgreSQL's jsonb would reorder an object's keys,
            # and Open311's XML gives its fields in the order of the first answer.
            record.response = [[name, value] for name, value in body.items()]
            record.save(update_fields=["status_code", "response"])
    except IntegrityError:
        existing = IdempotencyRecord.objects.filter(government=government, key=key).first()
        if existing is None:  # the other request rolled back; its error is not ours to give
            raise
        return _replay(existing, scope, fingerprint)
    return Outcome(status, body, replayed=False)
