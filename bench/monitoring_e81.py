"""Benchmark: E.81 of one agency and the government dashboard, with 40 agencies × 300 sub
kegiatan × 4 quarters reported.

Each agency gets a Renstra of 3 programs × 10 kegiatan × 10 sub kegiatan (three indicators per
sub kegiatan) and its Renja 2025 made from it by planning's service; every indicator and sub
kegiatan then has a value for each of the four quarters.

Then it measures: the backfill of the per-program summaries (``rembug monitoring-refresh``);
the government dashboard's page data (summaries, charts, complaints) and the old way of reading
every realisation row; one realisation cell saved (the value, its audit and the summary of the
agency's Renja rebuilt in the same transaction).

Run: ``.venv/bin/python bench/monitoring_e81.py [--agencies 40]`` (``DATABASE_URL`` for
PostgreSQL, else a throw-away SQLite file). Targets (issue 7): E.81 of one agency under 5 s;
the dashboard a page (well under a second) in a query count that does not depend on the number
of agencies (asserted in ``monitoring/tests/test_views.py``; printed here).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tables_tc27


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=40)
    parser.add_argument(
        "--reuse", action="store_true", help="Measure the data a previous run left (migrated)."
    )
    args = parser.parse_args()
    directory = tempfile.mkdtemp(prefix="rembug-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(directory) / 'bench.sqlite3'}")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    tables_tc27.setup()
    import datetime as dt

    from django.db import connection, reset_queries, transaction
    from django.utils import timezone

    from rembug.core.tables import render_pdf, render_xlsx
    from rembug.governments.models import Government
    from rembug.monitoring.dashboards import government_figures
    from rembug.monitoring.models import IndicatorRealisation, ItemRealisation, ReportingPeriod
    from rembug.monitoring.selectors import renja_documents, renja_progress_many
    from rembug.monitoring.services import indicator_realisation_set, periods_ensure
    from rembug.monitoring.summary import renja_overviews, summaries_rebuild
    from rembug.monitoring.tables_eval import e81
    from rembug.planning.models import Indicator, PlanDocument, PlanItem
    from rembug.planning.services import renja_create_from_renstra

    start = time.perf_counter()
    renjas = []
    if args.reuse:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        renjas = list(PlanDocument.objects.filter(government__slug="bench", kind="renja"))
    for n in range(0 if args.reuse else args.agencies):
        renstra = PlanDocument.objects.get(pk=tables_tc27.generate(3, agency_slug=f"d{n}"))
        renja = renja_create_from_renstra(renstra=renstra, year=2025, by=None)
        PlanDocument.objects.filter(pk=renja.pk).update(state="ditetapkan")
        periods = periods_ensure(document=renja)
        gov = renja.government_id
        IndicatorRealisation.objects.bulk_create(
            (
                IndicatorRealisation(
                    government_id=gov, period=p, indicator=i, value=Decimal(3 + p.quarter)
                )
                for i in Indicator.objects.filter(item__document=renja)
                for p in periods
            ),
            batch_size=5000,
        )
        ItemRealisation.objects.bulk_create(
            (
                ItemRealisation(government_id=gov, period=p, item=i, amount=Decimal(25_000_000))
                for i in PlanItem.objects.filter(document=renja, kind="sub_kegiatan")
                for p in periods
            ),
            batch_size=5000,
        )
        renjas.append(renja)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics, as autovacuum keeps them
            cursor.execute("ANALYZE")
    took = time.perf_counter() - start
    print(f"{len(renjas)} agencies' Renstra and Renja ready in {took:.0f} s")

    one = PlanDocument.objects.select_related("government", "agency", "based_on").get(
        pk=renjas[0].pk
    )
    for fmt, render in (("xlsx", render_xlsx), ("pdf", render_pdf)):
        # CPU seconds beside the wall clock: on the shared machine the wall clock mostly
        # measures the other sessions' load (PostgreSQL's own CPU is not counted here).
        start, cpu = time.perf_counter(), time.process_time()
        table = e81(one)
        data = render(table)
        took, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(
            f"E.81 {fmt}: {len(table.rows):,} rows, {len(data) / 1e6:.1f} MB in {took:.2f} s "
            f"({cpu:.2f} s CPU)"
        )

    government = Government.objects.get(slug="bench")
    start = time.perf_counter()
    with transaction.atomic():
        rows = summaries_rebuild(documents=renja_documents(government))
    took = time.perf_counter() - start
    print(f"summary backfill (monitoring-refresh): {rows:,} rows in {took:.2f} s")

    reset_queries()  # DEBUG is on: Django records every query
    start = time.perf_counter()
    overviews = renja_overviews(renja_documents(government))
    figures = government_figures(government, list(overviews.values()))
    svgs = [str(f.svg) for f in figures]
    elapsed = time.perf_counter() - start
    print(
        f"dashboard page data for {len(overviews)} agencies ({len(svgs)} charts): "
        f"{len(connection.queries)} queries in {elapsed:.3f} s"
    )
    from django.test import Client

    client = Client()
    client.get("/bench/monitoring/")  # load the URLs and templates once
    reset_queries()
    start = time.perf_counter()
    response = client.get("/bench/monitoring/")
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, response.status_code
    print(
        f"dashboard page over HTTP (test client): {len(response.content):,} bytes, "
        f"{len(connection.queries)} queries in {elapsed:.3f} s"
    )
    reset_queries()
    start = time.perf_counter()
    progress = renja_progress_many(renja_documents(government))
    values = [p.capaian(4) for p in progress.values()]
    elapsed = time.perf_counter() - start
    print(
        f"the same from every realisation row (before the summary): {len(values)} agencies, "
        f"{len(connection.queries)} queries in {elapsed:.2f} s"
    )

    period = ReportingPeriod.objects.select_related("document__government").get(
        document=one, quarter=4
    )
    period.deadline = timezone.localdate() + dt.timedelta(days=30)
    period.save(update_fields=["deadline"])
    indicator = Indicator.objects.select_related("item").filter(item__document=one).first()
    assert indicator is not None
    timings = []
    for value in (Decimal(7), Decimal(8), Decimal(9)):
        start = time.perf_counter()
        indicator_realisation_set(period=period, indicator=indicator, value=value, by=None)
        timings.append(time.perf_counter() - start)
    print(f"one realisation cell saved with its summary: {min(timings):.2f}–{max(timings):.2f} s")


if __name__ == "__main__":
    main()
