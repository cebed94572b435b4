"""Write a dataset's rows as CSV, JSON or XLSX. CSV and JSON stream; XLSX is written in
openpyxl's write-only mode (rows are not kept in memory as cells)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from django.core.serializers.json import DjangoJSONEncoder
from openpyxl import Workbook

from rembug.portal.opendata import Row, plain

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "CSV"),
    "json": ("application/json", "JSON"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
}


class _Line:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def csv_stream(columns: tuple[str, ...], rows: Iterable[Row]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff"  # a byte-order mark so that spreadsheet programs read UTF-8
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([plain(value) for value in row])


def json_stream(columns: tuple[str, ...], rows: Iterable[Row]) -> Iterator[str]:
    """A JSON array of objects, one per row, written as the rows come."""
    yield "["
    first = True
    for row in rows:
        item = dict(zip(columns, (plain(value) for value in row), strict=True))
        yield ("" if first else ",\n") + json.dumps(item, cls=DjangoJSONEncoder, ensure_ascii=False)
        first = False
    yield "]\n"


def xlsx_bytes(title: str, columns: tuple[str, ...], rows: Iterable[Row]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.append(list(columns))
    for row in rows:
        sheet.append([plain(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
