from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rembug.triage.evaluation import (
    agency_name,
    evaluate,
    read_export,
    recency_weights,
    target_field,
    time_split,
)
from rembug.triage.tests.synthetic import (
    synthetic_rows,
    write_official_layout,
    write_research_layout,
)


def test_it_reads_both_export_layouts_alike(tmp_path: Path) -> None:
    rows = synthetic_rows(5)
    research = read_export(write_research_layout(tmp_path / "a.csv", rows))[1:]
    official = read_export(write_official_layout(tmp_path / "b.csv", rows))
    assert [r.report.title for r in research] == [r.report.title for r in official]
    assert [r.agency for r in research] == [r.agency for r in official]
    assert official[0].received == date(2024, 3, 1)
    assert research[0].report.category == "Jalan Berlubang"


def test_it_hides_an_unknown_category_from_the_features(tmp_path: Path) -> None:
    first = read_export(write_research_layout(tmp_path / "a.csv", synthetic_rows(1)))[0]
    assert first.category == "Tidak Diketahui"
    assert first.report.category == ""


@pytest.mark.parametrize(
    ("column", "field"),
    [
        ("dinas_tujuan", "agency"),
        ("Instansi Terdisposisi", "agency"),
        ("klasifikasi", "classification"),
        ("Klasifikasi Laporan", "classification"),
        ("kategori", "category"),
    ],
)
def test_it_maps_target_columns_of_either_layout(column: str, field: str) -> None:
    assert target_field(column) == field


def test_it_weighs_recent_reports_more() -> None:
    weights = recency_weights([date(2023, 12, 31), date(2022, 12, 31), None], half_life_days=365)
    assert weights == pytest.approx([1.0, 0.5, 1.0])
    assert recency_weights([date(2023, 1, 1)], half_life_days=None) is None


def test_it_tests_on_the_newest_year_with_enough_reports(tmp_path: Path) -> None:
    rows = read_export(write_research_layout(tmp_path / "a.csv", synthetic_rows(20)))
    items = [(r, r.agency) for r in rows]
    train, test, how = time_split(items)
    assert how == "train before 2024, test 2024"
    assert all(items[i][0].received.year == 2024 for i in test)  # type: ignore[union-attr]
    assert all(items[i][0].received.year < 2024 for i in train)  # type: ignore[union-attr]


def test_it_reads_an_agency_under_its_names_of_different_years_as_one() -> None:
    assert agency_name("Dinas Sosial Kab. Bandung") == "Dinas Sosial"
    assert agency_name("Dinas Sosial Kabupaten Bandung") == "Dinas Sosial"
    assert agency_name("Dinas Perhubungan Kota Samarinda") == "Dinas Perhubungan"
    assert agency_name("Kecamatan Baleendah") == "Kecamatan Baleendah"


def test_the_online_replay_retrains_after_corrections_and_keeps_the_static_split(
    tmp_path: Path,
) -> None:
    rows = read_export(write_research_layout(tmp_path / "a.csv", synthetic_rows(20)))
    static = evaluate(rows, target="dinas_tujuan", split="time")
    online = evaluate(rows, target="dinas_tujuan", split="time", online=True, retrain_after=1)
    assert online["n_test"] == static["n_test"] > 0
    assert online["n_train"] == static["n_train"]
    assert "online replay" in online["how"]
    # Each retraining follows a correction; a perfect replay never retrains.
    wrong = round((1 - online["accuracy"]) * online["n_test"])
    assert online["retrainings"] <= wrong
    assert 0 <= online["accuracy"] <= 1
    with pytest.raises(ValueError, match="online"):
        evaluate(rows, target="dinas_tujuan", split="kfold", online=True)
