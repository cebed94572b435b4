from __future__ import annotations

from pathlib import Path

import pytest

from rembug.triage.emergency import KINDS, EmergencyResult, emergency_detect

DATA = Path(__file__).resolve().parents[1] / "data"


def _labelled(name: str) -> list[tuple[bool, str, str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, kind, text = line.split("\t")
        rows.append((label == "1", kind, text))
    return rows


def _scores(rows: list[tuple[bool, str, str]]) -> tuple[float, float, float]:
    results = [(label, kind, emergency_detect(text)) for label, kind, text in rows]
    tp = sum(1 for label, _k, r in results if label and r.is_emergency)
    fp = sum(1 for label, _k, r in results if not label and r.is_emergency)
    fn = sum(1 for label, _k, r in results if label and not r.is_emergency)
    right_kind = sum(1 for label, k, r in results if label and r.is_emergency and r.kind == k)
    return tp / (tp + fn), tp / (tp + fp), right_kind / tp


def test_it_has_a_labelled_set_of_at_least_200_sentences_with_both_labels() -> None:
    rows = _labelled("emergency_labelled.tsv")
    assert len(rows) >= 200
    assert sum(label for label, _k, _t in rows) >= 100
    assert {kind for label, kind, _t in rows if label} == set(KINDS)


def test_it_reaches_recall_095_on_the_labelled_set(capsys: pytest.CaptureFixture[str]) -> None:
    recall, precision, kind_accuracy = _scores(_labelled("emergency_labelled.tsv"))
    with capsys.disabled():
        print(f"\nemergency labelled: recall {recall:.3f} precision {precision:.3f}")
    assert recall >= 0.95
    assert precision >= 0.85
    assert kind_accuracy >= 0.9


def test_it_keeps_recall_on_the_held_out_set() -> None:
    recall, precision, _kind = _scores(_labelled("emergency_holdout.tsv"))
    assert recall >= 0.9
    assert precision >= 0.8


@pytest.mark.parametrize(
    "text",
    [
        "Kami kebanjiran informasi dari grup WhatsApp",
        "Pak lurah kebakaran jenggot",
        "Pemerintah menetapkan darurat sipil",
        "Itu pembunuhan karakter",
        "Statistik kecelakaan kerja tahun ini menurun",
        "Harga cabai meledak",
        "Tabrakan jadwal rapat",
    ],
)
def test_it_ignores_figures_of_speech_and_policy_talk(text: str) -> None:
    assert emergency_detect(text) == EmergencyResult(is_emergency=False, kind="", matched=[])


def test_it_names_the_kind_and_the_words() -> None:
    result = emergency_detect("TOLONG!!! rumah tetangga KEBAKARAN, apinya membesar")
    assert result.is_emergency
    assert result.kind == "kebakaran"
    assert "kebakaran" in result.matched
    assert "api membesar" not in result.matched  # "apinya" is not "api"


def test_it_reads_short_forms_and_calls_for_a_service() -> None:
    assert emergency_detect("tlg kirim ambulan skrg").kind == "medis"
    assert emergency_detect("kbakaran di gang 3").kind == "kebakaran"


def test_it_is_not_an_emergency_when_it_is_over() -> None:
    assert not emergency_detect("Kebakaran sudah padam, tolong puingnya diangkut").is_emergency
