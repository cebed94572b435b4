"""LAPOR!'s values mapped onto Rembug's: classification, privacy (*Tipe Laporan*), status
(*Status Laporan*, with who closed or archived it) and dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from rembug.complaints.models import ArchiveReason, Classification, Privacy, ResolvedBy, Status


class BadValue(ValueError):
    """A cell we cannot map; the row is reported and left out."""


CLASSIFICATIONS = {
    "pengaduan berkadar pengawasan": Classification.PENGADUAN_PENGAWASAN,
    "pengaduan tidak berkadar pengawasan": Classification.PENGADUAN,
    "pengaduan": Classification.PENGADUAN,
    "aspirasi": Classification.ASPIRASI,
    "permintaan informasi": Classification.PERMINTAAN_INFORMASI,
}


def classification_of(value: str) -> str:
    """An empty cell (a report LAPOR! never classified) becomes a plain complaint."""
    key = " ".join(value.lower().split())
    if not key:
        return Classification.PENGADUAN
    try:
        return CLASSIFICATIONS[key]
    except KeyError:
        raise BadValue(f"unknown Klasifikasi Laporan {value!r}") from None


def privacy_of(value: str, *, default: str) -> str:
    parts = {part.strip().lower() for part in value.split("|") if part.strip()}
    if not parts:
        return default
    if not parts <= {"anonim", "rahasia"}:
        raise BadValue(f"unknown Tipe Laporan {value!r}")
    if parts == {"anonim", "rahasia"}:
        return Privacy.ANONYMOUS_CONFIDENTIAL
    return Privacy.ANONYMOUS if "anonim" in parts else Privacy.CONFIDENTIAL


@dataclass(frozen=True)
class Outcome:
    status: str
    resolved_by: str = ""
    archive_reason: str = ""
    verified: bool = True


BY = {"sistem": ResolvedBy.SYSTEM, "admin": ResolvedBy.ADMIN, "pelapor": ResolvedBy.REPORTER}
STATUS_PATTERN = re.compile(r"^(ditutup|diarsipkan) oleh (sistem|admin|pelapor)$")
OTHER_STATUSES = {
    "menunggu kelengkapan informasi": Outcome(Status.NEEDS_INFO, verified=False),
    "konten terblokir": Outcome(
        Status.ARCHIVED, ResolvedBy.ADMIN, ArchiveReason.BLOCKED, verified=False
    ),
    "belum terverifikasi": Outcome(Status.SUBMITTED, verified=False),
    "selesai": Outcome(Status.CLOSED, ResolvedBy.ADMIN),
}


def _archive_reason(reason: str, by: str) -> str:
    text = reason.lower()
    if "keinginan" in text or by == ResolvedBy.REPORTER:
        return ArchiveReason.WITHDRAWN
    if "kadaluarsa" in text or "kedaluwarsa" in text:
        return ArchiveReason.NO_RESPONSE
    return ArchiveReason.OTHER


def outcome_of(status: str, reason: str) -> Outcome:
    key = " ".join(status.lower().split())
    match = STATUS_PATTERN.match(key)
    if match:
        by = BY[match.group(2)]
        if match.group(1) == "ditutup":
            return Outcome(Status.CLOSED, by)
        return Outcome(Status.ARCHIVED, by, _archive_reason(reason, by), verified=False)
    try:
        return OTHER_STATUSES[key]
    except KeyError:
        raise BadValue(f"unknown Status Laporan {status!r}") from None


MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "januari", "january"),
            ("feb", "februari", "february", "peb"),
            ("mar", "maret", "march"),
            ("apr", "april"),
            ("mei", "may"),
            ("jun", "juni", "june"),
            ("jul", "juli", "july"),
            ("agu", "agt", "agus", "agustus", "aug", "august"),
            ("sep", "sept", "september"),
            ("okt", "oktober", "oct", "october"),
            ("nov", "nop", "november"),
            ("des", "desember", "dec", "december"),
        ],
        start=1,
    )
    for name in names
}
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")
DMY_NAMED = re.compile(r"^(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})")
DMY_NUMERIC = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4})")
TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?")


def submitted_at(date: str, time: str, zone: ZoneInfo) -> dt.datetime:
    """``23 Sep 2024`` / ``23 Agu 2024`` / ``2023-05-29 00:00:00`` / ``29/05/2023`` plus
    ``04:05:34``, read in the government's time zone."""
    date = date.strip()
    if match := ISO_DATE.match(date):
        year, month, day = (int(g) for g in match.groups())
    elif match := DMY_NAMED.match(date):
        month = MONTHS.get(match.group(2).lower(), 0)
        day, year = int(match.group(1)), int(match.group(3))
    elif match := DMY_NUMERIC.match(date):
        day, month, year = (int(g) for g in match.groups())
    else:
        raise BadValue(f"unreadable Tanggal Laporan Masuk {date!r}")
    hour = minute = second = 0
    if time_match := TIME.match(time.strip()):
        hour, minute = int(time_match.group(1)), int(time_match.group(2))
        second = int(time_match.group(3) or 0)
    try:
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError:
        raise BadValue(f"impossible date {date!r} {time!r}") from None
