import random

import pytest
from django.utils import timezone

from rembug.forums.models import Disposition, Forum, InputScore, Reaction
from rembug.forums.services import forum_analysis_refresh
from rembug.forums.tests.factories import (
    ForumFactory,
    ForumInputFactory,
    ParticipantFactory,
    ScoringCriterionFactory,
    StatementFactory,
    SupportFactory,
)
from rembug.testing.fixtures import assert_query_count_constant


def url(forum):
    return f"/kota-serang/forum/{forum.pk}/"


def populate(forum, people, *, inputs=3, participants=10, statements=8):
    criterion = forum.criteria.first() or ScoringCriterionFactory(
        forum=forum, name="Urgensi", weight=2
    )
    created = ForumInputFactory.create_batch(inputs, forum=forum, kecamatan=None)
    for item in created:
        InputScore.objects.create(
            government=forum.government, input=item, criterion=criterion, score=5
        )
        SupportFactory(input=item)
    Disposition.objects.create(
        government=forum.government,
        input=created[0],
        outcome="rejected",
        reason="Bukan kewenangan",
        decided_at=timezone.now(),
    )
    rows = StatementFactory.create_batch(statements, forum=forum)
    rng = random.Random(1)
    for _ in range(participants):
        person = ParticipantFactory(forum=forum)
        Reaction.objects.bulk_create(
            Reaction(
                government=forum.government,
                forum=forum,
                statement=s,
                participant=person,
                value=rng.choice([-1, 0, 1]),
            )
            for s in rows
        )
    return created


@pytest.mark.django_db
def test_it_shows_the_forum_page_with_all_its_parts(client, people, forum):
    ParticipantFactory(
        forum=forum,
        name="Ketua Komisi 1",
        institution="DPRD Kota Serang",
        institution_kind="dprd",
        is_speaker=True,
        topic="Layanan e-government",
    )
    created = populate(forum, people)
    forum_analysis_refresh(forum=forum)
    client.force_login(people.resident)
    response = client.get(url(forum))
    assert response.status_code == 200
    text = response.text
    for part in [
        "Ballroom Hotel Ledian",
        "Ketua Komisi 1",
        "DPRD Kota Serang",
        created[1].title,
        "<svg",
        "<circle",
        "Pernyataan",
        "Pembukaan oleh Sekda",
    ]:
        assert part in text, part
    assert 'style="' not in text and "<script>" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "resident", "leadership", "outsider", "coordinator"])
def test_the_forum_page_is_public(client, people, forum, who):
    user = people.all_roles()[who]
    if user:
        client.force_login(user)
    response = client.get(url(forum))
    assert response.status_code == 200
    can_submit = "/usulan/baru/" in response.text
    assert can_submit is (who in {"resident", "coordinator"})


@pytest.mark.django_db
def test_a_forum_of_another_government_is_404(client, people):
    other = ForumFactory(government=people.other_government)
    assert client.get(f"/kota-serang/forum/{other.pk}/").status_code == 404


@pytest.mark.django_db
def test_it_refuses_post(client, people, forum):
    assert client.post(url(forum)).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("order", ["supports", "score", "newest", "nonsense"])
def test_it_ranks_by_supports_or_score(client, people, forum, order):
    low, high = ForumInputFactory.create_batch(2, forum=forum)
    criterion = ScoringCriterionFactory(forum=forum, weight=3)
    InputScore.objects.create(government=forum.government, input=low, criterion=criterion, score=9)
    SupportFactory.create_batch(2, input=high)
    high.support_count = 2
    high.save()
    text = client.get(url(forum), {"urut": order}).text
    first = high if order in {"supports", "newest", "nonsense"} else low
    second = low if first == high else high
    assert text.index(f">{first.title}<") < text.index(f">{second.title}<")


@pytest.mark.django_db
def test_its_query_count_does_not_grow(client, people, forum):
    populate(forum, people)
    forum_analysis_refresh(forum=forum)
    ParticipantFactory(forum=forum, is_speaker=True)
    client.force_login(people.resident)

    def grow():
        populate(forum, people, inputs=8, participants=15, statements=4)
        ParticipantFactory.create_batch(3, forum=forum, is_speaker=True, institution="Untirta")
        forum_analysis_refresh(forum=forum)

    assert_query_count_constant(lambda: client.get(url(forum)), grow, label="forum page")


@pytest.mark.django_db
def test_published_forum_shows_results(client, people):
    forum = ForumFactory(
        government=people.government, organiser=people.agency, phase=Forum.Phase.PUBLISHED
    )
    item = ForumInputFactory(forum=forum)
    Disposition.objects.create(
        government=forum.government,
        input=item,
        outcome="deferred",
        deferred_to_year=2027,
        decided_at=timezone.now(),
    )
    text = client.get(url(forum)).text
    assert "badge-warn" in text
