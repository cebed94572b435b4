"""Reading the index: a search is an AND of stemmed terms (the filters being terms too), newest
entry first, paged by keyset on the entry id so that page 100 costs what page 1 costs.

No count of all matches: at a million reports, counting the hits of "jalan" costs more than
finding the first twenty, and the query count and time must not grow with the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, Subquery

from rembug.complaints.models import Complaint
from rembug.forums.models import ForumInput
from rembug.governments.models import Government
from rembug.moderation.selectors import withheld_ids
from rembug.search.models import Kind, SearchEntry, SearchTerm
from rembug.search.services import search_refresh_if_due
from rembug.search.terms import query_terms

PAGE = 20
FREQUENCY_CAP = 5000


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
        search_refresh_if_due(government=government)
    words = query_terms(text)
    page = SearchPage(terms=words)
    if not words:
        return page
    terms = _rarest_first(government, [*words, *(filters or SearchFilters()).terms()])
    postings = SearchTerm.objects.filter(government=government, term=terms[0])
    for number, term in enumerate(terms[1:]):
        # A scalar subquery, not EXISTS: PostgreSQL turns EXISTS into a join that reads every
        # posting of the common term (a merge join over 300,000 rows for "longsor jalan" at a
        # million reports); this stays an index probe per posting of the rare one.
        probe = SearchTerm.objects.filter(
            government=government, term=term, entry_id=OuterRef("entry_id")
        ).values("entry_id")[:1]
        postings = postings.annotate(**{f"has_{number}": Subquery(probe)}).filter(
            **{f"has_{number}__isnull": False}
        )
    # Moderation can hide a report or an input without touching it: filtered here, always.
    # Read first as a short list of entry ids: as a join or a subquery, PostgreSQL would walk
    # every entry in id order (measured: from 1 ms to seconds at a million entries).
    withheld = _withheld_entries(government)
    if withheld:
        postings = postings.exclude(entry_id__in=withheld)
    if before is not None:
        postings = postings.filter(entry_id__lt=before)
    ids = list(postings.order_by("-entry_id").values_list("entry_id", flat=True)[: limit + 1])
    found = SearchEntry.objects.filter(government=government).in_bulk(ids[:limit])
    page.results = [found[pk] for pk in ids[:limit] if pk in found]
    if len(ids) > limit:
        page.next_cursor = ids[limit - 1]
    return page


def _withheld_entries(government: Government) -> list[int]:
    """Entry ids of the reports and inputs moderation hides or blocks (a handful)."""
    reports = list(withheld_ids(government, Complaint).values_list("object_id", flat=True))
    inputs = list(withheld_ids(government, ForumInput).values_list("object_id", flat=True))
    if not reports and not inputs:
        return []
    return list(
        SearchEntry.objects.filter(
            Q(kind=Kind.REPORT, object_id__in=reports) | Q(kind=Kind.INPUT, object_id__in=inputs),
            government=government,
        ).values_list("pk", flat=True)
    )


def _rarest_first(government: Government, terms: list[str]) -> list[str]:
    """``terms`` by how many entries hold them, counted up to ``FREQUENCY_CAP`` (a bounded index
    scan each): the search walks the rarest term's postings newest first and checks the others
    for each, so it reads at most ``FREQUENCY_CAP`` postings whenever one term is that rare, at
    10,000 reports or at a million."""
    unique = list(dict.fromkeys(terms))
    counts = {
        term: SearchTerm.objects.filter(government=government, term=term)[:FREQUENCY_CAP].count()
        for term in unique
    }
    return sorted(unique, key=lambda term: counts[term])
