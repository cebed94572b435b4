from __future__ import annotations

from datetime import date

from rembug.triage.duplicates import DuplicateIndex, jaccard, shingles, similar_reports

ROAD = "Jalan berlubang di depan SDN 3 Kasemen belum diperbaiki sejak bulan lalu"
SIMILAR = "jalan berlubang depan SDN 3 Kasemen blm diperbaiki sejak bulan lalu pak"


def _index() -> DuplicateIndex:
    index = DuplicateIndex()
    index.add("a", ROAD, kecamatan="Kasemen", day=date(2024, 3, 1))
    index.add("b", "Sampah menumpuk di TPS pasar Rau tidak diangkut", kecamatan="Serang")
    index.add("c", ROAD, kecamatan="Curug", day=date(2024, 3, 1))
    index.add("d", ROAD, kecamatan="Kasemen", day=date(2023, 1, 1))
    return index


def test_it_finds_near_duplicates_in_the_same_place_and_time() -> None:
    found = similar_reports(_index(), SIMILAR, kecamatan="Kasemen", day=date(2024, 3, 20))
    assert [s.key for s in found] == ["a"]
    assert found[0].similarity > 0.7


def test_it_ignores_place_and_time_when_not_given() -> None:
    assert {s.key for s in _index().similar(SIMILAR)} == {"a", "c", "d"}


def test_it_does_not_match_other_topics_and_can_exclude_the_report_itself() -> None:
    index = _index()
    assert index.similar("Lampu penerangan jalan mati di Curug") == []
    assert [s.key for s in index.similar(ROAD, kecamatan="Curug", exclude=["c"])] == []


def test_shingles_and_jaccard() -> None:
    assert shingles("Jalan rusak parah") == {
        "jalan",
        "rusak",
        "parah",
        "jalan rusak",
        "rusak parah",
    }
    assert jaccard({"a", "b"}, {"b", "c"}) == 1 / 3
    assert jaccard(set(), set()) == 0.0


def test_it_grows_past_its_first_block_of_signatures() -> None:
    def word(i: int) -> str:  # letters only: numbers are normalised away
        return "".join(chr(97 + int(d)) for d in f"{i:04d}")

    index = DuplicateIndex()
    index.add_many(
        (i, f"laporan {word(i)} tentang {word(i + 5000)}", "", None) for i in range(1500)
    )
    assert len(index) == 1500
    assert index.similar(f"laporan {word(1234)} tentang {word(6234)}")[0].key == 1234
