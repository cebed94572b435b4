"""Phone verification as an adapter: a code sent by SMS (or WhatsApp) through whatever gateway a
government contracts. A gateway implements :class:`SmsSender`; ``settings.SMS_SENDER`` names it
(dotted path). Without one, codes are written to the log (development)."""

from __future__ import annotations

import hashlib
import logging
import secrets
from typing import Protocol

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

CODE_SECONDS = 10 * 60
MAX_TRIES = 5


class SmsSender(Protocol):
    def send(self, phone: str, text: str) -> None: ...


class LogSmsSender:
    """Development only: the message goes to the log instead of a phone."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", phone, text)


def sms_sender() -> SmsSender:
    path = getattr(settings, "SMS_SENDER", "")
    sender: SmsSender = import_string(path)() if path else LogSmsSender()
    return sender


def _key(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    return f"rembug-phone:{hashlib.sha256(digits.encode()).hexdigest()[:32]}"


def _digest(code: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{code}".encode()).hexdigest()


def phone_code_send(*, phone: str, sender: SmsSender | None = None) -> None:
    code = f"{secrets.randbelow(10**6):06d}"
    cache.set(_key(phone), {"digest": _digest(code), "tries": 0}, CODE_SECONDS)
    text = _("Your Rembug verification code: %(code)s. It is valid for 10 minutes.") % {
        "code": code
    }
    (sender or sms_sender()).send(phone, text)


def phone_code_check(*, phone: str, code: str) -> bool:
    """True once for the right code within its time; a few wrong tries void it."""
    key = _key(phone)
    entry = cache.get(key)
    if entry is None:
        return False
    if secrets.compare_digest(entry["digest"], _digest(code.strip())):
        cache.delete(key)
        return True
    entry["tries"] += 1
    if entry["tries"] >= MAX_TRIES:
        cache.delete(key)
    else:
        cache.set(key, entry, CODE_SECONDS)
    return False
