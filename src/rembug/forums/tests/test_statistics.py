import pytest
from django.utils import timezone

from rembug.forums.models import Disposition, Forum
from rembug.forums.tests.factories import ForumFactory, ForumInputFactory
from rembug.testing.factories import RegionFactory
from rembug.testing.fixtures import assert_query_count_constant

URL = "/kota-serang/forum/statistik/"


@pytest.mark.django_db
def test_it_counts_inputs_and_the_share_accepted_across_forums(client, people, forum):
    kasemen = RegionFactory(
        code="36.73.02", name="Kasemen", level=3, parent=people.government.region
    )
    a = ForumInputFactory(forum=forum, kecamatan=kasemen, institution_kind="kecamatan")
    ForumInputFactory(
        forum=ForumFactory(government=people.government, organiser=people.agency_b),
        institution_kind="university",
    )
    ForumInputFactory(forum=ForumFactory(government=people.other_government))
    Disposition.objects.create(
        government=people.government,
        input=a,
        outcome="accepted",
        plan_item_label="x",
        decided_at=timezone.now(),
    )
    assert client.get(URL).context["stats"].accepted == 0  # answers count once published
    Forum.objects.filter(pk=forum.pk).update(phase=Forum.Phase.PUBLISHED)
    response = client.get(URL)
    assert response.status_code == 200
    stats = response.context["stats"]
    assert (stats.received, stats.accepted) == (2, 1)
    assert stats.share_accepted == 0.5
    assert {(r.label, r.received, r.accepted) for r in stats.by_kecamatan} == {
        ("Kasemen", 1, 1),
        ("—", 1, 0),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "resident", "leadership", "outsider"])
def test_it_is_public(client, people, who):
    user = people.all_roles()[who]
    if user:
        client.force_login(user)
    assert client.get(URL).status_code == 200


@pytest.mark.django_db
def test_it_refuses_post_and_keeps_its_query_count(client, people, forum):
    assert client.post(URL).status_code == 405

    def grow():
        for _ in range(3):
            ForumInputFactory.create_batch(
                2, forum=ForumFactory(government=people.government, organiser=people.agency)
            )

    assert_query_count_constant(lambda: client.get(URL), grow, label="statistics")
