"""Rate limits on public writes (Django's cache): per token holder, or per address when
anonymous. The rate comes from ``settings.API_PUBLIC_WRITE_RATE`` (default 20 a minute)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle

DEFAULT_RATE = "20/min"


class PublicWriteThrottle(SimpleRateThrottle):
    scope = "public_write"

    def __init__(self) -> None:
        super().__init__(rate=DEFAULT_RATE)

    def allow_request(self, request: HttpRequest) -> bool:
        # Read the rate per request, so that a change of settings needs no restart of the class.
        self.rate = getattr(settings, "API_PUBLIC_WRITE_RATE", DEFAULT_RATE)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str:
        user = getattr(request, "auth", None)
        if user is not None and getattr(user, "is_authenticated", False):
            ident = f"user{user.pk}"
        else:
            ident = str(self.get_ident(request))
        return self.cache_format % {"scope": self.scope, "ident": ident}
