"""Service statistics of a government's reports (``complaints.selectors.service_statistics``)."""

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from rembug.api.errors import ApiError
from rembug.api.v1.responses import errors_4xx
from rembug.complaints.models import Category
from rembug.complaints.selectors import service_statistics
from rembug.governments.access import government_get
from rembug.governments.models import Agency

router = Router(tags=["reports"])


class StatisticsQuery(Schema):
    by: Literal["agency", "category", "kecamatan", "month"] = "agency"
    since: dt.date | None = Field(None, description="Reports submitted on or after this day")
    until: dt.date | None = Field(None, description="Reports submitted before this day")
    agency: str | None = Field(None, max_length=80, description="Agency slug")


class StatisticsRowOut(Schema):
    key: str | None = Field(None, description="Agency slug, category slug, kecamatan code, YYYY-MM")
    label: str
    received: int
    answered: int
    median_hours_to_first_answer: float | None = None
    within_service_level: float | None = Field(None, description="Share 0–1")
    satisfaction: float | None = Field(None, description="Mean rating 1–5")
    ratings: int


def _start(day: dt.date | None) -> dt.datetime | None:
    return None if day is None else dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


@router.get(
    "/governments/{slug}/statistics",
    response={200: list[StatisticsRowOut], **errors_4xx},
    summary="Reports received, median hours to first answer, share within the service level, "
    "satisfaction — by agency, category, kecamatan or month",
)
def statistics(request: HttpRequest, slug: str, query: Query[StatisticsQuery]) -> list[Any]:
    government = government_get(slug)
    agency = None
    if query.agency:
        agency = Agency.objects.filter(government=government, slug=query.agency).first()
        if agency is None:
            raise ApiError(
                422, _("Unknown agency."), [{"loc": ["query", "agency"], "msg": "unknown"}]
            )
    rows = service_statistics(
        government, by=query.by, since=_start(query.since), until=_start(query.until), agency=agency
    )
    slugs = _slugs(government, query.by)
    return [
        {
            "key": _key(row.key, query.by, slugs),
            "label": row.label,
            "received": row.received,
            "answered": row.answered,
            "median_hours_to_first_answer": row.median_hours_to_first_answer,
            "within_service_level": row.within_service_level,
            "satisfaction": row.satisfaction,
            "ratings": row.ratings,
        }
        for row in rows
    ]


def _slugs(government: Any, by: str) -> dict[Any, str]:
    if by == "agency":
        return dict(Agency.objects.filter(government=government).values_list("pk", "slug"))
    if by == "category":
        return dict(Category.objects.filter(government=government).values_list("pk", "slug"))
    return {}


def _key(key: Any, by: str, slugs: dict[Any, str]) -> str | None:
    if key is None:
        return None
    if by == "month":
        return f"{key:%Y-%m}"
    if by == "kecamatan":
        return str(key)
    return slugs.get(key)
