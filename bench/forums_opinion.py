"""Benchmark: the opinion map of a forum with 2,000 participants × 200 statements.

Run: ``.venv/bin/python bench/forums_opinion.py [--db]``. Without ``--db`` it times the
computation on synthetic reaction arrays; with ``--db`` it also stores the reactions in a
throw-away SQLite database and times ``opinion_for_forum`` (reading them included).
Target (issue 4): under 10 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

PARTICIPANTS, STATEMENTS, SHARE = 2000, 200, 0.5  # each person reacts to about half


def synthetic(seed: int = 7) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Three hidden opinion camps; each participant reacts to ~half the statements."""
    rng = np.random.default_rng(seed)
    camp = rng.integers(0, 3, PARTICIPANTS)
    stance = rng.choice([-1, 0, 1], size=(3, STATEMENTS), p=[0.35, 0.2, 0.45])
    voted = rng.random((PARTICIPANTS, STATEMENTS)) < SHARE
    noise = rng.random((PARTICIPANTS, STATEMENTS)) < 0.2
    values = np.where(noise, rng.integers(-1, 2, (PARTICIPANTS, STATEMENTS)), stance[camp])
    people, statements = np.nonzero(voted)
    return (
        people.astype(np.int64) + 1,
        statements.astype(np.int64) + 1,
        values[voted].astype(np.int64),
    )


def bench_compute() -> float:
    from rembug.forums.opinion import compute_opinion

    people, statements, values = synthetic()
    start = time.perf_counter()
    result = compute_opinion(people, statements, values, list(range(1, STATEMENTS + 1)))
    elapsed = time.perf_counter() - start
    print(
        f"compute: {values.shape[0]:,} reactions, {result.counted_count:,} participants placed, "
        f"{len(result.groups)} groups (silhouette {result.silhouette:.3f}) in {elapsed:.2f} s"
    )
    return elapsed


def bench_db() -> float:
    directory = tempfile.mkdtemp(prefix="rembug-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rembug.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from rembug.forums.models import Forum, Participant, Reaction, Statement
    from rembug.forums.opinion import opinion_for_forum
    from rembug.governments.models import Agency, Government
    from rembug.regions.models import Region

    region = Region.objects.create(code="99", name="Bench", level=1)
    government = Government.objects.create(region=region, name="Bench", slug="bench", kind="kota")
    agency = Agency.objects.create(government=government, name="Dinas", short_name="D", slug="d")
    forum = Forum.objects.create(
        government=government,
        organiser=agency,
        kind="forum_pd",
        title="Bench",
        starts_at=timezone.now(),
        venue="-",
        phase="forum_day",
    )
    participants = Participant.objects.bulk_create(
        Participant(
            government=government,
            forum=forum,
            name=f"P{i}",
            institution_kind="public",
            attendance_code=f"{i:06d}",
        )
        for i in range(PARTICIPANTS)
    )
    statements = Statement.objects.bulk_create(
        Statement(government=government, forum=forum, text=f"S{i}") for i in range(STATEMENTS)
    )
    people, cols, values = synthetic()
    Reaction.objects.bulk_create(
        (
            Reaction(
                government=government,
                forum=forum,
                participant_id=participants[p - 1].pk,
                statement_id=statements[s - 1].pk,
                value=int(v),
            )
            for p, s, v in zip(people, cols, values, strict=True)
        ),
        batch_size=5000,
    )
    start = time.perf_counter()
    result = opinion_for_forum(forum)
    elapsed = time.perf_counter() - start
    print(
        f"from SQLite: {result.reaction_count:,} reactions read and mapped "
        f"({len(result.groups)} groups) in {elapsed:.2f} s"
    )
    bench_page(forum)
    return elapsed


TOPICS = [
    "akses internet gratis di fasilitas publik",
    "jaringan fiber optik sampai kelurahan",
    "aplikasi perjalanan dinas",
    "promosi digital UMKM",
    "keterbukaan informasi publik",
    "pengembangan layanan PATEN di kecamatan",
    "peningkatan layanan e-government",
    "CCTV dan call center 112",
]


def bench_page(forum: object) -> None:
    """5,000 inputs: refresh the themes and opinion map, then render the forum page."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from rembug.forums.models import Forum, ForumInput
    from rembug.forums.services import forum_analysis_refresh

    assert isinstance(forum, Forum)
    ForumInput.objects.bulk_create(
        ForumInput(
            government=forum.government,
            forum=forum,
            title=f"Usulan {i}",
            text=f"{TOPICS[i % len(TOPICS)]} untuk wilayah {i % 67}",
            proposer_name="Warga",
            source="online",
            support_count=i % 40,
        )
        for i in range(5000)
    )
    start = time.perf_counter()
    analysis = forum_analysis_refresh(forum=forum)
    print(
        f"themes + opinion map for 5,000 inputs: {len(analysis.themes)} themes "
        f"in {time.perf_counter() - start:.2f} s"
    )
    client = Client()
    client.get(f"/{forum.government.slug}/forum/{forum.pk}/")
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/{forum.government.slug}/forum/{forum.pk}/")
    print(
        f"forum page (5,000 inputs, 2,000 participants): HTTP {response.status_code}, "
        f"{len(queries)} queries, {time.perf_counter() - start:.2f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", action="store_true", help="also time reading from SQLite")
    args = parser.parse_args()
    worst = bench_compute()
    if args.db:
        worst = max(worst, bench_db())
    ok = worst < 10.0
    print("OK (< 10 s)" if ok else "TOO SLOW (>= 10 s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    sys.exit(main())
