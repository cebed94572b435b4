import pytest

from rembug.complaints.lapor import (
    lapor_archive_reason,
    lapor_classification,
    lapor_privacy,
    lapor_source,
    lapor_status,
    lapor_status_label,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Ditutup oleh Sistem", ("closed", "system")),
        ("Ditutup oleh Admin", ("closed", "admin")),
        ("Ditutup oleh Pelapor", ("closed", "reporter")),
        ("Diarsipkan oleh Sistem", ("archived", "system")),
        ("Diarsipkan oleh Pelapor", ("archived", "reporter")),
        ("Menunggu Kelengkapan Informasi", ("needs_info", "")),
        ("Konten Terblokir", ("archived", "")),
        ("Belum Terverifikasi", ("submitted", "")),
        ("Ditutup oleh Siapa", None),
        ("Tidak dikenal", None),
    ],
)
def test_status(value, expected):
    assert lapor_status(value) == expected


def test_status_round_trips_for_closed_and_archived():
    for value in ["Ditutup oleh Sistem", "Diarsipkan oleh Pelapor", "Belum Terverifikasi"]:
        assert lapor_status_label(*lapor_status(value)) == value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", "publik"),
        ("Anonim", "anonim"),
        ("Rahasia", "rahasia"),
        ("Anonim|Rahasia", "anonim_rahasia"),
    ],
)
def test_privacy(value, expected):
    assert lapor_privacy(value) == expected


def test_classification_and_source():
    assert lapor_classification("Pengaduan Berkadar Pengawasan") == "pengaduan_pengawasan"
    assert lapor_classification("Pengaduan Tidak Berkadar Pengawasan") == "pengaduan"
    assert lapor_classification("") is None
    assert lapor_source("Website - pemerintah-kota-samarinda") == "web"
    assert lapor_source("Hotline Service") == "hotline"
    assert lapor_source("Whatsapp") == "whatsapp"
    assert lapor_source("Merpati pos") == "lapor"


def test_archive_reasons_from_free_text():
    assert (
        lapor_archive_reason("Laporan ini diarsipkan sesuai dengan keinginan Pelapor")
        == "withdrawn"
    )
    assert (
        lapor_archive_reason("Laporan diarsipkan karena sudah mencapai batas kadaluarsa pengaduan.")
        == "expired"
    )
    assert lapor_archive_reason("Tidak Memiliki Bukti Dukung, Tidak Jelas") == "no_evidence"
    assert lapor_archive_reason("", "Konten Terblokir") == "blocked"
    assert lapor_archive_reason("lain-lain") == "other"
