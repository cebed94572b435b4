"""Two-factor authentication: enrol an authenticator app, check a code at sign-in, recover with a
one-time code. Required for the roles that can change a government's settings and route every
report (coordinator, administrator) and for platform superusers.

Signing in is two steps (``accounts.views``): the password, then the code; the session is only
logged in after both. Wrong codes are counted per person: after ``TWO_FACTOR_FAILURE_LIMIT``
no code is accepted for ``TWO_FACTOR_COOLOFF`` (an attacker who has the password cannot try the
million codes).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rembug.accounts.models import RecoveryCode, TwoFactor, User
from rembug.accounts.totp import secret_new, totp_match
from rembug.core.audit import audit_record
from rembug.core.models import AuditEntry
from rembug.governments.models import Role

REQUIRED_ROLES = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR})
RECOVERY_CODE_COUNT = 10
RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


class TwoFactorBlocked(Exception):
    """Too many wrong codes: no code is checked until ``until``."""

    def __init__(self, until: Any) -> None:
        super().__init__(until)
        self.until = until


def _failure_limit() -> int:
    return int(getattr(settings, "TWO_FACTOR_FAILURE_LIMIT", 5))


def _cooloff() -> timedelta:
    return getattr(settings, "TWO_FACTOR_COOLOFF", timedelta(minutes=15))


def two_factor_required(user: Any) -> bool:
    """Whether ``user`` must use a second factor: a coordinator or administrator anywhere, or a
    superuser."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return bool(user.memberships.filter(role__in=REQUIRED_ROLES).exists())


def two_factor_enabled(user: Any) -> bool:
    return TwoFactor.objects.filter(user=user, confirmed_at__isnull=False).exists()


def two_factor_begin(*, user: User) -> TwoFactor:
    """The secret to show for enrolment: kept until confirmed, so reloading the page does not
    invalidate a QR code already scanned."""
    device, _created = TwoFactor.objects.get_or_create(user=user, defaults={"secret": secret_new()})
    return device


def _hash(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").strip().lower().encode()).hexdigest()


def _recovery_code_new() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def recovery_codes_renew(*, user: User) -> list[str]:
    """Ten new one-time recovery codes (the old ones stop working). Shown once; only hashes kept."""
    codes = [_recovery_code_new() for _ in range(RECOVERY_CODE_COUNT)]
    with transaction.atomic():
        RecoveryCode.objects.filter(user=user).delete()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(user=user, code_hash=_hash(code)) for code in codes
        )
    return codes


def _blocked(device: TwoFactor) -> None:
    if device.blocked_until and device.blocked_until > timezone.now():
        raise TwoFactorBlocked(device.blocked_until)


def _fail(device: TwoFactor) -> None:
    device.failures += 1
    if device.failures >= _failure_limit():
        device.blocked_until = timezone.now() + _cooloff()
        device.failures = 0
    device.save(update_fields=["failures", "blocked_until"])


def _accept_totp(device: TwoFactor, code: str) -> bool:
    step = totp_match(device.secret, code, after_step=device.last_step)
    if step is None:
        return False
    device.last_step = step
    device.failures = 0
    device.blocked_until = None
    device.save(update_fields=["last_step", "failures", "blocked_until"])
    return True


def two_factor_confirm(*, user: User, code: str) -> list[str] | None:
    """Finish enrolment with the first code from the app. Returns the recovery codes to show
    once, or None when the code is wrong. Raises :class:`TwoFactorBlocked` while blocked."""
    with transaction.atomic():
        device = TwoFactor.objects.select_for_update().get(user=user)
        _blocked(device)
        if not _accept_totp(device, code):
            _fail(device)
            return None
        device.confirmed_at = timezone.now()
        device.save(update_fields=["confirmed_at"])
        audit_record(
            instance=user,
            by=user,
            action=AuditEntry.Action.UPDATE,
            changes={"two_factor": [False, True]},
        )
        return recovery_codes_renew(user=user)


def two_factor_check(*, user: User, code: str) -> bool:
    """At sign-in: a code from the app or an unused recovery code (then spent). Wrong codes
    count towards the block; raises :class:`TwoFactorBlocked` while blocked."""
    with transaction.atomic():
        device = TwoFactor.objects.select_for_update().get(user=user, confirmed_at__isnull=False)
        _blocked(device)
        if _accept_totp(device, code):
            return True
        spent = RecoveryCode.objects.filter(
            user=user, code_hash=_hash(code), used_at__isnull=True
        ).update(used_at=timezone.now())
        if spent:
            device.failures = 0
            device.save(update_fields=["failures"])
            audit_record(
                instance=user,
                by=user,
                action=AuditEntry.Action.UPDATE,
                changes={"recovery_code_used": [None, True]},
            )
            return True
        _fail(device)
    return False


def two_factor_disable(*, user: User, code: str) -> bool:
    """Turn the second factor off after one more valid code. Not for those who must use it."""
    if two_factor_required(user):
        return False
    if not two_factor_check(user=user, code=code):
        return False
    with transaction.atomic():
        TwoFactor.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        audit_record(
            instance=user,
            by=user,
            action=AuditEntry.Action.UPDATE,
            changes={"two_factor": [True, False]},
        )
    return True


def two_factor_enrol_with_secret(*, user: User, secret: str) -> TwoFactor:
    """Enrol with a known secret without a first code: for the demo's printed accounts and test
    fixtures only (the secret is then no secret)."""
    device, _created = TwoFactor.objects.update_or_create(
        user=user, defaults={"secret": secret, "confirmed_at": timezone.now(), "last_step": -1}
    )
    return device
