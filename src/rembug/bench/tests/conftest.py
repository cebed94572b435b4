from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest

from rembug.regions.services import SHIPPED_FILE, regions_import

# Every province and kab/kota; kecamatan and kelurahan only where the tests put governments.
DETAILED = ("32.73", "32.71", "36.73", "36.74")


@pytest.fixture(scope="module")
def regions(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[None]:
    """The Kemendagri regions a generated city needs, imported once per test module (reference
    data, kept for the module's tests)."""
    path = Path(tmp_path_factory.mktemp("regions")) / "wilayah.csv"
    with gzip.open(SHIPPED_FILE, "rt", encoding="utf-8") as source, path.open("w") as target:
        for n, line in enumerate(source):
            code = line.split(",", 1)[0]
            if n == 0 or code.count(".") <= 1 or code.startswith(DETAILED):
                target.write(line)
    with django_db_blocker.unblock():
        regions_import(path=path)
    yield
    with django_db_blocker.unblock():
        from rembug.regions.models import Region

        for level in (4, 3, 2, 1):
            Region.objects.filter(level=level)._raw_delete(Region.objects.db)
