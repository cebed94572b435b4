"""Keyset paging for the report lists and queues: "newer / older" (previous / next) links that
carry the last row's sort key instead of a page number.

A page number makes the database count and skip every row before it (``OFFSET``), and a
"page 3 of 40,000" label makes it count every matching row (``COUNT(*)``): both grow with the
reports. A cursor makes page 40,000 cost what page 1 costs, and reports arriving meanwhile
neither repeat nor vanish between pages. How many match is counted only up to
:data:`COUNT_CAP` (shown as "1.000+"); the statistics pages have the exact totals.

The cursor is opaque to the user (base64 of JSON: the key values and the position of the page's
first row, for the "reports 26–50" label); a tampered cursor is refused as a bad request, a
cursor that merely points nowhere gives the rows after that point.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import BadRequest
from django.db.models import F, Field, Model, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

# Matching rows are counted up to here; above, the page says "1.000+".
COUNT_CAP = 1000
AFTER = "setelah"  # query parameter: the rows after this cursor (next page)
BEFORE = "sebelum"  # query parameter: the rows before this cursor (previous page)
# Key fields whose cursor values JSON carries as they are.
PLAIN_TYPES = {("BooleanField", bool), ("CharField", str)}


@dataclass(frozen=True)
class Key:
    """One sort key: a field, descending or not, and whether it may be NULL (NULLs sort last
    in either direction, the same on PostgreSQL and SQLite)."""

    field: str
    descending: bool = False
    nullable: bool = False

    @classmethod
    def parse(cls, spec: str) -> Key:
        """``"-submitted_at"``, ``"id"``, ``"due_at?"`` (a trailing ``?``: nullable)."""
        nullable = spec.endswith("?")
        name = spec.rstrip("?")
        return cls(name.lstrip("-"), name.startswith("-"), nullable)

    def order(self, *, reverse: bool = False) -> OrderBy:
        descending = self.descending != reverse
        expression = F(self.field)
        if not self.nullable:
            return expression.desc() if descending else expression.asc()
        # NULLs last in the list's own order, so first when walking it backwards.
        direction = expression.desc if descending else expression.asc
        return direction(nulls_first=True) if reverse else direction(nulls_last=True)

    def beyond(self, value: Any, *, reverse: bool) -> Q:
        """Rows strictly past ``value`` on this key, walking forwards (or backwards)."""
        past = "lt" if self.descending != reverse else "gt"
        if not self.nullable:
            return Q(**{f"{self.field}__{past}": value})
        if value is None:
            # NULLs are last: nothing comes after them; walking back, every non-NULL does.
            return Q(**{f"{self.field}__isnull": False}) if reverse else Q(pk__in=[])
        found = Q(**{f"{self.field}__{past}": value})
        return found if reverse else found | Q(**{f"{self.field}__isnull": True})

    def same(self, value: Any) -> Q:
        if value is None:
            return Q(**{f"{self.field}__isnull": True})
        return Q(**{self.field: value})

    def bound(self, value: Any, *, reverse: bool) -> Q | None:
        """A redundant range condition the database can use as an index bound (the OR of
        :meth:`after` alone makes PostgreSQL scan the index from its start)."""
        if self.nullable:
            return None
        return Q(**{f"{self.field}__{'lte' if self.descending != reverse else 'gte'}": value})


@dataclass
class KeysetPage:
    rows: list[Any]
    next_cursor: str | None
    previous_cursor: str | None
    first: int  # the position of the first row, from 1
    count: int  # matching rows, counted up to COUNT_CAP + 1
    capped: bool  # more than COUNT_CAP match

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_cursor or self.previous_cursor)

    def __iter__(self) -> Any:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def _encode(values: list[Any], position: int) -> str:
    def plain(value: Any) -> Any:
        return value.isoformat() if isinstance(value, dt.datetime) else value

    raw = json.dumps([[plain(v) for v in values], position], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, keys: Sequence[Key], model: type[Model]) -> tuple[list[Any], int]:
    refused = BadRequest(_("This page link is not valid. Start again from the first page."))
    try:
        raw = base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode("ascii"))
        values, position = json.loads(raw.decode())
    except (ValueError, UnicodeError, binascii.Error, TypeError):
        raise refused from None
    if not (isinstance(values, list) and len(values) == len(keys) and isinstance(position, int)):
        raise refused
    out: list[Any] = []
    for key, value in zip(keys, values, strict=True):
        field = model._meta.get_field(key.field)
        assert isinstance(field, Field)
        if value is None:
            if not key.nullable:
                raise refused
            out.append(None)
            continue
        if field.get_internal_type() == "DateTimeField":
            parsed = parse_datetime(value) if isinstance(value, str) else None
            if parsed is None:
                raise refused
            out.append(parsed)
        elif field.get_internal_type() in {"AutoField", "BigAutoField", "IntegerField"}:
            if not isinstance(value, int) or isinstance(value, bool):
                raise refused
            out.append(value)
        elif (field.get_internal_type(), type(value)) in {
            ("BooleanField", bool),
            ("CharField", str),
        }:
            out.append(value)
        else:
            raise refused
    return out, max(position, 1)


def _past(keys: Sequence[Key], values: list[Any], *, reverse: bool) -> Q:
    """Rows strictly past the cursor in the (possibly reversed) order of ``keys``."""
    condition = keys[-1].beyond(values[-1], reverse=reverse)
    for key, value in zip(reversed(keys[:-1]), reversed(values[:-1]), strict=True):
        condition = key.beyond(value, reverse=reverse) | (key.same(value) & condition)
    bound = keys[0].bound(values[0], reverse=reverse)
    return condition & bound if bound is not None else condition


def keyset_page(
    queryset: QuerySet[Any],
    keys: Sequence[str],
    params: Any,
    *,
    size: int,
    count_cap: int | None = None,
) -> KeysetPage:
    """One page of ``queryset`` in the order of ``keys`` (the last one unique, e.g. ``id``),
    after the cursor in ``params[AFTER]`` or before the one in ``params[BEFORE]``; the first
    page without either. Three queries: the count (capped), the rows, and none for the links."""
    parsed = [Key.parse(spec) for spec in keys]
    after, before = params.get(AFTER), params.get(BEFORE)
    reverse = bool(before) and not after
    rows: list[Any]
    position = 1
    ordered = queryset.order_by(*(key.order() for key in parsed))
    if after or before:
        values, position = _decode(after or before, parsed, queryset.model)
        past = _past(parsed, values, reverse=reverse)
        if reverse:
            backwards = queryset.filter(past).order_by(*(k.order(reverse=True) for k in parsed))
            rows = list(backwards[: size + 1])[::-1]
            if len(rows) <= size:
                # Back at the start of the list: show the first page whole.
                rows, after, before, position = list(ordered[: size + 1]), None, None, 1
            else:
                rows = rows[1:]
                position = max(position - size, 2)
        else:
            rows = list(ordered.filter(past)[: size + 1])
    else:
        rows = list(ordered[: size + 1])
    if reverse and before:
        has_next, has_previous = True, True
    else:
        has_next = len(rows) > size
        rows = rows[:size]
        has_previous = bool(after)
    cap = COUNT_CAP if count_cap is None else count_cap
    count = queryset.order_by()[: cap + 1].count()

    def cursor(row: Any, at: int) -> str:
        return _encode([getattr(row, key.field) for key in parsed], at)

    return KeysetPage(
        rows=rows,
        next_cursor=cursor(rows[-1], position + len(rows)) if has_next and rows else None,
        previous_cursor=cursor(rows[0], position) if has_previous and rows else None,
        first=position if rows else 0,
        count=count,
        capped=count > cap,
    )
