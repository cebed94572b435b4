"""Issuing, revoking and checking REST API tokens."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from rembug.api.keys import key_digest, key_new, key_prefix
from rembug.api.models import ApiToken

# last_used_at is refreshed at most this often, so reads do not each write a row.
LAST_USED_RESOLUTION_SECONDS = 300


def api_token_issue(*, user: Any, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the row and the clear token (shown once, never stored)."""
    secret = key_new("rbg")
    token = ApiToken.objects.create(
        user=user, name=name, prefix=key_prefix(secret), digest=key_digest(secret)
    )
    return token, secret


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token


def api_token_user(secret: str) -> Any | None:
    """The active user behind ``secret``, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=key_digest(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if (
        token.last_used_at is None
        or (now - token.last_used_at).total_seconds() > LAST_USED_RESOLUTION_SECONDS
    ):
        with transaction.atomic():
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
