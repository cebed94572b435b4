"""One error body for every REST API failure: ``{"detail": "...", "errors": [...]}``.

``detail`` is a sentence for people, in the request's language (Bahasa Indonesia by default,
English with ``Accept-Language: en``); ``errors`` lists what was wrong with which input, for
programs: ``{"loc": ["query", "limit"], "msg": "...", "type": "..."}``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError


class ErrorItem(Schema):
    loc: list[str | int] = []
    msg: str
    type: str = "invalid"


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorItem] = []


class ApiError(HttpError):
    """Raise from an endpoint: ``ApiError(409, _("…"), errors=[...])``."""

    def __init__(self, status_code: int, detail: str, errors: list[dict[str, Any]] | None = None):
        super().__init__(status_code, detail)
        self.detail = detail
        self.errors = errors or []


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    detail: str,
    errors: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    return api.create_response(
        request, {"detail": str(detail), "errors": errors or []}, status=status
    )


def _plain_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    plain = []
    for error in errors:
        loc = [part if isinstance(part, int) else str(part) for part in error.get("loc", [])]
        plain.append(
            {"loc": loc, "msg": str(error.get("msg", "")), "type": str(error.get("type", ""))}
        )
    return plain


def install_error_handlers(api: NinjaAPI) -> None:
    def on_validation(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(
            api, request, 422, _("The request is not valid."), _plain_errors(exc.errors)
        )

    def on_django_validation(request: HttpRequest, exc: Any) -> HttpResponse:
        errors = (
            [
                {"loc": [field], "msg": str(message), "type": "invalid"}
                for field, messages in exc.message_dict.items()
                for message in messages
            ]
            if hasattr(exc, "error_dict")
            else [{"loc": [], "msg": str(message), "type": "invalid"} for message in exc.messages]
        )
        return error_response(api, request, 422, _("The request is not valid."), errors)

    def on_api_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(api, request, exc.status_code, exc.detail, exc.errors)

    def on_authentication(request: HttpRequest, exc: Any) -> HttpResponse:
        response = error_response(
            api, request, 401, _("A valid API token is needed (Authorization: Bearer …).")
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    def on_throttled(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(
            api, request, 429, _("Too many requests from you; please wait and try again.")
        )

    def on_http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(api, request, exc.status_code, str(exc))

    def on_not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(api, request, 404, str(exc) or _("Not found."))

    def on_forbidden(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(api, request, 403, str(exc) or _("You may not do this."))

    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(DjangoValidationError, on_django_validation)
    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(AuthenticationError, on_authentication)
    api.add_exception_handler(Throttled, on_throttled)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(PermissionDenied, on_forbidden)
