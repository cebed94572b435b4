"""Routing speed: reports classified per second on one core, and a batch triage of 100,000
imported reports (agency and category ranking, emergency check, duplicate index) end to end.

The model is trained on synthetic history: seed-corpus sentences with filler words, 30 agencies.

Run: .venv/bin/python bench/triage_routing.py [N_BATCH]
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # one core

import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

from rembug.triage.duplicates import DuplicateIndex  # noqa: E402
from rembug.triage.emergency import emergency_detect  # noqa: E402
from rembug.triage.ranking import LinearRanker, Report  # noqa: E402
from rembug.triage.routing import AgencyRouter, seed_ranker, seed_reports  # noqa: E402

FILLER = [
    "mohon",
    "segera",
    "ditindaklanjuti",
    "kami",
    "warga",
    "rt",
    "rw",
    "kelurahan",
    "sudah",
    "lama",
    "menunggu",
    "tolong",
    "bapak",
    "ibu",
    "pemerintah",
    "kabupaten",
    "terima",
    "kasih",
    "atas",
    "perhatiannya",
    "sejak",
    "bulan",
    "lalu",
    "belum",
    "ada",
    "respon",
]
KECAMATAN = ["Serang", "Kasemen", "Walantaka", "Curug", "Cipocok Jaya", "Taktakan"]


def synthetic(n: int, rng: random.Random) -> tuple[list[Report], list[str], list[str]]:
    seed, codes = seed_reports()
    reports, agencies, categories = [], [], []
    for _ in range(n):
        i = rng.randrange(len(seed))
        words = seed[i].text.split() + rng.choices(FILLER, k=rng.randint(15, 45))
        rng.shuffle(words)
        reports.append(Report(seed[i].text[:40], " ".join(words), rng.choice(KECAMATAN)))
        agencies.append(f"Dinas {codes[i]}")
        categories.append(f"Kategori {codes[i][:3]}")
    return reports, agencies, categories


def main() -> None:
    n_batch = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(5)  # noqa: S311 - synthetic data
    train, agencies, categories = synthetic(3_000, rng)
    start = time.perf_counter()
    seed_ranker()
    urusan = {a: [a.split()[1]] for a in set(agencies)}
    router = AgencyRouter.fit(train, agencies, agency_urusan=urusan)
    category = LinearRanker().fit(train, categories)
    print(
        f"trained on {len(train):,} reports, {len(set(agencies))} agencies "
        f"in {time.perf_counter() - start:.1f} s"
    )

    test, _, _ = synthetic(10_000, rng)
    start, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(test), 1_000):
        router.probabilities(test[i : i + 1_000])
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"classification (agency, batches of 1,000): {len(test) / cpu:,.0f} reports per CPU "
        f"second, {len(test) / elapsed:,.0f}/s wall clock (one process on the shared machine)"
    )
    start = time.perf_counter()
    for report in test[:300]:
        router.route(report, categories=category)
    ms = (time.perf_counter() - start) / 300 * 1000
    print(f"one suggestion with explanations (route): {ms:.1f} ms")

    batch, _, _ = synthetic(n_batch, rng)
    index = DuplicateIndex()
    start, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(batch), 1_000):
        chunk = batch[i : i + 1_000]
        router.probabilities(chunk)
        category.probabilities(chunk)
        for report in chunk:
            emergency_detect(f"{report.title} {report.text}")
        index.add_many((i + j, r.text, r.kecamatan, None) for j, r in enumerate(chunk))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"CPU time of the batch: {cpu:.1f} s")
    print(
        f"batch triage of {len(batch):,} reports (agency + category + emergency + duplicate "
        f"index): {elapsed:.1f} s = {len(batch) / elapsed:,.0f} reports/s"
    )


if __name__ == "__main__":
    main()
