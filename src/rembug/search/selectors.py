"""Reading the index: a search is an AND of stemmed terms (the filters being terms too), newest
entry first, paged by keyset on the entry id so that page 100 costs what page 1 costs.

No count of all matches: at a million reports, counting the hits of "jalan" costs more than
finding the first twenty, and the query count and time must not grow with the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rembug.complaints.models import Complaint
from rembug.forums.models import ForumInput
from rembug.governments.models import Government
from rembug.moderation.selectors import withheld_ids
from rembug.search.models import Kind, SearchEntry, SearchTerm
from rembug.search.services import search_refresh
from rembug.search.terms import query_terms

PAGE = 20


@dataclass(frozen=True)
class SearchFilters:
    kind: str | None = None
    agency_id: int | None = None
    kecamatan: str | None = None
    year: int | None = None

    def terms(self) -> list[str]:
        out = []
        if self.kind:
            out.append(f"@kind:{self.kind}")
        if self.agency_id:
            out.append(f"@agency:{self.agency_id}")
        if self.kecamatan:
            out.append(f"@kec:{self.kecamatan}")
        if self.year:
            out.append(f"@year:{self.year}")
        return out


@dataclass
class SearchPage:
    terms: list[str]
    results: list[SearchEntry] = field(default_factory=list)
    next_cursor: int | None = None


def search(
    government: Government,
    text: str,
    filters: SearchFilters | None = None,
    *,
    before: int | None = None,
    limit: int = PAGE,
    refresh: bool = True,
) -> SearchPage:
    """Public entries of ``government`` holding every word of ``text`` (stemmed) and matching
    ``filters``; entries with an id below ``before`` (the previous page's ``next_cursor``)."""
    if refresh:
        search_refresh(government=government)
    words = query_terms(text)
    page = SearchPage(terms=words)
    if not words:
        return page
    entries = SearchEntry.objects.filter(government=government)
    for term in [*words, *(filters or SearchFilters()).terms()]:
        postings = SearchTerm.objects.filter(government=government, term=term)
        entries = entries.filter(pk__in=postings.values("entry_id"))
    # Moderation can hide a report or an input without touching it: filtered here, always.
    entries = entries.exclude(
        kind=Kind.REPORT, object_id__in=withheld_ids(government, Complaint)
    ).exclude(kind=Kind.INPUT, object_id__in=withheld_ids(government, ForumInput))
    if before is not None:
        entries = entries.filter(pk__lt=before)
    rows = list(entries.order_by("-pk")[: limit + 1])
    if len(rows) > limit:
        rows = rows[:limit]
        page.next_cursor = rows[-1].pk
    page.results = rows
    return page
