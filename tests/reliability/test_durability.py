"""Every acknowledged report survives a SIGKILL of the server and a loss of the database's
connections mid-run (issue 5's kill -9, issue 10.1): the harness of bench/durability.py against a
real gunicorn with 2 workers on the test database. The script also restarts the PostgreSQL
cluster; here its sessions are terminated instead, which is safe on a shared machine."""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def _harness():
    path = Path(__file__).resolve().parents[2] / "bench" / "durability.py"
    spec = importlib.util.spec_from_file_location("bench_durability", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def test_every_acknowledged_report_exists_exactly_once_after_kills(government):
    harness = _harness()
    figures = harness.run(
        _database_url(),
        clients=4,
        reports_per_client=15,
        server_kills=2,
        database_fault=harness.terminate_backends,
        database_faults=1,
        budget_seconds=240,
    )
    connection.close()  # our own session was cut too
    print(f"durability: {figures}")
    assert figures.server_kills == 2 and figures.database_faults == 1
    assert figures.acknowledged == 60 and figures.gave_up == 0
    assert figures.lost == 0
    assert figures.duplicated == 0
