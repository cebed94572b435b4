"""Matching LAPOR!'s names to the government's own records: agencies (through a mapping file a
person can edit) and kecamatan/kelurahan (by name, under the government's region)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from rembug.governments.models import Agency, Government
from rembug.regions.models import Region

MAPPING_HEADER = ("lapor_instansi", "agency_short_name")
# Words that LAPOR! adds around an agency's name: "Dinas Sosial Kabupaten Bandung",
# "Dinas Perhubungan Kab. Bandung", "… Kota Samarinda".
SUFFIX = re.compile(r"\s+(kab\.?|kabupaten|kota|pemerintah)\b.*$", re.IGNORECASE)


def name_key(name: str) -> str:
    return " ".join(SUFFIX.sub("", name).lower().replace(".", " ").split())


def read_mapping(path: Path) -> dict[str, str]:
    """LAPOR! instansi name → agency short name; rows with an empty short name are unmapped."""
    mapping: dict[str, str] = {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            lapor = (row.get(MAPPING_HEADER[0]) or "").strip()
            if lapor:
                mapping[lapor] = (row.get(MAPPING_HEADER[1]) or "").strip()
    return mapping


def write_mapping(path: Path, mapping: dict[str, str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(MAPPING_HEADER)
        for lapor, short_name in sorted(mapping.items()):
            writer.writerow([lapor, short_name])


class AgencyMatcher:
    """An explicit mapping first; otherwise the agency whose name or short name matches (case
    and "Kab./Kota …" suffixes ignored). Unmatched names are remembered for the report."""

    def __init__(self, government: Government, mapping: dict[str, str] | None = None) -> None:
        agencies = list(Agency.objects.filter(government=government))
        self.by_short = {a.short_name.lower(): a for a in agencies}
        self.by_key: dict[str, Agency] = {}
        for agency in agencies:
            self.by_key.setdefault(name_key(agency.name), agency)
            self.by_key.setdefault(name_key(agency.short_name), agency)
        self.mapping = mapping or {}
        self.unmapped: dict[str, int] = {}
        self.cache: dict[str, Agency | None] = {}

    def guess(self, name: str) -> Agency | None:
        return self.by_key.get(name_key(name))

    def match(self, name: str) -> Agency | None:
        if not name:
            return None
        if name not in self.cache:
            if name in self.mapping:
                short = self.mapping[name]
                self.cache[name] = self.by_short.get(short.lower()) if short else None
            else:
                self.cache[name] = self.guess(name)
        agency = self.cache[name]
        if agency is None:
            self.unmapped[name] = self.unmapped.get(name, 0) + 1
        return agency


class RegionMatcher:
    """Kecamatan of the government's area by name (``SAMARINDA ILIR``, ``Kecamatan Baleendah``),
    kelurahan by name under it."""

    def __init__(self, government: Government) -> None:
        districts = Region.objects.filter(
            parent_id=government.region_id, level=Region.Level.DISTRICT
        )
        self.districts = {self._key(r.name): r for r in districts}
        self.villages: dict[str, dict[str, Region]] = {}

    @staticmethod
    def _key(name: str) -> str:
        name = re.sub(r"^(kecamatan|kec\.|kelurahan|kel\.|desa)\s+", "", name.strip(), flags=re.I)
        return " ".join(name.lower().split())

    def district(self, name: str) -> Region | None:
        return self.districts.get(self._key(name)) if name else None

    def village(self, district: Region | None, name: str) -> Region | None:
        if district is None or not name:
            return None
        if district.pk not in self.villages:
            self.villages[district.pk] = {
                self._key(r.name): r
                for r in Region.objects.filter(parent=district, level=Region.Level.VILLAGE)
            }
        return self.villages[district.pk].get(self._key(name))
