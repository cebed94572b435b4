"""Benchmark: the Renstra tree page, an item's public page, plan_tree and the check, at 500 and
5,000 sub kegiatan, side by side in one run.

Two Renstra are generated with the T-C.27 benchmark's generator (5 and 50 programs × 10
kegiatan × 10 sub kegiatan; ~555 and ~5,555 items, ~1,600 and ~15,600 indicators). Each page is
requested through Django's test client (the whole request: middleware, view, template) several
times; the median server time and the number of SQL queries are printed for both sizes, with
the ratio. Target (issue 3): the tree page and the public view run a number of queries that
does not depend on the size, and the tree page's time at 5,000 stays within 1.5× of 500.

Run: ``DATABASE_URL=postgres://…/throwaway .venv/bin/python bench/planning_tree.py`` (without
``DATABASE_URL`` a throw-away SQLite file is used).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tables_tc27  # the generator of the T-C.27 benchmark, next to this file

RUNS = 7


def timed(action: Callable[[], object]) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    action()  # warm
    times = []
    queries = 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as context:
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
        queries = len(context)
    return statistics.median(times), queries


def main() -> None:
    directory = tempfile.mkdtemp(prefix="rembug-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(directory) / 'bench.sqlite3'}")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE", "0")
    tables_tc27.setup()
    from django.test import Client

    from rembug.planning.checks import plan_check
    from rembug.planning.models import PlanDocument, PlanItem
    from rembug.planning.selectors import plan_tree

    small = tables_tc27.generate(5)
    large = tables_tc27.generate(50)
    client = Client()
    rows = []
    for label, pk in (("500", small), ("5,000", large)):
        document = PlanDocument.objects.select_related("government", "agency").get(pk=pk)
        program = PlanItem.objects.filter(document=document, kind="program").order_by("id").first()
        assert program is not None
        tree_url = f"/bench/rencana/dokumen/{pk}/"
        item_url = f"/bench/rencana/butir/{program.pk}/"
        results = {
            "tree page": timed(lambda url=tree_url: _ok(client.get(url))),
            "program page (public)": timed(lambda url=item_url: _ok(client.get(url))),
            "plan_tree (whole document)": timed(lambda d=document: plan_tree(d)),
            "check (whole document)": timed(lambda d=document: plan_check(d)),
        }
        rows.append((label, results))
    (small_label, small_results), (large_label, large_results) = rows
    print(f"{'':30} {small_label + ' sub kegiatan':>22} {large_label + ' sub kegiatan':>22}  ratio")
    for name, (small_time, small_queries) in small_results.items():
        large_time, large_queries = large_results[name]
        print(
            f"{name:30} {small_time * 1000:9.1f} ms {small_queries:3d} q  "
            f"{large_time * 1000:9.1f} ms {large_queries:3d} q  {large_time / small_time:5.2f}×"
        )


def _ok(response: object) -> object:
    status = getattr(response, "status_code", 0)
    assert status == 200, status
    return response


if __name__ == "__main__":
    main()
