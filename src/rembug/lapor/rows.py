"""Reading a LAPOR! export, row by row, whatever its layout.

Two layouts are known: the official export (``Tracking ID``, ``Tanggal Laporan Masuk``, …, as in
DOMAIN.md) and the snake-case one of the Kabupaten Bandung file (``tracking_id``,
``tanggal_masuk``, ``dinas_tujuan``, ``kecamatan_final``, …). Headers are matched after lower-casing
and turning ``_`` into spaces; both map onto the canonical names below. CSV is read with the
``csv`` module, XLSX with openpyxl in read-only mode, so memory does not grow with the file.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# canonical name → header spellings (normalised: lower case, "_" → " ")
COLUMNS: dict[str, tuple[str, ...]] = {
    "tracking_id": ("tracking id",),
    "date": ("tanggal laporan masuk", "tanggal masuk"),
    "time": ("waktu laporan masuk", "waktu masuk"),
    "classification": ("klasifikasi laporan", "klasifikasi"),
    "category_id": ("id kategori",),
    "category": ("kategori",),
    "title": ("judul laporan", "judul"),
    "text_initial": ("isi laporan awal",),
    "text_final": ("isi laporan akhir",),
    "type": ("tipe laporan (anonim/rahasia)", "tipe laporan"),
    "source": ("sumber laporan",),
    "parent_agency": ("instansi induk",),
    "agency_id": ("id instansi terdisposisi",),
    "agency": ("instansi terdisposisi", "dinas tujuan"),
    "status": ("status laporan", "status"),
    "reason": ("alasan tunda/arsip", "alasan tunda"),
    "province": ("provinsi",),
    "city": ("kota/kabupaten", "kota kabupaten"),
    "kecamatan": ("kecamatan", "kecamatan final"),
    "kelurahan": ("kelurahan",),
}
REQUIRED = ("tracking_id", "date", "status")


class LayoutError(ValueError):
    """The file is not a LAPOR! export we can read."""


@dataclass(frozen=True)
class Layout:
    positions: dict[str, int]  # canonical name → column index

    @property
    def has_privacy(self) -> bool:
        return "type" in self.positions


def _normalise(header: Any) -> str:
    return " ".join(str(header or "").replace("_", " ").lower().split())


def layout_of(header: list[Any]) -> Layout:
    names = [_normalise(h) for h in header]
    positions: dict[str, int] = {}
    for canonical, spellings in COLUMNS.items():
        for spelling in spellings:
            if spelling in names:
                positions[canonical] = names.index(spelling)
                break
    missing = [name for name in REQUIRED if name not in positions]
    if missing:
        raise LayoutError(
            "Not a LAPOR! export: no column for "
            + ", ".join(COLUMNS[name][0] for name in missing)
            + f". Header read: {header}"
        )
    return Layout(positions)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _raw_rows(path: Path) -> Iterator[list[Any]]:
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            for values in workbook.worksheets[0].iter_rows(values_only=True):
                yield list(values)
        finally:
            workbook.close()
        return
    csv.field_size_limit(16 * 1024 * 1024)  # report texts can be long
    with path.open(newline="", encoding="utf-8-sig") as handle:
        yield from csv.reader(handle)


def read_rows(path: Path) -> tuple[Layout, Iterator[tuple[int, dict[str, str]]]]:
    """The file's layout and its data rows as ``(row number in the file, {canonical: text})``;
    row 1 is the header, so the first data row is row 2 (what a spreadsheet shows)."""
    rows = _raw_rows(path)
    header = next(rows, None)
    if header is None:
        raise LayoutError("The file is empty.")
    layout = layout_of(header)

    def records() -> Iterator[tuple[int, dict[str, str]]]:
        width = len(header)
        for number, values in enumerate(rows, start=2):
            if not any(v not in (None, "") for v in values):
                continue
            if len(values) < width:
                values = [*values, *([None] * (width - len(values)))]
            yield number, {name: _cell(values[i]) for name, i in layout.positions.items()}

    return layout, records()
