"""Search, statistics, realisation and forum-input endpoints; every response is checked against
the OpenAPI document with schemathesis' validator."""

import datetime as dt
import json
from decimal import Decimal

import pytest
import requests
import schemathesis
from django.core.cache import cache
from django.utils import timezone
from schemathesis.core.transport import Response

from rembug.api.tokens import api_token_issue
from rembug.complaints.models import Privacy, Status
from rembug.complaints.tests.factories import verified
from rembug.forums.models import Forum, ForumInput
from rembug.forums.tests.factories import ForumFactory
from rembug.monitoring.models import IndicatorRealisation, ReportingPeriod
from rembug.monitoring.services import periods_ensure
from rembug.planning.models import DocumentKind, DocumentState, PlanItem
from rembug.planning.tests.factories import PlanDocumentFactory, PlanItemFactory, indicator
from rembug.testing.fixtures import assert_query_count_constant

BASE = "/api/v1/governments/kota-serang"


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    cache.clear()
    settings.SEARCH_REFRESH_SECONDS = 0


@pytest.fixture
def openapi(client):
    return schemathesis.openapi.from_dict(client.get("/api/v1/openapi.json").json())


def conforms(openapi, template, method, response):
    """Raise unless ``response`` is what the OpenAPI document says ``method template`` gives."""
    request = requests.Request(method, f"http://testserver{template}").prepare()
    wrapped = Response(
        status_code=response.status_code,
        headers={key: [value] for key, value in response.headers.items()},
        content=response.content,
        request=request,
        elapsed=0.0,
        verify=True,
    )
    openapi[template][method].validate_response(wrapped)
    return response


def _bearer(user):
    return {"Authorization": f"Bearer {api_token_issue(user=user, name='uji')[1]}"}


# ---------------------------------------------------------------- search


@pytest.mark.django_db
def test_search_finds_stemmed_words_and_documents_itself(client, people, openapi):
    report = verified(
        government=people.government,
        title="Jalan rusak diperbaiki setengah",
        text="Jalan di depan pasar rusak, baru diperbaiki sebagian.",
        agency=people.agency_b,
    )
    verified(
        government=people.government, title="Rahasia", text="Jalan", privacy=Privacy.CONFIDENTIAL
    )
    response = client.get(f"{BASE}/search", {"q": "perbaikan jalan"})
    conforms(openapi, "/api/v1/governments/{slug}/search", "GET", response)
    body = response.json()
    assert [(r["kind"], r["id"]) for r in body["results"]] == [("report", report.pk)]
    assert body["results"][0]["url"] == f"/kota-serang/aduan/{report.pk}/"
    filtered = client.get(f"{BASE}/search", {"q": "jalan", "agency": "diskominfo"}).json()
    assert filtered["results"] == []
    assert client.get(f"{BASE}/search", {"q": "jalan", "kind": "report"}).json()["results"]


@pytest.mark.django_db
def test_search_pages_by_cursor_with_constant_queries(client, people, openapi):
    for n in range(3):
        verified(government=people.government, title=f"Got {n}", text="Gorong-gorong mampet")
    first = client.get(f"{BASE}/search", {"q": "mampet", "limit": 2}).json()
    assert len(first["results"]) == 2 and first["next"]
    second = conforms(
        openapi, "/api/v1/governments/{slug}/search", "GET", client.get(first["next"])
    ).json()
    assert len(second["results"]) == 1 and second["next"] is None

    def grow():
        for n in range(20):
            verified(government=people.government, title=f"Parit {n}", text="Parit mampet")
        client.get(f"{BASE}/search", {"q": "mampet"})

    assert_query_count_constant(
        lambda: client.get(f"{BASE}/search", {"q": "mampet"}), grow, label="api search"
    )


@pytest.mark.django_db
def test_search_refuses_bad_input_with_the_common_error_body(client, people, openapi):
    response = client.get(f"{BASE}/search", {"q": "", "year": "x"})
    conforms(openapi, "/api/v1/governments/{slug}/search", "GET", response)
    assert response.status_code == 422 and response.json()["errors"]
    assert client.get("/api/v1/governments/nowhere/search", {"q": "a"}).status_code == 404


# ---------------------------------------------------------------- statistics


@pytest.mark.django_db
@pytest.mark.parametrize("by", ["agency", "category", "kecamatan", "month"])
def test_statistics_by_each_grouping(client, people, openapi, by):
    now = timezone.now()
    verified(
        government=people.government,
        agency=people.agency,
        status=Status.ANSWERED,
        submitted_at=now - dt.timedelta(hours=10),
        first_answered_at=now - dt.timedelta(hours=4),
        due_at=now,
    )
    response = client.get(f"{BASE}/statistics", {"by": by})
    conforms(openapi, "/api/v1/governments/{slug}/statistics", "GET", response)
    [row] = response.json()
    assert row["received"] == 1 and row["median_hours_to_first_answer"] == pytest.approx(6)
    if by == "agency":
        assert row["key"] == "diskominfo" and row["within_service_level"] == 1.0


@pytest.mark.django_db
def test_statistics_refuse_an_unknown_agency(client, people, openapi):
    response = client.get(f"{BASE}/statistics", {"agency": "tidak-ada"})
    conforms(openapi, "/api/v1/governments/{slug}/statistics", "GET", response)
    assert response.status_code == 422


# ---------------------------------------------------------------- realisation


@pytest.fixture
def renja(people):
    document = PlanDocumentFactory(
        government=people.government,
        kind=DocumentKind.RENJA,
        agency=people.agency,
        period_start=2026,
        period_end=2026,
        state=DocumentState.RANCANGAN,
    )
    node = PlanItemFactory(document=document, kind=PlanItem.Kind.SUB_KEGIATAN, text="Internet")
    measure = indicator(node, years=[2026, 2027], name="Titik internet publik")
    periods = periods_ensure(document=document)
    period = periods[0]
    ReportingPeriod.objects.filter(pk=period.pk).update(
        deadline=timezone.localdate() + dt.timedelta(days=30)
    )
    return document, measure, period


def _put(client, period, body, headers):
    return client.put(
        f"{BASE}/periods/{period.pk}/realisation",
        json.dumps(body),
        content_type="application/json",
        headers=headers,
    )


@pytest.mark.django_db
def test_an_officer_enters_realisation_and_anyone_reads_it(client, people, openapi, renja):
    document, measure, period = renja
    response = _put(
        client, period, {"indicator_id": measure.pk, "value": "12.5"}, _bearer(people.officer)
    )
    conforms(openapi, "/api/v1/governments/{slug}/periods/{period_id}/realisation", "PUT", response)
    assert response.status_code == 200 and response.json()["value"] == 12.5
    assert IndicatorRealisation.objects.get(indicator=measure).value == Decimal("12.5")
    listed = client.get(f"{BASE}/plans/{document.pk}/realisation")
    conforms(openapi, "/api/v1/governments/{slug}/plans/{plan_id}/realisation", "GET", listed)
    assert [(r["indicator_id"], r["value"]) for r in listed.json()["results"]] == [
        (measure.pk, 12.5)
    ]
    assert client.get(f"{BASE}/plans/{document.pk}/realisation?quarter=2").json() == {
        "next": None,
        "results": [],
    }
    periods = client.get(f"{BASE}/plans/{document.pk}/periods")
    conforms(openapi, "/api/v1/governments/{slug}/plans/{plan_id}/periods", "GET", periods)
    assert [p["quarter"] for p in periods.json()] == [1, 2, 3, 4]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 401),
        ("resident", 403),
        ("officer_b", 403),
        ("outsider", 403),
        ("planner", 200),
    ],
)
def test_realisation_entry_is_for_the_agency_and_the_planner(
    client, people, openapi, renja, role, status
):
    _document, measure, period = renja
    user = people.all_roles()[role]
    headers = _bearer(user) if user else {}
    response = _put(client, period, {"indicator_id": measure.pk, "value": "3"}, headers)
    conforms(openapi, "/api/v1/governments/{slug}/periods/{period_id}/realisation", "PUT", response)
    assert response.status_code == status
    assert IndicatorRealisation.objects.filter(indicator=measure).exists() == (status == 200)


@pytest.mark.django_db
def test_realisation_refuses_negative_values_and_writes_nothing(client, people, openapi, renja):
    _document, measure, period = renja
    response = _put(
        client, period, {"indicator_id": measure.pk, "value": "-1"}, _bearer(people.officer)
    )
    conforms(openapi, "/api/v1/governments/{slug}/periods/{period_id}/realisation", "PUT", response)
    assert response.status_code == 422
    assert not IndicatorRealisation.objects.exists()


# ---------------------------------------------------------------- forum inputs


def _input(**overrides):
    body = {
        "title": "Internet gratis di taman",
        "text": "Wifi publik di setiap taman kota dan kantor kelurahan.",
        "institution": "Kecamatan Kasemen",
        "institution_kind": "kecamatan",
        "target_agency": "diskominfo",
    }
    body.update(overrides)
    return body


def _post_input(client, forum, body, headers):
    return client.post(
        f"{BASE}/forums/{forum.pk}/inputs",
        json.dumps(body),
        content_type="application/json",
        headers=headers,
    )


@pytest.mark.django_db
def test_a_participant_submits_a_forum_input_once_per_idempotency_key(client, people, openapi):
    forum = ForumFactory(government=people.government, organiser=people.agency)
    headers = {**_bearer(people.stakeholder), "Idempotency-Key": "usulan-1"}
    first = _post_input(client, forum, _input(), headers)
    conforms(openapi, "/api/v1/governments/{slug}/forums/{forum_id}/inputs", "POST", first)
    assert first.status_code == 201
    again = _post_input(client, forum, _input(), headers)
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    made = ForumInput.objects.get()
    assert made.proposer == people.stakeholder and made.target_agency == people.agency
    assert "pemangku" not in first.text  # the proposer is not published


@pytest.mark.django_db
def test_forum_input_needs_a_token_a_role_and_an_open_phase(client, people, openapi):
    forum = ForumFactory(government=people.government, organiser=people.agency)
    path = "/api/v1/governments/{slug}/forums/{forum_id}/inputs"
    assert (
        conforms(openapi, path, "POST", _post_input(client, forum, _input(), {})).status_code == 401
    )
    outsider = _post_input(client, forum, _input(), _bearer(people.outsider))
    assert conforms(openapi, path, "POST", outsider).status_code == 403
    Forum.objects.filter(pk=forum.pk).update(phase=Forum.Phase.PUBLISHED)
    closed = _post_input(client, forum, _input(), _bearer(people.stakeholder))
    assert conforms(openapi, path, "POST", closed).status_code == 403
    bad = _post_input(client, forum, _input(target_agency="nope"), _bearer(people.stakeholder))
    assert conforms(openapi, path, "POST", bad).status_code in {409, 422}
    assert not ForumInput.objects.exists()
