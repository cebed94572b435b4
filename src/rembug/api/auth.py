"""Authentication of REST API requests: ``Authorization: Bearer <token>``.

Read endpoints are public, so a request without the header is anonymous. A request *with* a
header whose token is unknown or revoked is refused (401) rather than silently treated as
anonymous: a client with a broken token should find out.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from rembug.api.tokens import api_token_user


class TokenAuth(HttpBearer):
    """A token is required."""

    openapi_description = "An API token issued with `rembug api issue-token --user NAME`."

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = api_token_user(token)
        if user is None:
            raise AuthenticationError(message="Invalid or revoked token")
        request.user = user
        return user


class OptionalTokenAuth(TokenAuth):
    """A token if one is given (then it must be valid); anonymous otherwise."""

    def __call__(self, request: HttpRequest) -> Any | None:
        header = request.headers.get(self.header)
        if not header:
            request.user = AnonymousUser()
            return AnonymousUser()
        return super().__call__(request)


def request_user(request: HttpRequest) -> Any:
    """The user the request acts as (set by the auth classes above)."""
    return getattr(request, "auth", None) or AnonymousUser()
