from __future__ import annotations

import random

from rembug.triage.themes import themes_by_group, themes_find

ROADS = [
    "Jalan berlubang di Kasemen belum diperbaiki",
    "Jalan rusak dan berlubang dekat pasar",
    "Aspal jalan mengelupas, jalan berlubang lagi",
    "Mohon perbaikan jalan berlubang di Walantaka",
]
WASTE = [
    "Sampah menumpuk di TPS tidak diangkut",
    "Truk sampah tidak datang, sampah menumpuk",
    "Bau sampah dari TPS liar mengganggu",
    "Sampah di pinggir sungai menumpuk",
]
INTERNET = [
    "Internet gratis di taman kota mati",
    "Wifi gratis di balai warga tidak bisa dipakai",
    "Internet gratis kelurahan lambat sekali",
    "Akses internet gratis di perpustakaan putus",
]
TEXTS = ROADS + WASTE + INTERNET


def _groups(themes: list) -> set[frozenset[int]]:
    return {frozenset(t.members) for t in themes}


def test_it_finds_the_themes_with_key_terms() -> None:
    themes = themes_find(TEXTS, k=3)
    assert _groups(themes) == {
        frozenset(range(0, 4)),
        frozenset(range(4, 8)),
        frozenset(range(8, 12)),
    }
    by_first = {min(t.members): t.terms[:3] for t in themes}
    assert "jalan" in by_first[0]
    assert "sampah" in by_first[4]
    assert {"internet", "gratis"} <= set(by_first[8])
    assert all(t.size == 4 and t.label for t in themes)


def test_it_is_stable_across_runs_and_input_order() -> None:
    first = themes_find(TEXTS)
    assert themes_find(TEXTS) == first
    order = list(range(len(TEXTS)))
    random.Random(5).shuffle(order)
    shuffled = themes_find([TEXTS[i] for i in order])
    assert {frozenset(order[m] for m in t.members) for t in shuffled} == _groups(first)


def test_it_groups_by_kecamatan_and_period() -> None:
    groups = [("Kasemen", "2024-Q1")] * 6 + [("Serang", "2024-Q1")] * 6
    by_group = themes_by_group(TEXTS, groups, k=2)
    assert set(by_group) == {("Kasemen", "2024-Q1"), ("Serang", "2024-Q1")}
    members = sorted(m for t in by_group[("Serang", "2024-Q1")] for m in t.members)
    assert members == list(range(6, 12))


def test_it_copes_with_too_little_text() -> None:
    assert themes_find([]) == []
    assert themes_find(["", "!!!"]) == []
    assert len(themes_find(["jalan rusak"])) == 1
