"""The official tables of a Renstra (T-C.25, T-C.26, T-C.27, T-C.28) and of a Renja (T-C.33),
declared for the table engine (:mod:`rembug.core.tables`) from planning's tree.

They live on floor 4 because they only read planning; planning's own pages may link to the
download view (``monitoring:export``) or call :func:`build_plan_table`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from rembug.core.tables import Col, Fmt, Group, Row, Table
from rembug.planning.models import DocumentKind, ItemKind, PlanDocument
from rembug.planning.selectors import IndicatorNode, PlanTree, TreeNode, plan_tree

K = ItemKind
LEVEL: dict[str, int] = {
    K.TUJUAN: 0,
    K.SASARAN: 1,
    K.STRATEGI: 2,
    K.ARAH_KEBIJAKAN: 3,
    K.PROGRAM: 2,
    K.KEGIATAN: 3,
    K.SUB_KEGIATAN: 4,
}
BOLD: frozenset[str] = frozenset({K.TUJUAN, K.SASARAN, K.PROGRAM})


def _subtitles(document: PlanDocument) -> list[str]:
    lines = [str(document.agency or ""), document.government.name]
    lines.append(f"{document.get_kind_display()} {document.period_label}")
    if document.version > 1:
        lines.append(f"Perubahan ke-{document.version - 1}")
    return [line for line in lines if line]


def _indicator_name(node: IndicatorNode) -> str:
    unit = node.indicator.unit
    return f"{node.indicator.name} ({unit})" if unit else node.indicator.name


def _target(node: IndicatorNode | None, year: int) -> Any:
    if node is None:
        return None
    target = node.target(year)
    if target is None:
        return None
    return target.value if target.value is not None else target.qualitative_text


def _end_target(node: IndicatorNode | None) -> Any:
    if node is None:
        return None
    return (
        node.indicator.end_target
        if node.indicator.end_target is not None
        else (node.indicator.end_target_text or None)
    )


def _measure_rows(node: TreeNode) -> Iterator[tuple[IndicatorNode | None, bool]]:
    """One row per indicator of ``node`` (at least one row); True on the first."""
    if not node.indicators:
        yield None, True
        return
    for index, indicator in enumerate(node.indicators):
        yield indicator, index == 0


def _locations(node: TreeNode) -> str:
    return ", ".join(getattr(region, "name", str(region)) for region in node.locations)


# --- T-C.27 -------------------------------------------------------------------------------


def _year_groups(years: list[int], prefix: str = "t", money: str = "rp") -> tuple[Group, ...]:
    return tuple(
        Group(
            f"Tahun-{n} ({year})",
            (
                Col("Target", f"{prefix}{year}", Fmt.DECIMAL, 8),
                Col("Rp", f"{money}{year}", Fmt.RUPIAH, 16),
            ),
        )
        for n, year in enumerate(years, start=1)
    )


def tc27(tree: PlanTree) -> Table:
    document = tree.document
    years = document.years
    headers: list[Col | Group] = [
        Col("Tujuan", "tujuan", width=12),
        Col("Sasaran", "sasaran", width=12),
        Col("Kode", "kode", Fmt.CODE, 12),
        Col("Program dan Kegiatan", "nama", width=18, indent=True),
        Col(
            "Indikator Kinerja Tujuan, Sasaran, Program (outcome) dan Kegiatan (output)",
            "indikator",
            width=18,
        ),
        Col("Data Capaian pada Tahun Awal Perencanaan", "awal", Fmt.DECIMAL, 9),
        Group("Target Kinerja Program dan Kerangka Pendanaan", _year_groups(years)),
        Group(
            "Kondisi Kinerja pada Akhir Periode Renstra PD",
            (Col("Target", "akhir", Fmt.DECIMAL, 7), Col("Rp", "akhir_rp", Fmt.RUPIAH, 16)),
        ),
        Col("Unit Kerja PD Penanggung Jawab", "unit", width=12),
        Col("Lokasi", "lokasi", width=9),
    ]
    rows: list[Row] = []
    agency = str(document.agency.short_name if document.agency else "")
    for node in tree.walk():
        item = node.item
        if item.kind not in (K.TUJUAN, K.SASARAN, K.PROGRAM, K.KEGIATAN, K.SUB_KEGIATAN):
            continue
        funded = item.kind in (K.PROGRAM, K.KEGIATAN, K.SUB_KEGIATAN)
        for indicator, first in _measure_rows(node):
            values: dict[str, Any] = {}
            if first:
                if item.kind == K.TUJUAN:
                    values["tujuan"] = item.text
                elif item.kind == K.SASARAN:
                    values["sasaran"] = item.text
                else:
                    values["kode"] = item.code
                    values["nama"] = item.text
                    values["lokasi"] = _locations(node)
                if funded:
                    for year in years:
                        values[f"rp{year}"] = node.totals.get(year)
                    values["akhir_rp"] = sum(
                        (node.totals.get(year, Decimal(0)) for year in years), Decimal(0)
                    )
            if indicator is not None:
                values["indikator"] = _indicator_name(indicator)
                values["awal"] = indicator.indicator.baseline_value
                for year in years:
                    values[f"t{year}"] = _target(indicator, year)
                values["akhir"] = _end_target(indicator)
                values["unit"] = indicator.indicator.responsible_unit or agency
            elif first:
                values["unit"] = agency
            rows.append(Row(values, level=LEVEL[item.kind], bold=first and item.kind in BOLD))
    return Table(
        code="T-C.27",
        title=(
            "Rencana Program, Kegiatan, dan Pendanaan Perangkat Daerah "
            f"{document.agency or ''} {document.government.name}"
        ).replace("  ", " "),
        subtitles=_subtitles(document),
        headers=headers,
        rows=rows,
        filename=f"T-C.27-{document.pk}",
    )


# --- T-C.25, T-C.26, T-C.28 ----------------------------------------------------------------


def tc25(tree: PlanTree) -> Table:
    document = tree.document
    years = document.years
    headers: list[Col | Group] = [
        Col("No", "no", Fmt.CODE, 5),
        Col("Tujuan", "tujuan", width=26),
        Col("Sasaran", "sasaran", width=26),
        Col("Indikator Tujuan/Sasaran", "indikator", width=30),
        Group(
            "Target Kinerja Tujuan/Sasaran pada Tahun ke-",
            tuple(
                Col(f"{n} ({year})", f"t{year}", Fmt.DECIMAL, 9)
                for n, year in enumerate(years, start=1)
            ),
        ),
    ]
    rows: list[Row] = []
    number = 0
    for node in tree.walk():
        item = node.item
        if item.kind not in (K.TUJUAN, K.SASARAN):
            continue
        for indicator, first in _measure_rows(node):
            values: dict[str, Any] = {}
            if first:
                if item.kind == K.TUJUAN:
                    number += 1
                    values["no"] = str(number)
                    values["tujuan"] = item.text
                else:
                    values["sasaran"] = item.text
            if indicator is not None:
                values["indikator"] = _indicator_name(indicator)
                for year in years:
                    values[f"t{year}"] = _target(indicator, year)
            rows.append(Row(values, level=0, bold=first and item.kind == K.TUJUAN))
    return Table(
        code="T-C.25",
        title="Tujuan dan Sasaran Jangka Menengah Pelayanan Perangkat Daerah",
        subtitles=_subtitles(document),
        headers=headers,
        rows=rows,
        filename=f"T-C.25-{document.pk}",
    )


def tc26(tree: PlanTree) -> Table:
    document = tree.document
    headers: list[Col | Group] = [
        Col("Tujuan", "tujuan", width=25),
        Col("Sasaran", "sasaran", width=25),
        Col("Strategi", "strategi", width=25),
        Col("Arah Kebijakan", "kebijakan", width=25),
    ]
    rows: list[Row] = []
    for node in tree.walk():
        key = {
            K.TUJUAN: "tujuan",
            K.SASARAN: "sasaran",
            K.STRATEGI: "strategi",
            K.ARAH_KEBIJAKAN: "kebijakan",
        }.get(node.item.kind)  # type: ignore[call-overload]
        if key:
            rows.append(Row({key: node.item.text}, bold=node.item.kind == K.TUJUAN))
    return Table(
        code="T-C.26",
        title="Tujuan, Sasaran, Strategi, dan Kebijakan",
        subtitles=_subtitles(document),
        headers=headers,
        rows=rows,
        filename=f"T-C.26-{document.pk}",
    )


def tc28(tree: PlanTree) -> Table:
    document = tree.document
    years = document.years
    headers: list[Col | Group] = [
        Col("No", "no", Fmt.CODE, 5),
        Col("Indikator", "indikator", width=40),
        Col("Kondisi Kinerja pada Awal Periode RPJMD", "awal", Fmt.DECIMAL, 12),
        Group(
            "Target Capaian Setiap Tahun",
            tuple(
                Col(f"Tahun {n} ({year})", f"t{year}", Fmt.DECIMAL, 10)
                for n, year in enumerate(years, start=1)
            ),
        ),
        Col("Kondisi Kinerja pada Akhir Periode RPJMD", "akhir", Fmt.DECIMAL, 12),
    ]
    rows: list[Row] = []
    number = 0
    for node in tree.walk():
        if node.item.kind not in (K.TUJUAN, K.SASARAN):
            continue
        for indicator in node.indicators:
            number += 1
            values: dict[str, Any] = {
                "no": str(number),
                "indikator": _indicator_name(indicator),
                "awal": indicator.indicator.baseline_value,
                "akhir": _end_target(indicator),
            }
            for year in years:
                values[f"t{year}"] = _target(indicator, year)
            rows.append(Row(values))
    return Table(
        code="T-C.28",
        title="Indikator Kinerja Perangkat Daerah yang Mengacu pada Tujuan dan Sasaran RPJMD",
        subtitles=_subtitles(document),
        headers=headers,
        rows=rows,
        filename=f"T-C.28-{document.pk}",
    )


# --- T-C.33 (Renja) ------------------------------------------------------------------------


def tc33(tree: PlanTree) -> Table:
    document = tree.document
    year = document.period_start
    headers: list[Col | Group] = [
        Col("Kode", "kode", Fmt.CODE, 14),
        Col(
            "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
            "nama",
            width=28,
            indent=True,
        ),
        Col("Indikator Kinerja Program/Kegiatan", "indikator", width=26),
        Group(
            f"Rencana Tahun {year}",
            (
                Col("Lokasi", "lokasi", width=12),
                Col("Target Capaian Kinerja", "target", Fmt.DECIMAL, 10),
                Col("Kebutuhan Dana/Pagu Indikatif", "pagu", Fmt.RUPIAH, 15),
                Col("Sumber Dana", "sumber", width=9),
            ),
        ),
        Col("Catatan Penting", "catatan", width=12),
        Group(
            f"Prakiraan Maju Rencana Tahun {year + 1}",
            (
                Col("Target Capaian Kinerja", "target_maju", Fmt.DECIMAL, 10),
                Col("Kebutuhan Dana/Pagu Indikatif", "pagu_maju", Fmt.RUPIAH, 15),
            ),
        ),
    ]
    rows: list[Row] = []
    for node in tree.walk():
        item = node.item
        if item.kind not in (K.PROGRAM, K.KEGIATAN, K.SUB_KEGIATAN):
            continue
        for indicator, first in _measure_rows(node):
            values: dict[str, Any] = {}
            if first:
                values.update(
                    kode=item.code,
                    nama=item.text,
                    lokasi=_locations(node),
                    pagu=node.totals.get(year),
                    pagu_maju=node.totals.get(year + 1),
                    sumber=item.funding_source,
                    catatan=item.note,
                )
            if indicator is not None:
                values["indikator"] = _indicator_name(indicator)
                values["target"] = _target(indicator, year)
                values["target_maju"] = _target(indicator, year + 1)
            rows.append(Row(values, level=LEVEL[item.kind] - 2, bold=first and item.kind in BOLD))
    return Table(
        code="T-C.33",
        title=(
            f"Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun {year} "
            f"dan Prakiraan Maju Tahun {year + 1}"
        ),
        subtitles=_subtitles(document),
        headers=headers,
        rows=rows,
        filename=f"T-C.33-{document.pk}",
    )


PLAN_TABLES: dict[str, tuple[Callable[[PlanTree], Table], str]] = {
    "T-C.25": (tc25, DocumentKind.RENSTRA),
    "T-C.26": (tc26, DocumentKind.RENSTRA),
    "T-C.27": (tc27, DocumentKind.RENSTRA),
    "T-C.28": (tc28, DocumentKind.RENSTRA),
    "T-C.33": (tc33, DocumentKind.RENJA),
}


def build_plan_table(name: str, document: PlanDocument) -> Table:
    """The table ``name`` of ``document``; ValueError if the table is not for its kind."""
    builder, kind = PLAN_TABLES[name]
    if document.kind != kind:
        raise ValueError(f"{name} is a table of a {kind}, not of a {document.kind}.")
    return builder(plan_tree(document))
