import json

from django.core.cache import cache

from rembug.api.open311.clients import open311_client_issue
from rembug.complaints.models import Complaint
from rembug.moderation.models import State
from rembug.moderation.services import blocked_term_add, content_moderate


def test_rest_and_open311_refuse_block_listed_text(client, people):
    cache.clear()
    blocked_term_add(government=people.government, term="slot gacor", by=people.coordinator)
    body = {
        "title": "Info slot gacor",
        "text": "Daftar slot gacor sekarang, bonus besar setiap hari untuk warga.",
        "classification": "pengaduan",
    }
    rest = client.post(
        "/api/v1/governments/kota-serang/reports", json.dumps(body), content_type="application/json"
    )
    assert rest.status_code == 422
    assert "slot gacor" in rest.content.decode()
    _client, key = open311_client_issue(government=people.government, name="Uji", by=None)
    from rembug.complaints.tests.factories import CategoryFactory

    CategoryFactory(government=people.government, slug="jalan-rusak")
    open311 = client.post(
        "/open311/v2/requests.json",
        {
            "jurisdiction_id": "36.73",
            "api_key": key,
            "service_code": "jalan-rusak",
            "address_string": "Pasar Rau",
            "description": "Daftar slot gacor sekarang, bonus besar setiap hari.",
        },
    )
    assert open311.status_code == 400
    assert not Complaint.objects.exists()


def test_the_api_leaves_withheld_reports_out(client, people, report):
    content_moderate(
        government=people.government,
        content=report,
        to=State.HIDDEN,
        by=people.coordinator,
        reason="spam",
    )
    listing = client.get("/api/v1/governments/kota-serang/reports").json()
    assert report.pk not in [row["id"] for row in listing["results"]]
    assert client.get(f"/api/v1/governments/kota-serang/reports/{report.pk}").status_code == 404
    open311 = client.get("/open311/v2/requests.json", {"jurisdiction_id": "36.73"})
    assert str(report.pk) not in [row["service_request_id"] for row in open311.json()]
