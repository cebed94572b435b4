import json

import pytest
from django.core.cache import cache

from rembug.complaints.tests.factories import serang_regions
from rembug.triage.models import RoutingFeedback

URL = "/api/v1/governments/kota-serang/triage/suggest"
ROAD = "Jalan aspal di depan pasar berlubang besar dan rusak parah, motor sering jatuh"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def _post(client, body, url=URL):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_it_suggests_the_roads_agency_for_a_road_report(client, people):
    kasemen = serang_regions()["Kasemen"]
    response = _post(client, {"title": "Jalan rusak", "text": ROAD, "kecamatan": kasemen.code})
    assert response.status_code == 200
    body = response.json()
    assert body["agencies"][0]["agency"] == "dpupr"
    assert body["agencies"][0]["urusan_codes"] == ["1.03"]
    assert 0 < body["agencies"][0]["confidence"] <= 1
    assert body["agencies"][0]["words"]
    assert body["emergency"] == "" and body["model_version"] is None
    assert not RoutingFeedback.objects.exists()  # a suggestion stores nothing


def test_it_says_when_a_text_is_an_emergency(client, people):
    body = _post(client, {"text": "Tolong ada kebakaran rumah di Kasemen sekarang"}).json()
    assert body["emergency"]


def test_it_refuses_bad_input_with_a_clear_error(client, people):
    response = _post(client, {"title": "x"})
    assert response.status_code == 422
    assert response.json()["detail"]
    assert (
        _post(client, {"text": ROAD}, url="/api/v1/governments/nowhere/triage/suggest").status_code
        == 404
    )


def test_it_only_offers_the_government_own_agencies(client, people):
    body = _post(client, {"text": ROAD}).json()
    slugs = {a["agency"] for a in body["agencies"]}
    assert slugs <= {"diskominfo", "dpupr"}
