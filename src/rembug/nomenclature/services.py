"""Importing a version of the national nomenclature from CSV or XLSX: check the whole file first,
then write it in one transaction. A bad file changes nothing."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from rembug.core.audit import audit_record
from rembug.core.models import AuditEntry
from rembug.nomenclature import codes
from rembug.nomenclature.models import NomenclatureItem, NomenclatureVersion

Level = NomenclatureItem.Level
LEVEL_ORDER = [Level.URUSAN, Level.BIDANG_URUSAN, Level.PROGRAM, Level.KEGIATAN, Level.SUB_KEGIATAN]
# Optional columns and the model field each fills, with the field's length limit.
EXTRA_COLUMNS = {
    "kinerja": ("performance", 500),
    "indikator": ("indicator", 500),
    "satuan": ("unit", 100),
    "source": ("source", 300),
}
NAME_MAX = 500
BATCH_SIZE = 1000
SHOWN_ERRORS = 20

# Each reason in English and Indonesian: importers are run by operators of either language and the
# message must be understood without a translation catalogue installed.
MESSAGES: dict[str, tuple[str, str]] = {
    "header": (
        "the header must name the columns kode and nama (level and %(extra)s optional), "
        "found %(found)s",
        "baris judul harus memuat kolom kode dan nama (level dan %(extra)s boleh ada), "
        "ditemukan %(found)s",
    ),
    "columns": (
        "expected %(expected)d columns as in the header, found %(found)d",
        "seharusnya %(expected)d kolom seperti baris judul, ditemukan %(found)d",
    ),
    "code_empty": ("the code is empty", "kode kosong"),
    "code_number": (
        "the code %(code)s is stored as a number, which loses zeros; format the column as text",
        "kode %(code)s tersimpan sebagai angka sehingga angka nol hilang; jadikan kolomnya teks",
    ),
    "code_shape": (
        "the code %(code)s fits none of U, U.BU, U.BU.PP, U.BU.PP.L.KK, U.BU.PP.L.KK.SS(SS) "
        "(L is 1 provinsi or 2 kabupaten/kota)",
        "kode %(code)s tidak sesuai bentuk U, U.BU, U.BU.PP, U.BU.PP.L.KK, U.BU.PP.L.KK.SS(SS) "
        "(L adalah 1 provinsi atau 2 kabupaten/kota)",
    ),
    "level_unknown": (
        "unknown level %(level)s (use urusan, bidang_urusan, program, kegiatan or sub_kegiatan)",
        "level %(level)s tidak dikenal (gunakan urusan, bidang_urusan, program, kegiatan atau "
        "sub_kegiatan)",
    ),
    "level_mismatch": (
        "the code %(code)s is a %(shape)s code but the level column says %(level)s",
        "kode %(code)s berbentuk kode %(shape)s, tetapi kolom level menyebut %(level)s",
    ),
    "name_empty": ("the name is empty", "nama kosong"),
    "too_long": (
        "%(column)s is longer than %(max)d characters",
        "%(column)s lebih dari %(max)d karakter",
    ),
    "duplicate": (
        "the code %(code)s repeats line %(first)d",
        "kode %(code)s sudah ada di baris %(first)d",
    ),
    "parent": (
        "the parent %(parent)s of %(code)s is neither in the file nor in the version",
        "induk %(parent)s dari %(code)s tidak ada di berkas maupun di versi ini",
    ),
    "mixed": (
        "sub kegiatan %(code)s has a %(found)s-digit number but line %(first)d has a "
        "%(expected)s-digit one; one version uses one code format",
        "sub kegiatan %(code)s bernomor %(found)s digit, padahal baris %(first)d bernomor "
        "%(expected)s digit; satu versi memakai satu format kode",
    ),
    "version_format": (
        "version %(version)s uses %(expected)s-digit sub kegiatan, this file %(found)s-digit ones",
        "versi %(version)s memakai sub kegiatan %(expected)s digit, berkas ini %(found)s digit",
    ),
    "empty": ("the file holds no items", "berkas tidak memuat butir apa pun"),
    "unreadable": ("the file cannot be read: %(reason)s", "berkas tidak dapat dibaca: %(reason)s"),
}
DIGITS: dict[str, str] = {
    NomenclatureVersion.CodeFormat.SUB_2_DIGIT: "2",
    NomenclatureVersion.CodeFormat.SUB_4_DIGIT: "4",
}


@dataclass(frozen=True)
class Problem:
    """One reason a line was refused, in English and Indonesian."""

    line: int
    english: str
    indonesian: str

    def __str__(self) -> str:
        return f"baris {self.line}: {self.indonesian} / line {self.line}: {self.english}"


def _problem(line: int, key: str, **params: Any) -> Problem:
    english, indonesian = MESSAGES[key]
    return Problem(line, english % params, indonesian % params)


class NomenclatureFileError(ValueError):
    """The file is malformed; ``problems`` lists every refused line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.line)
        shown = "\n".join(str(p) for p in self.problems[:SHOWN_ERRORS])
        more = len(self.problems) - SHOWN_ERRORS
        suffix = f"\n… {more} lagi / {more} more" if more > 0 else ""
        super().__init__(shown + suffix)


@dataclass
class ParsedItem:
    line: int
    code: str
    level: str
    name: str
    extras: dict[str, str] = field(default_factory=dict)

    @property
    def parent_code(self) -> str | None:
        return codes.parent_code(self.code, self.level)


@dataclass
class ParsedFile:
    items: list[ParsedItem]
    code_format: str


@dataclass
class ImportResult:
    version: NomenclatureVersion
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    unlisted: list[str] = field(default_factory=list)


# Reading -------------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows_csv(path: Path) -> Iterator[tuple[int, list[object]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
        handle.seek(0)
        # Spreadsheets set to Indonesian export CSV with semicolons.
        delimiter = ";" if first.count(";") > first.count(",") else ","
        for line, record in enumerate(csv.reader(handle, delimiter=delimiter), start=1):
            yield line, list(record)


def _rows_xlsx(path: Path) -> Iterator[tuple[int, list[object]]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = list(values)
            while cells and cells[-1] in (None, ""):
                cells.pop()  # read-only sheets pad rows to the widest one
            yield line, cells
    finally:
        workbook.close()


def _rows(path: Path) -> Iterator[tuple[int, list[object]]]:
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _rows_xlsx(path)
    return _rows_csv(path)


def _header(cells: list[object]) -> dict[str, int] | None:
    names = [_cell_text(c).lower() for c in cells]
    if "kode" not in names or "nama" not in names:
        return None
    return {name: index for index, name in enumerate(names) if name}


# Checking ------------------------------------------------------------------------------------


def _check_record(
    line: int, cells: list[object], columns: dict[str, int], width: int, is_xlsx: bool
) -> tuple[ParsedItem | None, list[Problem]]:
    if len(cells) > width or (not is_xlsx and len(cells) != width):
        return None, [_problem(line, "columns", expected=width, found=len(cells))]
    cells = cells + [None] * (width - len(cells))
    raw_code = cells[columns["kode"]]
    code = _cell_text(raw_code)
    if isinstance(raw_code, float) and not raw_code.is_integer():
        return None, [_problem(line, "code_number", code=code)]
    if not code:
        return None, [_problem(line, "code_empty")]
    shape = codes.level_of(code)
    if shape is None:
        return None, [_problem(line, "code_shape", code=code)]
    problems: list[Problem] = []
    level_text = _cell_text(cells[columns["level"]]) if "level" in columns else ""
    if level_text:
        level = codes.level_word(level_text)
        if level is None:
            problems.append(_problem(line, "level_unknown", level=level_text))
        elif level != shape:
            problems.append(
                _problem(
                    line, "level_mismatch", code=code, shape=Level(shape).label, level=level_text
                )
            )
    name = _cell_text(cells[columns["nama"]])
    if not name:
        problems.append(_problem(line, "name_empty"))
    elif len(name) > NAME_MAX:
        problems.append(_problem(line, "too_long", column="nama", max=NAME_MAX))
    extras: dict[str, str] = {}
    for column, (field_name, limit) in EXTRA_COLUMNS.items():
        if column in columns:
            value = _cell_text(cells[columns[column]])
            if len(value) > limit:
                problems.append(_problem(line, "too_long", column=column, max=limit))
            extras[field_name] = value
    if problems:
        return None, problems
    return ParsedItem(line=line, code=code, level=shape, name=name, extras=extras), []


def _check_format(
    items: list[ParsedItem], version: NomenclatureVersion | None
) -> tuple[str, list[Problem]]:
    subs = [item for item in items if item.level == Level.SUB_KEGIATAN]
    if not subs:
        fallback = version.code_format if version else NomenclatureVersion.CodeFormat.SUB_4_DIGIT
        return fallback, []
    first = subs[0]
    expected = codes.code_format_of(first.code)
    problems = [
        _problem(
            item.line,
            "mixed",
            code=item.code,
            found=DIGITS[codes.code_format_of(item.code)],
            expected=DIGITS[expected],
            first=first.line,
        )
        for item in subs
        if codes.code_format_of(item.code) != expected
    ]
    if not problems and version is not None and version.code_format != expected:
        problems.append(
            _problem(
                first.line,
                "version_format",
                version=version.name,
                expected=DIGITS[version.code_format],
                found=DIGITS[expected],
            )
        )
    return expected, problems


def _check_parents(items: list[ParsedItem], known: set[str]) -> list[Problem]:
    problems = []
    for item in items:
        parent = item.parent_code
        if parent is None or parent in known:
            continue
        # A bidang urusan may stand alone: files often start at 2.16 without the urusan 2.
        if item.level == Level.BIDANG_URUSAN:
            continue
        problems.append(_problem(item.line, "parent", parent=parent, code=item.code))
    return problems


def nomenclature_parse(*, path: Path, version: NomenclatureVersion | None = None) -> ParsedFile:
    """Read and check a ``kode,level,nama`` CSV or XLSX file against ``version`` (when it exists
    already). Raises :class:`NomenclatureFileError` listing every bad line."""
    problems: list[Problem] = []
    items: list[ParsedItem] = []
    seen: dict[str, int] = {}
    is_xlsx = path.suffix.lower() in {".xlsx", ".xlsm"}
    try:
        rows = _rows(path)
        header_line, header_cells = next(rows, (1, []))
        columns = _header(header_cells)
        if columns is None:
            found = ",".join(_cell_text(c) for c in header_cells) or "-"
            raise NomenclatureFileError(
                [_problem(header_line, "header", extra=", ".join(EXTRA_COLUMNS), found=found)]
            )
        for line, cells in rows:
            if not any(_cell_text(c) for c in cells):
                continue
            item, found_problems = _check_record(line, cells, columns, len(header_cells), is_xlsx)
            problems.extend(found_problems)
            if item is None:
                continue
            if item.code in seen:
                problems.append(_problem(line, "duplicate", code=item.code, first=seen[item.code]))
                continue
            seen[item.code] = line
            items.append(item)
    except (OSError, UnicodeDecodeError, csv.Error, ValueError) as error:
        if isinstance(error, NomenclatureFileError):
            raise
        raise NomenclatureFileError([_problem(1, "unreadable", reason=str(error))]) from error
    if not items and not problems:
        problems.append(_problem(1, "empty"))
    code_format, format_problems = _check_format(items, version)
    known = set(seen)
    if version is not None:
        known |= set(version.items.values_list("code", flat=True))
    problems += format_problems + _check_parents(items, known)
    if problems:
        raise NomenclatureFileError(problems)
    return ParsedFile(items=items, code_format=code_format)


# Writing -------------------------------------------------------------------------------------

UPDATED_FIELDS = [
    "name",
    "level",
    "parent",
    "performance",
    "indicator",
    "unit",
    "source",
    "is_listed",
]


@transaction.atomic
def nomenclature_import(
    *, path: Path, version_name: str, regulation: str = "", note: str = "", by: Any = None
) -> ImportResult:
    """Load a version of the nomenclature from ``path``; all or nothing, idempotent.

    A re-import updates names and details, adds new items and reports (and marks as no longer
    listed) the items missing from the file, without deleting them: plans may refer to them."""
    version = NomenclatureVersion.objects.select_for_update().filter(name=version_name).first()
    parsed = nomenclature_parse(path=path, version=version)
    created_version = version is None
    if version is None:
        version = NomenclatureVersion.objects.create(
            name=version_name, regulation=regulation, code_format=parsed.code_format, note=note
        )
    else:
        version.regulation = regulation or version.regulation
        version.note = note or version.note
        version.save(update_fields=["regulation", "note", "imported_at"])
    result = ImportResult(version=version)
    existing = {item.code: item for item in version.items.all()}
    ids = {code: item.pk for code, item in existing.items()}
    for level in LEVEL_ORDER:
        _write_level(
            [i for i in parsed.items if i.level == level],
            existing=existing,
            ids=ids,
            version=version,
            result=result,
        )
    in_file = {item.code for item in parsed.items}
    result.unlisted = sorted(code for code, item in existing.items() if code not in in_file)
    stale = [existing[code].pk for code in result.unlisted if existing[code].is_listed]
    for start in range(0, len(stale), BATCH_SIZE):
        NomenclatureItem.objects.filter(pk__in=stale[start : start + BATCH_SIZE]).update(
            is_listed=False
        )
    audit_record(
        instance=version,
        by=by,
        action=AuditEntry.Action.CREATE if created_version else AuditEntry.Action.UPDATE,
        changes={
            "items": {
                "created": result.created,
                "updated": result.updated,
                "unlisted": len(result.unlisted),
            }
        },
        note=f"import {path.name}",
    )
    return result


def _write_level(
    rows: list[ParsedItem],
    *,
    existing: dict[str, NomenclatureItem],
    ids: dict[str, int],
    version: NomenclatureVersion,
    result: ImportResult,
) -> None:
    new: list[NomenclatureItem] = []
    changed: list[NomenclatureItem] = []
    for row in rows:
        values: dict[str, Any] = {
            "name": row.name,
            "level": row.level,
            "parent_id": ids.get(row.parent_code) if row.parent_code else None,
            "is_listed": True,
            **row.extras,
        }
        item = existing.get(row.code)
        if item is None:
            new.append(NomenclatureItem(version=version, code=row.code, **values))
            continue
        if all(getattr(item, name) == value for name, value in values.items()):
            result.unchanged += 1
            continue
        for name, value in values.items():
            setattr(item, name, value)
        changed.append(item)
    NomenclatureItem.objects.bulk_create(new, batch_size=BATCH_SIZE)
    if any(item.pk is None for item in new):
        # Databases that do not return keys from a bulk insert: read them back.
        created = dict(version.items.values_list("code", "pk"))
        for item in new:
            item.pk = created[item.code]
    ids.update((item.code, item.pk) for item in new)
    if changed:
        NomenclatureItem.objects.bulk_update(changed, UPDATED_FIELDS, batch_size=BATCH_SIZE)
    result.created += len(new)
    result.updated += len(changed)
