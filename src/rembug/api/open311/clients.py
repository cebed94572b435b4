"""Open311 client keys: issued by a government's coordinator, printed once, stored hashed."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rembug.api.keys import key_digest, key_new, key_prefix
from rembug.api.models import Open311Client
from rembug.core.audit import audit_record
from rembug.core.models import AuditEntry
from rembug.governments.models import Government

LAST_USED_RESOLUTION_SECONDS = 300


@transaction.atomic
def open311_client_issue(
    *, government: Government, name: str, by: Any
) -> tuple[Open311Client, str]:
    """A new client of ``government``; returns it and its clear ``api_key`` (shown once)."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the client a name."))
    if Open311Client.objects.filter(government=government, name=name).exists():
        raise ValidationError(_("A client with this name already exists."))
    secret = key_new("o311")
    client = Open311Client.objects.create(
        government=government,
        name=name,
        prefix=key_prefix(secret),
        digest=key_digest(secret),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit_record(instance=client, by=by, action=AuditEntry.Action.CREATE)
    return client, secret


@transaction.atomic
def open311_client_revoke(*, client: Open311Client, by: Any) -> Open311Client:
    client.is_active = False
    client.save(update_fields=["is_active"])
    audit_record(
        instance=client,
        by=by,
        action=AuditEntry.Action.UPDATE,
        changes={"is_active": [True, False]},
    )
    return client


def open311_client_for_key(government: Government, api_key: str) -> Open311Client | None:
    """The active client of ``government`` holding ``api_key``, or None."""
    if not api_key:
        return None
    client = Open311Client.objects.filter(
        government=government, digest=key_digest(api_key), is_active=True
    ).first()
    if client is not None:
        now = timezone.now()
        last = client.last_used_at
        if last is None or (now - last).total_seconds() > LAST_USED_RESOLUTION_SECONDS:
            Open311Client.objects.filter(pk=client.pk).update(last_used_at=now)
    return client
