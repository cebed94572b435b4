"""Write a dataset's cells (``Dataset.cells``: text, numbers and None) as CSV, JSON or XLSX.

CSV and JSON stream in pieces of ``BATCH`` rows (one ``writerows`` and one chunk for the
response per piece rather than one per row: fewer Python calls per row, and memory stays
flat); XLSX is written in openpyxl's write-only mode (rows are not kept in memory as cells)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from itertools import islice

from django.core.serializers.json import DjangoJSONEncoder
from openpyxl import Workbook

from rembug.portal.opendata import Row

BATCH = 500

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "CSV"),
    "json": ("application/json", "JSON"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
}


def _batches(rows: Iterable[Row]) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, BATCH)):
        yield batch


def csv_stream(columns: tuple[str, ...], rows: Iterable[Row]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # a byte-order mark so that spreadsheet programs read UTF-8
    writer.writerow(columns)
    for batch in _batches(rows):
        writer.writerows(batch)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def json_stream(columns: tuple[str, ...], rows: Iterable[Row]) -> Iterator[str]:
    """A JSON array of objects, one per row, written as the rows come."""
    encoder = DjangoJSONEncoder(ensure_ascii=False)
    yield "["
    separator = ""
    for batch in _batches(rows):
        yield separator + ",\n".join(
            encoder.encode(dict(zip(columns, row, strict=True))) for row in batch
        )
        separator = ",\n"
    yield "]\n"


def xlsx_bytes(title: str, columns: tuple[str, ...], rows: Iterable[Row]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.append(list(columns))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
