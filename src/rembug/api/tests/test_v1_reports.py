import json

import pytest
from django.core.cache import cache

from rembug.api.models import IdempotencyRecord
from rembug.api.tokens import api_token_issue
from rembug.complaints.models import Complaint, Privacy, Source, Status
from rembug.complaints.tests.factories import (
    CategoryFactory,
    ComplaintFactory,
    serang_regions,
    verified,
)
from rembug.testing.fixtures import assert_query_count_constant

URL = "/api/v1/governments/kota-serang/reports"
PERSONAL = ("Siti Rahmawati", "siti@contoh.id", "0812", "warga")


def _post(client, body, **headers):
    return client.post(URL, json.dumps(body), content_type="application/json", headers=headers)


def _report(**overrides):
    body = {
        "title": "Jalan berlubang di Kasemen",
        "text": "Jalan di depan pasar berlubang besar dan membahayakan pengendara motor.",
        "classification": "pengaduan",
        "contact_name": "Siti Rahmawati",
        "contact_email": "siti@contoh.id",
        "contact_phone": "081234567890",
    }
    body.update(overrides)
    return body


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.mark.django_db
def test_it_lists_public_reports_only_without_personal_data(client, people):
    public = verified(government=people.government, privacy=Privacy.ANONYMOUS)
    verified(government=people.government, privacy=Privacy.CONFIDENTIAL)
    ComplaintFactory(government=people.government)  # not verified yet
    verified(government=people.government, status=Status.ARCHIVED)
    verified(government=people.other_government)
    response = client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert [r["id"] for r in body["results"]] == [public.pk]
    assert "Siti" not in response.text and "tracking" not in response.text
    assert public.tracking_code not in response.text


@pytest.mark.django_db
def test_report_detail_hides_non_public_reports_even_from_staff_tokens(client, people):
    hidden = verified(government=people.government, privacy=Privacy.CONFIDENTIAL)
    shown = verified(government=people.government, privacy=Privacy.ANONYMOUS)
    _token, secret = api_token_issue(user=people.coordinator, name="t")
    auth = {"Authorization": f"Bearer {secret}"}
    assert client.get(f"{URL}/{hidden.pk}", headers=auth).status_code == 404
    response = client.get(f"{URL}/{shown.pk}")
    assert response.status_code == 200
    assert "Siti" not in response.text
    other = verified(government=people.other_government)
    assert client.get(f"{URL}/{other.pk}").status_code == 404


@pytest.mark.django_db
def test_report_list_filters(client, people):
    regions = serang_regions()
    category = CategoryFactory(government=people.government, slug="jalan")
    a = verified(government=people.government, category=category, kecamatan=regions["Kasemen"])
    verified(government=people.government, classification="aspirasi")
    assert [r["id"] for r in client.get(f"{URL}?category=jalan").json()["results"]] == [a.pk]
    assert [r["id"] for r in client.get(f"{URL}?kecamatan=36.73.02").json()["results"]] == [a.pk]
    assert len(client.get(f"{URL}?classification=aspirasi").json()["results"]) == 1
    assert client.get(f"{URL}?status=bogus").status_code == 422


@pytest.mark.django_db
def test_report_list_query_count_does_not_grow(client, people):
    category = CategoryFactory(government=people.government)

    def grow():
        for _ in range(5):
            verified(government=people.government, category=category, agency=people.agency)

    assert_query_count_constant(lambda: client.get(URL), grow, label="reports")


@pytest.mark.django_db
def test_anyone_can_submit_a_report_and_gets_a_tracking_code(client, people):
    response = _post(client, _report())
    assert response.status_code == 201, response.content
    body = response.json()
    complaint = Complaint.objects.get(pk=body["id"])
    assert body["tracking_code"] == complaint.tracking_code
    assert complaint.source == Source.API and complaint.reporter is None
    assert complaint.contact_email == "siti@contoh.id"
    assert complaint.events.count() == 1  # the timeline entry written by complaint_submit


@pytest.mark.django_db
def test_a_token_holder_reports_as_themself(client, people):
    _token, secret = api_token_issue(user=people.resident, name="t")
    response = _post(client, _report(), Authorization=f"Bearer {secret}")
    assert response.status_code == 201
    assert Complaint.objects.get(pk=response.json()["id"]).reporter == people.resident


@pytest.mark.django_db
def test_a_bad_token_on_a_write_is_refused_not_ignored(client, people):
    assert _post(client, _report(), Authorization="Bearer salah").status_code == 401
    assert Complaint.objects.count() == 0


@pytest.mark.django_db
def test_an_emergency_report_gets_the_112_notice(client, people):
    body = _post(
        client,
        _report(
            title="Kebakaran rumah", text="Ada kebakaran besar di rumah tetangga, api membesar!"
        ),
    ).json()
    assert body["is_emergency"] is True
    assert "112" in body["notice"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        {"title": ""},
        {"text": "x" * 4001},
        {"latitude": -6.1},
        {"kecamatan": "99.99.99"},
        {"category": "tidak-ada"},
        {"privacy": "rahasia-sekali"},
        {"contact_email": "bukan-email"},
    ],
)
def test_invalid_reports_are_422_with_the_error_body(client, people, bad):
    response = _post(client, _report(**bad))
    assert response.status_code == 422
    assert response.json()["errors"]
    assert Complaint.objects.count() == 0


@pytest.mark.django_db
def test_a_retried_post_with_the_same_idempotency_key_creates_one_report(client, people):
    first = _post(client, _report(), **{"Idempotency-Key": "abc-123"})
    again = _post(client, _report(), **{"Idempotency-Key": "abc-123"})
    assert first.status_code == 201 and again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Complaint.objects.count() == 1
    other = _post(client, _report(), **{"Idempotency-Key": "abc-124"})
    assert other.status_code == 201 and Complaint.objects.count() == 2


@pytest.mark.django_db
def test_the_same_key_with_another_body_is_refused(client, people):
    _post(client, _report(), **{"Idempotency-Key": "k1"})
    response = _post(client, _report(title="Lain sama sekali"), **{"Idempotency-Key": "k1"})
    assert response.status_code == 422
    assert Complaint.objects.count() == 1


@pytest.mark.django_db
def test_a_failed_request_does_not_burn_its_key(client, people):
    assert _post(client, _report(title=""), **{"Idempotency-Key": "k2"}).status_code == 422
    assert _post(client, _report(category="x"), **{"Idempotency-Key": "k2"}).status_code == 422
    assert IdempotencyRecord.objects.count() == 0
    assert _post(client, _report(), **{"Idempotency-Key": "k2"}).status_code == 201


@pytest.mark.django_db
def test_keys_are_per_government(client, people):
    _post(client, _report(), **{"Idempotency-Key": "k3"})
    url = "/api/v1/governments/kota-tangerang-selatan/reports"
    response = client.post(
        url,
        json.dumps(_report()),
        content_type="application/json",
        headers={"Idempotency-Key": "k3"},
    )
    assert response.status_code == 201
    assert Complaint.objects.count() == 2


@pytest.mark.django_db
def test_public_writes_are_rate_limited(client, people, settings):
    settings.API_PUBLIC_WRITE_RATE = "3/min"
    codes = [_post(client, _report()).status_code for _ in range(5)]
    assert codes == [201, 201, 201, 429, 429]
    response = _post(client, _report())
    assert response.json()["detail"] and "Retry-After" in response.headers
