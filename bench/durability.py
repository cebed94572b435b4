"""Nothing acknowledged is lost (issue 10.1, issue 5's kill -9): residents' reports are submitted
over the API from many threads to a real server (gunicorn, 2 workers, TCP) on PostgreSQL; during
the run the server is killed with SIGKILL and started again, and PostgreSQL is restarted. Clients
do what a phone app should: retry with the same ``Idempotency-Key`` until they get an answer.
Afterwards every report that got a tracking code must exist exactly once.

    .venv/bin/python bench/durability.py --database-url postgres://postgres@127.0.0.1:5439/rembug
    .venv/bin/python bench/durability.py --terminate-backends  # cheaper: cuts the DB's sessions

It creates (and drops first) the database named in ``--database-url`` (default
``postgres://postgres@127.0.0.1:5432/rembug_durability``). Without ``--terminate-backends`` it
restarts the whole PostgreSQL cluster listening on that port: give it a cluster of its own, e.g.
``pg_createcluster 15 durability -p 5439 -- --auth-host=trust`` and
``pg_ctlcluster --skip-systemctl-redirect 15 durability start``. The test
``tests/reliability/test_durability.py`` runs the same harness on the test database with the
cheaper PostgreSQL fault, which is safe on a machine whose PostgreSQL others share.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
SLUG = "kota-serang"
SETTINGS = """\
from rembug.settings import *  # noqa: F403

API_PUBLIC_WRITE_RATE = "1000000/min"  # the load here is the point, not the rate limit
"""


@dataclass
class Outcome:
    acknowledged: dict[str, str] = field(default_factory=dict)  # idempotency key -> tracking code
    gave_up: int = 0
    retries: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class Figures:
    acknowledged: int
    lost: int
    duplicated: int
    gave_up: int
    retries: int
    server_kills: int
    database_faults: int
    seconds: float

    def __str__(self) -> str:
        return (
            f"acknowledged {self.acknowledged}, lost {self.lost}, duplicated {self.duplicated}, "
            f"unacknowledged (client gave up) {self.gave_up}, retries {self.retries}, "
            f"server SIGKILLs {self.server_kills}, PostgreSQL faults {self.database_faults}, "
            f"{self.seconds:.1f} s"
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """gunicorn with two sync workers in its own process group, so a kill takes all of it."""

    def __init__(self, database_url: str, port: int, settings_dir: Path) -> None:
        self.port = port
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "durability_settings",
            "PYTHONPATH": f"{settings_dir}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
            "SECRET_KEY": "durability-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
            "SECURE": "0",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "CRITICAL",
        }
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [
            str(VENV_BIN / "gunicorn"),
            "rembug.wsgi:application",
            "--workers=2",
            f"--bind=127.0.0.1:{self.port}",
            "--timeout=30",
            "--graceful-timeout=1",
            "--log-level=critical",
        ]
        # Its 500s while the database is down are expected here; the figures tell the story.
        self.process = subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
            command,
            env=self.env,
            start_new_session=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.wait_ready()

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/healthz", timeout=2
                ) as answer:
                    if answer.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.2)
        raise RuntimeError("the server did not come up")

    def kill(self) -> None:
        """SIGKILL the master and its workers at once: a crash, no chance to finish anything."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            self.process = None


def _post(port: int, key: str, n: int) -> tuple[int, dict[str, str]]:
    body = json.dumps(
        {
            "title": f"Uji ketahanan {n}",
            "text": f"Laporan uji ketahanan, kunci {key}: jalan berlubang di depan sekolah.",
            "classification": "pengaduan",
        }
    ).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/governments/{SLUG}/reports",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Idempotency-Key": key},
    )
    try:
        with urllib.request.urlopen(request, timeout=15) as answer:  # noqa: S310
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, {}


def client(port: int, reports: int, outcome: Outcome, deadline: float, first: int) -> None:
    """Submit ``reports`` reports one after another, each retried with its key until answered."""
    for n in range(first, first + reports):
        key = str(uuid.uuid4())
        while True:
            if time.monotonic() > deadline:
                with outcome.lock:
                    outcome.gave_up += 1
                break
            try:
                status, body = _post(port, key, n)
            except (OSError, urllib.error.URLError, ValueError):
                status, body = 0, {}
            if status in (200, 201) and body.get("tracking_code"):
                with outcome.lock:
                    outcome.acknowledged[key] = body["tracking_code"]
                break
            with outcome.lock:
                outcome.retries += 1
            time.sleep(0.1)


def terminate_backends(database_url: str) -> None:
    """Cut every session of the database: what clients see while PostgreSQL restarts, without
    touching other databases on the server."""
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )


def restart_cluster(database_url: str) -> None:
    """The real thing: restart the PostgreSQL cluster that listens on the URL's port (run it on a
    cluster nobody else is using: every session on it is cut)."""
    port = database_url.rsplit(":", 1)[1].split("/", 1)[0]
    listing = subprocess.run(
        ["pg_lsclusters", "-h"],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    version, name = next(
        line.split()[:2] for line in listing.splitlines() if line.split()[2] == port
    )
    subprocess.run(  # noqa: S603
        [  # noqa: S607
            "pg_ctlcluster",
            "--skip-systemctl-redirect",
            version,
            name,
            "restart",
            "-m",
            "fast",
        ],
        check=True,
    )


def count_reports(database_url: str, acknowledged: dict[str, str]) -> tuple[int, int]:
    """Lost: acknowledged tracking codes with no report. Duplicated: keys with more than one."""
    import psycopg

    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT tracking_code, text FROM complaints_complaint "
            "WHERE title LIKE 'Uji ketahanan %'"
        ).fetchall()
    codes = {code for code, _text in rows}
    per_key: dict[str, int] = {}
    for _code, text in rows:
        key = text.split("kunci ", 1)[1].split(":", 1)[0]
        per_key[key] = per_key.get(key, 0) + 1
    lost = sum(1 for code in acknowledged.values() if code not in codes)
    duplicated = sum(1 for count in per_key.values() if count > 1)
    return lost, duplicated


def run(
    database_url: str,
    *,
    clients: int = 8,
    reports_per_client: int = 40,
    server_kills: int = 2,
    database_fault: Callable[[str], None] = terminate_backends,
    database_faults: int = 1,
    budget_seconds: float = 300,
) -> Figures:
    """Drive the load with faults at intervals; the database must exist, migrated, with the
    government ``kota-serang``."""
    with tempfile.TemporaryDirectory(prefix="rembug-durability-") as settings_dir:
        Path(settings_dir, "durability_settings.py").write_text(SETTINGS)
        server = Server(database_url, free_port(), Path(settings_dir))
        server.start()
        outcome = Outcome()
        started = time.monotonic()
        deadline = started + budget_seconds
        threads = [
            threading.Thread(
                target=client,
                args=(server.port, reports_per_client, outcome, deadline, i * reports_per_client),
            )
            for i in range(clients)
        ]
        for thread in threads:
            thread.start()
        kills = faults = 0
        try:
            while any(t.is_alive() for t in threads):
                time.sleep(1.5)
                done = len(outcome.acknowledged) / (clients * reports_per_client)
                if kills < server_kills and done > (kills + 1) / (server_kills + 2):
                    server.kill()
                    kills += 1
                    time.sleep(0.5)
                    server.start()
                if faults < database_faults and kills >= 1 and done > 0.5:
                    database_fault(database_url)
                    faults += 1
        finally:
            for thread in threads:
                thread.join()
            server.stop()
        lost, duplicated = count_reports(database_url, outcome.acknowledged)
        return Figures(
            acknowledged=len(outcome.acknowledged),
            lost=lost,
            duplicated=duplicated,
            gave_up=outcome.gave_up,
            retries=outcome.retries,
            server_kills=kills,
            database_faults=faults,
            seconds=time.monotonic() - started,
        )


def prepare(database_url: str) -> None:
    """Create the database afresh, migrate it, add Kota Serang."""
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "x", "SECURE": "0"}
    rembug = str(VENV_BIN / "rembug")
    subprocess.run([rembug, "migrate", "-v0"], env=env, check=True, cwd=ROOT)  # noqa: S603
    code = (
        "from rembug.regions.models import Region as R; "
        "from rembug.governments.services import government_create as g; "
        "p = R.objects.create(code='36', name='Banten', level=1); "
        "k = R.objects.create(code='36.73', name='Kota Serang', level=2, parent=p); "
        "g(region=k, slug='kota-serang')"
    )
    subprocess.run([rembug, "shell", "-v0", "-c", code], env=env, check=True, cwd=ROOT)  # noqa: S603


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/rembug_durability"
    )
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--reports", type=int, default=100, help="per client")
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument(
        "--terminate-backends",
        action="store_true",
        help="cut the database's sessions instead of restarting the PostgreSQL cluster",
    )
    args = parser.parse_args()
    prepare(args.database_url)
    fault = terminate_backends if args.terminate_backends else restart_cluster
    figures = run(
        args.database_url,
        clients=args.clients,
        reports_per_client=args.reports,
        server_kills=args.kills,
        database_fault=fault,
        budget_seconds=600,
    )
    print(f"durability: {figures}")
    sys.exit(0 if figures.lost == 0 and figures.duplicated == 0 else 1)


if __name__ == "__main__":
    main()
