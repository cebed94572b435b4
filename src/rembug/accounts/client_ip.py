"""The address a login attempt comes from, for the lockout (django-axes).

Behind a reverse proxy every request has the proxy's REMOTE_ADDR; counting failures per
(user name, proxy address) would let anyone lock a user out for everybody. With
``TRUSTED_PROXY_COUNT=n`` the address is read from X-Forwarded-For, n entries from the right:
the ones our own proxies appended, which a client cannot forge. Without it the header is ignored.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip_address(request: HttpRequest) -> str:
    remote = str(request.META.get("REMOTE_ADDR", ""))
    count: int = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    return forwarded[-count] if len(forwarded) >= count else remote
