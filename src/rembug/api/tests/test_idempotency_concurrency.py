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


def test_concurrent_open311_retries_with_one_key_make_one_report(people):
    from rembug.api.open311.clients import open311_client_issue
    from rembug.complaints.tests.factories import CategoryFactory

    CategoryFactory(government=people.government, slug="sampah")
    _client, api_key = open311_client_issue(government=people.government, name="uji", by=None)
    data = {
        "jurisdiction_id": "36.73",
        "api_key": api_key,
        "service_code": "sampah",
        "address_string": "Pasar Rau",
        "description": "Sampah menumpuk di pasar Rau sejak tiga hari.",
    }
    barrier = threading.Barrier(THREADS)
    responses, errors = [], []

    def post():
        try:
            client = Client()
            barrier.wait()
            responses.append(
                client.post(
                    "/open311/v2/requests.json", data, headers={"Idempotency-Key": "balapan-2"}
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
    assert len({r.json()[0]["service_request_id"] for r in responses}) == 1
    assert Complaint.objects.count() == 1
