from __future__ import annotations

import numpy as np
import pytest

from rembug.triage.ranking import LinearRanker, Report, auto_route_threshold
from rembug.triage.routing import AgencyRouter, seed_reports
from rembug.triage.tests.synthetic import synthetic_rows
from rembug.triage.urusan import URUSAN, urusan_guess

AGENCIES = {
    "Dinas PUPR": ["1.03"],
    "Dinas Kependudukan dan Pencatatan Sipil": ["2.12"],
    "Dinas Lingkungan Hidup": ["2.11"],
    "Dinas Sosial": ["1.06"],
    "Diskominfo": ["2.16", "2.20", "2.21"],
    "Kecamatan Serang": ["7.01"],
    "Kecamatan Kasemen": ["7.01"],
}


def test_it_has_seed_examples_for_every_urusan_it_names() -> None:
    _reports, codes = seed_reports()
    assert set(codes) <= set(URUSAN)
    assert {"1.01", "1.02", "1.03", "1.04", "1.05", "1.06", "2.07", "2.11", "2.12", "2.16"} <= set(
        codes
    )
    for code in ("1.03", "2.12", "2.16", "1.06"):
        assert codes.count(code) >= 6


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("Jalan berlubang di depan pasar belum diperbaiki", "Dinas PUPR"),
        ("KTP elektronik saya belum jadi tiga bulan", "Dinas Kependudukan dan Pencatatan Sipil"),
        ("sampah numpuk gak diangkut seminggu", "Dinas Lingkungan Hidup"),
        ("bansos PKH tidak cair, kami keluarga miskin", "Dinas Sosial"),
        ("wifi gratis di taman kota tidak bisa dipakai", "Diskominfo"),
    ],
)
def test_it_suggests_agencies_on_day_one_from_the_seed_corpus(text: str, agency: str) -> None:
    routing = AgencyRouter(agency_urusan=AGENCIES).route(Report(title="", text=text))
    assert routing.agencies[0].label == agency
    assert 0 < routing.agencies[0].confidence <= 1
    assert routing.agencies[0].words  # explainable
    assert not routing.auto_route  # the seed alone never routes by itself


def test_it_gives_no_suggestion_for_text_it_cannot_place() -> None:
    routing = AgencyRouter(agency_urusan={"Dinas Pendidikan": ["1.01"]}).route(
        Report(title="", text="KTP elektronik belum jadi")
    )
    assert routing.agencies == []


def test_it_hands_kecamatan_reports_to_the_reports_own_kecamatan() -> None:
    router = AgencyRouter(agency_urusan=AGENCIES)
    text = "Pelayanan PATEN di kantor kecamatan lambat, camat tidak merespons"
    serang = router.route(Report(title="", text=text, kecamatan="Serang"))
    kasemen = router.route(Report(title="", text=text, kecamatan="Kasemen"))
    assert serang.agencies[0].label == "Kecamatan Serang"
    assert kasemen.agencies[0].label == "Kecamatan Kasemen"


def test_it_learns_from_history_and_auto_routes_when_confident() -> None:
    rows = synthetic_rows()
    reports = [Report(r["title"], r["text"], r["kecamatan"]) for r in rows]
    labels = [r["agency"] for r in rows]
    urusan = {label: urusan_guess(label) for label in set(labels)}
    router = AgencyRouter.fit(reports, labels, agency_urusan=urusan)
    p = router.probabilities(reports)
    # Seed confidence in an urusan no agency carries is not handed to anyone.
    assert (p.sum(axis=1) <= 1 + 1e-9).all()
    assert router.metrics["cv_accuracy"] > 0.8
    routing = router.route(Report(title="Limbah", text="limbah pabrik bau di sungai"))
    assert routing.agencies[0].label == "Dinas Lingkungan Hidup"
    assert routing.auto_route


def test_its_confidence_is_calibrated_on_held_out_scores() -> None:
    rows = synthetic_rows()
    ranker = LinearRanker().fit(
        [Report(r["title"], r["text"]) for r in rows], [r["category"] for r in rows]
    )
    assert ranker.out_of_fold is not None
    assert 0.01 < ranker.temperature < 5
    confidence = ranker.out_of_fold.max(axis=1)
    assert 0.3 < confidence.mean() <= 1.0


def test_the_auto_route_threshold_keeps_precision() -> None:
    confidence = np.array([0.99, 0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3])
    correct = np.array([True, True, True, True, True, True, False, True, False, False])
    assert auto_route_threshold(confidence, correct, precision=0.9) == 0.7
    assert auto_route_threshold(confidence, correct, precision=0.85) == 0.5
    assert auto_route_threshold(confidence, ~correct, precision=0.9) > 1


def test_it_guesses_urusan_from_agency_names() -> None:
    assert urusan_guess("Dinas Pekerjaan Umum Dan Tata Ruang Kab. Bandung") == ["1.03"]
    assert urusan_guess("Dinas Perumahan Dan Kawasan Permukiman Dan Pertanahan") == [
        "1.04",
        "2.10",
    ]
    assert urusan_guess("Dinas Ketenagakerjaan") == ["2.07"]
    assert urusan_guess("Kecamatan Baleendah") == ["7.01"]
    assert urusan_guess("Pemerintah Kabupaten Bandung") == []


def test_it_classifies_a_batch_in_one_pass() -> None:
    # Throughput (goal 2,000 reports/s per core) is measured by bench/triage_routing.py; here the
    # batch path must give each report the same answer as one at a time.
    router = AgencyRouter(agency_urusan=AGENCIES)
    reports = [
        Report(title="Jalan rusak", text="jalan berlubang dan drainase mampet"),
        Report(title="Wifi publik", text="internet gratis di taman tidak tersambung"),
    ] * 500
    batch = router.probabilities(reports)
    assert batch.shape == (1000, len(router.labels))
    assert np.allclose(batch[0], router.probabilities(reports[:1])[0])
    assert np.allclose(batch[999], router.probabilities(reports[1:2])[0])


def _history_router(extra: dict[str, list[str]]) -> AgencyRouter:
    rows = synthetic_rows()
    reports = [Report(r["title"], r["text"], r["kecamatan"]) for r in rows]
    labels = [r["agency"] for r in rows]
    urusan = {label: urusan_guess(label) for label in set(labels)} | extra
    return AgencyRouter.fit(reports, labels, agency_urusan=urusan)


def test_it_suggests_an_agency_its_history_never_routed_to() -> None:
    # A new agency of the register has no history: its urusan and its name still reach it.
    router = _history_router({"Dinas Pertanian": ["3.27"]})
    assert "Dinas Pertanian" not in router.history.classes  # type: ignore[union-attr]
    report = Report(title="Pupuk subsidi", text="pupuk bersubsidi untuk petani sawah langka")
    p = router.probabilities([report])[0]
    top = [router.labels[j] for j in np.argsort(-p)[:3]]
    assert "Dinas Pertanian" in top
    named = Report(title="Bibit", text="dinas pertanian belum menyalurkan bantuan bibit padi")
    assert "Dinas Pertanian" in [choice.label for choice in router.route(named).agencies]
    # The suggestion shows the words that name the agency.
    assert "tani" in router.explain(named, "Dinas Pertanian")


def test_its_evidence_weights_are_fitted_and_kept_with_the_model() -> None:
    router = _history_router({})
    assert router.evidence_weights is not None
    assert router.evidence_weights.shape == (5,)
    # The history carries most weight on data it describes well.
    assert router.metrics["weight_history"] > 0
    assert {f"weight_{name}" for name in ("seed", "name", "own_kecamatan")} <= set(router.metrics)
    p = router.probabilities([Report(title="", text="jalan berlubang di depan sekolah")])
    assert np.allclose(p.sum(axis=1), 1.0)


def test_it_hands_a_report_to_the_office_of_its_own_kecamatan_with_history() -> None:
    router = _history_router({"Kecamatan Serang": ["7.01"]})
    text = "surat pengantar dari kantor kecamatan belum keluar, camat tidak ada"
    serang = router.probabilities([Report(title="", text=text, kecamatan="Kec. Serang")])[0]
    assert router.labels[int(serang.argmax())] == "Kecamatan Serang"
