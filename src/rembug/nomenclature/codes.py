"""The shape of nomenclature codes (Permendagri 90/2019 and the Kepmendagri that revised it).

``U`` urusan, ``U.BU`` bidang urusan, ``U.BU.PP`` program, ``U.BU.PP.L.KK`` kegiatan and
``U.BU.PP.L.KK.SS`` (2019) or ``U.BU.PP.L.KK.SSSS`` (since Kepmendagri 050-5889/2021) sub kegiatan.
``L`` is the level of government the kegiatan belongs to: 1 provinsi, 2 kabupaten/kota.
"""

from __future__ import annotations

import re

from rembug.nomenclature.models import NomenclatureItem, NomenclatureVersion

Level = NomenclatureItem.Level

PATTERNS: dict[str, re.Pattern[str]] = {
    Level.URUSAN: re.compile(r"^[1-8]$"),
    Level.BIDANG_URUSAN: re.compile(r"^[1-8]\.\d{2}$"),
    Level.PROGRAM: re.compile(r"^[1-8]\.\d{2}\.\d{2}$"),
    Level.KEGIATAN: re.compile(r"^[1-8]\.\d{2}\.\d{2}\.[12]\.\d{2}$"),
    Level.SUB_KEGIATAN: re.compile(r"^[1-8]\.\d{2}\.\d{2}\.[12]\.\d{2}\.(\d{2}|\d{4})$"),
}

# What people write in the ``level`` column, mapped to our levels.
LEVEL_WORDS: dict[str, str] = {
    "urusan": Level.URUSAN,
    "bidang_urusan": Level.BIDANG_URUSAN,
    "program": Level.PROGRAM,
    "kegiatan": Level.KEGIATAN,
    "sub_kegiatan": Level.SUB_KEGIATAN,
    "subkegiatan": Level.SUB_KEGIATAN,
}


def level_of(code: str) -> str | None:
    """The level a code's shape says it is, or None if the code fits no level."""
    for level, pattern in PATTERNS.items():
        if pattern.match(code):
            return level
    return None


def level_word(text: str) -> str | None:
    """Read a ``level`` cell: ``sub_kegiatan``, ``Sub Kegiatan``, ``bidang-urusan``…"""
    key = re.sub(r"[\s\-]+", "_", text.strip().lower())
    return LEVEL_WORDS.get(key)


def parent_code(code: str, level: str) -> str | None:
    """The code of the item one level up: the kegiatan ``2.16.02.2.01`` hangs under the program
    ``2.16.02`` (its level digit and number are dropped together)."""
    parts = code.split(".")
    if level == Level.URUSAN:
        return None
    if level == Level.KEGIATAN:
        return ".".join(parts[:3])
    return ".".join(parts[:-1])


def code_format_of(code: str) -> str:
    """The version format a sub kegiatan code belongs to (2- or 4-digit last segment)."""
    if len(code.rsplit(".", 1)[-1]) == 2:
        return NomenclatureVersion.CodeFormat.SUB_2_DIGIT
    return NomenclatureVersion.CodeFormat.SUB_4_DIGIT
