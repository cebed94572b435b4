"""GET /governments/{slug}/indicators: every indicator of the public plans, filtered by plan,
agency, year and kind, paged by cursor, conforming to the OpenAPI document."""

import pytest

from rembug.api.tests.test_v1_search_statistics_writes import conforms, openapi  # noqa: F401
from rembug.planning.models import DocumentState
from rembug.planning.tests.factories import (
    PlanDocumentFactory,
    complete_renstra,
    indicator,
    item,
)
from rembug.testing.factories import AgencyFactory
from rembug.testing.fixtures import assert_query_count_constant

BASE = "/api/v1/governments/kota-serang"
TEMPLATE = "/api/v1/governments/{slug}/indicators"

pytestmark = pytest.mark.django_db


@pytest.fixture
def cascade(people):
    return complete_renstra(people.government, people.agency)


def _ids(response):
    return [row["id"] for row in response.json()["results"]]


def test_it_lists_the_indicators_of_public_plans_with_their_plan_and_targets(
    client,
    people,
    cascade,
    openapi,  # noqa: F811
):
    draft = PlanDocumentFactory(government=people.government, state=DocumentState.DRAFT)
    hidden = indicator(item(draft, "tujuan", text="Draf"), years=[2025])
    foreign = complete_renstra(
        people.other_government, AgencyFactory(government=people.other_government)
    )
    response = client.get(f"{BASE}/indicators?limit=200")
    conforms(openapi, TEMPLATE, "GET", response)
    rows = response.json()["results"]
    ids = [row["id"] for row in rows]
    assert hidden.pk not in ids  # working drafts stay inside the government
    assert not set(ids) & {i.pk for i in _indicators(foreign)}
    assert set(ids) == {i.pk for i in _indicators(cascade)}
    sub = next(row for row in rows if row["item_id"] == cascade.subs[0].pk)
    assert sub["plan_id"] == cascade.renstra.pk and sub["plan_kind"] == "renstra"
    assert sub["agency"] == "diskominfo" and sub["item_kind"] == "sub_kegiatan"
    assert [t["year"] for t in sub["targets"]] == [2025, 2026, 2027, 2028, 2029]


def _indicators(cascade):
    from rembug.planning.models import Indicator

    documents = [cascade.rpjpd, cascade.rpjmd, cascade.renstra]
    return Indicator.objects.filter(item__document__in=documents)


def test_it_filters_by_plan_agency_year_and_kind(client, people, cascade, openapi):  # noqa: F811
    renstra = {i.pk for i in _indicators(cascade).filter(item__document=cascade.renstra)}
    assert set(_ids(client.get(f"{BASE}/indicators?plan={cascade.renstra.pk}&limit=200"))) == (
        renstra
    )
    assert set(_ids(client.get(f"{BASE}/indicators?agency=diskominfo&limit=200"))) == renstra
    assert set(_ids(client.get(f"{BASE}/indicators?kind=renstra&limit=200"))) == renstra
    assert _ids(client.get(f"{BASE}/indicators?agency=dpupr")) == []
    # Only the RPJPD (2025–2045) covers 2040.
    later = _ids(client.get(f"{BASE}/indicators?year=2040&limit=200"))
    assert set(later) == {i.pk for i in _indicators(cascade).filter(item__document=cascade.rpjpd)}


def test_unknown_filters_answer_422_with_the_common_error_body(
    client,
    people,
    cascade,
    openapi,  # noqa: F811
):
    draft = PlanDocumentFactory(government=people.government, state=DocumentState.DRAFT)
    foreign = PlanDocumentFactory(government=people.other_government, state="ditetapkan")
    for query, name in [
        ("agency=tidak-ada", "agency"),
        (f"plan={draft.pk}", "plan"),
        (f"plan={foreign.pk}", "plan"),
        ("year=99", "year"),
        ("kind=rkpd", "kind"),
        ("cursor=bukan-kursor", "cursor"),
    ]:
        response = client.get(f"{BASE}/indicators?{query}")
        assert response.status_code == 422, query
        conforms(openapi, TEMPLATE, "GET", response)
        body = response.json()
        assert body["detail"] and body["errors"][0]["loc"] == ["query", name], query
    assert client.get("/api/v1/governments/tidak-ada/indicators").status_code == 404


def test_it_pages_by_cursor_without_repeats(client, people, cascade):
    seen, url = [], f"{BASE}/indicators?limit=3"
    while url:
        body = client.get(url).json()
        assert len(body["results"]) <= 3
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == _indicators(cascade).count()
    assert seen == sorted(seen)


def test_its_query_count_does_not_grow_with_the_indicators(client, people, cascade):
    def grow():
        for n in range(5):
            node = item(cascade.renstra, "kegiatan", cascade.program, text=f"Kegiatan {n}")
            indicator(node, years=[2025, 2026, 2027])

    assert_query_count_constant(
        lambda: client.get(f"{BASE}/indicators?limit=200&agency=diskominfo"),
        grow,
        label="indicators",
    )
