"""The XLSX template in which a Renstra or Renja is written outside Rembug and imported back.

One sheet, one row per plan item (and one more row per further indicator of the same item):

``No`` (outline number: ``1``, ``1.1``, ``1.1.2`` — the parent of ``1.1.2`` is ``1.1``) ·
``Level`` · ``Kode`` · ``Uraian`` · ``Indikator`` · ``Satuan`` · ``Arah`` (naik/turun/tetap) ·
``Tahun kondisi awal`` · ``Kondisi awal`` · ``Target <year>`` for every year ·
``Target akhir`` · ``Pagu <year>`` for every year · ``Unit penanggung jawab`` ·
``Sumber dana`` · ``Lokasi`` (kecamatan/kelurahan names separated by ``;``) ·
``Definisi/formula`` · ``Sumber data`` · ``Alasan target kualitatif`` · ``Mendukung (ID)`` (the
IDs of the higher document's items this item serves, separated by ``;``).

A row with an empty ``No`` adds another indicator to the item above it. The official tables
(T-C.25…T-C.33) are a different, printed layout; this template is for round trips.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from rembug.planning.models import Indicator, ItemKind, PlanDocument
from rembug.planning.selectors import IndicatorNode, plan_tree

SHEET = "Rencana"
DIRECTIONS = {
    "naik": Indicator.Direction.HIGHER,
    "turun": Indicator.Direction.LOWER,
    "tetap": Indicator.Direction.EXACT,
}
DIRECTION_WORDS: dict[str, str] = {value: word for word, value in DIRECTIONS.items()}
LEVEL_WORDS = {kind.label.lower(): kind.value for kind in ItemKind} | {
    k.value: k.value for k in ItemKind
}


def headers(years: list[int]) -> list[str]:
    return [
        "No",
        "Level",
        "Kode",
        "Uraian",
        "Indikator",
        "Satuan",
        "Arah",
        "Tahun kondisi awal",
        "Kondisi awal",
        *[f"Target {y}" for y in years],
        "Target akhir",
        *[f"Pagu {y}" for y in years],
        "Unit penanggung jawab",
        "Sumber dana",
        "Lokasi",
        "Definisi/formula",
        "Sumber data",
        "Alasan target kualitatif",
        "Mendukung (ID)",
    ]


def plan_template_xlsx(document: PlanDocument) -> bytes:
    """The document in the template layout (an empty document gives the bare template)."""
    years = document.target_years
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    # Which document the file was made from, so that `rembug plan import` needs no --document.
    book.properties.identifier = f"{IDENTIFIER}{document.government.slug}:{document.pk}"
    book.properties.title = str(document)[:250]
    sheet.append(headers(years))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "E2"
    tree = plan_tree(document)
    numbers: dict[int, str] = {}
    counters: dict[int | None, int] = {}
    for node in tree.walk():
        item = node.item
        counters[item.parent_id] = counters.get(item.parent_id, 0) + 1
        prefix = numbers.get(item.parent_id or 0)
        numbers[item.pk] = (
            f"{prefix}.{counters[item.parent_id]}" if prefix else str(counters[item.parent_id])
        )
        indicators: list[IndicatorNode | None] = [*node.indicators] or [None]
        for index, ind in enumerate(indicators):
            first = index == 0
            row: list[Any] = [
                numbers[item.pk] if first else None,
                item.get_kind_display() if first else None,
                (item.code or None) if first else None,
                item.text if first else None,
            ]
            if ind is None:
                row += [None] * (5 + len(years) + 1)
                unit_in_charge = None
                extra: list[Any] = [None, None, None]
            else:
                i = ind.indicator
                row += [
                    i.name,
                    i.unit,
                    DIRECTION_WORDS[i.direction],
                    i.baseline_year,
                    i.baseline_value,
                ]
                row += [_target_cell(ind.target(y)) for y in years]
                row += [i.end_target if i.end_target is not None else (i.end_target_text or None)]
                unit_in_charge = i.responsible_unit or None
                extra = [
                    i.definition or None,
                    i.data_source or None,
                    i.qualitative_justification or None,
                ]
            row += [node.funding.get(y) if first else None for y in years]
            row += [
                unit_in_charge,
                (item.funding_source or None) if first else None,
                "; ".join(r.name for r in node.locations) if first and node.locations else None,
                *extra,
                "; ".join(str(t.pk) for t in node.aligned_to)
                if first and node.aligned_to
                else None,
            ]
            sheet.append(row)
    for cell in sheet["A"]:
        cell.number_format = "@"  # "1.10" must stay text, not become the number 1.1
    for column, width in (("A", 8), ("B", 14), ("C", 18), ("D", 60), ("E", 50)):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _target_cell(target: Any) -> Any:
    if target is None:
        return None
    return target.value if target.value is not None else target.qualitative_text


@dataclass
class IndicatorRow:
    name: str
    unit: str
    direction: str
    baseline_year: int | None
    baseline_value: Decimal | None
    targets: dict[int, tuple[Decimal | None, str]]
    end_target: Decimal | None
    end_target_text: str
    responsible_unit: str
    definition: str = ""
    data_source: str = ""
    qualitative_justification: str = ""


@dataclass
class ItemRow:
    row: int
    number: str
    kind: str
    code: str
    text: str
    indicators: list[IndicatorRow] = field(default_factory=list)
    funding: dict[int, Decimal] = field(default_factory=dict)
    funding_source: str = ""
    locations: list[str] = field(default_factory=list)
    serves: list[str] = field(default_factory=list)

    @property
    def parent_number(self) -> str:
        return self.number.rsplit(".", 1)[0] if "." in self.number else ""


@dataclass
class RowError:
    row: int
    message: str


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decimal(value: Any, row: int, column: str, errors: list[RowError]) -> Decimal | None:
    text = _text(value)
    if not text:
        return None
    try:
        return Decimal(text.replace(" ", ""))
    except InvalidOperation:
        errors.append(
            RowError(
                row,
                _("%(column)s is not a number: “%(value)s”.") % {"column": column, "value": text},
            )
        )
        return None


IDENTIFIER = "rembug:plan-document:"


def template_document(file: IO[bytes]) -> tuple[str, int] | None:
    """The (government slug, document id) a template was exported from, if it says."""
    try:
        book = load_workbook(file, read_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not XLSX
        return None
    finally:
        file.seek(0)
    try:
        identifier = book.properties.identifier or ""
    finally:
        book.close()
    slug, _sep, pk = identifier.removeprefix(IDENTIFIER).rpartition(":")
    if not identifier.startswith(IDENTIFIER) or not slug or not pk.isdigit():
        return None
    return slug, int(pk)


def read_template(file: IO[bytes], years: list[int]) -> tuple[list[ItemRow], list[RowError]]:
    """Parse a filled template. Returns the items and every row-level error found."""
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not XLSX
        return [], [RowError(0, _("The file is not an XLSX workbook."))]
    try:
        return _read_rows(book, years)
    finally:
        book.close()


def _read_rows(book: Any, years: list[int]) -> tuple[list[ItemRow], list[RowError]]:
    errors: list[RowError] = []
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    expected = headers(years)
    header = [_text(v) for v in next(rows, ())]
    if header[: len(expected)] != expected:
        return [], [
            RowError(
                1,
                _(
                    "The columns do not match the template of this document (its years: "
                    "%(years)s). Download the template again."
                )
                % {"years": ", ".join(map(str, years))},
            )
        ]
    items: list[ItemRow] = []
    n = len(years)
    for number, values in enumerate(rows, start=2):
        cells = list(values) + [None] * (len(expected) - len(values))
        if not any(_text(c) for c in cells):
            continue
        first = _text(cells[0])
        if first:
            level = _text(cells[1]).lower()
            kind = LEVEL_WORDS.get(level)
            if kind is None:
                errors.append(
                    RowError(number, _("Unknown level “%(level)s”.") % {"level": _text(cells[1])})
                )
                continue
            item = ItemRow(
                row=number, number=first, kind=kind, code=_text(cells[2]), text=_text(cells[3])
            )
            for offset, year in enumerate(years):
                amount = _decimal(cells[10 + n + offset], number, f"Pagu {year}", errors)
                if amount is not None:
                    item.funding[year] = amount
            item.funding_source = _text(cells[10 + 2 * n + 1])
            item.locations = [
                p.strip() for p in _text(cells[10 + 2 * n + 2]).split(";") if p.strip()
            ]
            item.serves = [p.strip() for p in _text(cells[10 + 2 * n + 6]).split(";") if p.strip()]
            items.append(item)
        elif not items:
            errors.append(RowError(number, _("An indicator row comes before any item.")))
            continue
        indicator = _indicator_row(cells, years, number, errors)
        if indicator is not None:
            items[-1].indicators.append(indicator)
    return items, errors


def _indicator_row(
    cells: list[Any], years: list[int], row: int, errors: list[RowError]
) -> IndicatorRow | None:
    name = _text(cells[4])
    if not name:
        return None
    n = len(years)
    direction = DIRECTIONS.get(_text(cells[6]).lower() or "naik")
    if direction is None:
        errors.append(RowError(row, _("Arah must be naik, turun or tetap.")))
        direction = Indicator.Direction.HIGHER
    baseline_year = _decimal(cells[7], row, "Tahun kondisi awal", errors)
    targets: dict[int, tuple[Decimal | None, str]] = {}
    for offset, year in enumerate(years):
        raw = cells[9 + offset]
        text = _text(raw)
        if not text:
            continue
        try:
            targets[year] = (Decimal(text.replace(" ", "")), "")
        except InvalidOperation:
            targets[year] = (None, text)
    end_raw = _text(cells[9 + n])
    end_value: Decimal | None = None
    end_text = ""
    if end_raw:
        try:
            end_value = Decimal(end_raw)
        except InvalidOperation:
            end_text = end_raw
    return IndicatorRow(
        name=name,
        unit=_text(cells[5]),
        direction=direction,
        baseline_year=int(baseline_year) if baseline_year is not None else None,
        baseline_value=_decimal(cells[8], row, "Kondisi awal", errors),
        targets=targets,
        end_target=end_value,
        end_target_text=end_text,
        responsible_unit=_text(cells[10 + 2 * n]),
        definition=_text(cells[10 + 2 * n + 3]),
        data_source=_text(cells[10 + 2 * n + 4]),
        qualitative_justification=_text(cells[10 + 2 * n + 5]),
    )
