"""The evaluation tables: E.81 (Evaluasi terhadap hasil Renja PD, by quarter) and E.80
(Evaluasi terhadap hasil Renstra PD), for the table engine.

E.81's derived columns follow the form: (13) = (6) + (12), the Renstra's realisation up to
this year; (14) = (13) / (5) × 100 %, direction-aware for the kinerja (a lower-is-better
indicator inverts). For an indicator whose quarters do not add up (a percentage or an index,
see ``IndicatorSetting``) the level reached is not a sum: (12) is the latest quarter and (13)
the latest year's level.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rembug.core.tables import Col, Fmt, Group, Row, Table
from rembug.monitoring.achievement import capaian, ratio
from rembug.monitoring.models import Aggregation
from rembug.monitoring.selectors import (
    IndicatorProgress,
    ItemProgress,
    RenjaProgress,
    renja_progress,
    renja_progress_many,
)
from rembug.planning.models import DocumentKind, DocumentState, PlanDocument, PlanItem
from rembug.planning.selectors import IndicatorNode, PlanTree, TreeNode, plan_tree

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _pair(label: str, key: str, k_fmt: Fmt = Fmt.DECIMAL, rp_fmt: Fmt = Fmt.RUPIAH) -> Group:
    return Group(
        label, (Col("K", f"{key}_k", k_fmt, 6), Col("Rp", f"{key}_rp", rp_fmt, 13)), one_number=True
    )


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    if a is None and b is None:
        return None
    return (a or Decimal(0)) + (b or Decimal(0))


@dataclass
class _Earlier:
    """What the earlier Renja of the same Renstra realised, by Renstra item (and indicator
    position)."""

    values: dict[tuple[int, int], Decimal]
    spent: dict[int, Decimal]


def _earlier(renja: PlanDocument) -> _Earlier:
    earlier = _previous_renja(renja)
    values: dict[tuple[int, int], Decimal] = {}
    spent: dict[int, Decimal] = {}
    progress = renja_progress_many(earlier)
    for document in sorted(earlier, key=lambda d: d.period_start):
        for node in progress[document.pk].walk():
            source = node.item.source_item_id
            if source is None:
                continue
            if node.spent:
                spent[source] = spent.get(source, Decimal(0)) + sum(node.spent.values(), Decimal(0))
            for index, ind in enumerate(node.indicators):
                year = ind.year_value
                if year is None:
                    continue
                key = (source, index)
                if ind.aggregation == Aggregation.LAST:
                    values[key] = year
                else:
                    values[key] = values.get(key, Decimal(0)) + year
    return _Earlier(values, spent)


def _previous_renja(renja: PlanDocument) -> list[PlanDocument]:
    if renja.based_on_id is None:
        return []
    return list(
        PlanDocument.objects.filter(
            government_id=renja.government_id,
            kind=DocumentKind.RENJA,
            based_on_id=renja.based_on_id,
            period_start__lt=renja.period_start,
        )
        .exclude(state=DocumentState.DIGANTI)
        .select_related("government")
    )


def _renstra_indicator(node: TreeNode | None, index: int) -> IndicatorNode | None:
    if node is None or index >= len(node.indicators):
        return None
    return node.indicators[index]


def e81(renja: PlanDocument) -> Table:
    progress = renja_progress(renja)
    renstra_tree: PlanTree | None = plan_tree(renja.based_on) if renja.based_on else None
    earlier = _earlier(renja)
    year = renja.period_start
    end_year = renja.based_on.period_end if renja.based_on else year
    headers: list[Col | Group] = [
        Col("No", "no", Fmt.CODE, 5),
        Col("Sasaran", "sasaran", width=13),
        Col("Program/Kegiatan", "nama", width=18, indent=True),
        Col("Indikator Kinerja Program (outcome)/Kegiatan (output)", "indikator", width=15),
        _pair(
            f"Target Kinerja dan Anggaran Renstra PD Tahun {end_year} (Akhir Periode Renstra PD)",
            "c5",
        ),
        _pair(
            "Realisasi Capaian Kinerja dan Anggaran Renstra PD sampai dengan Renja PD "
            f"Tahun Lalu ({year - 1})",
            "c6",
        ),
        _pair(
            f"Target Kinerja dan Anggaran Renja PD Tahun Berjalan ({year}) yang Dievaluasi", "c7"
        ),
        Group(
            "Realisasi Kinerja pada Triwulan",
            tuple(_pair(ROMAN[q], f"q{q}") for q in (1, 2, 3, 4)),
        ),
        _pair("Realisasi Capaian Kinerja dan Anggaran Renja PD yang Dievaluasi", "c12"),
        _pair(
            f"Realisasi Kinerja dan Anggaran Renstra PD s.d. Tahun {year} "
            "(Akhir Tahun Pelaksanaan Renja PD)",
            "c13",
        ),
        _pair(
            f"Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra PD s.d. Tahun {year} (%)",
            "c14",
            Fmt.PERCENT,
            Fmt.PERCENT,
        ),
        Col("Unit PD Penanggung Jawab", "unit", width=13),
    ]
    rows: list[Row] = []
    number = 0
    last_sasaran = ""
    agency = renja.agency.short_name if renja.agency else ""
    for node in progress.walk():
        item = node.item
        source = renstra_tree.nodes.get(item.source_item_id or 0) if renstra_tree else None
        measures: list[IndicatorProgress | None] = list(node.indicators) or [None]
        for index, ind in enumerate(measures):
            values: dict[str, Any] = {"unit": agency}
            if index == 0:
                if item.kind == PlanItem.Kind.PROGRAM:
                    number += 1
                    values["no"] = str(number)
                    sasaran = progress.sasaran_of.get(item.pk, "")
                    if sasaran != last_sasaran:
                        values["sasaran"] = last_sasaran = sasaran
                values["nama"] = f"{item.code} {item.text}".strip()
                _money(values, node, source, earlier, renja)
            if ind is not None:
                _kinerja(values, ind, _renstra_indicator(source, index), earlier, item, index)
            rows.append(Row(values, level=node.depth, bold=index == 0 and node.depth == 0))
    return Table(
        code="E.81",
        title=(
            "Evaluasi terhadap Hasil Renja Perangkat Daerah "
            f"{renja.agency or ''} {renja.government.name} Tahun {year}"
        ).replace("  ", " "),
        subtitles=[
            f"Periode pelaksanaan: Triwulan I–IV Tahun {year}",
            "Indikator dan target kinerja Perangkat Daerah: kolom (13) = (6) + (12); "
            "kolom (14) = (13) / (5) × 100 %",
        ],
        headers=headers,
        rows=rows,
        filename=f"E.81-{renja.pk}",
        font_size=5.5,
    )


def _money(
    values: dict[str, Any],
    node: ItemProgress,
    source: TreeNode | None,
    earlier: _Earlier,
    renja: PlanDocument,
) -> None:
    if source is not None:
        values["c5_rp"] = source.total if source.totals else None
        values["c6_rp"] = _earlier_spent(source, earlier)
    values["c7_rp"] = node.pagu
    for quarter in (1, 2, 3, 4):
        values[f"q{quarter}_rp"] = node.spent_in(quarter)
    values["c12_rp"] = node.spent_until(4)
    values["c13_rp"] = _add(values.get("c6_rp"), values["c12_rp"])
    values["c14_rp"] = ratio(values["c13_rp"], values.get("c5_rp"))


def _earlier_spent(source: TreeNode, earlier: _Earlier) -> Decimal | None:
    """Rp the earlier Renja spent on this Renstra item and everything below it."""
    stack, found, total = [source], False, Decimal(0)
    while stack:
        node = stack.pop()
        if node.item.pk in earlier.spent and not node.children:
            total += earlier.spent[node.item.pk]
            found = True
        stack.extend(node.children)
    if source.item.pk in earlier.spent and not source.children:
        return earlier.spent[source.item.pk]
    return total if found else None


def _kinerja(
    values: dict[str, Any],
    ind: IndicatorProgress,
    renstra: IndicatorNode | None,
    earlier: _Earlier,
    item: PlanItem,
    index: int,
) -> None:
    unit = ind.indicator.unit
    values["indikator"] = f"{ind.indicator.name} ({unit})" if unit else ind.indicator.name
    values["unit"] = ind.indicator.responsible_unit or values["unit"]
    end = renstra.indicator.end_target if renstra else None
    values["c5_k"] = end
    before = earlier.values.get((item.source_item_id or 0, index))
    values["c6_k"] = before
    values["c7_k"] = ind.target
    for quarter in (1, 2, 3, 4):
        values[f"q{quarter}_k"] = ind.values.get(quarter)
    values["c12_k"] = ind.year_value
    if ind.aggregation == Aggregation.LAST:
        values["c13_k"] = ind.year_value if ind.year_value is not None else before
    else:
        values["c13_k"] = _add(before, ind.year_value)
    values["c14_k"] = capaian(values["c13_k"], end, ind.indicator.direction)


# --- E.80 ----------------------------------------------------------------------------------


def e80(renstra: PlanDocument) -> Table:
    """Evaluasi terhadap Hasil Renstra PD: for every program, kegiatan and sub kegiatan
    indicator, each year's target (from the Renstra), realisation (from that year's Renja) and
    ratio, as K and Rp."""
    tree = plan_tree(renstra)
    years = renstra.years
    renjas = list(
        PlanDocument.objects.filter(
            government_id=renstra.government_id, kind=DocumentKind.RENJA, based_on=renstra
        )
        .exclude(state=DocumentState.DIGANTI)
        .select_related("government")
    )
    progress: dict[int, RenjaProgress] = renja_progress_many(renjas)
    # Renstra item id → year → the Renja item's progress carrying it out that year.
    carried: dict[int, dict[int, ItemProgress]] = {}
    for renja in renjas:
        for step in progress[renja.pk].walk():
            if step.item.source_item_id:
                carried.setdefault(step.item.source_item_id, {})[renja.period_start] = step
    headers: list[Col | Group] = [
        Col("No", "no", Fmt.CODE, 5),
        Col("Sasaran", "sasaran", width=12),
        Col("Program/Kegiatan", "nama", width=18, indent=True),
        Col("Indikator Kinerja Program (outcome)/Kegiatan (output)", "indikator", width=16),
        Col("Data Capaian pada Awal Tahun Perencanaan", "awal", Fmt.DECIMAL, 9),
        Col("Target Capaian pada Akhir Tahun Perencanaan", "akhir", Fmt.DECIMAL, 9),
    ]
    for part, key, k_fmt, rp_fmt, rp_width in (
        ("Target Kinerja Program dan Kerangka Pendanaan", "t", Fmt.DECIMAL, Fmt.RUPIAH, 11),
        ("Realisasi Capaian Kinerja dan Anggaran", "r", Fmt.DECIMAL, Fmt.RUPIAH, 11),
        ("Rasio Capaian (%)", "x", Fmt.PERCENT, Fmt.PERCENT, 6),
    ):
        headers.append(
            Group(
                part,
                tuple(
                    Group(
                        f"Tahun-{n} ({y})",
                        (
                            Col("K", f"{key}{y}_k", k_fmt, 5),
                            Col("Rp", f"{key}{y}_rp", rp_fmt, rp_width),
                        ),
                        one_number=True,
                    )
                    for n, y in enumerate(years, start=1)
                ),
            )
        )
    headers.append(Col("Unit PD Penanggung Jawab", "unit", width=12))
    rows: list[Row] = []
    number = 0
    agency = renstra.agency.short_name if renstra.agency else ""
    kinds = (PlanItem.Kind.PROGRAM, PlanItem.Kind.KEGIATAN, PlanItem.Kind.SUB_KEGIATAN)
    for node in tree.walk():
        item = node.item
        if item.kind == PlanItem.Kind.SASARAN:
            rows.append(Row({"sasaran": item.text}, bold=True))
            continue
        if item.kind not in kinds:
            continue
        done = carried.get(item.pk, {})
        measures: list[IndicatorNode | None] = list(node.indicators) or [None]
        depth = kinds.index(item.kind)  # type: ignore[arg-type,unused-ignore]
        for index, ind in enumerate(measures):
            values: dict[str, Any] = {"unit": agency}
            if index == 0:
                if item.kind == PlanItem.Kind.PROGRAM:
                    number += 1
                    values["no"] = str(number)
                values["nama"] = f"{item.code} {item.text}".strip()
                for y in years:
                    values[f"t{y}_rp"] = node.totals.get(y)
                    spent = done[y].spent_until(4) if y in done else None
                    values[f"r{y}_rp"] = spent
                    values[f"x{y}_rp"] = ratio(spent, node.totals.get(y))
            if ind is not None:
                values["indikator"] = ind.indicator.name
                values["awal"] = ind.indicator.baseline_value
                values["akhir"] = ind.indicator.end_target
                for y in years:
                    target = ind.target(y)
                    values[f"t{y}_k"] = target.value if target else None
                    realised = _realised(done.get(y), index)
                    values[f"r{y}_k"] = realised
                    values[f"x{y}_k"] = capaian(
                        realised, values[f"t{y}_k"], ind.indicator.direction
                    )
            rows.append(Row(values, level=depth, bold=index == 0 and depth == 0))
    return Table(
        code="E.80",
        title=(
            "Evaluasi terhadap Hasil Renstra Perangkat Daerah "
            f"{renstra.agency or ''} {renstra.government.name}"
        ).replace("  ", " "),
        subtitles=[f"Periode Renstra PD {renstra.period_label}"],
        headers=headers,
        rows=rows,
        filename=f"E.80-{renstra.pk}",
        font_size=4.8,
    )


def _realised(node: ItemProgress | None, index: int) -> Decimal | None:
    if node is None or index >= len(node.indicators):
        return None
    return node.indicators[index].year_value
