"""Resolving the references a write names (a region code, an agency or category slug) into rows,
with the same 422 body for every unknown one."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from rembug.api.errors import ApiError
from rembug.regions.models import Region

M = TypeVar("M", bound=Model)


def unknown(field: str, message: str) -> ApiError:
    return ApiError(
        422, message, [{"loc": ["body", "payload", field], "msg": "unknown", "type": "unknown"}]
    )


def region_by_code(code: str | None, level: int, field: str) -> Region | None:
    if not code:
        return None
    region = Region.objects.filter(code=code, level=level).first()
    if region is None:
        raise unknown(field, _("Unknown region code."))
    return region


def row_by_slug(rows: QuerySet[M], slug: str | None, field: str, message: str) -> M | None:
    """The active row of ``rows`` (already filtered by the government) with ``slug``."""
    if not slug:
        return None
    row = rows.filter(slug=slug, is_active=True).first()
    if row is None:
        raise unknown(field, message)
    return row
