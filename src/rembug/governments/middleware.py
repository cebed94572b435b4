from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from rembug.governments.access import government_get


class GovernmentMiddleware:
    """For URLs under ``/<government>/``: load the government (404 if unknown) onto the request
    and show times in its time zone (WIB, WITA or WIT). Times are stored in UTC."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.government = None  # type: ignore[attr-defined]
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: dict[str, Any]
    ) -> None:
        slug = kwargs.get("government")
        if slug:
            government = government_get(slug)
            request.government = government  # type: ignore[attr-defined]
            timezone.activate(government.timezone)
