"""Benchmark: report intake over the API against a trivial endpoint on the same server, and
PostgreSQL's own single-row insert rate as the physical ceiling.

1. A throw-away PostgreSQL database next to ``DATABASE_URL``'s (``<name>_intake``, dropped and
   created) is migrated and given one government.
2. For each server configuration (``--configs``, default both): a real server process, gunicorn
   with 2 workers (``--workers``), either **sync** (one request at a time per worker) or
   **gthread** (``--threads`` threads per worker, so a worker waiting on a commit's fsync serves
   another request), serves Rembug from it (``rembug.bench.intake_settings``: Rembug's settings
   with the public write limit lifted; persistent database connections). Durable commits:
   PostgreSQL's ``fsync`` and ``synchronous_commit`` are read and printed, not changed.
3. From a second process on loopback, ``wrk`` (installed from Debian if absent — said so when it
   happens) runs ``--seconds`` against ``GET /healthz`` (the trivial JSON endpoint: one
   ``SELECT 1``), then, on the same server, against ``POST /api/v1/governments/<slug>/reports``
   (a report through ``complaint_submit``: emergency check, service level, timeline entry,
   audit entry, the report summary, one transaction). wrk keeps the id of every report answered
   201; each of those ids is then looked up in the database.
4. The audit entries the load wrote are sealed into the chain (``core.audit.audit_seal``; the
   server's background worker is not run here) and ``audit_verify`` walks the chain.
5. ``pgbench`` inserts one row per transaction, with the same ``--connections``, into a scratch
   table of the same shape as the reports table (``LIKE complaints_complaint INCLUDING ALL``),
   each row a copy of a report the server took in with a fresh tracking code.

Goal (issue 5): intake ≥ 1/3 of the trivial endpoint's rate, each configuration against its own
trivial run. Intake as a fraction of pgbench's rate is printed beside it.

Run: ``DATABASE_URL=postgres://postgres@127.0.0.1:5432/rembug_bench \
.venv/bin/python bench/intake.py``
Prints one ``FIGURE {json}`` line per figure (the sync configuration under ``intake.*``, gthread
under ``intake.gthread.*``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

SRC = Path(__file__).resolve().parents[1] / "src"
VENV_BIN = Path(sys.executable).parent
GOAL = 1 / 3
BODY = {
    "title": "Lampu jalan padam di depan pasar",
    "text": "Sudah seminggu lampu jalan padam, jalan gelap dan rawan. Mohon diperbaiki.",
    "classification": "pengaduan",
    "privacy": "publik",
    "contact_name": "Warga Uji Beban",
}


def figure(name: str, value: float, unit: str, **extra: object) -> None:
    print("FIGURE " + json.dumps({"name": name, "value": value, "unit": unit, **extra}), flush=True)


def scratch_url(url: str) -> tuple[str, str, str]:
    """(URL of the throw-away database, its name, URL of the maintenance database)."""
    parts = urlsplit(url)
    name = (parts.path.lstrip("/") or "rembug") + "_intake"
    return (
        urlunsplit(parts._replace(path=f"/{name}")),
        name,
        urlunsplit(parts._replace(path="/postgres")),
    )


def recreate(maintenance: str, name: str) -> None:
    import psycopg

    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wrk_path() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk is absent: installing it from Debian (apt-get install wrk)", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, capture_output=True)  # noqa: S607
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk could not be installed")
    return found


def wrk(url: str, seconds: int, connections: int, script: str | None = None) -> dict[str, float]:
    command = [wrk_path(), "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", script]
    output = subprocess.run(  # noqa: S603 - our own arguments
        [*command, url], check=True, capture_output=True, text=True
    ).stdout
    requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", output)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)

    def ms(match: re.Match[str] | None) -> float:
        if not match:
            return 0.0
        scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[match.group(2)]
        return float(match.group(1)) * scale

    return {
        "requests": requests,
        "rate": rate,
        "errors": int(errors.group(1)) if errors else 0,
        "p50_ms": ms(p50),
        "p99_ms": ms(p99),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4, help="Threads per gthread worker.")
    parser.add_argument(
        "--configs",
        default="sync,gthread",
        help="Server configurations to measure, each with its own trivial run: sync, gthread.",
    )
    parser.add_argument("--warmup", type=int, default=5, help="Unmeasured seconds first.")
    parser.add_argument(
        "--diagnose-without-summary",
        action="store_true",
        help="Diagnostic only: also measure each configuration with the report summary's save "
        "receiver disconnected (figures named intake[.gthread].without_summary.*).",
    )
    args = parser.parse_args()
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith(("postgres://", "postgresql://")):
        raise SystemExit("intake needs PostgreSQL: set DATABASE_URL=postgres://…")
    url, name, maintenance = scratch_url(configured)
    recreate(maintenance, name)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DATABASE_CONN_MAX_AGE": "60",
        "DJANGO_SETTINGS_MODULE": "rembug.bench.intake_settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE": "0",
        "DEBUG": "0",
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(SRC),
    }
    os.environ.update(env)
    sys.path.insert(0, str(SRC))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from rembug.complaints.models import Complaint
    from rembug.governments.models import Government
    from rembug.regions.models import Region

    province = Region.objects.create(code="36", name="Banten", level=1)
    region = Region.objects.create(code="36.73", name="Kota Serang", level=2, parent=province)
    government = Government.objects.create(
        region=region, name="Pemerintah Kota Serang", slug="kota-serang", kind="kota"
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW fsync")
        fsync = cursor.fetchone()[0]
        cursor.execute("SHOW synchronous_commit")
        synchronous_commit = cursor.fetchone()[0]
    connection.close()
    print(f"PostgreSQL fsync={fsync} synchronous_commit={synchronous_commit}", flush=True)

    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(wrk_script())
    intake_url = f"/api/v1/governments/{government.slug}/reports"
    runs: dict[str, dict[str, dict[str, Any]]] = {}
    for config in args.configs.split(","):
        runs[config] = serve_and_measure(
            config, args, env, intake_url, script.name, lambda: acknowledged_check(Complaint)
        )
        if args.diagnose_without_summary:
            runs[f"{config}.without_summary"] = serve_and_measure(
                config,
                args,
                {**env, "INTAKE_WITHOUT_SUMMARY": "1"},
                intake_url,
                script.name,
                lambda: acknowledged_check(Complaint),
            )
    Path(script.name).unlink()
    connection.close()
    sealing = seal_and_verify()
    ceiling = pgbench(url, name, args.seconds, args.connections)
    common = {
        "workers": args.workers,
        "connections": args.connections,
        "seconds": args.seconds,
        "fsync": fsync,
        "synchronous_commit": synchronous_commit,
    }
    for config, run in runs.items():
        trivial, intake, stored = run["trivial"], run["intake"], run["stored"]
        server, _sep, variant = config.partition(".")
        label = SERVERS[server](args)[1] + (
            " (summary receiver off: diagnostic)" if variant else ""
        )
        print(f"-- {label}")
        print(
            f"trivial GET /healthz   {trivial['rate']:9,.0f} req/s  "
            f"p50 {trivial['p50_ms']:.1f} ms  p99 {trivial['p99_ms']:.1f} ms  "
            f"({trivial['errors']} errors)"
        )
        print(
            f"report intake (POST)   {intake['rate']:9,.0f} req/s  p50 {intake['p50_ms']:.1f} ms  "
            f"p99 {intake['p99_ms']:.1f} ms  ({intake['errors']} errors); "
            f"{stored['found']:,} of the {stored['acknowledged']:,} reports answered 201 found "
            f"in the database"
        )
        ratio = intake["rate"] / trivial["rate"] if trivial["rate"] else 0.0
        print(f"intake / trivial       {ratio:9.3f}")
        extra = {**common, "server": label}
        prefix = (
            "intake" if config == "sync" else f"intake.{config}".replace("intake.sync.", "intake.")
        )
        figure(f"{prefix}.trivial_rate", round(trivial["rate"], 1), "req/s", **extra, **trivial)
        figure(f"{prefix}.report_rate", round(intake["rate"], 1), "req/s", **extra, **intake)
        figure(
            f"{prefix}.reports_stored_equal_accepted",
            stored["found"],
            "reports",
            goal=f"all {stored['acknowledged']} reports answered 201 are in the database",
            met=stored["found"] == stored["acknowledged"],
        )
        figure(
            f"{prefix}.fraction_of_trivial",
            round(ratio, 3),
            "",
            goal="≥ 0.333 (a third of the trivial endpoint)",
            met=ratio >= GOAL,
            server=label,
        )
        if server != "sync" or len(runs) == 1:
            figure(
                f"{prefix}.fraction_of_pgbench",
                round(intake["rate"] / ceiling, 3) if ceiling else 0.0,
                "",
                note="the physical ceiling: one row per durable transaction",
            )
    print(f"pgbench single-row INSERT {ceiling:9,.0f} tx/s")
    figure("intake.pgbench_insert_rate", round(ceiling, 1), "tx/s", **common)
    print(
        f"audit sealer: {sealing['sealed']:,} pending entries sealed in {sealing['seconds']:.2f} s "
        f"({sealing['rate']:,.0f}/s); audit verify: {sealing['problems']} problems"
    )
    figure("intake.audit_seal_rate", round(sealing["rate"], 1), "entries/s", **sealing)
    figure(
        "intake.audit_verify_problems",
        sealing["problems"],
        "problems",
        goal="0: the chain holds after sealing everything the load wrote",
        met=sealing["problems"] == 0,
    )


SERVERS = {
    "sync": lambda args: (
        [f"--workers={args.workers}"],
        f"gunicorn {args.workers} sync workers",
    ),
    "gthread": lambda args: (
        [f"--workers={args.workers}", "--worker-class=gthread", f"--threads={args.threads}"],
        f"gunicorn {args.workers} gthread workers × {args.threads} threads",
    ),
}


def wrk_script() -> str:
    """POST the report; keep the id of every report answered 201 and write them to the file
    named by the environment variable ``INTAKE_IDS`` when done."""
    body = json.dumps(BODY).replace("\\", "\\\\").replace('"', '\\"')
    return f"""
wrk.method = "POST"
wrk.body = "{body}"
wrk.headers["Content-Type"] = "application/json"
local threads = {{}}
function setup(thread) table.insert(threads, thread) end
function init(args) ids = "" end
function response(status, headers, body)
  if status == 201 then
    local id = string.match(body, '"id": ?(%d+)')
    ids = ids .. (id or "?") .. ","
  end
end
function done(summary, latency, requests)
  local path = os.getenv("INTAKE_IDS")
  if path == nil then return end
  local out = io.open(path, "w")
  for _, thread in ipairs(threads) do out:write(thread:get("ids")) end
  out:close()
end
"""


def acknowledged_check(complaint_model: Any) -> dict[str, int]:
    """How many of the ids wrk saw answered 201 are in the database."""
    from django.db import connection

    text = Path(os.environ["INTAKE_IDS"]).read_text()
    ids = [int(value) for value in text.split(",") if value.isdigit()]
    malformed = sum(1 for value in text.split(",") if value and not value.isdigit())
    found = 0
    for start in range(0, len(ids), 5000):
        found += complaint_model.objects.filter(pk__in=ids[start : start + 5000]).count()
    connection.close()
    return {"acknowledged": len(ids) + malformed, "found": found}


def serve_and_measure(
    config: str,
    args: argparse.Namespace,
    env: dict[str, str],
    intake_path: str,
    script: str,
    stored: Callable[[], dict[str, int]],
) -> dict[str, dict[str, Any]]:
    """Start the server in ``config``, measure the trivial endpoint then intake, stop it."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    options, _label = SERVERS[config](args)
    server = subprocess.Popen(  # noqa: S603 - our own arguments
        [
            str(VENV_BIN / "gunicorn"),
            "rembug.bench.intake_wsgi:application",
            *options,
            # Booting Django on a loaded machine can outlast gunicorn's default 30 s.
            "--timeout=180",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        env=env,
    )
    ids = tempfile.NamedTemporaryFile("w", suffix=".ids", delete=False)  # noqa: SIM115
    ids.close()
    os.environ["INTAKE_IDS"] = ids.name
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=10) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        wrk(f"{base}/healthz", args.warmup, args.connections)  # warm every worker
        trivial = wrk(f"{base}/healthz", args.seconds, args.connections)
        # The first report of each worker loads the triage models: not part of the figure.
        os.environ["INTAKE_IDS"] = os.devnull
        wrk(f"{base}{intake_path}", args.warmup, args.connections, script=script)
        os.environ["INTAKE_IDS"] = ids.name
        intake = wrk(f"{base}{intake_path}", args.seconds, args.connections, script=script)
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    found = stored()
    Path(ids.name).unlink()
    return {"trivial": trivial, "intake": intake, "stored": found}


def seal_and_verify() -> dict[str, float]:
    """Seal what the load left pending (the server's worker queue is not run here) and verify."""
    from django.db import connection

    from rembug.core.audit import audit_seal, audit_verify

    started = time.perf_counter()
    sealed = audit_seal()
    seconds = time.perf_counter() - started
    problems = len(list(audit_verify()))
    connection.close()
    return {
        "sealed": sealed,
        "seconds": round(seconds, 3),
        "rate": sealed / seconds if seconds else 0.0,
        "problems": problems,
    }


def pgbench(url: str, name: str, seconds: int, connections: int) -> float:
    """Single-row INSERTs, one per transaction, into a scratch table shaped like the reports."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP TABLE IF EXISTS bench_intake_scratch")
        connection.execute(
            "CREATE TABLE bench_intake_scratch (LIKE complaints_complaint INCLUDING ALL)"
        )
        cursor = connection.execute("SELECT * FROM complaints_complaint ORDER BY id LIMIT 1")
        columns = [c.name for c in cursor.description or []]
        row = cursor.fetchone()
        if row is None:
            raise SystemExit("no report was taken in: nothing to copy into the pgbench script")
        values = []
        for column, value in zip(columns, row, strict=True):
            if column == "id":
                continue
            if column == "tracking_code":
                values.append("upper(substr(md5(random()::text), 1, 11))")
            elif column in {"submitted_at", "created_at", "updated_at"}:
                values.append("now()")
            else:
                values.append(sql.Literal(value).as_string(connection))
        # Column names from the catalogue, values quoted by psycopg: a script for pgbench.
        insert = (
            "INSERT INTO bench_intake_scratch ("  # noqa: S608
            + ", ".join(c for c in columns if c != "id")
            + ") VALUES ("
            + ", ".join(values)
            + ");\n"
        )
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write(insert)
    parts = urlsplit(url)
    output = subprocess.run(  # noqa: S603 - our own arguments
        [  # noqa: S607 - pgbench from the system's PostgreSQL client
            "pgbench",
            "-n",
            f"-c{connections}",
            "-j2",
            f"-T{seconds}",
            "-f",
            script.name,
            "-h",
            parts.hostname or "127.0.0.1",
            "-p",
            str(parts.port or 5432),
            "-U",
            parts.username or "postgres",
            name,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    Path(script.name).unlink()
    match = re.search(r"tps = ([\d.]+)", output)
    return float(match.group(1)) if match else 0.0


if __name__ == "__main__":
    main()
