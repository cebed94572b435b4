"""A table as an XLSX workbook: title and subtitles, merged header cells, the row of column
numbers, frozen and repeated header rows, landscape A4 page setup, Indonesian number formats.

Written with openpyxl's write-only (streaming) worksheet so that a Renstra of thousands of
rows stays fast and small in memory; styles are named once and shared by every cell.
"""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

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
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # one page wide (with fitToWidth)

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

    # The body is written as sheet XML directly (see _body_xml): openpyxl's per-cell objects
    # cost more than the rest of the export for a Renstra of 300,000 cells. Its styles are
    # registered here, one per (column, bold, level), so that the rows can name them by id.
    def style_id(col: Col, bold: bool, level: int) -> int:
        cell = WriteOnlyCell(sheet)
        cell.style = styles.get(
            kind="tree" if col.indent else "cell", fmt=col.fmt, level=level, bold=bold
        )
        return int(workbook._cell_styles.add(cell._style))

    style_ids = [
        [[style_id(col, bold, level) for level in range(MAX_INDENT + 1)] for bold in (False, True)]
        for col in columns
    ]
    body = _body_xml(table, style_ids, first_row=current + 1)

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.right.text = "&P / &N"
    buffer = BytesIO()
    workbook.save(buffer)
    return _insert_rows(
        buffer.getvalue(),
        body,
        last_row=current + len(table.rows) + len(table.notes),
        last_col=last,
    )


# XML 1.0 forbids most control characters; a pasted text may carry them.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _text(value: str) -> str:
    return escape(_ILLEGAL.sub("", value), {'"': "&quot;"})


def _body_xml(table: Table, style_ids: list[list[list[int]]], *, first_row: int) -> str:
    """The body and note rows as ``<row>`` elements (numbers as numbers, text inline)."""
    columns = table.columns
    letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
    parts: list[str] = []
    number = first_row
    for row in table.rows:
        level = min(row.level, MAX_INDENT)
        parts.append(f'<row r="{number}">')
        for index, col in enumerate(columns):
            ref = f"{letters[index]}{number}"
            sid = style_ids[index][row.bold][level]
            value = _value(col, row.values.get(col.key))
            if value is None:
                parts.append(f'<c r="{ref}" s="{sid}"/>')
            elif isinstance(value, str):
                parts.append(
                    f'<c r="{ref}" s="{sid}" t="inlineStr"><is><t xml:space="preserve">'
                    f"{_text(value)}</t></is></c>"
                )
            else:
                parts.append(f'<c r="{ref}" s="{sid}"><v>{value!r}</v></c>')
        parts.append("</row>")
        number += 1
    for note in table.notes:
        parts.append(
            f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t xml:space="preserve">'
            f"{_text(note)}</t></is></c></row>"
        )
        number += 1
    return "".join(parts)


def _insert_rows(workbook: bytes, body: str, *, last_row: int, last_col: str) -> bytes:
    """Put ``body`` at the end of the first sheet's ``sheetData``."""
    source = zipfile.ZipFile(BytesIO(workbook))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode("utf-8")
                head, tail = xml.split("</sheetData>", 1)
                xml = f"{head}{body}</sheetData>{tail}"
                xml = re.sub(
                    r'<dimension ref="[^"]*"/>',
                    f'<dimension ref="A1:{last_col}{last_row}"/>',
                    xml,
                    count=1,
                )
                data = xml.encode("utf-8")
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
