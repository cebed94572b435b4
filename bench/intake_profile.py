"""Benchmark: one report's intake in-process — its SQL statements, its time and CPU against
``/healthz`` — and 8 threads taking reports in one process, with the audit entries pending
(sealed later, as in production) or sealed in the request under the chain head's lock (the old
behaviour, ``TASKS_BACKEND=immediate``), each with and without the report summary's save
receiver. Side by side in one run, on a throw-away PostgreSQL database (``<name>_intake_profile``,
dropped and created next to ``DATABASE_URL``'s).

Run: ``DATABASE_URL=postgres://postgres@127.0.0.1:5432/rembug_bench \\
.venv/bin/python bench/intake_profile.py [--profile]``
Prints the statements, one ``FIGURE {json}`` line per figure, and with ``--profile`` the
``cProfile`` (CPU time) of 50 reports.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from intake import BODY, SRC, figure, recreate, scratch_url

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=100, help="Reports timed one at a time.")
    parser.add_argument("--seconds", type=int, default=8, help="Seconds per threaded run.")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith(("postgres://", "postgresql://")):
        raise SystemExit("intake_profile needs PostgreSQL: set DATABASE_URL=postgres://…")
    url, name, maintenance = scratch_url(configured)
    url, name = url.replace(name, f"{name}_profile"), f"{name}_profile"
    recreate(maintenance, name)
    os.environ.update(
        {
            "DATABASE_URL": url,
            "DATABASE_CONN_MAX_AGE": "60",
            "DJANGO_SETTINGS_MODULE": "rembug.bench.intake_settings",
            "SECRET_KEY": os.environ.get("SECRET_KEY", "bench"),
            "ALLOWED_HOSTS": "testserver",
            "SECURE": "0",
            "DEBUG": "0",
            "LOG_LEVEL": "ERROR",
        }
    )
    sys.path.insert(0, str(SRC))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models.signals import post_save
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from rembug.complaints import summary
    from rembug.complaints.models import Complaint
    from rembug.core.audit import audit_seal, audit_verify
    from rembug.governments.models import Government
    from rembug.regions.models import Region

    call_command("migrate", verbosity=0)
    province = Region.objects.create(code="36", name="Banten", level=1)
    region = Region.objects.create(code="36.73", name="Kota Serang", level=2, parent=province)
    Government.objects.create(
        region=region, name="Pemerintah Kota Serang", slug="kota-serang", kind="kota"
    )
    body = json.dumps(BODY)
    path = "/api/v1/governments/kota-serang/reports"
    client = Client()

    def post(each: Client = client) -> None:
        response = each.post(path, body, content_type="application/json")
        if response.status_code != 201:
            raise SystemExit(f"intake answered {response.status_code}: {response.content!r}")

    def summary_on(on: bool) -> None:
        if on:
            summary.connect()
        else:
            post_save.disconnect(sender=Complaint, dispatch_uid="complaint_summary_save")

    for _warm in range(5):
        post()
        client.get("/healthz")

    def timed(action: Callable[[], object]) -> tuple[float, float]:
        """Median wall milliseconds and CPU milliseconds per call."""
        times = []
        cpu = time.process_time()
        for _run in range(args.runs):
            started = time.perf_counter()
            action()
            times.append(time.perf_counter() - started)
        return statistics.median(times) * 1000, (time.process_time() - cpu) * 1000 / args.runs

    for on in (True, False):
        summary_on(on)
        tag = "" if on else ".without_summary"
        with CaptureQueriesContext(connection) as queries:
            post()
        print(f"-- one report, summary {'on' if on else 'off'}: {len(queries)} statements")
        for query in queries.captured_queries:
            print("   " + query["sql"][:110])
        figure(f"intake_profile.statements{tag}", len(queries), "statements")
        wall, cpu = timed(post)
        figure(f"intake_profile.report_ms{tag}", round(wall, 2), "ms", cpu_ms=round(cpu, 2))
    wall, cpu = timed(lambda: client.get("/healthz"))
    figure("intake_profile.healthz_ms", round(wall, 2), "ms", cpu_ms=round(cpu, 2))

    def threaded() -> float:
        stop = time.monotonic() + args.seconds
        counts = [0] * args.threads

        def work(index: int) -> None:
            each = Client()
            while time.monotonic() < stop:
                post(each)
                counts[index] += 1
            connection.close()

        threads = [threading.Thread(target=work, args=(i,)) for i in range(args.threads)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return sum(counts) / (time.monotonic() - started)

    for on in (True, False):
        summary_on(on)
        tag = "" if on else ".without_summary"
        pending = threaded()
        with override_settings(TASKS=IMMEDIATE):
            locked = threaded()
        print(
            f"{args.threads} threads, summary {'on' if on else 'off'}: audit pending "
            f"{pending:.1f} reports/s, sealed in the request {locked:.1f} reports/s"
        )
        figure(f"intake_profile.threads_audit_pending{tag}", round(pending, 1), "reports/s")
        figure(f"intake_profile.threads_audit_in_request{tag}", round(locked, 1), "reports/s")
    audit_seal()
    problems = len(list(audit_verify()))
    figure("intake_profile.audit_verify_problems", problems, "problems", met=problems == 0)
    if args.profile:
        summary_on(True)
        profile = cProfile.Profile(time.process_time)
        profile.enable()
        for _run in range(50):
            post()
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
    connection.close()


if __name__ == "__main__":
    main()
