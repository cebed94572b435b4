"""A table as an XLSX workbook: title and subtitles, merged header cells, the row of column
numbers, frozen and repeated header rows, landscape A4 page setup, Indonesian number formats.

Written with openpyxl's write-only (streaming) worksheet so that a Renstra of thousands of
rows stays fast and small in memory; styles are named once and shared by every cell.
"""

from __future__ import annotations

from copy import copy
from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from rembug.core.tables.numbers import XLSX_FORMATS, to_decimal
from rembug.core.tables.spec import Col, Fmt, Table

MAX_INDENT = 6
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


class _Styles:
    """Named styles, created on first use and registered once in the workbook."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self.made: dict[tuple[Any, ...], str] = {}

    def get(self, *, kind: str, fmt: Fmt = Fmt.TEXT, level: int = 0, bold: bool = False) -> str:
        key = (kind, fmt, min(level, MAX_INDENT), bold)
        if key in self.made:
            return self.made[key]
        name = "rembug-" + "-".join(str(part) for part in key)
        style = NamedStyle(name=name)
        if kind == "title":
            style.font = Font(bold=True, size=12)
            style.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        elif kind == "subtitle":
            style.font = Font(size=10)
            style.alignment = Alignment(horizontal="center", vertical="center")
        elif kind in ("head", "number"):
            style.font = Font(bold=kind == "head", size=9, italic=kind == "number")
            style.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            style.border = _BOX
            style.fill = PatternFill("solid", fgColor="D9E2F3" if kind == "head" else "EDEDED")
        else:
            numeric = fmt in XLSX_FORMATS
            style.font = Font(bold=bold, size=9)
            style.border = _BOX
            style.alignment = Alignment(
                horizontal="right" if numeric else "left",
                vertical="top",
                wrap_text=fmt == Fmt.TEXT,
                indent=key[2] if kind == "tree" else 0,
            )
            if numeric:
                style.number_format = XLSX_FORMATS[fmt]
        self.workbook.add_named_style(style)
        self.made[key] = name
        return name


def _value(col: Col, value: Any) -> Any:
    if value is None or value == "":
        return None
    if col.numeric:
        number = to_decimal(value)
        if number is None:
            return str(value)  # qualitative target
        if col.fmt in (Fmt.RUPIAH, Fmt.INTEGER) and number == number.to_integral_value():
            return int(number)
        return float(number) if isinstance(number, Decimal) else number
    return str(value)


def render_xlsx(table: Table) -> bytes:
    workbook = Workbook(write_only=True)
    sheet: Worksheet = workbook.create_sheet(title=(table.code or table.filename)[:31])
    styles = _Styles(workbook)
    columns = table.columns
    width = len(columns)
    last = get_column_letter(width)
    for index, col in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = col.width
    # A streaming sheet writes its views before the first row: freeze and print titles now.
    depth = table.header_depth
    head_top = (2 if table.code else 1) + len(table.subtitles) + 2
    head_bottom = head_top + depth - 1 + (1 if table.numbered else 0)
    sheet.freeze_panes = f"A{head_bottom + 1}"
    sheet.print_title_rows = f"{head_top}:{head_bottom}"

    lines = [(table.code, "subtitle")] if table.code else []
    lines += [(table.title, "title"), *((text, "subtitle") for text in table.subtitles)]
    for current, (text, kind) in enumerate(lines, start=1):
        cell = WriteOnlyCell(sheet, value=text)
        cell.style = styles.get(kind=kind)
        sheet.append([cell])
        sheet.merged_cells.add(CellRange(f"A{current}:{last}{current}"))
    sheet.append([])
    current = len(lines) + 1

    # Header grid: every cell of the block carries the border, the top-left one the label.
    assert current + 1 == head_top
    grid: list[list[Any]] = [[None] * width for _ in range(depth)]
    for hc in table.header_cells():
        grid[hc.row][hc.col] = hc.label
        if hc.rowspan > 1 or hc.colspan > 1:
            top, left = head_top + hc.row, hc.col + 1
            bottom, right = top + hc.rowspan - 1, left + hc.colspan - 1
            sheet.merged_cells.add(
                CellRange(min_col=left, min_row=top, max_col=right, max_row=bottom)
            )
    head_style = styles.get(kind="head")
    for labels in grid:
        cells = []
        for label in labels:
            cell = WriteOnlyCell(sheet, value=label)
            cell.style = head_style
            cells.append(cell)
        sheet.append(cells)
    current += depth
    if table.numbered:
        number_style = styles.get(kind="number")
        numbers: list[Any] = [None] * width
        for first, span, number in table.number_cells():
            numbers[first] = number
            if span > 1:
                row_no = current + 1
                sheet.merged_cells.add(
                    CellRange(
                        min_col=first + 1, min_row=row_no, max_col=first + span, max_row=row_no
                    )
                )
        cells = []
        for number in numbers:
            cell = WriteOnlyCell(sheet, value=number)
            cell.style = number_style
            cells.append(cell)
        sheet.append(cells)
        current += 1

    # One prototype cell per (column, bold, level): each body cell copies its style array,
    # which is several times cheaper than looking a named style up for every cell.
    def proto(col: Col, bold: bool, level: int) -> Any:
        cell = WriteOnlyCell(sheet)
        cell.style = styles.get(
            kind="tree" if col.indent else "cell", fmt=col.fmt, level=level, bold=bold
        )
        return cell._style

    column_styles = [
        [[proto(col, bold, level) for level in range(MAX_INDENT + 1)] for bold in (False, True)]
        for col in columns
    ]
    for row in table.rows:
        level = min(row.level, MAX_INDENT)
        out = []
        for index, col in enumerate(columns):
            cell = WriteOnlyCell(sheet, value=_value(col, row.values.get(col.key)))
            cell._style = copy(column_styles[index][row.bold][level])
            out.append(cell)
        sheet.append(out)
    for note in table.notes:
        sheet.append([note])

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.right.text = "&P / &N"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
