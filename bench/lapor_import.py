"""Benchmark: ``rembug import-lapor`` on a synthetic LAPOR! export.

Run: ``.venv/bin/python bench/lapor_import.py [--rows 1000000] [--database-url URL]``.
Writes a synthetic CSV in the official column layout (made-up text, no real rows), imports it
into a throw-away database (SQLite in a temporary folder unless ``--database-url`` names one,
e.g. ``postgres://postgres@127.0.0.1:5432/rembug_bench``, which is dropped and created), then
imports it a second time (everything already there). Prints rows/s and the process's peak
memory. Goal (issue 5): 1,000,000 rows with a peak under 500 MB.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

HEADER = [
    "Tracking ID",
    "Tanggal Laporan Masuk",
    "Waktu Laporan Masuk",
    "Klasifikasi Laporan",
    "ID Kategori",
    "Kategori",
    "Judul Laporan",
    "Isi Laporan Awal",
    "Isi Laporan Akhir",
    "Tipe Laporan (Anonim/Rahasia)",
    "Sumber Laporan",
    "Instansi Induk",
    "ID Instansi Terdisposisi",
    "Instansi Terdisposisi",
    "Status Laporan",
    "Alasan Tunda/Arsip",
    "Provinsi",
    "Kota/Kabupaten",
    "Kecamatan",
    "Kelurahan",
]
CLASSES = [
    "Pengaduan Berkadar Pengawasan",
    "Pengaduan Tidak Berkadar Pengawasan",
    "Aspirasi",
    "Permintaan Informasi",
    "",
]
STATUSES = [
    ("Ditutup oleh Sistem", 70),
    ("Ditutup oleh Admin", 8),
    ("Ditutup oleh Pelapor", 6),
    ("Diarsipkan oleh Admin", 6),
    ("Diarsipkan oleh Sistem", 3),
    ("Menunggu Kelengkapan Informasi", 5),
    ("Belum Terverifikasi", 2),
]
TYPES = ["", "", "Anonim", "Rahasia", "Anonim|Rahasia"]
AGENCIES = [
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perhubungan",
    "Dinas Lingkungan Hidup",
    "Dinas Komunikasi dan Informatika",
    "Satuan Polisi Pamong Praja",
    "",
]
TOPICS = ["Jalan rusak", "Lampu jalan padam", "Sampah menumpuk", "Banjir", "Pungutan liar"]
PLACES = ["pasar", "sekolah", "terminal", "puskesmas", "gang kami", "alun-alun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


def write_export(path: Path, rows: int, seed: int = 11) -> float:
    rng = random.Random(seed)  # noqa: S311 (synthetic data, not secrets)
    statuses = [s for s, _w in STATUSES]
    weights = [w for _s, w in STATUSES]
    started = time.perf_counter()
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(rows):
            topic = rng.choice(TOPICS)
            place = rng.choice(PLACES)
            text = (
                f"{topic} di dekat {place} sejak {rng.randint(2, 30)} hari, "
                f"mohon ditindaklanjuti oleh dinas terkait. Laporan nomor {n}."
            )
            status = rng.choices(statuses, weights)[0]
            category = rng.randint(0, 199)
            writer.writerow(
                [
                    str(4_000_000 + n),
                    f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2019, 2025)}",
                    f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}",
                    rng.choice(CLASSES),
                    str(900 + category),
                    f"Kategori {category}",
                    f"{topic} di {place}",
                    text.lower(),
                    text,
                    rng.choice(TYPES),
                    rng.choice(["Website", "Android", "Hotline Service", "SMS"]),
                    "Pemerintah Kota Bench",
                    "",
                    rng.choice(AGENCIES),
                    status,
                    "Laporan ini diarsipkan karena Tidak Jelas" if "Diarsipkan" in status else "",
                    "Banten",
                    "Kota Bench",
                    rng.choice(["BENCH UTARA", "BENCH SELATAN", ""]),
                    "",
                ]
            )
    return time.perf_counter() - started


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def setup_django(database_url: str | None) -> str:
    if database_url is None:
        directory = tempfile.mkdtemp(prefix="rembug-bench-")
        database_url = f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
    else:
        import dj_database_url
        import psycopg

        cfg = dj_database_url.parse(database_url)
        with psycopg.connect(
            host=cfg["HOST"],
            port=cfg["PORT"] or 5432,
            user=cfg["USER"],
            dbname="postgres",
            autocommit=True,
        ) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{cfg["NAME"]}"')
            connection.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rembug.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return database_url


def seed_government() -> object:
    from rembug.governments.models import Agency, Government
    from rembug.regions.models import Region

    province = Region.objects.create(code="99", name="Bench", level=1)
    city = Region.objects.create(code="99.71", name="Kota Bench", level=2, parent=province)
    for n, name in enumerate(["Bench Utara", "Bench Selatan"], start=1):
        Region.objects.create(code=f"99.71.0{n}", name=name, level=3, parent=city)
    government = Government.objects.create(
        region=city, name="Pemerintah Kota Bench", slug="bench", kind="kota"
    )
    for n, name in enumerate(AGENCIES[:-1]):
        Agency.objects.create(government=government, name=name, short_name=f"A{n}", slug=f"a{n}")
    return government


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--batch-size", type=int, default=2000)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

    folder = Path(tempfile.mkdtemp(prefix="rembug-lapor-"))
    export = folder / "lapor.csv"
    seconds = write_export(export, args.rows)
    size = export.stat().st_size / 1e6
    print(f"export: {args.rows:,} rows, {size:,.0f} MB written in {seconds:.1f} s")
    url = setup_django(args.database_url)
    print(f"database: {url.split('@')[-1]}")
    government = seed_government()

    from rembug.complaints.models import Complaint
    from rembug.lapor.services import lapor_import

    for label in ("first import", "second import (all already there)"):
        result = lapor_import(
            government=government,  # type: ignore[arg-type]
            path=export,
            batch_size=args.batch_size,
        )
        print(
            f"{label}: {result.rows:,} rows, {result.created:,} new, "
            f"{result.already_there:,} already there, {result.bad_count:,} bad in "
            f"{result.seconds:.1f} s = {result.rows / result.seconds:,.0f} rows/s; "
            f"peak memory so far {peak_mb():,.0f} MB"
        )
    print(f"reports in the database: {Complaint.objects.count():,}")
    export.unlink()


if __name__ == "__main__":
    main()
