import gzip
from pathlib import Path

import pytest
from django.utils import translation

from rembug.regions.models import Region
from rembug.regions.services import RegionFileError, regions_import

SMALL = [
    "kode,nama,level",
    "36,Banten,1",
    "36.73,Kota Serang,2",
    "36.73.01,Serang,3",
    "36.73.02,Kasemen,3",
    "36.73.01.1001,Cipare,4",
    "36.73.02.1001,Kasemen,4",
    "36.73.02.1002,Warung Jaud,4",
]


@pytest.fixture(autouse=True)
def _english():
    """Reasons are matched in English; the Indonesian wording is the translators' to change."""
    with translation.override("en"):
        yield


def write(tmp_path: Path, lines: list[str], name: str = "wilayah.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def state() -> list[tuple[str, str, int, str | None]]:
    return list(Region.objects.order_by("code").values_list("code", "name", "level", "parent_id"))


@pytest.mark.django_db
def test_it_counts_regions_per_level(tmp_path):
    assert regions_import(path=write(tmp_path, SMALL)) == {1: 1, 2: 1, 3: 2, 4: 3}
    assert Region.objects.get(code="36.73.02.1002").parent.parent.name == "Kota Serang"


@pytest.mark.django_db
def test_it_reads_gzipped_files(tmp_path):
    path = tmp_path / "wilayah.csv.gz"
    path.write_bytes(gzip.compress(("\n".join(SMALL) + "\n").encode()))
    assert regions_import(path=path) == {1: 1, 2: 1, 3: 2, 4: 3}


@pytest.mark.django_db
def test_blank_lines_are_skipped(tmp_path):
    path = write(tmp_path, [SMALL[0], SMALL[1], "", SMALL[2], ",,", ""])
    assert regions_import(path=path) == {1: 1, 2: 1, 3: 0, 4: 0}


@pytest.mark.django_db
def test_reimport_is_idempotent_and_updates_names(tmp_path):
    regions_import(path=write(tmp_path, SMALL))
    before = state()
    assert regions_import(path=write(tmp_path, SMALL)) == {1: 1, 2: 1, 3: 2, 4: 3}
    assert state() == before
    renamed = [line.replace("Warung Jaud", "Warung Jaud Baru") for line in SMALL]
    regions_import(path=write(tmp_path, renamed))
    assert Region.objects.get(code="36.73.02.1002").name == "Warung Jaud Baru"
    assert Region.objects.count() == 7


@pytest.mark.django_db
def test_a_file_may_add_children_of_regions_already_held(tmp_path):
    regions_import(path=write(tmp_path, SMALL))
    regions_import(path=write(tmp_path, ["kode,nama,level", "36.73.03,Walantaka,3"]))
    assert Region.objects.get(code="36.73.03").parent_id == "36.73"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lines", "bad_lines", "reason"),
    [
        (["code,name,level", *SMALL[1:]], [1], "header"),
        ([SMALL[0], "36,Banten,5"], [2], "level must be"),
        ([SMALL[0], "36,Banten,satu"], [2], "level must be"),
        ([SMALL[0], "36,Banten,1", "36.7,Kota Serang,2"], [3], "does not fit level"),
        ([SMALL[0], "36,Banten,1", "36.73,Kota Serang,3"], [3], "does not fit level"),
        ([SMALL[0], "36,Banten,1", "36.73.01.101,Cipare,4"], [3], "does not fit level"),
        ([*SMALL, "36.73.01,Serang Lagi,3"], [9], "repeats line 4"),
        ([SMALL[0], "36,Banten,1", "36.99.01,Entah,3"], [3], "parent 36.99"),
        ([SMALL[0], "36,Banten"], [2], "expected 3 columns"),
        ([SMALL[0], "36,Banten,1,lebih"], [2], "expected 3 columns"),
        ([SMALL[0], "36,,1"], [2], "name is empty"),
        (
            [SMALL[0], "36,Banten,1", "36.7,X,2", "36.73.01.1,Y,4", "36.71,Z,9"],
            [3, 4, 5],
            "does not fit level",
        ),
    ],
)
def test_a_malformed_file_is_refused_with_line_numbers_and_changes_nothing(
    tmp_path, lines, bad_lines, reason
):
    regions_import(path=write(tmp_path, ["kode,nama,level", "31,DKI Jakarta,1"], "before.csv"))
    before = state()
    with pytest.raises(RegionFileError, match=reason) as error:
        regions_import(path=write(tmp_path, lines))
    assert [line for line, _reason in error.value.errors] == bad_lines
    assert f"line {bad_lines[0]}" in str(error.value)
    assert state() == before


@pytest.mark.django_db
def test_a_bad_line_anywhere_keeps_the_good_lines_out_too(tmp_path):
    with pytest.raises(RegionFileError):
        regions_import(path=write(tmp_path, [*SMALL, "36.73.02.1003,Nama,4,x"]))
    assert Region.objects.count() == 0


@pytest.mark.django_db
def test_it_imports_the_full_shipped_file():
    counts = regions_import()
    assert counts == {1: 38, 2: 514, 3: 7_285, 4: 83_762}
    for code, name, districts, villages in [
        ("36.73", "Kota Serang", 6, 67),
        ("36.74", "Kota Tangerang Selatan", 7, 54),
    ]:
        city = Region.objects.get(code=code)
        assert (city.name, city.level, city.parent_id) == (name, 2, "36")
        assert Region.objects.filter(parent=city, level=3).count() == districts
        assert Region.objects.filter(parent__parent=city, level=4).count() == villages
    assert Region.objects.get(code="36.73.02").name == "Kasemen"
