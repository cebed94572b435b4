"""Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 6 digits, 30-second
steps, as every authenticator app (Google Authenticator, Aegis, FreeOTP, 1Password) expects.

The standard library is enough for this; the tests check the RFC's own test vectors.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from urllib.parse import quote, urlencode

DIGITS = 6
STEP_SECONDS = 30
# Accept the previous and the next step too: phones' clocks drift and people type slowly.
DRIFT_STEPS = 1


def secret_new() -> str:
    """160 random bits in base32 (RFC 4226 recommends the HMAC-SHA1 key length)."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii")


def hotp(secret: str, counter: int, *, digits: int = DIGITS) -> str:
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, counter.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def step_at(at: float | None = None) -> int:
    return int((time.time() if at is None else at) // STEP_SECONDS)


def totp(secret: str, *, at: float | None = None) -> str:
    return hotp(secret, step_at(at))


def totp_match(
    secret: str, code: str, *, at: float | None = None, after_step: int = -1
) -> int | None:
    """The time step ``code`` belongs to, if it is valid now and newer than ``after_step`` (a code
    once used cannot be replayed); None otherwise."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != DIGITS:
        return None
    now = step_at(at)
    for step in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
        if step > after_step and hmac.compare_digest(hotp(secret, step), code):
            return step
    return None


def provisioning_uri(secret: str, *, account: str, issuer: str = "Rembug") -> str:
    """The ``otpauth://`` address an authenticator app reads from the QR code."""
    label = quote(f"{issuer}:{account}")
    query = urlencode(
        {"secret": secret, "issuer": issuer, "digits": DIGITS, "period": STEP_SECONDS}
    )
    return f"otpauth://totp/{label}?{query}"
