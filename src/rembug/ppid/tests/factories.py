"""Helpers to make information requests in tests through the real services."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from rembug.governments.models import Agency
from rembug.ppid.models import AccessMode, Delivery, IdKind, InformationRequest
from rembug.ppid.services import request_submit

WIB = ZoneInfo("Asia/Jakarta")
# Monday 3 March 2025, 09:00 WIB: ten working days later is Monday 17 March.
MONDAY = dt.datetime(2025, 3, 3, 9, 0, tzinfo=WIB)

SENTINEL = {
    "name": "Sentinela Rahasiawati",
    "id_number": "3673019999000001",
    "address": "Jl. Sentinel Nomor 99, Kasemen",
    "phone": "0812-9999-0001",
    "email": "sentinela.ppid@contoh.id",
}


def information_request(
    agency: Agency, *, by: Any = None, at: dt.datetime | None = None, **overrides: Any
) -> InformationRequest:
    values: dict[str, Any] = {
        "name": "Budi Santoso",
        "id_kind": IdKind.NIK,
        "id_number": "3673010101900001",
        "address": "Jl. Ahmad Yani 1, Serang",
        "phone": "081234567890",
        "email": "budi@contoh.id",
        "information": "Salinan DPA Dinas Kominfo tahun 2025",
        "purpose": "Bahan kajian anggaran oleh mahasiswa",
        "access_mode": AccessMode.SOFT_COPY,
        "delivery": Delivery.EMAIL,
    }
    values.update(overrides)
    return request_submit(
        government=agency.government, agency=agency, by=by, at=at or MONDAY, **values
    )
