"""The per-program summary of every Renja's realisation (:class:`ProgramSummary`).

Each realisation change moves its program's rows by the difference it makes
(:func:`summary_indicator_changed`, :func:`summary_amount_changed`), in the service's own
transaction: a few small queries, whatever the size of the Renja.

Concurrency: a change first locks its program's summary rows (``SELECT … FOR UPDATE``, in
quarter order) and only then reads the realisation its difference is made of, so two saves of
one program are serialised on those rows and the second reads the first one's committed values
(PostgreSQL's READ COMMITTED takes a new snapshot per statement): the differences add up as if
the saves had run one after the other. Unlocked, two saves of one indicator in different
quarters each computed the cumulative achievement without the other's value. The rebuild locks
the rows it replaces before reading, so it never writes a summary missing a save that was in
progress; a first save racing a first read's rebuild moves the rows that read wrote. SQLite
runs every write transaction ``IMMEDIATE`` (settings): writers are serialised there anyway.

:func:`summaries_rebuild` recomputes whole Renja from their realisation: ``rembug
monitoring-refresh`` does it daily for every Renja (the backfill, and the catch-up after plan
changes such as an edited target).
Read by :func:`renja_overviews`: a government's dashboard reads a few rows per agency instead
of every realisation row.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from rembug.monitoring.achievement import ratio, warning
from rembug.monitoring.models import (
    IndicatorRealisation,
    IndicatorSetting,
    ProgramSummary,
    ReportingPeriod,
)
from rembug.monitoring.selectors import (
    QUARTERS,
    IndicatorProgress,
    ItemProgress,
    _thresholds,
    default_aggregation,
    renja_progress_many,
)
from rembug.planning.models import Indicator, IndicatorTarget, PlanDocument, PlanItem


def _counts(node: ItemProgress) -> tuple[dict[int, int], dict[int, int], dict[int, Decimal]]:
    """At or below ``node``, per quarter: values entered (Rp and K), Rp values of the leaves
    (sub kegiatan) and their sum."""
    entered: dict[int, int] = defaultdict(int)
    amounts: dict[int, int] = defaultdict(int)
    spent: dict[int, Decimal] = defaultdict(Decimal)
    stack = [node]
    while stack:
        current = stack.pop()
        for quarter, amount in current.spent.items():
            entered[quarter] += 1
            if not current.children:
                amounts[quarter] += 1
                spent[quarter] += amount
        for indicator in current.indicators:
            for quarter in indicator.values:
                entered[quarter] += 1
        stack.extend(current.children)
    return entered, amounts, spent


@transaction.atomic
def summaries_rebuild(*, documents: list[PlanDocument]) -> int:
    """Recompute the summary rows of ``documents`` (one government) from their realisation;
    returns how many rows were written. Called inside a change's transaction, it sees it."""
    if not documents:
        return 0
    government_id = documents[0].government_id
    existing = ProgramSummary.objects.filter(
        government_id=government_id, document_id__in=[d.pk for d in documents]
    )
    # Lock the rows replaced before reading the realisation (see the module's docstring).
    list(existing.select_for_update().order_by("pk").values_list("pk", flat=True))
    now = timezone.now()
    rows: list[ProgramSummary] = []
    for document_id, renja in renja_progress_many(documents).items():
        for root in renja.roots:
            entered, amounts, spent = _counts(root)
            for quarter in QUARTERS:
                found = root.leaf_capaian(quarter)
                rows.append(
                    ProgramSummary(
                        government_id=government_id,
                        document_id=document_id,
                        program_id=root.item.pk,
                        quarter=quarter,
                        capaian_sum=sum(found, Decimal(0)),
                        capaian_count=len(found),
                        spent=spent.get(quarter, Decimal(0)),
                        amounts=amounts.get(quarter, 0),
                        pagu=root.pagu,
                        entered=entered.get(quarter, 0),
                        computed_at=now,
                    )
                )
    existing.delete()
    ProgramSummary.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _mean(total: Decimal, count: int) -> Decimal | None:
    if not count:
        return None
    return (total / count).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class ProgramOverview:
    """One program's figures by quarter, read from its summary rows."""

    item: PlanItem
    rows: dict[int, ProgramSummary] = field(default_factory=dict)

    @property
    def pagu(self) -> Decimal | None:
        return next((r.pagu for r in self.rows.values()), None)

    def capaian(self, quarter: int) -> Decimal | None:
        row = self.rows.get(quarter)
        return _mean(row.capaian_sum, row.capaian_count) if row else None

    def spent_until(self, quarter: int) -> Decimal | None:
        found = [r.spent for q, r in self.rows.items() if q <= quarter and r.amounts]
        return sum(found, Decimal(0)) if found else None

    def absorption(self, quarter: int) -> Decimal | None:
        return ratio(self.spent_until(quarter), self.pagu)


@dataclass
class RenjaOverview:
    """A Renja's achievement and absorption as the dashboards show them; the same figures as
    :class:`~rembug.monitoring.selectors.RenjaProgress` gives from the realisation rows."""

    document: PlanDocument
    programs: list[ProgramOverview]
    thresholds: dict[int, tuple[Decimal, Decimal]]

    def _rows(self, quarter: int) -> list[ProgramSummary]:
        return [p.rows[quarter] for p in self.programs if quarter in p.rows]

    @property
    def last_reported(self) -> int:
        return max((q for q in QUARTERS if any(r.entered for r in self._rows(q))), default=0)

    @property
    def pagu(self) -> Decimal:
        return sum((p.pagu or Decimal(0) for p in self.programs), Decimal(0))

    def capaian(self, quarter: int) -> Decimal | None:
        rows = self._rows(quarter)
        total = sum((r.capaian_sum for r in rows), Decimal(0))
        return _mean(total, sum(r.capaian_count for r in rows))

    def spent_in(self, quarter: int) -> Decimal:
        return sum((r.spent for r in self._rows(quarter)), Decimal(0))

    def spent_until(self, quarter: int) -> Decimal:
        return sum((self.spent_in(q) for q in QUARTERS if q <= quarter), Decimal(0))

    def absorption(self, quarter: int) -> Decimal | None:
        return ratio(self.spent_until(quarter), self.pagu)

    def colour(self, value: Decimal | None, quarter: int) -> str:
        return warning(value, self.thresholds[quarter]) if quarter else "none"


def _fill(*, documents: list[PlanDocument]) -> int:
    """Summarise Renja read before anything summarised them; a concurrent request doing the
    same first wins (its rows are as good)."""
    try:
        with transaction.atomic():
            return summaries_rebuild(documents=documents)
    except IntegrityError:
        return 0


def renja_overviews(documents: list[PlanDocument]) -> dict[int, RenjaOverview]:
    """The overview of every Renja in ``documents`` (one government) from the summary rows, in
    three queries. A Renja without summary rows yet (made before the summary existed, or with
    no item) is summarised first."""
    if not documents:
        return {}
    government_id = documents[0].government_id
    by_id = {d.pk: d for d in documents}
    rows = list(
        ProgramSummary.objects.filter(government_id=government_id, document_id__in=by_id)
        .select_related("program")
        .only(*_SUMMARY_FIELDS)
        .order_by("program__position", "program_id", "quarter")
    )
    missing = set(by_id) - {r.document_id for r in rows}
    if missing and _fill(documents=[by_id[pk] for pk in sorted(missing)]):
        return renja_overviews(documents)
    programs: dict[int, dict[int, ProgramOverview]] = defaultdict(dict)
    for row in rows:
        program = programs[row.document_id].setdefault(row.program_id, ProgramOverview(row.program))
        program.rows[row.quarter] = row
    thresholds = _thresholds(government_id)
    return {
        pk: RenjaOverview(document, list(programs[pk].values()), thresholds)
        for pk, document in by_id.items()
    }


_SUMMARY_FIELDS = (
    "document_id",
    "program_id",
    "quarter",
    "capaian_sum",
    "capaian_count",
    "spent",
    "amounts",
    "pagu",
    "entered",
    "program__code",
    "program__text",
    "program__position",
    "program__kind",
)


def _program_of(item: PlanItem) -> tuple[PlanItem, bool]:
    """The top-level item above ``item`` (or itself) and whether ``item`` is a leaf."""
    leaf = not PlanItem.objects.filter(government_id=item.government_id, parent=item).exists()
    root = item
    while root.parent_id is not None:
        root = PlanItem.objects.only("parent_id").get(
            government_id=item.government_id, pk=root.parent_id
        )
    return root, leaf


def _rows_of(period: ReportingPeriod, program: PlanItem) -> QuerySet[ProgramSummary]:
    return ProgramSummary.objects.filter(
        government_id=period.government_id, document_id=period.document_id, program=program
    )


def _lock_rows(period: ReportingPeriod, program: PlanItem) -> QuerySet[ProgramSummary] | None:
    """Lock ``program``'s summary rows in ``period``'s Renja (in quarter order, so two savers
    never wait on each other crosswise) and return them; None when the Renja had no summary
    rows and was rebuilt instead, the change included. A concurrent first save that rebuilt
    the same Renja first wins: its rows are then locked here and moved by this change."""
    rows = _rows_of(period, program)
    if list(rows.select_for_update().order_by("quarter").values_list("pk", flat=True)):
        return rows
    try:
        with transaction.atomic():
            summaries_rebuild(documents=[period.document])
        return None
    except IntegrityError:
        pass
    list(rows.select_for_update().order_by("quarter").values_list("pk", flat=True))
    return rows


def _move(rows: QuerySet[ProgramSummary], quarter: int, **deltas: Any) -> None:
    changes = {name: F(name) + delta for name, delta in deltas.items() if delta}
    if changes:
        rows.filter(quarter=quarter).update(**changes, computed_at=timezone.now())


def summary_indicator_changed(
    *, period: ReportingPeriod, indicator: Indicator, before: Decimal | None
) -> None:
    """Move the summary of ``indicator``'s program by what its value in ``period`` changed from
    ``before`` (call after saving, in the same transaction)."""
    program, leaf = _program_of(indicator.item)
    rows = _lock_rows(period, program)
    if rows is None:
        return
    # Read only now, under the lock: another save of this indicator in another quarter has
    # committed (its value is seen here) or waits for this transaction (and will see ours).
    values: dict[int, Decimal] = {
        quarter: value
        for quarter, value in IndicatorRealisation.objects.filter(
            government_id=period.government_id,
            indicator=indicator,
            period__document_id=period.document_id,
            value__isnull=False,
        ).values_list("period__quarter", "value")
        if value is not None
    }
    after = values.get(period.quarter)
    old_values = {q: v for q, v in values.items() if q != period.quarter}
    if before is not None:
        old_values[period.quarter] = before
    new = _indicator_capaian(indicator, period, values)
    old = _indicator_capaian(indicator, period, old_values)
    for quarter in QUARTERS:
        _move(
            rows,
            quarter,
            capaian_sum=(new[quarter] or 0) - (old[quarter] or 0) if leaf else 0,
            capaian_count=(new[quarter] is not None) - (old[quarter] is not None) if leaf else 0,
            entered=(after is not None) - (before is not None) if quarter == period.quarter else 0,
        )


def _indicator_capaian(
    indicator: Indicator, period: ReportingPeriod, values: dict[int, Decimal]
) -> dict[int, Decimal | None]:
    target = (
        IndicatorTarget.objects.filter(
            government_id=indicator.government_id,
            indicator=indicator,
            year=period.document.period_start,
        )
        .values_list("value", flat=True)
        .first()
    )
    setting = IndicatorSetting.objects.filter(
        government_id=indicator.government_id, indicator=indicator
    ).first()
    progress = IndicatorProgress(
        indicator=indicator,
        target=target,
        aggregation=setting.aggregation if setting else default_aggregation(indicator),
        values=values,
    )
    return {quarter: progress.capaian(quarter) for quarter in QUARTERS}


def summary_amount_changed(
    *, period: ReportingPeriod, item: PlanItem, before: Decimal | None, after: Decimal | None
) -> None:
    """Move the summary of ``item``'s program by the Rp it reports in ``period`` changing from
    ``before`` to ``after``. Rp on an item above a sub kegiatan (not offered by the grid) is
    counted like the full rebuild counts it: only as a value entered."""
    if before == after:
        return
    program, leaf = _program_of(item)
    rows = _lock_rows(period, program)
    if rows is None:
        return
    entered = (after is not None) - (before is not None)
    _move(
        rows,
        period.quarter,
        spent=(after or 0) - (before or 0) if leaf else 0,
        amounts=entered if leaf else 0,
        entered=entered,
    )
