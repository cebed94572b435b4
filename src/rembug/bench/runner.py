"""``rembug bench run [NAME…]``: every benchmark in ``bench/``, one line per figure, JSON results.

Each benchmark is a script in ``bench/`` that also runs alone. The runner starts it in its own
process against a throw-away database on the configured server — for PostgreSQL
``<name>_bench_<benchmark>`` on the same server (dropped and created), for SQLite a temporary
file — so the configured database itself is never filled with synthetic rows. New benchmarks
print ``FIGURE {json}`` lines; the older module scripts are wrapped, their printed figures read
with the patterns below. Quick sizes by default (the machine is shared); ``--full`` for the sizes
quoted in ``docs/performance.md``.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

REPO = Path(__file__).resolve().parents[3]


def bench_dir() -> Path:
    return Path(os.environ.get("REMBUG_BENCH_DIR", str(REPO / "bench")))


@dataclass
class Figure:
    benchmark: str
    name: str
    value: float
    unit: str
    goal: str = ""
    met: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def line(self) -> str:
        verdict = "" if self.met is None else ("  met" if self.met else "  NOT MET")
        goal = f"  (goal {self.goal})" if self.goal else ""
        return f"{self.name:<48} {self.value:>14,.3f} {self.unit}{goal}{verdict}"


Parser = Callable[[str], list[tuple[str, float, str, str, bool | None]]]


def _figures_json(output: str) -> list[tuple[str, float, str, str, bool | None]]:
    rows = []
    for line in output.splitlines():
        if line.startswith("FIGURE "):
            data = json.loads(line[7:])
            rows.append(
                (
                    data["name"],
                    float(data["value"]),
                    data["unit"],
                    data.get("goal", ""),
                    data.get("met"),
                )
            )
    return rows


def _patterns(
    *specs: tuple[str, str, str, str, Callable[[float], bool] | None],
) -> Parser:
    """Figures read from printed text: (regex with one number group, name, unit, goal, test)."""

    def parse(output: str) -> list[tuple[str, float, str, str, bool | None]]:
        rows: list[tuple[str, float, str, str, bool | None]] = []
        for pattern, name, unit, goal, test in specs:
            match = re.search(pattern, output, re.MULTILINE)
            if match:
                value = float(match.group(1).replace(",", ""))
                rows.append((name, value, unit, goal, test(value) if test else None))
        return rows

    return parse


@dataclass(frozen=True)
class Benchmark:
    name: str
    script: str
    quick: tuple[str, ...]
    full: tuple[str, ...]
    parse: Parser
    needs_postgres: bool = False
    own_database: bool = False  # the script takes --database-url and recreates it itself
    makes_scratch: bool = False  # the script makes its own database next to the configured one
    keeps_database: bool = False  # its database stays for the next run, which reuses the rows
    about: str = ""


BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark(
        "pages",
        "pages_scale.py",
        ("--base", "200", "--runs", "3"),
        ("--base", "10000", "--runs", "5"),
        _figures_json,
        about="key pages' query count and server time at 1×, 10×, 100× data",
    ),
    Benchmark(
        "list-scale",
        "list_scale.py",
        ("--small", "10000", "--large", "100000", "--runs", "3"),
        ("--small", "10000", "--large", "1000000", "--runs", "7"),
        _figures_json,
        needs_postgres=True,
        keeps_database=True,
        about="every report list page at 10,000 and 1,000,000 reports, side by side "
        "(its database is kept: the next run reuses the reports)",
    ),
    Benchmark(
        "intake",
        "intake.py",
        ("--seconds", "10"),
        ("--seconds", "30"),
        _figures_json,
        needs_postgres=True,
        makes_scratch=True,
        about="report intake vs a trivial endpoint (gunicorn, 2 workers, wrk) and pgbench",
    ),
    Benchmark(
        "storage",
        "storage.py",
        ("--reports", "5000"),
        ("--reports", "50000"),
        _figures_json,
        needs_postgres=True,
        about="bytes per row on generated data (pg_total_relation_size) and national sizing",
    ),
    Benchmark(
        "triage-routing",
        "triage_routing.py",
        ("10000",),
        ("100000",),
        _patterns(
            (
                r"([\d,]+) reports per CPU second",
                "triage.classification_cpu_rate",
                "reports/CPU s",
                "≥ 2,000 per core",
                lambda v: v >= 2000,
            ),
            (
                r"second, ([\d,]+)/s wall clock",
                "triage.classification_wall_rate",
                "reports/s",
                "",
                None,
            ),
            (r"\(route\): ([\d.]+) ms", "triage.one_suggestion_ms", "ms", "", None),
            (r"index\): [\d.]+ s = ([\d,]+) reports/s", "triage.batch_rate", "reports/s", "", None),
        ),
        about="routing classification throughput (bench/triage_routing.py)",
    ),
    Benchmark(
        "triage-duplicates",
        "triage_duplicates.py",
        ("20000",),
        ("1000000",),
        _patterns(
            (
                r"reports: mean ([\d.]+) ms",
                "triage.duplicate_lookup_mean",
                "ms",
                "< 20 ms",
                lambda v: v < 20,
            ),
            (
                r"recall vs brute force.*= ([\d.]+)",
                "triage.duplicate_recall",
                "",
                "≥ 0.95",
                lambda v: v >= 0.95,
            ),
            (
                r"indexed [\d,]+ reports in [\d.]+ s \(([\d,]+)/s\)",
                "triage.duplicate_index_rate",
                "reports/s",
                "",
                None,
            ),
        ),
        about="duplicate lookup time and recall against brute force",
    ),
    Benchmark(
        "lapor-import",
        "lapor_import.py",
        ("--rows", "20000"),
        ("--rows", "1000000"),
        _patterns(
            (r"first import: .* = ([\d,]+) rows/s", "lapor.import_rate", "rows/s", "", None),
            (r"second import.* = ([\d,]+) rows/s", "lapor.reimport_rate", "rows/s", "", None),
            (
                r"second import.*peak memory so far ([\d,]+) MB",
                "lapor.import_peak_memory",
                "MB",
                "< 500 MB",
                lambda v: v < 500,
            ),
        ),
        own_database=True,
        about="LAPOR! import rows/s and peak memory (bench/lapor_import.py)",
    ),
    Benchmark(
        "planning-tree",
        "planning_tree.py",
        (),
        (),
        _patterns(
            (
                r"^tree page .* ([\d.]+)×$",
                "planning.tree_page_ratio_5000_vs_500",
                "×",
                "≤ 1.5×",
                lambda v: v <= 1.5,
            ),
            (
                r"^program page \(public\) .* ([\d.]+)×$",
                "planning.program_page_ratio",
                "×",
                "",
                None,
            ),
        ),
        about="Renstra tree page at 500 and 5,000 sub kegiatan (bench/planning_tree.py)",
    ),
    Benchmark(
        "export-tc27",
        "tables_tc27.py",
        ("--programs", "5", "--formats", "xlsx"),
        ("--programs", "50", "--formats", "xlsx,pdf"),
        _patterns(
            (
                r"xlsx: [\d,]+ rows in ([\d.]+) s",
                "export.tc27_xlsx_seconds",
                "s",
                "< 5 s",
                lambda v: v < 5,
            ),
            (
                r"pdf: [\d,]+ rows in ([\d.]+) s",
                "export.tc27_pdf_seconds",
                "s",
                "< 30 s",
                lambda v: v < 30,
            ),
        ),
        about="T-C.27 export of a Renstra (bench/tables_tc27.py)",
    ),
    Benchmark(
        "export-e81",
        "monitoring_e81.py",
        ("--agencies", "2"),
        ("--agencies", "40"),
        _patterns(
            (
                r"E\.81 xlsx: [\d,]+ rows, [\d.]+ MB in ([\d.]+) s",
                "export.e81_xlsx_seconds",
                "s",
                "< 5 s",
                lambda v: v < 5,
            ),
            (
                r"E\.81 pdf: [\d,]+ rows, [\d.]+ MB in ([\d.]+) s",
                "export.e81_pdf_seconds",
                "s",
                "< 5 s",
                lambda v: v < 5,
            ),
            (
                r"dashboard page over HTTP \(test client\): [\d,]+ bytes, (\d+) queries",
                "monitoring.dashboard_page_queries",
                "queries",
                "",
                None,
            ),
            (
                r"dashboard page over HTTP \(test client\): .* queries in ([\d.]+) s",
                "monitoring.dashboard_page_seconds",
                "s",
                "< 1 s",
                lambda v: v < 1,
            ),
        ),
        about="E.81 export and dashboard data (bench/monitoring_e81.py)",
    ),
)


def _database_for(benchmark: Benchmark) -> tuple[str, Callable[[], None]]:
    """A throw-away database URL on the configured server, and how to drop it afterwards."""
    database = settings.DATABASES["default"]
    if "postgresql" in database["ENGINE"]:
        configured = os.environ.get("DATABASE_URL", "")
        parts = urlsplit(configured)
        name = f"{database['NAME']}_bench_{benchmark.name.replace('-', '_')}"
        url = urlunsplit(parts._replace(path=f"/{name}"))
        maintenance = urlunsplit(parts._replace(path="/postgres"))

        def run(statement: str) -> None:
            import psycopg

            with psycopg.connect(maintenance, autocommit=True) as connection:
                connection.execute(statement)

        if benchmark.makes_scratch:
            return configured, lambda: None
        if benchmark.keeps_database:
            return url, lambda: None  # the script creates it when absent
        if not benchmark.own_database:
            run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            run(f'CREATE DATABASE "{name}"')
        return url, lambda: run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    folder = tempfile.mkdtemp(prefix=f"rembug-bench-{benchmark.name}-")
    return f"sqlite:///{Path(folder) / 'bench.sqlite3'}", lambda: None


def machine() -> dict[str, Any]:
    memory = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) // 1024
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "cores": os.cpu_count(),
        "memory_mib": memory,
        "load_average": list(os.getloadavg()),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "commit": commit,
    }


def run_one(benchmark: Benchmark, *, full: bool, stdout: TextIO) -> tuple[list[Figure], str, float]:
    """Run one benchmark in its own process; its figures, its output, its seconds."""
    url, drop = _database_for(benchmark)
    arguments = list(benchmark.full if full else benchmark.quick)
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": os.environ.get("SECRET_KEY", "bench")}
    if benchmark.own_database:
        env.pop("DATABASE_URL")
        if url.startswith("postgres"):
            arguments += ["--database-url", url]
    started = time.perf_counter()
    try:
        result = subprocess.run(  # noqa: S603 - a script of ours with our own arguments
            [sys.executable, str(bench_dir() / benchmark.script), *arguments],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        drop()
    seconds = time.perf_counter() - started
    output = result.stdout + result.stderr
    if result.returncode:
        stdout.write(f"{benchmark.name}: FAILED (exit {result.returncode})\n{output[-3000:]}\n")
        return [], output, seconds
    figures = [
        Figure(benchmark.name, name, value, unit, goal, met)
        for name, value, unit, goal, met in benchmark.parse(result.stdout)
    ]
    for line in result.stdout.splitlines():
        if line.startswith("FIGURE "):
            data = json.loads(line[7:])
            for f in figures:
                if f.name == data["name"]:
                    f.extra = {k: v for k, v in data.items() if k not in {"name", "value", "unit"}}
    return figures, output, seconds


def run_cli(*, names: list[str], list_only: bool, full: bool, results: str, stdout: TextIO) -> int:
    known = {b.name: b for b in BENCHMARKS}
    if list_only:
        for b in BENCHMARKS:
            pg = " (PostgreSQL)" if b.needs_postgres else ""
            stdout.write(f"{b.name:<18} bench/{b.script:<22} {b.about}{pg}\n")
        return 0
    unknown = [n for n in names if n not in known]
    if unknown:
        stdout.write(f"unknown benchmarks: {', '.join(unknown)}; known: {', '.join(known)}\n")
        return 2
    chosen = [known[n] for n in names] if names else list(BENCHMARKS)
    vendor = settings.DATABASES["default"]["ENGINE"]
    report: dict[str, Any] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "full": full,
        "benchmarks": {},
    }
    failed = 0
    for benchmark in chosen:
        if benchmark.needs_postgres and "postgresql" not in vendor:
            stdout.write(f"{benchmark.name}: skipped (needs PostgreSQL: set DATABASE_URL)\n")
            report["benchmarks"][benchmark.name] = {"skipped": "needs PostgreSQL"}
            continue
        stdout.write(f"== {benchmark.name}: {benchmark.about}\n")
        stdout.flush()
        figures, output, seconds = run_one(benchmark, full=full, stdout=stdout)
        if not figures:
            failed += 1
        for f in figures:
            stdout.write(f.line() + "\n")
        stdout.write(f"   ({seconds:.0f} s)\n")
        stdout.flush()
        report["benchmarks"][benchmark.name] = {
            "seconds": round(seconds, 1),
            "figures": [asdict(f) for f in figures],
            "output_tail": output[-4000:],
        }
    folder = Path(results) if results else bench_dir() / "results"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"{stamp}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    stdout.write(f"results → {path}\n")
    return 1 if failed else 0
