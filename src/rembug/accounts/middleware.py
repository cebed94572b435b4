"""Coordinators and administrators cannot reach their pages until they have enrolled an
authenticator: every other page sends them to the enrolment page.

The check is remembered in the session for a few minutes, so it costs no query on most requests;
a role given while someone is signed in applies within that time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from rembug.accounts.two_factor import two_factor_enabled, two_factor_required

CHECKED_UNTIL = "two_factor_checked_until"
RECHECK_SECONDS = 300
OPEN_PREFIXES = ("/akun/", "/i18n/", "/healthz")
ADMIN_LOGIN = "/admin/login/"


def _is_open(path: str) -> bool:
    return path.startswith(OPEN_PREFIXES) or path.startswith(
        (settings.STATIC_URL or "/static/", settings.MEDIA_URL or "/media/")
    )


def two_factor_mark_checked(request: HttpRequest) -> None:
    request.session[CHECKED_UNTIL] = time.time() + RECHECK_SECONDS


def two_factor_enrolment(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(ADMIN_LOGIN):
            # The admin site's own login would sign in with the password alone.
            login = reverse("accounts:login")
            target = request.GET.get("next", "/admin/")
            return HttpResponseRedirect(f"{login}?{urlencode({'next': target})}")
        if (
            not _is_open(request.path_info)
            and request.session.get(CHECKED_UNTIL, 0) < time.time()
            and request.user.is_authenticated
        ):
            user = request.user
            if two_factor_required(user) and not two_factor_enabled(user):
                setup = reverse("accounts:two_factor")
                return HttpResponseRedirect(
                    f"{setup}?{urlencode({'next': request.get_full_path()})}"
                )
            two_factor_mark_checked(request)
        return get_response(request)

    return middleware
