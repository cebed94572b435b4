"""The forums and inputs read endpoints: filters validated against the documented values, inputs
hidden by moderation left out as on the forum's page, and outcomes filtered only once the forum
has published its answers."""

import pytest

from rembug.api.tests.test_v1_search_statistics_writes import conforms, openapi  # noqa: F401
from rembug.api.v1.forums import ForumPhase, OutcomeValue
from rembug.forums.models import Disposition, Forum
from rembug.forums.services import forum_input_dispose
from rembug.forums.tests.factories import ForumFactory, ForumInputFactory
from rembug.moderation.models import State
from rembug.moderation.services import content_moderate

BASE = "/api/v1/governments/kota-serang"
INPUTS = "/api/v1/governments/{slug}/forums/{forum_id}/inputs"

pytestmark = pytest.mark.django_db


def test_the_documented_values_are_the_models_choices():
    assert set(ForumPhase.__args__) == set(Forum.Phase.values)
    assert set(OutcomeValue.__args__) == set(Disposition.Outcome.values)


def test_forums_filter_by_phase_and_refuse_an_unknown_one(client, people, openapi):  # noqa: F811
    open_forum = ForumFactory(
        government=people.government, organiser=people.agency, phase=Forum.Phase.INPUT_OPEN
    )
    ForumFactory(government=people.government, organiser=people.agency, phase=Forum.Phase.PUBLISHED)
    body = client.get(f"{BASE}/forums?phase=input_open").json()
    assert [row["id"] for row in body["results"]] == [open_forum.pk]
    response = client.get(f"{BASE}/forums?phase=selesai")
    assert response.status_code == 422
    conforms(openapi, "/api/v1/governments/{slug}/forums", "GET", response)
    assert response.json()["errors"][0]["loc"] == ["query", "phase"]


def test_inputs_hidden_by_moderation_leave_the_list(client, people, openapi):  # noqa: F811
    forum = ForumFactory(government=people.government, organiser=people.agency)
    kept = ForumInputFactory(forum=forum, title="Internet gratis di taman")
    hidden = ForumInputFactory(forum=forum, title="Iklan pinjaman")
    content_moderate(
        government=people.government,
        content=hidden,
        to=State.BLOCKED,
        by=people.coordinator,
        reason="spam",
    )
    response = client.get(f"{BASE}/forums/{forum.pk}/inputs")
    conforms(openapi, INPUTS, "GET", response)
    assert [row["id"] for row in response.json()["results"]] == [kept.pk]


def test_inputs_filter_by_outcome_only_once_the_answers_are_public(client, people):
    forum = ForumFactory(
        government=people.government, organiser=people.agency, phase=Forum.Phase.DISPOSITION
    )
    rejected = ForumInputFactory(forum=forum, category="internet")
    deferred = ForumInputFactory(forum=forum, category="jalan")
    forum_input_dispose(input=rejected, by=people.planner, outcome="rejected", reason="Sudah ada")
    forum_input_dispose(
        input=deferred, by=people.planner, outcome="deferred", deferred_to_year=2027
    )
    url = f"{BASE}/forums/{forum.pk}/inputs"
    assert client.get(f"{url}?outcome=rejected").json()["results"] == []  # still drafts
    Forum.objects.filter(pk=forum.pk).update(phase=Forum.Phase.PUBLISHED)
    rows = client.get(f"{url}?outcome=rejected").json()["results"]
    assert [(row["id"], row["disposition"]["outcome"]) for row in rows] == [
        (rejected.pk, "rejected")
    ]
    assert [row["id"] for row in client.get(f"{url}?category=jalan").json()["results"]] == [
        deferred.pk
    ]
    assert client.get(f"{url}?outcome=diterima").status_code == 422


def test_unknown_paths_and_governments_answer_the_common_404_body(client, people, openapi):  # noqa: F811
    response = client.get("/api/v1/tidak-ada/sama-sekali")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {
        "detail": "Endpoint API tidak ditemukan; daftarnya ada di /api/v1/docs.",
        "errors": [],
    }
    assert client.post("/api/v1/tidak-ada").status_code == 404
    response = client.get("/api/v1/governments/tidak-ada/plans")
    conforms(openapi, "/api/v1/governments/{slug}/plans", "GET", response)
    assert response.status_code == 404
    assert response.json()["detail"] == "Pemerintah daerah tidak ditemukan."
    client.cookies["django_language"] = "en"  # the language switch (Accept-Language is ignored)
    english = client.get("/api/v1/governments/tidak-ada")
    assert english.json()["detail"] == "No such government."
