"""Cursor (keyset) pagination: ``?limit=50&cursor=…``, answered as ``{"next": URL|null,
"results": [...]}``. The cursor holds the last row's key, so page 1,000 costs what page 1 costs
and rows added meanwhile neither repeat nor vanish."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.errors import ValidationError
from ninja.pagination import PaginationBase

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def _cursor_encode(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps([str(value)]).encode()).decode().rstrip("=")


def _cursor_decode(cursor: str) -> str:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode())
    except (ValueError, UnicodeError, binascii.Error):
        value = None
    if not (isinstance(value, list) and len(value) == 1 and isinstance(value[0], str)):
        raise ValidationError(
            [{"loc": ["query", "cursor"], "msg": "Invalid cursor", "type": "invalid_cursor"}]
        )
    return value[0]


class KeysetPagination(PaginationBase):
    """Pages ordered by one unique field (``key``, ``-key`` for descending)."""

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Rows per page")
        cursor: str | None = Field(None, description="The `next` cursor of the previous page")

    class Output(Schema):
        next: str | None = Field(None, description="URL of the next page, null on the last")
        results: list[Any]

    items_attribute = "results"

    def __init__(
        self, *, key: str = "pk", render: Callable[[Any], Any] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.key = key
        self.render = render

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        name = self.key.lstrip("-")
        descending = self.key.startswith("-")
        queryset = queryset.order_by(self.key)
        if pagination.cursor:
            raw = _cursor_decode(pagination.cursor)
            field = (
                queryset.model._meta.pk if name == "pk" else queryset.model._meta.get_field(name)
            )
            try:
                value = field.to_python(raw)
            except DjangoValidationError:
                raise ValidationError(
                    [
                        {
                            "loc": ["query", "cursor"],
                            "msg": "Invalid cursor",
                            "type": "invalid_cursor",
                        }
                    ]
                ) from None
            queryset = queryset.filter(**{f"{name}__{'lt' if descending else 'gt'}": value})
        rows = list(queryset[: pagination.limit + 1])
        next_url = None
        if len(rows) > pagination.limit:
            rows = rows[: pagination.limit]
            query = request.GET.copy()
            query["cursor"] = _cursor_encode(getattr(rows[-1], name))
            next_url = request.build_absolute_uri(f"{request.path}?{urlencode(query, doseq=True)}")
        results = [self.render(row) for row in rows] if self.render else rows
        return {"next": next_url, "results": results}
