"""An accepted input points to the Renja item that carries it, and planning knows it."""

import pytest
from django.core.exceptions import ValidationError

from rembug.forums.models import Disposition, Forum
from rembug.forums.services import forum_input_dispose
from rembug.forums.tests.factories import ForumInputFactory
from rembug.planning.models import PlanItemInput
from rembug.planning.tests.factories import PlanDocumentFactory, PlanItemFactory


@pytest.fixture
def renja(people):
    return PlanDocumentFactory(
        government=people.government,
        kind="renja",
        agency=people.agency,
        title="Renja Diskominfo 2023",
        period_start=2023,
        period_end=2023,
        state="rancangan",
    )


@pytest.fixture
def sub_kegiatan(renja):
    return PlanItemFactory(
        document=renja,
        kind="sub_kegiatan",
        code="2.16.02.2.02.01",
        text="Penyediaan akses internet di fasilitas publik",
    )


@pytest.fixture
def item(forum):
    Forum.objects.filter(pk=forum.pk).update(phase=Forum.Phase.DISPOSITION)
    forum.refresh_from_db()
    return ForumInputFactory(forum=forum, title="Internet gratis di fasilitas publik")


def links(plan_item):
    return list(
        PlanItemInput.objects.filter(item=plan_item).values_list("source_kind", "source_id")
    )


@pytest.mark.django_db
def test_accepting_links_the_plan_item_through_planning(people, item, sub_kegiatan):
    disposition = forum_input_dispose(
        input=item, by=people.planner, outcome="accepted", plan_item=sub_kegiatan
    )
    assert disposition.plan_item == sub_kegiatan
    assert "Penyediaan akses internet" in disposition.plan_item_label
    assert links(sub_kegiatan) == [("forum_input", item.pk)]


@pytest.mark.django_db
def test_changing_the_answer_moves_or_removes_the_link(people, item, sub_kegiatan, renja):
    other = PlanItemFactory(
        document=renja, kind="sub_kegiatan", code="2.16.02.2.02.02", text="Jaringan"
    )
    forum_input_dispose(input=item, by=people.planner, outcome="accepted", plan_item=sub_kegiatan)
    forum_input_dispose(input=item, by=people.planner, outcome="accepted", plan_item=other)
    assert links(sub_kegiatan) == []
    assert links(other) == [("forum_input", item.pk)]
    forum_input_dispose(input=item, by=people.planner, outcome="deferred", deferred_to_year=2025)
    assert not PlanItemInput.objects.exists()


@pytest.mark.django_db
def test_a_plan_item_of_another_government_is_refused(people, item):
    foreign = PlanItemFactory(document=PlanDocumentFactory(government=people.other_government))
    with pytest.raises(ValidationError):
        forum_input_dispose(input=item, by=people.planner, outcome="accepted", plan_item=foreign)
    assert not Disposition.objects.exists()


@pytest.mark.django_db
def test_the_input_page_links_the_plan_item(client, people, item, sub_kegiatan):
    forum_input_dispose(input=item, by=people.planner, outcome="accepted", plan_item=sub_kegiatan)
    Forum.objects.filter(pk=item.forum_id).update(phase=Forum.Phase.PUBLISHED)
    text = client.get(item.get_absolute_url()).text
    assert sub_kegiatan.get_absolute_url() in text
    assert "Renja Diskominfo 2023" in text


@pytest.mark.django_db
def test_the_answer_form_offers_the_renja_items(client, people, item, sub_kegiatan):
    client.force_login(people.coordinator)
    url = f"/kota-serang/forum/{item.forum_id}/usulan/{item.pk}/jawab/"
    assert "Penyediaan akses internet di fasilitas publik" in client.get(url).text
    response = client.post(url, {"outcome": "accepted", "plan_item": sub_kegiatan.pk})
    assert response.status_code == 302
    assert links(sub_kegiatan) == [("forum_input", item.pk)]
