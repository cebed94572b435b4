"""The per-program summary of every Renja's realisation (:class:`ProgramSummary`).

Written by :func:`summaries_rebuild` in the same transaction as each realisation change (the
services call it) and for every Renja by ``rembug monitoring-refresh`` (the backfill, and the
catch-up after plan changes such as a target edited). Read by :func:`renja_overviews`: a
government's dashboard reads a few rows per agency instead of every realisation row.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from rembug.monitoring.achievement import ratio, warning
from rembug.monitoring.models import ProgramSummary
from rembug.monitoring.selectors import QUARTERS, ItemProgress, _thresholds, renja_progress_many
from rembug.planning.models import PlanDocument, PlanItem


def _entered(node: ItemProgress) -> dict[int, int]:
    """How many values (Rp and K) were entered in each quarter at or below ``node``."""
    counts: dict[int, int] = defaultdict(int)
    stack = [node]
    while stack:
        current = stack.pop()
        for quarter in current.spent:
            counts[quarter] += 1
        for indicator in current.indicators:
            for quarter in indicator.values:
                counts[quarter] += 1
        stack.extend(current.children)
    return counts


def summaries_rebuild(*, documents: list[PlanDocument]) -> int:
    """Recompute the summary rows of ``documents`` (one government) from their realisation;
    returns how many rows were written. Call it inside the transaction that changed them."""
    if not documents:
        return 0
    government_id = documents[0].government_id
    now = timezone.now()
    rows: list[ProgramSummary] = []
    for document_id, renja in renja_progress_many(documents).items():
        for root in renja.roots:
            entered = _entered(root)
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
                        projected=root.projected_capaian(quarter),
                        spent=root.spent_in(quarter),
                        pagu=root.pagu,
                        entered=entered.get(quarter, 0),
                        computed_at=now,
                    )
                )
    ProgramSummary.objects.filter(
        government_id=government_id, document_id__in=[d.pk for d in documents]
    ).delete()
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

    def projected(self, quarter: int) -> Decimal | None:
        row = self.rows.get(quarter)
        return row.projected if row else None

    def spent_until(self, quarter: int) -> Decimal | None:
        found = [r.spent for q, r in self.rows.items() if q <= quarter and r.spent is not None]
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
        return sum((r.spent or Decimal(0) for r in self._rows(quarter)), Decimal(0))

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
    "projected",
    "spent",
    "pagu",
    "entered",
    "program__code",
    "program__text",
    "program__position",
    "program__kind",
)
