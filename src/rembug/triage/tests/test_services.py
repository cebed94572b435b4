from __future__ import annotations

import pickle

import pytest

from rembug.core.models import AuditEntry
from rembug.governments.models import Government
from rembug.testing.factories import AgencyFactory
from rembug.triage.models import TriageModel
from rembug.triage.ranking import Report
from rembug.triage.selectors import routing_suggest, triage_model_active
from rembug.triage.services import triage_model_rollback, triage_model_train
from rembug.triage.tests.synthetic import synthetic_rows


@pytest.fixture
def agencies(government: Government) -> None:
    AgencyFactory(
        government=government,
        name="Dinas Pekerjaan Umum dan Penataan Ruang",
        short_name="PUPR",
        slug="pupr",
        urusan_codes=["1.03"],
    )
    AgencyFactory(
        government=government,
        name="Dinas Kependudukan dan Pencatatan Sipil",
        short_name="Disdukcapil",
        slug="disdukcapil",
        urusan_codes=["2.12"],
    )
    AgencyFactory(
        government=government,
        name="Dinas Lingkungan Hidup",
        short_name="DLH",
        slug="dlh",
        urusan_codes=["2.11"],
    )


def _train(government: Government) -> TriageModel:
    rows = synthetic_rows(12)
    return triage_model_train(
        government=government,
        reports=[Report(r["title"], r["text"], r["kecamatan"]) for r in rows],
        agencies=[r["agency"] for r in rows],
        categories=[r["category"] for r in rows],
    )


def test_it_suggests_from_the_seed_before_any_training(
    government: Government, agencies: None
) -> None:
    routing = routing_suggest(government, Report(title="", text="jalan berlubang belum diaspal"))
    assert routing.agencies[0].label == "Dinas Pekerjaan Umum dan Penataan Ruang"
    assert routing.categories[0].label.startswith("1.03")


def test_it_trains_versions_and_activates_the_newest(
    government: Government, agencies: None
) -> None:
    first = _train(government)
    second = _train(government)
    assert (first.version, second.version) == (1, 2)
    first.refresh_from_db()
    assert not first.is_active and second.is_active
    assert triage_model_active(government) == second
    assert second.metrics["n_reports"] == 48
    assert second.metrics["cv_accuracy"] > 0.7
    assert AuditEntry.objects.filter(object_id=str(second.pk)).exists()


def test_it_suggests_from_the_trained_model(government: Government, agencies: None) -> None:
    _train(government)
    routing = routing_suggest(government, Report(title="Sampah", text="sampah dan limbah bau"))
    assert routing.agencies[0].label == "Dinas Lingkungan Hidup"
    assert routing.categories[0].label == "Pencemaran Lingkungan"


def test_it_rolls_back_to_the_previous_version(government: Government, agencies: None) -> None:
    _train(government)
    _train(government)
    model = triage_model_rollback(government=government)
    assert model.version == 1
    assert TriageModel.objects.filter(government=government, is_active=True).count() == 1
    with pytest.raises(ValueError, match="no older"):
        triage_model_rollback(government=government)


def test_it_keeps_governments_apart(
    government: Government, other_government: Government, agencies: None
) -> None:
    _train(government)
    assert triage_model_active(other_government) is None


@pytest.mark.django_db
def test_a_model_written_by_an_older_version_falls_back_to_the_seed(
    government: Government, agencies: None
) -> None:
    model = _train(government)
    # A version 1 artifact (before the router combined its evidence) cannot be read any more.
    TriageModel.objects.filter(pk=model.pk).update(
        artifact=pickle.dumps({"format": 1, "trained": None})
    )
    routing = routing_suggest(government, Report(title="", text="jalan berlubang dan aspal rusak"))
    assert routing.agencies[0].label == "Dinas Pekerjaan Umum dan Penataan Ruang"
    assert not routing.auto_route
