import pytest

from rembug.forums.models import Forum, InputScore, Participant, ScoringCriterion
from rembug.forums.tests.conftest import login
from rembug.forums.tests.factories import ForumInputFactory, ScoringCriterionFactory


@pytest.mark.django_db
def test_a_facilitator_invites_a_speaker(client, people, forum):
    client.force_login(people.officer)
    url = f"/kota-serang/forum/{forum.pk}/kelola/peserta/"
    response = client.post(
        url,
        {
            "name": "Ketua Komisi I",
            "institution": "DPRD Kota Serang",
            "institution_kind": "dprd",
            "is_speaker": "on",
            "topic": "Pokir",
        },
    )
    assert response.status_code == 302
    guest = Participant.objects.get()
    assert guest.is_speaker and guest.is_invited and len(guest.attendance_code) == 6
    assert client.post(url, {"name": ""}).status_code == 422
    assert client.get(url).status_code == 405
    login(client, people, "resident")
    assert client.post(url, {"name": "X", "institution_kind": "public"}).status_code == 403


@pytest.mark.django_db
def test_criteria_and_scores_rank_the_inputs(client, people, forum):
    client.force_login(people.coordinator)
    url = f"/kota-serang/forum/{forum.pk}/kelola/kriteria/"
    assert client.post(url, {"name": "Urgensi", "weight": "2"}).status_code == 302
    assert (
        client.post(url, {"name": "Urgensi", "weight": "1"}).status_code == 422
    )  # unique per forum
    criterion = ScoringCriterion.objects.get()
    Forum.objects.filter(pk=forum.pk).update(phase=Forum.Phase.DELIBERATION)
    low, high = ForumInputFactory.create_batch(2, forum=forum)
    score = f"/kota-serang/forum/{forum.pk}/usulan/{high.pk}/nilai/"
    assert client.post(score, {"criterion": criterion.pk, "score": "9"}).status_code == 302
    assert client.post(score, {"criterion": criterion.pk, "score": "11"}).status_code == 422
    assert InputScore.objects.get().score == 9
    text = client.get(f"/kota-serang/forum/{forum.pk}/", {"urut": "score"}).text
    assert text.index(f">{high.title}<") < text.index(f">{low.title}<")
    assert "Urgensi" in client.get(f"/kota-serang/forum/{forum.pk}/usulan/{high.pk}/jawab/").text


@pytest.mark.django_db
def test_scoring_outside_deliberation_is_refused(client, people, forum):
    criterion = ScoringCriterionFactory(forum=forum)
    item = ForumInputFactory(forum=forum)
    client.force_login(people.coordinator)
    url = f"/kota-serang/forum/{forum.pk}/usulan/{item.pk}/nilai/"
    assert client.post(url, {"criterion": criterion.pk, "score": "5"}).status_code == 403
    client.force_login(people.outsider)
    assert client.post(url, {"criterion": criterion.pk, "score": "5"}).status_code == 403
    client.logout()
    assert client.post(url, {"criterion": criterion.pk, "score": "5"}).status_code == 302
