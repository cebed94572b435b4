"""Reads of the plan cascade.

:func:`plan_tree` loads a whole document — items, indicators, targets, funding, alignments,
locations and linked public inputs — in a constant number of queries (seven), whatever the
tree's size; the check, the comparison of versions and the official tables build on it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from rembug.governments.access import roles_for
from rembug.governments.models import Government
from rembug.planning.models import (
    DocumentKind,
    DocumentState,
    Funding,
    Indicator,
    IndicatorTarget,
    ItemKind,
    PlanDocument,
    PlanItem,
    PlanItemAlignment,
    PlanItemInput,
    PlanItemLocation,
)

KIND_ORDER = {kind: i for i, kind in enumerate(DocumentKind.values)}


@dataclass
class IndicatorNode:
    indicator: Indicator
    targets: dict[int, IndicatorTarget] = field(default_factory=dict)

    def target(self, year: int) -> IndicatorTarget | None:
        return self.targets.get(year)


@dataclass
class TreeNode:
    item: PlanItem
    depth: int = 0
    children: list[TreeNode] = field(default_factory=list)
    indicators: list[IndicatorNode] = field(default_factory=list)
    funding: dict[int, Decimal] = field(default_factory=dict)
    totals: dict[int, Decimal] = field(default_factory=dict)
    aligned_to: list[PlanItem] = field(default_factory=list)
    locations: list[Any] = field(default_factory=list)
    inputs: list[PlanItemInput] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum(self.totals.values(), Decimal(0))


@dataclass
class PlanTree:
    document: PlanDocument
    roots: list[TreeNode]
    nodes: dict[int, TreeNode]

    def walk(self) -> Iterator[TreeNode]:
        """Every node, parents before children, siblings in order."""
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def totals(self) -> dict[int, Decimal]:
        """The document's pagu per year: the rolled-up totals of its top-level items."""
        result: dict[int, Decimal] = defaultdict(Decimal)
        for node in self.roots:
            for year, amount in node.totals.items():
                result[year] += amount
        return dict(result)


def plan_tree(document: PlanDocument, *, root: PlanItem | None = None) -> PlanTree:
    """The whole tree of ``document`` with every measure, in seven queries. With ``root``,
    only that item and everything under it (one more query per level below ``root``), so an
    item's page costs the same in a small plan as in one of 5,000 items."""
    gov = document.government_id
    if root is None:
        items = list(
            PlanItem.objects.filter(government_id=gov, document=document)
            .select_related("nomenclature_item")
            .order_by("position", "id")
        )
        scope = Q(item__document=document)
        target_scope = Q(indicator__item__document=document)
    else:
        items = [root]
        frontier = [root.pk]
        while frontier:
            children = list(
                PlanItem.objects.filter(government_id=gov, parent_id__in=frontier)
                .select_related("nomenclature_item")
                .order_by("position", "id")
            )
            items.extend(children)
            frontier = [child.pk for child in children]
        ids = [item.pk for item in items]
        scope = Q(item_id__in=ids)
        target_scope = Q(indicator__item_id__in=ids)
    nodes = {item.pk: TreeNode(item=item) for item in items}
    indicators: dict[int, IndicatorNode] = {}
    for indicator in Indicator.objects.filter(scope, government_id=gov).order_by("position", "id"):
        indicators[indicator.pk] = IndicatorNode(indicator)
        nodes[indicator.item_id].indicators.append(indicators[indicator.pk])
    for target in IndicatorTarget.objects.filter(target_scope, government_id=gov):
        indicators[target.indicator_id].targets[target.year] = target
    for row in Funding.objects.filter(scope, government_id=gov):
        nodes[row.item_id].funding[row.year] = row.amount
    for alignment in PlanItemAlignment.objects.filter(scope, government_id=gov).select_related(
        "target__document"
    ):
        nodes[alignment.item_id].aligned_to.append(alignment.target)
    for location in PlanItemLocation.objects.filter(scope, government_id=gov).select_related(
        "region"
    ):
        nodes[location.item_id].locations.append(location.region)
    for link in PlanItemInput.objects.filter(scope, government_id=gov):
        nodes[link.item_id].inputs.append(link)

    roots: list[TreeNode] = []
    for item in items:
        node = nodes[item.pk]
        parent = nodes.get(item.parent_id) if item.parent_id else None
        (parent.children if parent else roots).append(node)
    tree = PlanTree(document=document, roots=roots, nodes=nodes)
    for node in tree.walk():
        if node.item.parent_id in nodes:
            node.depth = nodes[node.item.parent_id].depth + 1
    for node in reversed(list(tree.walk())):
        _roll_up(node)
    return tree


def _roll_up(node: TreeNode) -> None:
    """A node's total per year: its own pagu where it has one, else the sum of its children."""
    children: dict[int, Decimal] = defaultdict(Decimal)
    for child in node.children:
        for year, amount in child.totals.items():
            children[year] += amount
    node.totals = {**children, **node.funding}


# --- lists and the lazy tree ----------------------------------------------------------------


def documents_for(user: Any, government: Government) -> list[PlanDocument]:
    """The documents ``user`` may read, in cascade order (RPJPD first), newest period first."""
    documents = PlanDocument.objects.filter(government=government).select_related(
        "agency", "government"
    )
    if not roles_for(user, government).is_staff:
        documents = documents.exclude(state=DocumentState.DRAFT)
    return sorted(
        documents,
        key=lambda d: (KIND_ORDER[d.kind], str(d.agency or ""), -d.period_start, -d.version),
    )


def _with_child_count(items: QuerySet[PlanItem]) -> QuerySet[PlanItem]:
    # The government too: each item's link (get_absolute_url) reads its slug.
    return items.annotate(child_count=Count("children")).select_related(
        "nomenclature_item", "government"
    )


def document_versions(document: PlanDocument, user: Any) -> list[PlanDocument]:
    """The other versions of ``document`` the user may read, and for a Renja the Renja of the
    year before (the two can be compared)."""
    readable = PlanDocument.objects.filter(
        government_id=document.government_id, agency=document.agency
    )
    if not roles_for(user, document.government).is_staff:
        readable = readable.exclude(state=DocumentState.DRAFT)
    same = Q(kind=document.kind, period_start=document.period_start, title=document.title)
    if document.kind == DocumentKind.RENJA:
        same |= Q(kind=DocumentKind.RENJA, period_start=document.period_start - 1)
    return list(readable.filter(same).exclude(pk=document.pk).order_by("period_start", "version"))


def document_pagu(document: PlanDocument) -> dict[int, Decimal]:
    """Pagu indikatif per year summed over the document's sub kegiatan (one query), or over its
    programs when no sub kegiatan carries an amount."""
    for kind in (ItemKind.SUB_KEGIATAN, ItemKind.PROGRAM):
        rows = (
            Funding.objects.filter(
                government_id=document.government_id, item__document=document, item__kind=kind
            )
            .values("year")
            .annotate(total=Sum("amount"))
            .order_by("year")
        )
        totals = {row["year"]: row["total"] for row in rows}
        if totals:
            return totals
    return {}


def tree_top(document: PlanDocument) -> list[PlanItem]:
    """The first two levels of the tree, each item with ``child_count`` and, for the roots,
    ``top_children``. Two queries, whatever the size of the tree below."""
    gov = document.government_id
    roots = list(
        _with_child_count(
            PlanItem.objects.filter(government_id=gov, document=document, parent=None)
        ).order_by("position", "id")
    )
    by_parent: dict[int, list[PlanItem]] = defaultdict(list)
    for child in _with_child_count(
        PlanItem.objects.filter(government_id=gov, document=document, parent__parent=None).exclude(
            parent=None
        )
    ).order_by("position", "id"):
        by_parent[child.parent_id or 0].append(child)
    for root in roots:
        root.top_children = by_parent.get(root.pk, [])  # type: ignore[attr-defined]
    return roots


def tree_children(item: PlanItem) -> list[PlanItem]:
    """The children of ``item``, each with ``child_count``: one query."""
    return list(
        _with_child_count(
            PlanItem.objects.filter(government_id=item.government_id, parent=item)
        ).order_by("position", "id")
    )


# --- the chain across documents ---------------------------------------------------------


@dataclass
class ChainStep:
    document: PlanDocument
    path: list[PlanItem]


def chain_up(item: PlanItem, *, max_hops: int = 6) -> list[ChainStep]:
    """From ``item`` up the cascade: its ancestors in its own document, then (through the
    Renstra item a Renja item carries out, or the item an ancestor is aligned to) the ancestors
    in the higher document, and so on. Highest document first."""
    steps: list[ChainStep] = []
    current: PlanItem | None = item
    seen: set[int] = set()
    while current is not None and len(steps) < max_hops and current.pk not in seen:
        seen.add(current.pk)
        path = _ancestors(current)
        steps.insert(0, ChainStep(document=path[-1].document, path=path))
        current = _next_up(path)
    return steps


def _ancestors(item: PlanItem) -> list[PlanItem]:
    depth = "parent__" * 7
    loaded = (
        PlanItem.objects.filter(government_id=item.government_id, pk=item.pk)
        .select_related("government", "document", depth.rstrip("_"), "source_item")
        .get()
    )
    path = [loaded]
    while path[0].parent_id is not None:
        parent = path[0].parent
        assert parent is not None
        path.insert(0, parent)
    for node in path:
        node.document = loaded.document
        node.government = loaded.government
    return path


def _next_up(path: list[PlanItem]) -> PlanItem | None:
    for node in reversed(path):
        if node.source_item_id:
            return node.source_item
    targets: dict[int, PlanItem] = {}
    for alignment in (
        PlanItemAlignment.objects.filter(
            government_id=path[0].government_id, item_id__in=[n.pk for n in path]
        )
        .select_related("target")
        .order_by("-id")
    ):
        targets[alignment.item_id] = alignment.target
    for node in reversed(path):
        if node.pk in targets:
            return targets[node.pk]
    return None


@dataclass
class ChainNode:
    item: PlanItem
    children: list[ChainNode] = field(default_factory=list)
    crosses: bool = False  # the item lies in another document than the one above it


def chain_down(item: PlanItem, *, user: Any, limit: int = 3000) -> ChainNode:
    """Every item under ``item`` across the cascade: its children, the items of lower documents
    aligned to it, the Renja items carrying it out — recursively. One query per level of the
    cascade (bounded by its depth, not its size). Documents the user may not read and replaced
    versions are left out."""
    root = ChainNode(item)
    held = roles_for(user, item.document.government)
    frontier = {item.pk: root}
    seen = {item.pk}
    hidden = [DocumentState.DIGANTI] + ([] if held.is_staff else [DocumentState.DRAFT])
    while frontier and len(seen) < limit:
        ids = list(frontier)
        found = (
            PlanItem.objects.filter(government_id=item.government_id)
            .filter(
                Q(parent_id__in=ids) | Q(alignments__target_id__in=ids) | Q(source_item_id__in=ids)
            )
            .exclude(document__state__in=hidden)
            .select_related("document", "government")
            .distinct()
            .order_by("document__kind", "position", "id")
        )
        aligned = dict(
            PlanItemAlignment.objects.filter(
                government_id=item.government_id, target_id__in=ids
            ).values_list("item_id", "target_id")
        )
        next_frontier: dict[int, ChainNode] = {}
        for child in found:
            if child.pk in seen:
                continue
            seen.add(child.pk)
            via = child.parent_id if child.parent_id in frontier else None
            via = via or (child.source_item_id if child.source_item_id in frontier else None)
            via = via or aligned.get(child.pk)
            if via is None:
                continue
            above = frontier[via]
            node = ChainNode(child, crosses=child.document_id != above.item.document_id)
            above.children.append(node)
            next_frontier[child.pk] = node
        frontier = next_frontier
    return root


# --- comparing versions -----------------------------------------------------------------


@dataclass
class Change:
    node: TreeNode
    status: str  # "added", "removed", "changed"
    text: tuple[str, str] | None = None
    targets: list[tuple[str, int, str, str]] = field(default_factory=list)
    funding: list[tuple[int, Decimal | None, Decimal | None]] = field(default_factory=list)


def _target_text(target: IndicatorTarget | None) -> str:
    if target is None:
        return ""
    return str(target.value.normalize()) if target.value is not None else target.qualitative_text


def plan_compare(old: PlanDocument, new: PlanDocument) -> list[Change]:
    """What changed from ``old`` to ``new`` (a later version, or next year's Renja): items added
    and removed, texts, targets and pagu per year. Items are matched through ``previous_item``."""
    old_tree, new_tree = plan_tree(old), plan_tree(new)
    changes: list[Change] = []
    matched: set[int] = set()
    for node in new_tree.walk():
        before = old_tree.nodes.get(node.item.previous_item_id or 0)
        if before is None:
            changes.append(Change(node=node, status="added"))
            continue
        matched.add(before.item.pk)
        change = Change(node=node, status="changed")
        if before.item.text != node.item.text:
            change.text = (before.item.text, node.item.text)
        old_indicators = {ind.indicator.pk: ind for ind in before.indicators}
        for ind in node.indicators:
            prior = old_indicators.get(ind.indicator.previous_indicator_id or 0)
            for year in sorted(set(ind.targets) | set(prior.targets if prior else {})):
                was = _target_text(prior.target(year)) if prior else ""
                now = _target_text(ind.target(year))
                if was != now:
                    change.targets.append((ind.indicator.name, year, was, now))
        for year in sorted(set(before.funding) | set(node.funding)):
            if before.funding.get(year) != node.funding.get(year):
                change.funding.append((year, before.funding.get(year), node.funding.get(year)))
        if change.text or change.targets or change.funding:
            changes.append(change)
    changes.extend(
        Change(node=node, status="removed")
        for node in old_tree.walk()
        if node.item.pk not in matched
    )
    return changes


# --- for the floors above: which plan items answer an input -----------------------------


def plan_items_answering(
    government: Government, source_kind: str, source_ids: list[int]
) -> dict[int, list[PlanItem]]:
    """For complaints and forums: the plan items (with their documents) that answer each of
    ``source_ids``, in one query; replaced versions are left out."""
    answers: dict[int, list[PlanItem]] = defaultdict(list)
    links = (
        PlanItemInput.objects.filter(
            government=government, source_kind=source_kind, source_id__in=source_ids
        )
        .exclude(item__document__state=DocumentState.DIGANTI)
        .select_related("item__document__agency")
        .order_by("item__document__period_start", "item_id")
    )
    for link in links:
        answers[link.source_id].append(link.item)
    return dict(answers)
