import pytest
from django.utils import timezone

from rembug.forums.models import Disposition, Forum
from rembug.forums.tests.factories import ForumFactory, ForumInputFactory
from rembug.planning.tests.factories import (
    PlanDocumentFactory,
    complete_renstra,
    fund,
    indicator,
    item,
)
from rembug.testing.fixtures import assert_query_count_constant

BASE = "/api/v1/governments/kota-serang"


@pytest.mark.django_db
def test_it_lists_public_plans_but_not_working_drafts(client, people):
    cascade = complete_renstra(people.government, people.agency)
    draft = PlanDocumentFactory(government=people.government, state="draft")
    PlanDocumentFactory(government=people.other_government, state="ditetapkan")
    body = client.get(f"{BASE}/plans").json()
    ids = [p["id"] for p in body["results"]]
    assert cascade.rpjmd.pk in ids and draft.pk not in ids
    assert len(ids) == 3
    renstra = client.get(f"{BASE}/plans?kind=renstra").json()["results"]
    assert [(p["id"], p["agency"]) for p in renstra] == [(cascade.renstra.pk, "diskominfo")]
    assert client.get(f"{BASE}/plans/{draft.pk}").status_code == 404
    assert client.get(f"{BASE}/plans?year=2040").json()["results"][0]["kind"] == "rpjpd"


@pytest.mark.django_db
def test_plan_items_carry_indicators_targets_and_funding(client, people):
    cascade = complete_renstra(people.government, people.agency)
    body = client.get(f"{BASE}/plans/{cascade.renstra.pk}/items?limit=200").json()
    by_id = {i["id"]: i for i in body["results"]}
    sub = by_id[cascade.subs[0].pk]
    assert sub["kind"] == "sub_kegiatan" and sub["parent_id"] == cascade.kegiatan.pk
    assert sub["funding"] and isinstance(sub["funding"][0]["amount"], str)
    assert sub["indicators"][0]["targets"][0]["year"] == 2025
    draft = PlanDocumentFactory(government=people.government, state="draft")
    assert client.get(f"{BASE}/plans/{draft.pk}/items").status_code == 404


@pytest.mark.django_db
def test_plan_items_query_count_does_not_grow(client, people):
    cascade = complete_renstra(people.government, people.agency, subs=1)
    url = f"{BASE}/plans/{cascade.renstra.pk}/items?limit=200"

    def grow():
        for n in range(4):
            node = item(cascade.renstra, "kegiatan", cascade.program, text=f"Kegiatan {n}")
            indicator(node, years=[2025, 2026])
            fund(node, [2025, 2026], "1000000")

    assert_query_count_constant(lambda: client.get(url), grow, label="plan items")


@pytest.mark.django_db
def test_forums_and_inputs_without_the_proposers_name(client, people):
    forum = ForumFactory(government=people.government, organiser=people.agency)
    ForumFactory(government=people.other_government)
    accepted = ForumInputFactory(
        forum=forum, proposer_name="Budi Santoso", proposer_email="budi@contoh.id"
    )
    ForumInputFactory(forum=forum)
    Disposition.objects.create(
        government=people.government,
        input=accepted,
        outcome=Disposition.Outcome.REJECTED,
        reason="Bukan kewenangan daerah",
        decided_at=timezone.now(),
    )
    forums = client.get(f"{BASE}/forums").json()["results"]
    assert [f["id"] for f in forums] == [forum.pk]
    assert client.get(f"{BASE}/forums/{forum.pk}").json()["organiser"] == "diskominfo"
    response = client.get(f"{BASE}/forums/{forum.pk}/inputs")
    assert [i["disposition"] for i in response.json()["results"]] == [None, None]  # a draft
    Forum.objects.filter(pk=forum.pk).update(phase=Forum.Phase.PUBLISHED)
    response = client.get(f"{BASE}/forums/{forum.pk}/inputs")
    inputs = response.json()["results"]
    assert [i["disposition"] and i["disposition"]["outcome"] for i in inputs] == ["rejected", None]
    assert "Budi" not in response.text and "budi@" not in response.text
    other = ForumFactory(government=people.other_government)
    assert client.get(f"{BASE}/forums/{other.pk}/inputs").status_code == 404


@pytest.mark.django_db
def test_input_list_query_count_does_not_grow(client, people):
    forum = ForumFactory(government=people.government, organiser=people.agency)
    ForumInputFactory(forum=forum, target_agency=people.agency)

    def grow():
        for _ in range(5):
            ForumInputFactory(forum=forum, target_agency=people.agency_b)

    assert_query_count_constant(
        lambda: client.get(f"{BASE}/forums/{forum.pk}/inputs"), grow, label="inputs"
    )
