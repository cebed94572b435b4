from __future__ import annotations

from rembug.triage.text import normalize, stem, stopwords, tokens


def test_it_replaces_urls_emails_phones_numbers_and_placeholders() -> None:
    text = (
        "Lihat https://serangkota.go.id/a, tulis ke a.b@serang.go.id, WA 081234567890, NIK [NOMOR]"
    )
    assert normalize(text) == ("lihat xurl tulis ke xemail wa xtelepon nik xnomor")
    assert normalize("RT 03 RW 12, Rp 1.500.000") == "rt xangka rw xangka rp xangka"
    assert normalize("[TELEPON] [EMAIL]") == "xtelepon xemail"


def test_it_shortens_elongated_letters() -> None:
    assert normalize("Tolooong!!!") == "toloong"


def test_it_maps_colloquial_words_to_formal_ones() -> None:
    assert tokens("yg rusak bgt", stemmed=False, drop_stopwords=False) == [
        "yang",
        "rusak",
        "banget",
    ]
    assert tokens("jln gak diperbaiki", stemmed=False, drop_stopwords=False) == [
        "jalan",
        "tidak",
        "diperbaiki",
    ]


def test_it_keeps_administrative_abbreviations() -> None:
    assert tokens("kk dan ktp", stemmed=False) == ["kk", "ktp"]


def test_it_drops_stopwords_and_stems() -> None:
    assert "yang" in stopwords()
    assert tokens("Pelayanan yang diperbaiki") == ["layan", "baik"]


def test_it_caches_stems() -> None:
    stem.cache_clear()
    stem("perbaikan")
    stem("perbaikan")
    assert stem.cache_info().hits == 1
