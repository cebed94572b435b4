"""Retries racing each other with one Idempotency-Key make one report, on PostgreSQL (threads,
each with its own connection, through the real request path). Skipped on SQLite, which
serialises writers anyway (the sequential retry is tested in test_v1_reports)."""

import json
import threading

import pytest
from django.core.cache import cache
from django.db import connection, connections
from django.test import Client

from rembug.api.models import IdempotencyRecord
from rembug.complaints.models import Complaint

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]
THREADS = 8


def test_concurrent_retries_with_one_key_make_one_report(people, settings):
    settings.API_PUBLIC_WRITE_RATE = "1000/min"
    cache.clear()
    body = json.dumps(
        {
            "title": "Sampah menumpuk di pasar",
            "text": "Sampah menumpuk di pasar Rau sejak tiga hari dan mulai berbau.",
        }
    )
    barrier = threading.Barrier(THREADS)
    responses, errors = [], []

    def post():
        try:
            client = Client()
            barrier.wait()
            responses.append(
                client.post(
                    "/api/v1/governments/kota-serang/reports",
                    body,
                    content_type="application/json",
                    headers={"Idempotency-Key": "balapan-1"},
                )
            )
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(r.status_code for r in responses) == [200] * (THREADS - 1) + [201]
    assert len({r.json()["tracking_code"] for r in responses}) == 1
    assert Complaint.objects.count() == 1
    assert IdempotencyRecord.objects.count() == 1
