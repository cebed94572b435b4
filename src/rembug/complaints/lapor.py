"""The SP4N-LAPOR! vocabulary and ours: how the values of a LAPOR! export map onto a report,
and back (for an export in the LAPOR! layout). Pure functions, no database: the importer and
Open311 build on them.

The values are those of real exports (``Status Laporan``, ``Tipe Laporan (Anonim/Rahasia)``,
``Sumber Laporan``, ``Klasifikasi Laporan``, ``Alasan Tunda/Arsip``); unknown values map to a
safe default and are reported by the caller.
"""

from __future__ import annotations

from rembug.complaints.models import (
    ArchiveReason,
    Classification,
    Privacy,
    ResolvedBy,
    Source,
    Status,
)

CLASSIFICATIONS = {
    "pengaduan berkadar pengawasan": Classification.PENGADUAN_PENGAWASAN,
    "pengaduan tidak berkadar pengawasan": Classification.PENGADUAN,
    "pengaduan": Classification.PENGADUAN,
    "aspirasi": Classification.ASPIRASI,
    "permintaan informasi": Classification.PERMINTAAN_INFORMASI,
}

# Statuses without "oleh …"; those with it (Ditutup/Diarsipkan oleh Sistem/Admin/Pelapor) are
# parsed by lapor_status.
STATUSES = {
    "belum terverifikasi": Status.SUBMITTED,
    "terverifikasi": Status.VERIFIED,
    "terdisposisi": Status.DISPATCHED,
    "ditindaklanjuti": Status.IN_PROGRESS,
    "sedang diproses": Status.IN_PROGRESS,
    "ditanggapi": Status.ANSWERED,
    "selesai": Status.CLOSED,
    "menunggu kelengkapan informasi": Status.NEEDS_INFO,
    "tunda": Status.NEEDS_INFO,
    "bukan kewenangan": Status.FORWARDED,
    "konten terblokir": Status.ARCHIVED,
}
RESOLVERS = {"sistem": ResolvedBy.SYSTEM, "admin": ResolvedBy.ADMIN, "pelapor": ResolvedBy.REPORTER}
SOURCES = {
    "website": Source.WEB,
    "android": Source.ANDROID,
    "hotline service": Source.HOTLINE,
    "instagram": Source.INSTAGRAM,
    "sms": Source.SMS,
    "email instansi": Source.EMAIL,
    "whatsapp": Source.WHATSAPP,
}


def _key(value: str) -> str:
    return " ".join(value.lower().split())


def lapor_classification(value: str) -> str | None:
    """Our classification for LAPOR!'s *Klasifikasi Laporan*, or None if unknown or empty."""
    return CLASSIFICATIONS.get(_key(value))


def lapor_status(value: str) -> tuple[str, str] | None:
    """(status, resolved_by) for LAPOR!'s *Status Laporan*, or None if unknown."""
    key = _key(value)
    for verb, status in (("ditutup oleh ", Status.CLOSED), ("diarsipkan oleh ", Status.ARCHIVED)):
        if key.startswith(verb):
            resolver = RESOLVERS.get(key.removeprefix(verb))
            return (status, resolver) if resolver else None
    plain = STATUSES.get(key)
    return (plain, "") if plain else None


def lapor_privacy(value: str) -> str:
    """LAPOR!'s *Tipe Laporan*: empty, ``Anonim``, ``Rahasia`` or ``Anonim|Rahasia``."""
    parts = {part.strip().lower() for part in value.split("|") if part.strip()}
    anonymous, confidential = "anonim" in parts, "rahasia" in parts
    if anonymous and confidential:
        return Privacy.ANONYMOUS_CONFIDENTIAL
    if confidential:
        return Privacy.CONFIDENTIAL
    return Privacy.ANONYMOUS if anonymous else Privacy.PUBLIC


def lapor_source(value: str) -> str:
    """LAPOR!'s *Sumber Laporan* (``Website - <instansi>`` counts as the website)."""
    key = _key(value.split(" - ", 1)[0])
    return SOURCES.get(key, Source.LAPOR)


def lapor_archive_reason(text: str, status_label: str = "") -> str:
    """An archive reason from LAPOR!'s free-text *Alasan Tunda/Arsip*."""
    key = _key(text)
    if "keinginan pelapor" in key or _key(status_label) == "diarsipkan oleh pelapor":
        return ArchiveReason.WITHDRAWN
    if "kadaluarsa" in key or "kedaluwarsa" in key:
        return ArchiveReason.EXPIRED
    if "terblokir" in key or _key(status_label) == "konten terblokir":
        return ArchiveReason.BLOCKED
    if "bukti" in key:
        return ArchiveReason.NO_EVIDENCE
    if "tidak jelas" in key:
        return ArchiveReason.UNCLEAR
    if "tidak relevan" in key:
        return ArchiveReason.NOT_RELEVANT
    return ArchiveReason.OTHER


def lapor_status_label(status: str, resolved_by: str = "") -> str:
    """Back to LAPOR!'s wording, for an export in its layout."""
    by = {ResolvedBy.SYSTEM: "Sistem", ResolvedBy.ADMIN: "Admin", ResolvedBy.REPORTER: "Pelapor"}
    who = by[ResolvedBy(resolved_by)] if resolved_by else "Admin"
    if status == Status.CLOSED:
        return f"Ditutup oleh {who}"
    if status == Status.ARCHIVED:
        return f"Diarsipkan oleh {who}"
    labels = {
        Status.SUBMITTED: "Belum Terverifikasi",
        Status.VERIFIED: "Terverifikasi",
        Status.DISPATCHED: "Terdisposisi",
        Status.IN_PROGRESS: "Ditindaklanjuti",
        Status.REOPENED: "Ditindaklanjuti",
        Status.ANSWERED: "Ditanggapi",
        Status.NEEDS_INFO: "Menunggu Kelengkapan Informasi",
        Status.DUPLICATE: "Diarsipkan oleh Admin",
        Status.FORWARDED: "Bukan Kewenangan",
    }
    return labels[Status(status)]
