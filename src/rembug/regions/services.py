"""Loading Kemendagri region codes: validate the whole file first, then write it in one go."""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from rembug.regions.models import Region

SHIPPED_FILE = Path(__file__).resolve().parent / "data" / "wilayah_kemendagri_2025.csv.gz"
CODE_PATTERNS = {
    1: re.compile(r"^\d{2}$"),
    2: re.compile(r"^\d{2}\.\d{2}$"),
    3: re.compile(r"^\d{2}\.\d{2}\.\d{2}$"),
    4: re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"),
}
BATCH_SIZE = 5000


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    level: int

    @property
    def parent_code(self) -> str | None:
        return self.code.rsplit(".", 1)[0] if self.level > 1 else None


class RegionFileError(ValueError):
    """The file is malformed; ``errors`` holds (line number, reason) pairs."""

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        self.errors = errors
        shown = "; ".join(
            _("line %(line)d: %(reason)s") % {"line": n, "reason": r} for n, r in errors[:20]
        )
        more = len(errors) - 20
        suffix = _(" (and %(count)d more)") % {"count": more} if more > 0 else ""
        super().__init__(shown + suffix)


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
    return path.open(encoding="utf-8-sig", newline="")


def regions_parse(path: Path) -> list[RegionRow]:
    """Read and check a ``kode,nama,level`` file. Raises :class:`RegionFileError` listing every
    bad line; a region whose parent is neither in the file nor in the database is an error too."""
    rows: list[RegionRow] = []
    errors: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    with _open_text(path) as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or [h.strip().lower() for h in header[:3]] != ["kode", "nama", "level"]:
            raise RegionFileError([(1, _("the header must be kode,nama,level"))])
        for line, record in enumerate(reader, start=2):
            if not any(value.strip() for value in record):
                continue  # blank lines, e.g. the one a spreadsheet leaves at the end
            row, reason = _parse_record(record)
            if row is None:
                errors.append((line, reason))
                continue
            if row.code in seen:
                errors.append(
                    (
                        line,
                        _("code %(code)s repeats line %(first)d")
                        % {"code": row.code, "first": seen[row.code]},
                    )
                )
                continue
            seen[row.code] = line
            rows.append(row)
    known_parents = set(seen)
    missing = {r.parent_code for r in rows if r.parent_code and r.parent_code not in known_parents}
    if missing:
        known_parents |= set(Region.objects.filter(code__in=missing).values_list("code", flat=True))
    for row in rows:
        if row.parent_code and row.parent_code not in known_parents:
            errors.append(
                (
                    seen[row.code],
                    _("parent %(parent)s of %(code)s is unknown")
                    % {"parent": row.parent_code, "code": row.code},
                )
            )
    if errors:
        raise RegionFileError(sorted(errors))
    return rows


def _parse_record(record: list[str]) -> tuple[RegionRow | None, str]:
    if len(record) != 3:
        return None, _("expected 3 columns (kode,nama,level), found %(count)d") % {
            "count": len(record)
        }
    code, name, level_text = (value.strip() for value in record)
    if not level_text.isdigit() or int(level_text) not in CODE_PATTERNS:
        return None, _("level must be 1, 2, 3 or 4, not %(level)r") % {"level": level_text}
    level = int(level_text)
    if not CODE_PATTERNS[level].match(code):
        return None, _("code %(code)r does not fit level %(level)d") % {
            "code": code,
            "level": level,
        }
    if not name:
        return None, _("the name is empty")
    if len(name) > 200:
        return None, _("the name is longer than 200 characters")
    return RegionRow(code=code, name=name, level=level), ""


def _batches(rows: list[RegionRow]) -> Iterator[list[Region]]:
    batch: list[Region] = []
    for row in rows:
        batch.append(
            Region(code=row.code, name=row.name, level=row.level, parent_id=row.parent_code)
        )
        if len(batch) >= BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


def regions_import(*, path: Path = SHIPPED_FILE) -> dict[int, int]:
    """Insert or update every region of ``path`` (idempotent); all or nothing.
    Returns the number of regions per level now held."""
    rows = sorted(regions_parse(path), key=lambda r: (r.level, r.code))
    with transaction.atomic():
        for batch in _batches(rows):
            Region.objects.bulk_create(
                batch,
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=["name", "level", "parent"],
            )
    return regions_count()


def regions_count() -> dict[int, int]:
    counts = dict(
        Region.objects.values_list("level").annotate(n=Count("code")).values_list("level", "n")
    )
    return {level: counts.get(level, 0) for level in CODE_PATTERNS}
