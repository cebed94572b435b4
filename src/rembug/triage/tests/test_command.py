from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from rembug.governments.models import Government
from rembug.testing.factories import AgencyFactory
from rembug.triage.models import TriageModel
from rembug.triage.tests.synthetic import (
    synthetic_rows,
    write_official_layout,
    write_research_layout,
)

KEYS = {"accuracy", "macro_f1", "top3_accuracy", "auto_route_precision", "auto_route_coverage"}


def _run(*args: str) -> str:
    out = StringIO()
    call_command("triage", *args, stdout=out)
    return out.getvalue()


def test_it_evaluates_an_export_with_a_time_split(tmp_path: Path) -> None:
    path = write_research_layout(tmp_path / "export.csv", synthetic_rows())
    result = json.loads(
        _run("evaluate", str(path), "--target", "dinas_tujuan", "--split", "time", "--json")
    )
    assert set(result) >= KEYS
    assert result["how"] == "train before 2024, test 2024"
    assert result["n_labelled"] == 80  # the "Tidak Diketahui" row is left out
    assert result["accuracy"] > 0.8
    assert result["top3_accuracy"] >= result["accuracy"]


def test_it_evaluates_the_official_layout_with_kfold_and_another_target(tmp_path: Path) -> None:
    path = write_official_layout(tmp_path / "export.csv", synthetic_rows())
    result = json.loads(
        _run("evaluate", str(path), "--target", "Klasifikasi Laporan", "--split", "kfold", "--json")
    )
    assert set(result) >= KEYS
    assert result["target"] == "classification"
    assert result["accuracy"] > 0.8
    agency = json.loads(_run("evaluate", str(path), "--target", "Instansi Terdisposisi", "--json"))
    assert agency["how"].startswith("one year")


def test_it_prints_plain_figures(tmp_path: Path) -> None:
    path = write_research_layout(tmp_path / "export.csv", synthetic_rows())
    assert "top3_accuracy" in _run("evaluate", str(path), "--target", "kategori")


def test_it_refuses_an_unknown_target(tmp_path: Path) -> None:
    path = write_research_layout(tmp_path / "export.csv", synthetic_rows())
    with pytest.raises(CommandError, match="Unknown target"):
        _run("evaluate", str(path), "--target", "status")


def test_it_trains_and_suggests_as_json(government: Government, tmp_path: Path) -> None:
    AgencyFactory(
        government=government,
        name="Dinas Lingkungan Hidup",
        short_name="DLH",
        slug="dlh",
        urusan_codes=["2.11"],
    )
    path = write_research_layout(tmp_path / "export.csv", synthetic_rows(12))
    trained = json.loads(_run("train", "--government", "kota-serang", "--file", str(path)))
    assert trained["version"] == 1
    assert TriageModel.objects.get(government=government).is_active
    payload = json.loads(
        _run("suggest", "--government", "kota-serang", "--json", "limbah pabrik bau di sungai")
    )
    top = payload["suggestions"][0]
    assert top["agency"] == "Dinas Lingkungan Hidup"
    assert top["urusan_codes"] == ["2.11"]
    assert top["category"] == "Pencemaran Lingkungan"
    assert 0 < top["confidence"] <= 1
    assert len(payload["suggestions"]) <= 3


def test_it_suggests_on_day_one_and_flags_emergencies(government: Government) -> None:
    AgencyFactory(
        government=government,
        name="Dinas Kominfo",
        short_name="Diskominfo",
        slug="kominfo",
        urusan_codes=["2.16"],
    )
    payload = json.loads(
        _run("suggest", "--government", "kota-serang", "--json", "internet gratis di taman mati")
    )
    assert payload["suggestions"][0]["agency"] == "Dinas Kominfo"
    assert payload["emergency"] == ""
    assert "Dinas Kominfo" in _run("suggest", "--government", "kota-serang", "wifi taman mati")


def test_it_rolls_back(government: Government, tmp_path: Path) -> None:
    path = write_research_layout(tmp_path / "export.csv", synthetic_rows(12))
    _run("train", "--government", "kota-serang", "--file", str(path))
    _run("train", "--government", "kota-serang", "--file", str(path))
    assert "version 1" in _run("rollback", "--government", "kota-serang")


@pytest.mark.django_db
def test_it_refuses_an_unknown_government() -> None:
    with pytest.raises(CommandError, match="No government"):
        _run("suggest", "--government", "nowhere", "text")
