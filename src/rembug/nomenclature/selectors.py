"""Reading the nomenclature: items by version and code, the items of a set of bidang urusan
(what an agency may plan with), and a version as a tree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from rembug.nomenclature.models import NomenclatureItem, NomenclatureVersion


def nomenclature_versions() -> QuerySet[NomenclatureVersion]:
    """Every version with its number of items (``item_count``) and sub kegiatan."""
    return NomenclatureVersion.objects.annotate(
        item_count=Count("items"),
        sub_count=Count("items", filter=Q(items__level=NomenclatureItem.Level.SUB_KEGIATAN)),
    ).order_by("name")


def nomenclature_item_get(
    *, version: NomenclatureVersion | int, code: str
) -> NomenclatureItem | None:
    """The item of ``version`` with ``code``, or None."""
    version_id = version if isinstance(version, int) else version.pk
    return NomenclatureItem.objects.filter(version_id=version_id, code=code.strip()).first()


def urusan_condition(urusan_codes: Iterable[str]) -> Q:
    """Items at or under any of ``urusan_codes`` (bidang urusan such as ``2.16``, or urusan)."""
    condition = Q(pk__in=[])
    for code in urusan_codes:
        condition |= Q(code=code) | Q(code__startswith=f"{code}.")
    return condition


def nomenclature_items_for_urusan(
    *,
    version: NomenclatureVersion | int,
    urusan_codes: Iterable[str],
    levels: Iterable[str] | None = None,
    listed_only: bool = True,
) -> QuerySet[NomenclatureItem]:
    """The items of ``version`` under the bidang urusan an agency carries, in code order.
    ``listed_only`` leaves out items a later import no longer lists."""
    version_id = version if isinstance(version, int) else version.pk
    items = NomenclatureItem.objects.filter(urusan_condition(urusan_codes), version_id=version_id)
    if levels is not None:
        items = items.filter(level__in=list(levels))
    if listed_only:
        items = items.filter(is_listed=True)
    return items.order_by("code")


@dataclass
class TreeNode:
    item: NomenclatureItem
    children: list[TreeNode] = field(default_factory=list)


def nomenclature_tree(
    *, version: NomenclatureVersion, urusan_codes: Iterable[str] | None = None
) -> list[TreeNode]:
    """The items of ``version`` (optionally only under ``urusan_codes``) as a tree, in one query.
    An item whose parent is outside the selection becomes a root."""
    items = NomenclatureItem.objects.filter(version=version)
    if urusan_codes is not None:
        items = items.filter(urusan_condition(urusan_codes))
    nodes: dict[int, TreeNode] = {}
    roots: list[TreeNode] = []
    for item in items.order_by("code"):
        node = TreeNode(item)
        nodes[item.pk] = node
        parent = nodes.get(item.parent_id) if item.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots


def bidang_urusan_of(version: NomenclatureVersion) -> QuerySet[NomenclatureItem]:
    """The bidang urusan a version holds, to choose one on the public page."""
    return version.items.filter(level=NomenclatureItem.Level.BIDANG_URUSAN).order_by("code")
