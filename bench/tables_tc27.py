"""Benchmark: T-C.27 of a Renstra of 50 programs × 10 kegiatan × 10 sub kegiatan.

5,000 sub kegiatan (5,555 items with the tujuan, sasaran, programs and kegiatan), three output
indicators per sub kegiatan and one per higher item (~15,600 indicators, five yearly targets
each), pagu for five years. Each format is measured in a fresh process (time from loading the
tree to the bytes, peak resident memory of that process).

Run: ``.venv/bin/python bench/tables_tc27.py [--programs 50] [--formats xlsx,pdf]``.
The database is ``DATABASE_URL`` if set (PostgreSQL: give a throw-away database, it is
migrated and filled), else a throw-away SQLite file.
Targets (issue 3): XLSX under 5 s, PDF under 30 s, memory under 500 MB. The CPU time is
printed too: on a shared machine the wall-clock time grows with the others' load.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def setup() -> None:
    sys.path.insert(0, str(SRC))
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rembug.settings")
    import django

    django.setup()


def generate(programs: int, agency_slug: str = "d") -> int:
    """Fill the database with a Renstra of ``programs`` × 10 × 10 for the agency ``agency_slug``;
    returns the Renstra's id."""
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)
    from rembug.governments.models import Agency, Government
    from rembug.planning.models import Funding, Indicator, IndicatorTarget, PlanDocument, PlanItem
    from rembug.regions.models import Region

    years = list(range(2025, 2030))
    with transaction.atomic():
        region, _ = Region.objects.get_or_create(code="99", defaults={"name": "Bench", "level": 1})
        gov, _ = Government.objects.get_or_create(
            slug="bench", defaults={"region": region, "name": "Kota Bench", "kind": "kota"}
        )
        agency, _ = Agency.objects.get_or_create(
            government=gov,
            slug=agency_slug,
            defaults={"name": f"Dinas Bench {agency_slug}", "short_name": agency_slug.upper()},
        )
        doc = PlanDocument.objects.create(
            government=gov,
            kind="renstra",
            agency=agency,
            title="Renstra Bench",
            period_start=2025,
            period_end=2029,
            state="rancangan",
        )

        def items(rows: list[PlanItem]) -> list[PlanItem]:
            return PlanItem.objects.bulk_create(rows, batch_size=2000)

        def new(kind: str, parent: PlanItem | None, n: int, code: str = "") -> PlanItem:
            return PlanItem(
                government=gov,
                document=doc,
                parent=parent,
                kind=kind,
                position=n,
                code=code,
                text=f"{kind.replace('_', ' ').title()} peningkatan layanan digital {code or n}",
            )

        (tujuan,) = items([new("tujuan", None, 0)])
        sasaran = items([new("sasaran", tujuan, s) for s in range(5)])
        progs = items(
            [new("program", sasaran[p % 5], p, f"2.16.{p + 1:02d}") for p in range(programs)]
        )
        kegs = items(
            [
                new("kegiatan", prog, k, f"{prog.code}.2.{k + 1:02d}")
                for prog in progs
                for k in range(10)
            ]
        )
        subs = items(
            [
                new("sub_kegiatan", keg, s, f"{keg.code}.{s + 1:04d}")
                for keg in kegs
                for s in range(10)
            ]
        )
        indicators = []
        for item in [tujuan, *sasaran, *progs, *kegs, *subs]:
            for n in range(3 if item.kind == "sub_kegiatan" else 1):
                indicators.append(
                    Indicator(
                        government=gov,
                        item=item,
                        position=n,
                        name=f"Jumlah keluaran {n + 1} {item.code}",
                        unit="dokumen",
                        baseline_year=2024,
                        baseline_value=Decimal(10),
                        end_target=Decimal(35),
                        responsible_unit="Bidang Aplikasi",
                    )
                )
        indicators = Indicator.objects.bulk_create(indicators, batch_size=5000)
        IndicatorTarget.objects.bulk_create(
            (
                IndicatorTarget(
                    government=gov, indicator=ind, year=y, value=Decimal(10 + 5 * (i + 1))
                )
                for ind in indicators
                for i, y in enumerate(years)
            ),
            batch_size=10000,
        )
        Funding.objects.bulk_create(
            (
                Funding(government=gov, item=sub, year=y, amount=Decimal(125_000_000))
                for sub in subs
                for y in years
            ),
            batch_size=10000,
        )
    count = len(subs) + len(kegs) + len(progs) + 6
    print(f"generated: {count:,} items, {len(indicators):,} indicators")
    return doc.pk


def measure(document_id: int, fmt: str, output: str) -> None:
    from rembug.core.tables import render_pdf, render_xlsx
    from rembug.monitoring.tables_plan import build_plan_table
    from rembug.planning.models import PlanDocument

    document = PlanDocument.objects.select_related("government", "agency").get(pk=document_id)
    start = time.perf_counter()
    cpu_start = time.process_time()
    table = build_plan_table("T-C.27", document)
    built = time.perf_counter() - start
    data = (render_xlsx if fmt == "xlsx" else render_pdf)(table)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start  # what a loaded machine does not inflate
    Path(output).write_bytes(data)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{fmt}: {len(table.rows):,} rows in {elapsed:.2f} s, CPU {cpu:.2f} s "
        f"(tree and table {built:.2f} s), "
        f"{len(data) / 1e6:.1f} MB file, peak memory {peak:.0f} MB → {output}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--programs", type=int, default=50)
    parser.add_argument("--formats", default="xlsx,pdf")
    parser.add_argument("--measure", nargs=3, metavar=("DOCUMENT", "FORMAT", "OUTPUT"))
    args = parser.parse_args()
    if args.measure:
        setup()
        measure(int(args.measure[0]), args.measure[1], args.measure[2])
        return
    directory = tempfile.mkdtemp(prefix="rembug-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(directory) / 'bench.sqlite3'}")
    setup()
    document_id = generate(args.programs)
    for fmt in args.formats.split(","):
        output = str(Path(directory) / f"T-C.27.{fmt}")
        subprocess.run(  # noqa: S603 - this very script, with our own arguments
            [sys.executable, __file__, "--measure", str(document_id), fmt, output],
            check=True,
            env=os.environ.copy(),
        )


if __name__ == "__main__":
    main()
