"""Keeping the index fresh.

The search app sits on the top floor (it reads plans, forums and reports, and uses triage's
stemmer), so the modules below cannot call it. It catches up instead: every source has an
``updated_at``, and :func:`search_refresh` re-reads whatever changed since it last looked
(keyset on ``(updated_at, id)``, in batches). Searches call it first (at most once every two
seconds per government), so a report that has just become public is found within seconds without
any manual step; ``rembug search
reindex`` does the same from the command line and ``--full`` rebuilds a government's index (the
nightly safety net for what ``updated_at`` cannot show: deleted rows and indicator edits that did
not touch their item).

Concurrent refreshes: on PostgreSQL the state row is locked with SKIP LOCKED, so a second search
does not wait for the first one's catch-up; on SQLite writes are serialised by the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from rembug.complaints.models import Complaint
from rembug.core.pii import pii_mask
from rembug.forums.models import ForumInput
from rembug.governments.models import Government
from rembug.planning.models import PlanDocument, PlanItem
from rembug.search.documents import (
    Doc,
    input_docs,
    plan_docs,
    plan_group,
    public_report_ids,
    report_docs,
)
from rembug.search.models import Kind, SearchEntry, SearchState, SearchTerm
from rembug.search.terms import document_terms

BATCH = 500
REFRESH_SECONDS = 2


def entries_write(*, government: Government, docs: list[Doc]) -> None:
    """Insert or update the entries of ``docs`` and replace their postings."""
    if not docs:
        return
    existing = _existing(government, [(doc.kind, doc.object_id) for doc in docs])
    fresh: list[SearchEntry] = []
    changed: list[SearchEntry] = []
    for doc in docs:
        entry = existing.get((doc.kind, doc.object_id)) or SearchEntry(
            government=government, kind=doc.kind, object_id=doc.object_id
        )
        entry.title = pii_mask(doc.title)[:300]
        entry.snippet = doc.snippet
        entry.url = doc.url
        entry.context = doc.context[:300]
        entry.date = doc.date
        entry.group = doc.group
        entry.indexed_at = timezone.now()
        (changed if entry.pk else fresh).append(entry)
    SearchEntry.objects.bulk_create(fresh)
    fields = ["title", "snippet", "url", "context", "date", "group", "indexed_at"]
    SearchEntry.objects.bulk_update(changed, fields)
    SearchTerm.objects.filter(government=government, entry__in=[e.pk for e in changed]).delete()
    entries = {(e.kind, e.object_id): e for e in [*fresh, *changed]}
    postings = [
        SearchTerm(government=government, term=term, entry=entries[(doc.kind, doc.object_id)])
        for doc in docs
        for term in document_terms(pii_mask(doc.title), pii_mask(doc.body), doc.facets)
    ]
    SearchTerm.objects.bulk_create(postings, batch_size=5000)


def entries_remove(*, government: Government, kind: str, object_ids: Iterable[int]) -> None:
    entries = SearchEntry.objects.filter(government=government, kind=kind, object_id__in=object_ids)
    SearchTerm.objects.filter(government=government, entry__in=entries).delete()
    entries.delete()


def _existing(government: Government, keys: list[tuple[str, int]]) -> dict[tuple[str, int], Any]:
    by_kind: dict[str, list[int]] = defaultdict(list)
    for kind, object_id in keys:
        by_kind[kind].append(object_id)
    condition = Q()
    for kind, ids in by_kind.items():
        condition |= Q(kind=kind, object_id__in=ids)
    found = SearchEntry.objects.filter(condition, government=government)
    return {(e.kind, e.object_id): e for e in found}


# ---------------------------------------------------------------- the sources


def reports_index(government: Government, complaints: list[Complaint]) -> None:
    public = public_report_ids(government, [c.pk for c in complaints])
    entries_remove(
        government=government,
        kind=Kind.REPORT,
        object_ids=[c.pk for c in complaints if c.pk not in public],
    )
    entries_write(
        government=government,
        docs=report_docs(government, [c for c in complaints if c.pk in public]),
    )


def inputs_index(government: Government, inputs: list[ForumInput]) -> None:
    entries_write(government=government, docs=input_docs(government, inputs))


def plans_index(government: Government, documents: list[PlanDocument]) -> None:
    for document in documents:
        docs = plan_docs(government, document)
        keep = {(doc.kind, doc.object_id) for doc in docs}
        stale = [
            entry
            for entry in SearchEntry.objects.filter(
                government=government, group=plan_group(document.pk)
            )
            if (entry.kind, entry.object_id) not in keep
        ]
        SearchTerm.objects.filter(government=government, entry__in=stale).delete()
        SearchEntry.objects.filter(pk__in=[e.pk for e in stale]).delete()
        entries_write(government=government, docs=docs)


def _changed(queryset: QuerySet[Any], state: SearchState, limit: int) -> list[Any]:
    if state.indexed_until is not None:
        queryset = queryset.filter(
            Q(updated_at__gt=state.indexed_until)
            | Q(updated_at=state.indexed_until, pk__gt=state.last_id)
        )
    return list(queryset.order_by("updated_at", "pk")[:limit])


def _advance(state: SearchState, rows: list[Any]) -> None:
    if rows:
        state.indexed_until = rows[-1].updated_at
        state.last_id = rows[-1].pk
        state.save(update_fields=["indexed_until", "last_id"])


def _refresh_reports(government: Government, state: SearchState, limit: int) -> int:
    rows = _changed(
        Complaint.objects.of(government).select_related("category", "kecamatan"), state, limit
    )
    reports_index(government, rows)
    _advance(state, rows)
    return len(rows)


def _refresh_inputs(government: Government, state: SearchState, limit: int) -> int:
    rows = _changed(
        ForumInput.objects.filter(government=government).select_related("forum"), state, limit
    )
    inputs_index(government, rows)
    _advance(state, rows)
    return len(rows)


def _refresh_plans(government: Government, state: SearchState, limit: int) -> int:
    documents = _changed(
        PlanDocument.objects.filter(government=government).select_related("agency"), state, limit
    )
    plans_index(government, documents)
    _advance(state, documents)
    return len(documents)


def _refresh_plan_items(government: Government, state: SearchState, limit: int) -> int:
    """An item's change re-reads its whole document (its indicators carry no ``updated_at``)."""
    items = _changed(PlanItem.objects.filter(government=government), state, limit)
    ids = {item.document_id for item in items}
    plans_index(
        government,
        list(
            PlanDocument.objects.filter(government=government, pk__in=ids).select_related("agency")
        ),
    )
    _advance(state, items)
    return len(items)


REFRESHERS: dict[str, Callable[[Government, SearchState, int], int]] = {
    "reports": _refresh_reports,
    "inputs": _refresh_inputs,
    "plans": _refresh_plans,
    "plan_items": _refresh_plan_items,
}


def search_refresh_if_due(*, government: Government) -> None:
    """Refresh at most once every ``settings.SEARCH_REFRESH_SECONDS`` (default 2) per
    government: a search then usually costs no catch-up at all, and a report that has just
    become public is found within seconds. 0 refreshes before every search (the tests)."""
    seconds = getattr(settings, "SEARCH_REFRESH_SECONDS", REFRESH_SECONDS)
    if seconds <= 0 or cache.add(f"rembug:search:refresh:{government.pk}", 1, timeout=seconds):
        search_refresh(government=government)


def search_refresh(*, government: Government, limit: int = BATCH) -> int:
    """Index what changed since the last refresh (at most ``limit`` rows per source). Returns
    how many source rows were read."""
    done = 0
    for source, refresh in REFRESHERS.items():
        try:
            with transaction.atomic():
                state = _state_locked(government, source)
                if state is None:
                    continue  # another process is refreshing this source right now
                done += refresh(government, state, limit)
        except IntegrityError:
            continue  # a concurrent refresh indexed the same rows first
    return done


def _state_locked(government: Government, source: str) -> SearchState | None:
    states = SearchState.objects.filter(government=government, source=source)
    if connection.features.has_select_for_update_skip_locked:
        states = states.select_for_update(skip_locked=True)
    state = states.first()
    if state is not None:
        return state
    state, _created = SearchState.objects.get_or_create(government=government, source=source)
    return state


def search_rebuild(*, government: Government, progress: Callable[[int], None] | None = None) -> int:
    """Drop and rebuild a government's index, then catch up to now. Returns rows read."""
    with transaction.atomic():
        SearchTerm.objects.filter(government=government).delete()
        SearchEntry.objects.filter(government=government).delete()
        SearchState.objects.filter(government=government).delete()
    total = 0
    while True:
        read = search_refresh(government=government, limit=5000)
        total += read
        if progress:
            progress(total)
        if read == 0:
            return total
