"""Benchmark: search at 10,000 and at 1,000,000 public reports (PostgreSQL, one run).

The index rows (``SearchEntry`` and its ``SearchTerm`` postings) are generated in SQL, as the
refresh would write them for reports whose stemmed words follow a skewed distribution: "jalan"
in a third of the reports, "baik" in a fifth, "lampu" in a tenth, "banjir" in one in a hundred,
"longsor" in one in ten thousand, plus ten of a hundred filler words each, the kind and year
facets, and one of six kecamatan. Then ``rembug.search.selectors.search`` (the function behind
the page and the API) is timed for common, rare, two-word and filtered queries at both sizes
side by side, the median of ``--runs`` rounds, with its query count, whether it stopped at its
budget (``partial``) and how many entries it examined. The catch-up (at most every two seconds,
reading only what changed: nothing here) runs once before and is left out of the timed runs.
Goal (issue 8): the time at 1,000,000 within 1.5× of the time at 10,000, in the same number of
queries.

Run: ``createdb -h 127.0.0.1 -U postgres rembug_search_bench`` once, then
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/rembug_search_bench
.venv/bin/python bench/search_scale.py`` (the benchmark's governments are generated the first
time, about 15 minutes, and reused). Prints one ``FIGURE {json}`` line per figure.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
GOAL_RATIO = 1.5
QUERIES = [
    ("common word", "jalan", {}),
    ("two words", "perbaikan jalan", {}),
    ("rare word", "longsor", {}),
    ("rare and common", "longsor jalan", {}),
    ("sparse pair", "banjir lampu", {}),
    ("filtered", "jalan", {"kecamatan": "36.73.01", "year": 2026}),
    ("type filter", "lampu", {"kind": "report"}),
    ("period filter", "banjir", {"year": 2026}),
    # "jalan" (every third report) never meets kecamatan 36.73.02 (n % 6 == 1): two large
    # posting lists with an empty intersection, the case no index can answer in constant time;
    # the search stops at its budget and says so.
    ("worst case: two common terms that never meet", "jalan", {"kecamatan": "36.73.02"}),
]


def setup() -> None:
    sys.path.insert(0, str(SRC))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rembug.settings")
    os.environ.setdefault("SECURE", "0")
    os.environ.setdefault("SECRET_KEY", "bench")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def figure(name: str, value: float, unit: str, **extra: object) -> None:
    print("FIGURE " + json.dumps({"name": name, "value": value, "unit": unit, **extra}), flush=True)


def grow(government_id: int, start: int, stop: int) -> None:
    """Entries ``start`` … ``stop - 1`` with their postings, in two INSERT … SELECT."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO search_searchentry
                (government_id, kind, object_id, title, snippet, url, context, date, "group",
                 indexed_at)
            SELECT %s, 'report', n, 'Laporan ' || n, 'Isi laporan ' || n, '/b/aduan/' || n || '/',
                   '', DATE '2026-01-01' + (n %% 300), '', now()
            FROM generate_series(%s, %s - 1) AS n
            """,
            [government_id, start, stop],
        )
        cursor.execute(
            """
            INSERT INTO search_searchterm (government_id, term, entry_id)
            SELECT e.government_id, t.term, e.id
            FROM search_searchentry e
            CROSS JOIN LATERAL (
                SELECT unnest(ARRAY[
                    '@kind:report', '@year:2026',
                    '@kec:36.73.0' || (1 + e.object_id %% 6),
                    CASE WHEN e.object_id %% 3 = 0 THEN 'jalan' END,
                    CASE WHEN e.object_id %% 5 = 0 THEN 'baik' END,
                    CASE WHEN e.object_id %% 10 = 0 THEN 'lampu' END,
                    CASE WHEN e.object_id %% 100 = 7 THEN 'banjir' END,
                    CASE WHEN e.object_id %% 10000 = 1 THEN 'longsor' END,
                    'kata' || (e.object_id %% 100), 'kata' || ((e.object_id * 7) %% 100),
                    'kata' || ((e.object_id * 13) %% 100), 'kata' || ((e.object_id * 31) %% 100)
                ]) AS term
            ) t
            WHERE e.government_id = %s AND e.object_id >= %s AND e.object_id < %s
              AND t.term IS NOT NULL
            ON CONFLICT DO NOTHING
            """,
            [government_id, start, stop],
        )
        # As autovacuum would leave them: statistics, and a visibility map for index-only scans.
        cursor.execute("VACUUM ANALYZE search_searchentry")
        cursor.execute("VACUUM ANALYZE search_searchterm")


def prepared(slug: str, code: str, size: int):
    """A government with ``size`` generated entries (kept from an earlier run if complete)."""
    from django.utils import timezone

    from rembug.search.models import SearchEntry, SearchState, SearchTerm
    from rembug.testing.factories import GovernmentFactory

    government = GovernmentFactory(slug=slug, code=code, region_name=f"Kota {slug}")
    for source in ("reports", "inputs", "plans", "plan_items"):
        SearchState.objects.update_or_create(
            government=government, source=source, defaults={"indexed_until": timezone.now()}
        )
    if SearchEntry.objects.filter(government=government).count() != size:
        SearchTerm.objects.filter(government=government).delete()
        SearchEntry.objects.filter(government=government).delete()
        began = time.perf_counter()
        grow(government.pk, 1, size + 1)
        print(f"{slug}: {size} entries in {time.perf_counter() - began:.0f} s", flush=True)
    return government


def measure(governments: dict[str, object], runs: int) -> dict[str, dict[str, dict]]:
    """For each query, ``runs`` rounds, each timing the query at every size one after the other
    (side by side, so that the load of the shared machine weighs on both alike); the median per
    size, the SQL queries of a run, the results and whether the search stopped short."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rembug.search.selectors import SearchFilters, search

    out: dict[str, dict[str, dict]] = {}
    for label, text, filters in QUERIES:
        times: dict[str, list[float]] = {size: [] for size in governments}
        seen: dict[str, dict] = {}
        for _ in range(runs):
            for size, government in governments.items():
                with CaptureQueriesContext(connection) as queries:
                    began = time.perf_counter()
                    page = search(government, text, SearchFilters(**filters))
                    times[size].append(time.perf_counter() - began)
                seen[size] = {
                    "queries": len(queries),
                    "results": len(page.results),
                    "partial": page.partial,
                    "examined": page.examined,
                }
        out[label] = {
            size: {"ms": statistics.median(times[size]) * 1000, **seen[size]}
            for size in governments
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    setup()
    from django.conf import settings

    from rembug.search.selectors import search

    began = time.perf_counter()
    governments = {
        "small": prepared("bench-cari-kecil", "36.74", args.small),
        "large": prepared("bench-cari", "36.73", args.large),
    }
    # The catch-up runs at most every two seconds per government and reads only what changed
    # (nothing here): it is left out of the measured runs so that each run does the same work.
    settings.SEARCH_REFRESH_SECONDS = 3600
    for government in governments.values():
        search(government, "jalan")  # the catch-up (nothing to read) and a warm cache
    results = measure(governments, args.runs)
    print(f"prepared and measured in {time.perf_counter() - began:.0f} s", flush=True)
    for label, sizes in results.items():
        small, large = sizes["small"], sizes["large"]
        ratio = large["ms"] / small["ms"]
        figure(
            f"search {label}",
            round(ratio, 2),
            "ratio",
            ms_at_small=round(small["ms"], 2),
            ms_at_large=round(large["ms"], 2),
            queries_small=small["queries"],
            queries_large=large["queries"],
            results_small=small["results"],
            results_large=large["results"],
            partial_small=small["partial"],
            partial_large=large["partial"],
            examined_small=small["examined"],
            examined_large=large["examined"],
            small=args.small,
            large=args.large,
            goal=GOAL_RATIO,
            met=ratio <= GOAL_RATIO and small["queries"] == large["queries"],
        )


if __name__ == "__main__":
    main()
