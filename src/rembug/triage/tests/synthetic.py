"""Small synthetic routed reports for tests (never rows of a real export)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

TOPICS = {
    "Dinas Pekerjaan Umum dan Penataan Ruang": (
        "Pengaduan Tidak Berkadar Pengawasan",
        "Jalan Berlubang",
        ["jalan", "berlubang", "aspal", "rusak", "drainase", "jembatan", "gorong-gorong"],
    ),
    "Dinas Kependudukan dan Pencatatan Sipil": (
        "Permintaan Informasi",
        "Administrasi Kependudukan",
        ["ktp", "kartu keluarga", "akta", "kelahiran", "nik", "blanko", "domisili"],
    ),
    "Dinas Lingkungan Hidup": (
        "Pengaduan Berkadar Pengawasan",
        "Pencemaran Lingkungan",
        ["sampah", "limbah", "bau", "sungai", "tps", "pencemaran", "asap"],
    ),
    "Kecamatan Kasemen": (
        "Aspirasi",
        "Pelayanan Kecamatan",
        ["surat pengantar", "camat", "kantor kecamatan", "paten", "pelayanan", "lurah"],
    ),
}
FILLER = ["mohon", "segera", "ditindaklanjuti", "warga", "kami", "sudah", "lama", "tolong", "di"]
KECAMATAN = ["Serang", "Kasemen", "Walantaka", "Curug"]


def synthetic_rows(n_per_agency: int = 20, seed: int = 3) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows = []
    for agency, (classification, category, words) in TOPICS.items():
        for i in range(n_per_agency):
            body = rng.sample(words, 3) + rng.sample(FILLER, 4)
            rng.shuffle(body)
            kecamatan = "Kasemen" if agency.startswith("Kecamatan") else rng.choice(KECAMATAN)
            rows.append(
                {
                    "title": f"{words[i % len(words)].title()} bermasalah",
                    "text": " ".join(body),
                    "agency": agency,
                    "classification": classification,
                    "category": category,
                    "kecamatan": kecamatan,
                    "year": str(2022 + (i * 3) // n_per_agency),  # 2022, 2023, 2024
                    "day": f"{1 + i % 27:02d}",
                }
            )
    return rows


def write_research_layout(path: Path, rows: list[dict[str, str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "tracking_id",
                "tanggal_masuk",
                "klasifikasi",
                "kategori",
                "judul",
                "isi_laporan_awal",
                "dinas_tujuan",
                "kecamatan_final",
            ]
        )
        w.writerow(
            [
                "0",
                "2023-01-01 00:00:00",
                "Aspirasi",
                "Tidak Diketahui",
                "x",
                "x",
                "Tidak Diketahui",
                "Serang",
            ]
        )
        for i, r in enumerate(rows, start=1):
            w.writerow(
                [
                    i,
                    f"{r['year']}-03-{r['day']} 00:00:00",
                    r["classification"],
                    r["category"],
                    r["title"],
                    r["text"],
                    r["agency"],
                    r["kecamatan"],
                ]
            )
    return path


def write_official_layout(path: Path, rows: list[dict[str, str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "Tracking ID",
                "Tanggal Laporan Masuk",
                "Waktu Laporan Masuk",
                "Klasifikasi Laporan",
                "Kategori",
                "Judul Laporan",
                "Isi Laporan Awal",
                "Instansi Terdisposisi",
                "Status Laporan",
                "Kecamatan",
                "Kelurahan",
            ]
        )
        for i, r in enumerate(rows, start=1):
            w.writerow(
                [
                    i,
                    f"{int(r['day'])} Mar 2024",
                    "10:00:00",
                    r["classification"],
                    r["category"],
                    r["title"],
                    r["text"],
                    r["agency"],
                    "Ditutup oleh Sistem",
                    r["kecamatan"],
                    "",
                ]
            )
    return path
