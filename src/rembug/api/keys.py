"""Secrets handed to machines (API tokens, Open311 keys): random, shown once, stored hashed.

They carry 256 bits of randomness, so one SHA-256 is enough to store them (a slow password hash
protects guessable secrets; these cannot be guessed) and lets a request be authenticated with one
indexed lookup. The first characters are kept in clear so a person can tell keys apart.
"""

from __future__ import annotations

import hashlib
import secrets

PREFIX_LENGTH = 8


def key_new(kind: str) -> str:
    """A fresh secret such as ``rbg_3fK9aQ…``; ``kind`` is a short tag (``rbg``, ``o311``)."""
    return f"{kind}_{secrets.token_urlsafe(32)}"


def key_digest(key: str) -> str:
    return hashlib.sha256(key.strip().encode()).hexdigest()


def key_prefix(key: str) -> str:
    return key.strip()[: len(key.split("_", 1)[0]) + 1 + PREFIX_LENGTH]
