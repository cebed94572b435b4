"""The API's report list pages newest first by (submission time, id): the next cursors reach
every public report exactly once, ties on the time included, filters kept, bad cursors 422."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rembug.api.pagination import _cursor_encode
from rembug.complaints.models import Complaint, Status
from rembug.complaints.tests.factories import ComplaintFactory, verified

pytestmark = pytest.mark.django_db
URL = "/api/v1/governments/kota-serang/reports"


def _walk(client, url):
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        pages.append([row["id"] for row in body["results"]])
        url = body["next"]
        assert len(pages) < 50
    return pages


def test_cursors_reach_every_public_report_once_newest_first(client, people):
    moment = timezone.now() - dt.timedelta(days=1)
    for n in range(23):
        # Three at a time share their submission time: the id breaks the tie.
        verified(government=people.government, submitted_at=moment - dt.timedelta(hours=n // 3))
    ComplaintFactory(government=people.government)  # not verified: not public
    verified(government=people.other_government)
    expected = list(
        Complaint.objects.filter(government=people.government)
        .public()
        .order_by("-submitted_at", "-id")
        .values_list("pk", flat=True)
    )
    pages = _walk(client, f"{URL}?limit=5")
    assert [len(page) for page in pages] == [5, 5, 5, 5, 3]
    assert [pk for page in pages for pk in page] == expected


def test_an_imported_older_report_with_a_higher_id_is_listed_by_its_time(client, people):
    newer = verified(government=people.government, submitted_at=timezone.now())
    older = verified(
        government=people.government, submitted_at=timezone.now() - dt.timedelta(days=400)
    )
    assert older.pk > newer.pk
    assert [pk for page in _walk(client, f"{URL}?limit=1") for pk in page] == [newer.pk, older.pk]


def test_the_next_cursor_keeps_the_filters(client, people):
    for n in range(7):
        verified(
            government=people.government,
            status=Status.CLOSED,
            submitted_at=timezone.now() - dt.timedelta(hours=n),
        )
        verified(government=people.government, status=Status.VERIFIED)
    pages = _walk(client, f"{URL}?limit=3&status=closed")
    assert [len(page) for page in pages] == [3, 3, 1]
    listed = [pk for page in pages for pk in page]
    assert not Complaint.objects.filter(pk__in=listed).exclude(status="closed").exists()


@pytest.mark.parametrize(
    "cursor",
    [
        _cursor_encode("2026-01-01T00:00:00+00:00"),  # one value where two are needed
        _cursor_encode("bukan-waktu", "1"),
        _cursor_encode("2026-01-01T00:00:00+00:00", "x"),
    ],
)
def test_a_cursor_of_the_wrong_shape_is_422(client, people, cursor):
    verified(government=people.government)
    response = client.get(f"{URL}?cursor={cursor}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "cursor"]


def test_a_page_deep_in_the_list_runs_the_queries_of_the_first(client, people):
    for n in range(30):
        verified(government=people.government, submitted_at=timezone.now() - dt.timedelta(hours=n))
    first = client.get(f"{URL}?limit=2")
    url = first.json()["next"]
    for _ in range(10):
        url = client.get(url).json()["next"]
    with CaptureQueriesContext(connection) as on_first:
        client.get(f"{URL}?limit=2")
    with CaptureQueriesContext(connection) as deep:
        assert client.get(url).status_code == 200
    assert len(deep) == len(on_first)
