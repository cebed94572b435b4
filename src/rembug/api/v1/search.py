"""Search across public plans, indicators, forum inputs and reports (``rembug.search``)."""

from typing import Any, Literal
from urllib.parse import urlencode

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from rembug.api.v1.responses import errors_4xx
from rembug.governments.access import government_get
from rembug.governments.models import Agency
from rembug.search.selectors import SearchFilters, search

router = Router(tags=["search"])

KindValue = Literal["plan", "plan_item", "indicator", "input", "report"]


class SearchQuery(Schema):
    q: str = Field(..., min_length=1, max_length=200, description="Words; matched by their root")
    kind: KindValue | None = None
    agency: str | None = Field(None, max_length=80, description="Agency slug")
    kecamatan: str | None = Field(None, max_length=13, description="Kemendagri code")
    year: int | None = Field(None, ge=1900, le=2200, description="Year or plan period covered")
    limit: int = Field(20, ge=1, le=100)
    cursor: int | None = Field(None, ge=1, description="The `next_cursor` of the previous page")


class SearchResultOut(Schema):
    kind: str
    id: int = Field(description="Id of the plan, item, indicator, input or report")
    title: str
    snippet: str
    url: str = Field(description="Path of its public page")
    context: str
    date: str | None = None


class SearchOut(Schema):
    next: str | None = Field(None, description="URL of the next page, null on the last")
    next_cursor: int | None = None
    partial: bool = Field(
        False,
        description="True when the search was too broad to finish: `results` are the matches "
        "among the `examined` most recent entries holding its rarest word, and `next` searches "
        "on in older entries. Narrow it with another word, a kecamatan or a year.",
    )
    examined: int | None = Field(
        None,
        description="Entries examined when the search ran to its end or its limit; null when "
        "the page filled first",
    )
    results: list[SearchResultOut]


@router.get(
    "/governments/{slug}/search",
    response={200: SearchOut, **errors_4xx},
    summary="Search (Indonesian-aware: 'perbaikan jalan' finds 'jalan rusak diperbaiki')",
)
def search_list(request: HttpRequest, slug: str, query: Query[SearchQuery]) -> dict[str, Any]:
    government = government_get(slug)
    agency_id = None
    if query.agency:
        agency = Agency.objects.filter(government=government, slug=query.agency).first()
        agency_id = agency.pk if agency else -1  # an unknown agency matches nothing
    filters = SearchFilters(
        kind=query.kind, agency_id=agency_id, kecamatan=query.kecamatan, year=query.year
    )
    page = search(government, query.q, filters, before=query.cursor, limit=query.limit)
    next_url = None
    if page.next_cursor is not None:
        params = request.GET.copy()
        params["cursor"] = str(page.next_cursor)
        next_url = request.build_absolute_uri(f"{request.path}?{urlencode(params, doseq=True)}")
    return {
        "next": next_url,
        "next_cursor": page.next_cursor,
        "partial": page.partial,
        "examined": page.examined,
        "results": [
            {
                "kind": entry.kind,
                "id": entry.object_id,
                "title": entry.title,
                "snippet": entry.snippet,
                "url": entry.url,
                "context": entry.context,
                "date": entry.date.isoformat() if entry.date else None,
            }
            for entry in page.results
        ],
    }
