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
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.errors import ValidationError
from ninja.pagination import PaginationBase

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def _cursor_encode(*values: Any) -> str:
    raw = json.dumps([str(value) for value in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _cursor_decode(cursor: str, length: int = 1) -> list[str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode())
    except (ValueError, UnicodeError, binascii.Error):
        value = None
    if not (
        isinstance(value, list)
        and len(value) == length
        and all(isinstance(item, str) for item in value)
    ):
        raise ValidationError(
            [{"loc": ["query", "cursor"], "msg": "Invalid cursor", "type": "invalid_cursor"}]
        )
    return value


class KeysetPagination(PaginationBase):
    """Pages ordered by one unique field (``key``, ``-key`` for descending), or by several
    (``keys``, all in the same direction, the last one unique: e.g. ``("-submitted_at",
    "-pk")`` for "newest first" on an index of the submission time)."""

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Rows per page")
        cursor: str | None = Field(None, description="The `next` cursor of the previous page")

    class Output(Schema):
        next: str | None = Field(None, description="URL of the next page, null on the last")
        results: list[Any]

    items_attribute = "results"

    def __init__(
        self,
        *,
        key: str = "pk",
        keys: tuple[str, ...] = (),
        render: Callable[[Any], Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.keys = keys or (key,)
        directions = {k.startswith("-") for k in self.keys}
        assert len(directions) == 1, "keys go in one direction"
        self.descending = directions.pop()
        self.render = render

    def _after(self, queryset: QuerySet[Any], cursor: str) -> QuerySet[Any]:
        """The rows after the cursor's key values, in the keys' order."""
        names = [k.lstrip("-") for k in self.keys]
        raw = _cursor_decode(cursor, len(names))
        model = queryset.model
        values = []
        for name, text in zip(names, raw, strict=True):
            field = model._meta.pk if name == "pk" else model._meta.get_field(name)
            try:
                values.append(field.to_python(text))
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
        past = "lt" if self.descending else "gt"
        condition = Q(**{f"{names[-1]}__{past}": values[-1]})
        for name, value in zip(reversed(names[:-1]), reversed(values[:-1]), strict=True):
            condition = Q(**{f"{name}__{past}": value}) | (Q(**{name: value}) & condition)
        if len(names) > 1:
            # The same bound on the first key alone, which an index can seek to.
            condition &= Q(**{f"{names[0]}__{past}e": values[0]})
        return queryset.filter(condition)

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        names = [k.lstrip("-") for k in self.keys]
        queryset = queryset.order_by(*self.keys)
        if pagination.cursor:
            queryset = self._after(queryset, pagination.cursor)
        rows = list(queryset[: pagination.limit + 1])
        next_url = None
        if len(rows) > pagination.limit:
            rows = rows[: pagination.limit]
            query = request.GET.copy()
            query["cursor"] = _cursor_encode(*(getattr(rows[-1], name) for name in names))
            next_url = request.build_absolute_uri(f"{request.path}?{urlencode(query, doseq=True)}")
        results = [self.render(row) for row in rows] if self.render else rows
        return {"next": next_url, "results": results}
