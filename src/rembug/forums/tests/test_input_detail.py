import pytest
from django.utils import timezone

from rembug.forums.models import Disposition, Forum
from rembug.forums.tests.factories import ForumFactory, ForumInputFactory


def url(item):
    return f"/kota-serang/forum/{item.forum_id}/usulan/{item.pk}/"


@pytest.mark.django_db
def test_it_says_what_became_of_an_accepted_input(client, people, forum):
    item = ForumInputFactory(forum=forum, title="Akses internet gratis")
    Disposition.objects.create(
        government=forum.government,
        input=item,
        outcome="accepted",
        plan_item_label="2.16.03.2.01.0003 Penyediaan akses internet publik",
        decided_at=timezone.now(),
    )
    assert "Penyediaan akses internet publik" not in client.get(url(item)).text  # a draft
    Forum.objects.filter(pk=forum.pk).update(phase=Forum.Phase.PUBLISHED)
    text = client.get(url(item)).text
    assert "Akses internet gratis" in text
    assert "Penyediaan akses internet publik" in text
    assert "badge-ok" in text


@pytest.mark.django_db
def test_a_merged_input_points_to_its_target_and_back(client, people, forum):
    target, merged = ForumInputFactory.create_batch(2, forum=forum)
    Disposition.objects.create(
        government=forum.government,
        input=merged,
        outcome="merged",
        merged_into=target,
        decided_at=timezone.now(),
    )
    Forum.objects.filter(pk=forum.pk).update(phase=Forum.Phase.PUBLISHED)
    assert url(target) in client.get(url(merged)).text
    assert url(merged) in client.get(url(target)).text


@pytest.mark.django_db
def test_an_input_without_answer_says_so(client, people, forum):
    item = ForumInputFactory(forum=forum)
    assert (
        "awaiting an answer" in client.get(url(item)).text
        or "menunggu" in client.get(url(item)).text
    )


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "resident", "leadership", "outsider"])
def test_it_is_public(client, people, forum, who):
    item = ForumInputFactory(forum=forum)
    user = people.all_roles()[who]
    if user:
        client.force_login(user)
    assert client.get(url(item)).status_code == 200


@pytest.mark.django_db
def test_an_input_of_another_forum_is_404(client, people, forum):
    other = ForumInputFactory(
        forum=ForumFactory(government=people.government, organiser=people.agency)
    )
    assert client.get(f"/kota-serang/forum/{forum.pk}/usulan/{other.pk}/").status_code == 404
    foreign = ForumInputFactory(forum=ForumFactory(government=people.other_government))
    assert (
        client.get(f"/kota-serang/forum/{foreign.forum_id}/usulan/{foreign.pk}/").status_code == 404
    )


@pytest.mark.django_db
def test_it_refuses_post(client, people, forum):
    assert client.post(url(ForumInputFactory(forum=forum))).status_code == 405


@pytest.mark.django_db
def test_an_input_is_found_by_its_number_alone(client, people, forum):
    item = ForumInputFactory(forum=forum)
    response = client.get(f"/kota-serang/forum/usulan/{item.pk}/")
    assert (response.status_code, response["Location"]) == (302, url(item))
    foreign = ForumInputFactory(forum=ForumFactory(government=people.other_government))
    assert client.get(f"/kota-serang/forum/usulan/{foreign.pk}/").status_code == 404
    assert client.post(f"/kota-serang/forum/usulan/{item.pk}/").status_code == 405
