"""Reading the index: a search is an AND of stemmed terms (the filters being terms too), newest
entry first, paged by keyset on the entry id so that page 100 costs what page 1 costs.

No count of all matches: at a million reports, counting the hits of "jalan" costs more than
finding the first twenty, and the query count and time must not grow with the data.

Every search is bounded: it walks the postings of its rarest term newest first and checks the
other terms for each, examining at most ``SCAN_BUDGET`` postings. When the budget runs out
before a page is full (every term is common and they rarely meet: "banjir lampu", "jalan" in a
kecamatan where it never occurs), the page says so (``partial``) with what it found among the
entries examined, and its ``next_cursor`` goes on from the first entry not examined, so the
reader can search on in older entries or narrow the search. Whenever the rarest term has at most
``SCAN_BUDGET`` postings the answer is complete: exactly the brute-force AND.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q

from rembug.complaints.models import Complaint
from rembug.forums.models import ForumInput
from rembug.governments.models import Government
from rembug.moderation.selectors import withheld_ids
from rembug.search.models import Kind, SearchEntry, SearchTerm
from rembug.search.services import search_refresh_if_due
from rembug.search.terms import query_terms

PAGE = 20
SCAN_BUDGET = 1000
FREQUENCY_CAP = SCAN_BUDGET


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
    # The budget ran out before the page was full: ``results`` are the matches among the
    # ``examined`` newest entries holding the rarest term; ``next_cursor`` searches on from there.
    partial: bool = False
    # Entries the walk examined when it ran to its end or its budget; None when the page filled
    # first (then it stopped at the page's last match).
    examined: int | None = None


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
    if not terms:
        return page  # a term no entry holds: nothing can match
    # Moderation can hide a report or an input without touching it: filtered here, always.
    # Read first as a short list of entry ids: as a join or a subquery, PostgreSQL would walk
    # every entry in id order (measured: from 1 ms to seconds at a million entries).
    withheld = _withheld_entries(government)
    ids, walked, frontier = _walk(
        government, terms, withheld, before=before, limit=limit + 1, budget=SCAN_BUDGET
    )
    found = SearchEntry.objects.filter(government=government).in_bulk(ids[:limit])
    page.results = [found[pk] for pk in ids[:limit] if pk in found]
    if len(ids) > limit:
        page.next_cursor = ids[limit - 1]
    else:
        page.examined = min(walked, SCAN_BUDGET)
        if walked > SCAN_BUDGET:
            # The walk stopped short: on from the first posting not examined (``before`` is
            # exclusive), and a page that is not full says why.
            page.next_cursor = frontier + 1
            page.partial = len(page.results) < limit
    return page


def _walk(
    government: Government,
    terms: list[str],
    withheld: list[int],
    *,
    before: int | None,
    limit: int,
    budget: int,
) -> tuple[list[int], int, int]:
    """One query: the ids (newest first, at most ``limit``) among the ``budget`` newest
    postings of ``terms[0]`` whose entry holds every other term and is not ``withheld``; how
    many postings the walk had (up to ``budget + 1``: more than ``budget`` means it stopped
    short); and the id of the first posting it did not examine.

    The other terms are probed by scalar subqueries, not EXISTS: PostgreSQL turns EXISTS into a
    join that reads every posting of the common term (a merge join over 300,000 rows for
    "longsor jalan" at a million reports); a scalar subquery stays an index probe per posting
    walked, so the work is at most ``budget`` probes per term whatever the size of the index."""
    table = connection.ops.quote_name(SearchTerm._meta.db_table)
    # Only the table's quoted name and placeholders are written into the SQL; every value is
    # a parameter (hence the S608 exemptions below).
    walk = f"SELECT entry_id FROM {table} WHERE government_id = %s AND term = %s"  # noqa: S608
    walk_params: list[Any] = [government.pk, terms[0]]
    if before is not None:
        walk += " AND entry_id < %s"
        walk_params.append(before)
    walk += " ORDER BY entry_id DESC LIMIT %s"
    conditions = []
    params: list[Any] = [*walk_params, budget]
    for term in terms[1:]:
        conditions.append(
            f"(SELECT 1 FROM {table} p WHERE p.government_id = %s AND p.term = %s"  # noqa: S608
            " AND p.entry_id = w.entry_id) IS NOT NULL"
        )
        params += [government.pk, term]
    if withheld:
        conditions.append(f"w.entry_id NOT IN ({', '.join(['%s'] * len(withheld))})")
        params += withheld
    where = " AND ".join(conditions) or "1 = 1"
    sql = (
        f"SELECT 'm', entry_id, NULL FROM (SELECT w.entry_id FROM ({walk}) w WHERE {where}"  # noqa: S608
        " ORDER BY w.entry_id DESC LIMIT %s) m"
        f" UNION ALL SELECT 'w', COUNT(*), MIN(entry_id) FROM ({walk}) c"
    )
    params += [limit, *walk_params, budget + 1]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    ids = sorted((row[1] for row in rows if row[0] == "m"), reverse=True)
    [(_kind, walked, frontier)] = [row for row in rows if row[0] == "w"]
    return ids, walked, frontier or 0


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
    """``terms`` by how many entries hold them, counted up to ``FREQUENCY_CAP`` in one query (a
    bounded index scan per term), or [] when a term is in no entry at all (nothing can match).
    The walk then reads the rarest term's postings: all of them whenever one term has at most
    ``FREQUENCY_CAP`` (= ``SCAN_BUDGET``), at 10,000 reports or at a million."""
    unique = list(dict.fromkeys(terms))
    table = connection.ops.quote_name(SearchTerm._meta.db_table)
    arm = (
        f"SELECT term FROM (SELECT term FROM {table} WHERE government_id = %s AND term = %s"  # noqa: S608
        " LIMIT %s) a{}"
    )
    sql = (
        "SELECT term, COUNT(*) FROM ("  # noqa: S608
        + " UNION ALL ".join(arm.format(n) for n in range(len(unique)))
        + ") x GROUP BY term"
    )
    params = [value for term in unique for value in (government.pk, term, FREQUENCY_CAP)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        counts = dict(cursor.fetchall())
    if len(counts) < len(unique):
        return []
    return sorted(unique, key=lambda term: counts[term])
