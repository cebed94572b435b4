"""Reads of the realisation: a Renja's progress per indicator, item, program and agency, for
any number of Renja documents in a constant number of queries (dashboards, E.81)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from rembug.governments.models import Government
from rembug.monitoring.achievement import capaian, mean, ratio, warning
from rembug.monitoring.models import (
    Aggregation,
    IndicatorRealisation,
    IndicatorSetting,
    ItemRealisation,
    MonitoringSettings,
    ReportingPeriod,
)
from rembug.planning.models import (
    DocumentKind,
    DocumentState,
    Funding,
    Indicator,
    IndicatorTarget,
    PlanDocument,
    PlanItem,
)

QUARTERS = (1, 2, 3, 4)
LAST_UNITS = frozenset({"persen", "%", "indeks", "nilai", "skor", "predikat", "rasio"})


def default_aggregation(indicator: Indicator) -> str:
    """Percentages, indexes and cumulative counts are levels (the latest quarter counts);
    anything else adds up. An ``IndicatorSetting`` overrides this."""
    unit = indicator.unit.strip().lower()
    level = unit in LAST_UNITS or "kumulatif" in indicator.name.lower()
    return Aggregation.LAST if level else Aggregation.SUM


@dataclass
class IndicatorProgress:
    indicator: Indicator
    target: Decimal | None
    aggregation: str
    values: dict[int, Decimal] = field(default_factory=dict)
    sources: dict[int, str] = field(default_factory=dict)

    def cumulative(self, quarter: int) -> Decimal | None:
        """The realisation up to and including ``quarter`` (None if nothing was reported)."""
        entered = [(q, v) for q, v in sorted(self.values.items()) if q <= quarter]
        if not entered:
            return None
        if self.aggregation == Aggregation.LAST:
            return entered[-1][1]
        return sum((v for _q, v in entered), Decimal(0))

    @property
    def year_value(self) -> Decimal | None:
        return self.cumulative(4)

    def capaian(self, quarter: int) -> Decimal | None:
        return capaian(self.cumulative(quarter), self.target, self.indicator.direction)

    def projected_capaian(self, quarter: int) -> Decimal | None:
        """The achievement the year will end at if the pace so far holds."""
        return capaian(self.projection(quarter), self.target, self.indicator.direction)

    def projection(self, quarter: int) -> Decimal | None:
        """Year-end projection from the pace so far."""
        value = self.cumulative(quarter)
        if value is None or self.aggregation == Aggregation.LAST:
            return value
        return (value * 4 / quarter).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Note:
    """What an item reported in one quarter."""

    amount: Decimal | None
    obstacles: str
    follow_up: str


@dataclass
class ItemProgress:
    item: PlanItem
    pagu: Decimal | None = None
    spent: dict[int, Decimal] = field(default_factory=dict)
    notes: dict[int, Note] = field(default_factory=dict)
    indicators: list[IndicatorProgress] = field(default_factory=list)
    children: list[ItemProgress] = field(default_factory=list)
    depth: int = 0

    def spent_until(self, quarter: int) -> Decimal | None:
        own = [v for q, v in self.spent.items() if q <= quarter]
        below = [c.spent_until(quarter) for c in self.children]
        values = own + [v for v in below if v is not None]
        return sum(values, Decimal(0)) if values else None

    def spent_in(self, quarter: int) -> Decimal | None:
        if quarter in self.spent:
            return self.spent[quarter]
        below = [c.spent_in(quarter) for c in self.children]
        values = [v for v in below if v is not None]
        return sum(values, Decimal(0)) if values else None

    def absorption(self, quarter: int) -> Decimal | None:
        return ratio(self.spent_until(quarter), self.pagu)

    def leaf_capaian(self, quarter: int) -> list[Decimal]:
        """The capaian of every output indicator of the sub kegiatan at or below this item."""
        if not self.children:
            return [c for i in self.indicators if (c := i.capaian(quarter)) is not None]
        return [c for child in self.children for c in child.leaf_capaian(quarter)]

    def capaian(self, quarter: int) -> Decimal | None:
        """Rolled up: the mean achievement of the sub kegiatan outputs below."""
        return mean(self.leaf_capaian(quarter))

    def projected_capaian(self, quarter: int) -> Decimal | None:
        """Rolled up like :meth:`capaian`, from each output's year-end projection."""
        if not self.children:
            found = [i.projected_capaian(quarter) for i in self.indicators]
        else:
            found = [child.projected_capaian(quarter) for child in self.children]
        return mean([value for value in found if value is not None])


@dataclass
class RenjaProgress:
    document: PlanDocument
    roots: list[ItemProgress]
    periods: dict[int, ReportingPeriod]
    thresholds: dict[int, tuple[Decimal, Decimal]]
    sasaran_of: dict[int, str] = field(default_factory=dict)  # program item id → sasaran text

    def walk(self) -> Iterator[ItemProgress]:
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    @property
    def pagu(self) -> Decimal:
        return sum((r.pagu or Decimal(0) for r in self.roots), Decimal(0))

    def spent_in(self, quarter: int) -> Decimal:
        return sum((r.spent_in(quarter) or Decimal(0) for r in self.roots), Decimal(0))

    def spent_until(self, quarter: int) -> Decimal:
        return sum((r.spent_until(quarter) or Decimal(0) for r in self.roots), Decimal(0))

    def absorption(self, quarter: int) -> Decimal | None:
        return ratio(self.spent_until(quarter), self.pagu)

    def capaian(self, quarter: int) -> Decimal | None:
        return mean([c for r in self.roots for c in r.leaf_capaian(quarter)])

    @property
    def last_reported(self) -> int:
        """The last quarter with any value entered (0 when none)."""
        quarters = [q for node in self.walk() for q in node.spent] + [
            q for node in self.walk() for i in node.indicators for q in i.values
        ]
        return max(quarters, default=0)

    def colour(self, value: Decimal | None, quarter: int) -> str:
        return warning(value, self.thresholds[quarter]) if quarter else "none"


def _thresholds(government_id: int) -> dict[int, tuple[Decimal, Decimal]]:
    found = MonitoringSettings.objects.filter(government_id=government_id).first()
    settings = found or MonitoringSettings(government_id=government_id)
    return {q: settings.threshold(q) for q in QUARTERS}


def renja_progress_many(documents: list[PlanDocument]) -> dict[int, RenjaProgress]:
    """The progress of every Renja in ``documents`` (one government), in ten queries."""
    if not documents:
        return {}
    government_id = documents[0].government_id
    by_id = {d.pk: d for d in documents}
    years = {d.pk: d.period_start for d in documents}
    items = list(
        PlanItem.objects.filter(government_id=government_id, document_id__in=by_id)
        .select_related("source_item__parent")
        .only(
            "code",
            "text",
            "kind",
            "position",
            "document_id",
            "parent_id",
            "government_id",
            "source_item__parent_id",
            "source_item__parent__text",
        )
        .order_by("position", "id")
    )
    nodes = {item.pk: ItemProgress(item) for item in items}
    year_of_item = {item.pk: years[item.document_id] for item in items}
    targets = {
        (t.indicator_id, t.year): t.value
        for t in IndicatorTarget.objects.filter(
            government_id=government_id, indicator__item__document_id__in=by_id
        )
    }
    settings = {
        s.indicator_id: s
        for s in IndicatorSetting.objects.filter(
            government_id=government_id, indicator__item__document_id__in=by_id
        )
    }
    indicators: dict[int, IndicatorProgress] = {}
    for ind in Indicator.objects.filter(
        government_id=government_id, item__document_id__in=by_id
    ).order_by("position", "id"):
        setting = settings.get(ind.pk)
        progress = IndicatorProgress(
            indicator=ind,
            target=targets.get((ind.pk, year_of_item[ind.item_id])),
            aggregation=setting.aggregation if setting else default_aggregation(ind),
        )
        indicators[ind.pk] = progress
        nodes[ind.item_id].indicators.append(progress)
    own_pagu: dict[int, Decimal] = {}
    for row in Funding.objects.filter(government_id=government_id, item_id__in=nodes):
        if row.year == year_of_item[row.item_id]:
            own_pagu[row.item_id] = row.amount
    periods: dict[int, dict[int, ReportingPeriod]] = defaultdict(dict)
    quarter_of: dict[int, int] = {}
    for period in ReportingPeriod.objects.filter(
        government_id=government_id, document_id__in=by_id
    ):
        periods[period.document_id][period.quarter] = period
        quarter_of[period.pk] = period.quarter
    # Realisation rows are read as plain tuples: a government has hundreds of thousands.
    for indicator_id, period_id, value, source in IndicatorRealisation.objects.filter(
        government_id=government_id, period_id__in=quarter_of
    ).values_list("indicator_id", "period_id", "value", "source"):
        if value is not None and indicator_id in indicators:
            indicators[indicator_id].values[quarter_of[period_id]] = value
            if source:
                indicators[indicator_id].sources[quarter_of[period_id]] = source
    for item_id, period_id, amount, obstacles, follow_up in ItemRealisation.objects.filter(
        government_id=government_id, period_id__in=quarter_of
    ).values_list("item_id", "period_id", "amount", "obstacles", "follow_up"):
        node = nodes.get(item_id)
        if node is None:
            continue
        node.notes[quarter_of[period_id]] = Note(amount, obstacles, follow_up)
        if amount is not None:
            node.spent[quarter_of[period_id]] = amount

    roots: dict[int, list[ItemProgress]] = defaultdict(list)
    for item in items:
        parent = nodes.get(item.parent_id or 0)
        (parent.children if parent else roots[item.document_id]).append(nodes[item.pk])
    thresholds = _thresholds(government_id)
    result: dict[int, RenjaProgress] = {}
    for doc_id, document in by_id.items():
        renja = RenjaProgress(document, roots[doc_id], periods[doc_id], thresholds)
        for node in renja.walk():
            if node.item.parent_id:
                node.depth = nodes[node.item.parent_id].depth + 1
        for node in reversed(list(renja.walk())):
            below = [c.pagu for c in node.children if c.pagu is not None]
            node.pagu = own_pagu.get(node.item.pk, sum(below, Decimal(0)) if below else None)
            served = node.item.source_item
            if node.item.kind == PlanItem.Kind.PROGRAM and served and served.parent:
                renja.sasaran_of[node.item.pk] = served.parent.text
        result[doc_id] = renja
    return result


def renja_progress(document: PlanDocument) -> RenjaProgress:
    return renja_progress_many([document])[document.pk]


def renja_documents(government: Government, *, year: int | None = None) -> list[PlanDocument]:
    """The current Renja documents of ``government`` (of ``year``, else of the latest year)."""
    documents = PlanDocument.objects.filter(government=government, kind=DocumentKind.RENJA).exclude(
        state__in=[DocumentState.DIGANTI, DocumentState.DRAFT]
    )
    if year is None:
        latest = documents.order_by("-period_start").values_list("period_start", flat=True).first()
        if latest is None:
            return []
        year = latest
    return list(
        documents.filter(period_start=year)
        .select_related("agency", "government")
        .order_by("agency__name")
    )
