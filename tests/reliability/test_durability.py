"""Every acknowledged report survives a SIGKILL of the server and a loss of the database's
connections mid-run (issue 5's kill -9, issue 10.1): the harness of bench/durability.py against a
real gunicorn with 2 workers on the test database. The script also restarts the PostgreSQL
cluster; here its sessions are terminated instead, which is safe on a shared machine.

It runs on a database of its own (the test database's name + ``_durability``, made and migrated by
the harness, dropped afterwards): cutting the sessions of the test database itself would also cut
the connection that other tests of the same worker hold their data in."""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.postgres_only,
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
    name = f"{db.get('TEST', {}).get('NAME') or 'test_' + db['NAME']}_durability"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


@pytest.fixture
def scratch_database():
    import psycopg

    harness = _harness()
    url = _database_url()
    harness.prepare(url)
    yield url
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_every_acknowledged_report_exists_exactly_once_after_kills(scratch_database):
    harness = _harness()
    figures = harness.run(
        scratch_database,
        clients=4,
        reports_per_client=25,
        server_kills=2,
        database_fault=harness.terminate_backends,
        database_faults=1,
        budget_seconds=240,
    )
    print(f"durability: {figures}")
    assert figures.server_kills == 2 and figures.database_faults == 1
    assert figures.acknowledged == 100 and figures.gave_up == 0
    assert figures.lost == 0
    assert figures.duplicated == 0
