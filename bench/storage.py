"""Benchmark: bytes per row on PostgreSQL, measured on generated data, and the national sizing.

A city is generated (``rembug bench generate``'s generator: 40 agencies with Renstra and Renja,
four quarters of realisation, ``--reports`` reports with their timelines, 500 forum inputs) into
the database of ``DATABASE_URL`` (PostgreSQL; give a throw-away one: it is migrated and filled).
After ``VACUUM ANALYZE``, ``pg_total_relation_size`` of each table (heap, indexes, TOAST) divided
by its rows gives the bytes per row. The national figures multiply them by the rows of a city:
reports per year from ``--reports-per-year`` (LAPOR! had 300,000+ complaints in 17 months in
2017–18 for the whole country; a busy city receives tens of thousands a year), the planning rows
of one five-year cycle as generated, for 514 kab/kota and 38 provinces.

Run: ``DATABASE_URL=postgres://postgres@127.0.0.1:5432/rembug_storage .venv/bin/python
bench/storage.py [--reports 20000]``. Prints one ``FIGURE {json}`` line per figure.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from io import StringIO
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
GOVERNMENTS = 514 + 38
PLANNING = (
    "planning_plandocument",
    "planning_planitem",
    "planning_indicator",
    "planning_indicatortarget",
    "planning_funding",
    "monitoring_reportingperiod",
    "monitoring_indicatorrealisation",
    "monitoring_itemrealisation",
)
REPORTS = (
    "complaints_complaint",
    "complaints_complaintevent",
    "complaints_complaintanswer",
    "complaints_complaintrating",
)


def figure(name: str, value: float, unit: str, **extra: object) -> None:
    print("FIGURE " + json.dumps({"name": name, "value": value, "unit": unit, **extra}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=20_000)
    parser.add_argument(
        "--reports-per-year",
        type=int,
        default=20_000,
        help="Reports a kab/kota receives in a year, for the national sizing.",
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        raise SystemExit("storage needs PostgreSQL: set DATABASE_URL=postgres://… (throw-away)")
    sys.path.insert(0, str(SRC))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rembug.settings")
    os.environ.setdefault("SECRET_KEY", "bench")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from rembug.bench.generate import generate

    call_command("migrate", verbosity=0)
    summary = generate(scale="city", seed=1, reports=args.reports, stream=StringIO())
    print(
        f"generated {summary.total_rows:,} rows in {summary.seconds:.0f} s "
        f"({summary.rows_per_second:,.0f} rows/s)"
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        sizes = {}
        for table in (*PLANNING, *REPORTS, "forums_foruminput"):
            cursor.execute(
                f'SELECT count(*), pg_total_relation_size(%s) FROM "{table}"',  # noqa: S608
                [table],
            )
            rows, size = cursor.fetchone()
            sizes[table] = (rows, size)
            per_row = size / rows if rows else 0
            print(f"{table:34} {rows:>10,} rows {size / 1e6:>9.1f} MB {per_row:>7,.0f} B/row")
            figure(f"storage.{table}.bytes_per_row", round(per_row), "B", rows=rows, bytes=size)
    report_bytes = sum(sizes[t][1] for t in REPORTS) / args.reports
    planning_rows = sum(sizes[t][0] for t in PLANNING)
    planning_bytes = sum(sizes[t][1] for t in PLANNING)
    per_year = args.reports_per_year * GOVERNMENTS
    events_per_report = sizes["complaints_complaintevent"][0] / args.reports
    figure("storage.bytes_per_report_with_timeline", round(report_bytes), "B")
    figure("storage.planning_rows_per_government_cycle", planning_rows, "rows")
    figure("storage.planning_bytes_per_government_cycle", round(planning_bytes / 1e6, 1), "MB")
    figure("national.reports_per_year", per_year, "reports", governments=GOVERNMENTS)
    figure("national.report_storage_per_year", round(per_year * report_bytes / 1e9, 1), "GB")
    figure(
        "national.report_rows_per_second_average",
        round(per_year * (1 + events_per_report) / (365 * 86400), 1),
        "rows/s",
        note="reports and timeline entries, averaged over the year",
    )
    figure(
        "national.planning_storage_per_cycle",
        round(GOVERNMENTS * planning_bytes / 1e9, 1),
        "GB",
        rows=GOVERNMENTS * planning_rows,
    )


if __name__ == "__main__":
    main()
