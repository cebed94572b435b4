"""Rate limits on what residents publish, per account and per address (Django's cache).

A limit is ``"count/period"`` with period s, m, h or d; ``settings.RATE_LIMITS`` may override the
defaults per action. The address is read as the login lockout reads it (trusted proxies only).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from rembug.accounts.client_ip import client_ip_address

DEFAULT_RATE_LIMITS = {
    "report": "10/h",
    "forum_input": "10/h",
    "comment": "30/h",
    "flag": "30/h",
    "account": "5/h",
    "ppid_request": "10/h",
    "ppid_objection": "10/h",
}
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def rate_parse(rate: str) -> tuple[int, int]:
    count, period = rate.split("/")
    return int(count), _SECONDS[period[-1]] * int(period[:-1] or 1)


def address_hash(request: HttpRequest) -> str:
    """The requester's address, hashed with the secret key: we count, we do not keep it."""
    raw = f"{settings.SECRET_KEY}:{client_ip_address(request)}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _hit(key: str, limit: int, period: int) -> bool:
    """Count one more use; True when it is within the limit."""
    if cache.add(key, 1, period):
        return limit >= 1
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, period)
        used = 1
    return used <= limit


def rate_limit_check(request: HttpRequest, action: str, *, user: Any = None) -> None:
    """Raise ``ValidationError`` when the account or the address has used up ``action``."""
    rates: dict[str, str] = {**DEFAULT_RATE_LIMITS, **getattr(settings, "RATE_LIMITS", {})}
    limit, period = rate_parse(rates[action])
    user = user if user is not None else getattr(request, "user", None)
    keys = [f"rembug-rate:{action}:addr:{address_hash(request)}"]
    if getattr(user, "is_authenticated", False):
        keys.append(f"rembug-rate:{action}:user:{user.pk}")
    if not all([_hit(key, limit, period) for key in keys]):
        raise ValidationError(
            _("Too many submissions in a short time. Please wait a while and try again."),
            code="rate_limited",
        )
