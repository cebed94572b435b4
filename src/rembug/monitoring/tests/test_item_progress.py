"""A plan item's progress as a fragment: a forum input accepted into the plan shows, on its
public page, the item it became with that item's progress (composed here, on floor 4)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rembug.forums.models import Forum
from rembug.forums.services import forum_input_dispose, forum_phase_advance
from rembug.forums.tests.factories import ForumFactory, ForumInputFactory
from rembug.monitoring.services import indicator_realisation_set, item_realisation_set
from rembug.planning.models import DocumentState, PlanDocument


@pytest.fixture
def reported(periods, renja_items, people, renja):
    """Q1–Q2 of the Renja reported for its first sub kegiatan; the Renja public (rancangan)."""
    PlanDocument.objects.filter(pk=renja.pk).update(state=DocumentState.RANCANGAN)
    sub = renja_items["subs"][0]
    indicator = sub.indicators.get()  # target 2025: 2 aplikasi
    for period, value, amount in zip(periods[:2], ("0.5", "0.5"), (20, 30), strict=True):
        indicator_realisation_set(
            period=period, indicator=indicator, value=Decimal(value), by=people.officer
        )
        item_realisation_set(
            period=period, item=sub, amount=Decimal(amount * 1_000_000), by=people.officer
        )
    return sub


def _fragment(client, item):
    return client.get(f"/kota-serang/monitoring/butir/{item.pk}/progres/")


@pytest.mark.django_db
def test_an_accepted_input_shows_its_plan_item_with_its_progress(client, people, reported):
    forum = ForumFactory(
        government=people.government, organiser=people.agency, phase=Forum.Phase.DISPOSITION
    )
    item = ForumInputFactory(forum=forum, title="Aplikasi perjalanan dinas")
    forum_input_dispose(input=item, by=people.planner, outcome="accepted", plan_item=reported)
    forum_phase_advance(forum=forum, to=Forum.Phase.PUBLISHED, by=people.coordinator)

    page = client.get(item.get_absolute_url()).text
    fragment_url = f"/kota-serang/monitoring/butir/{reported.pk}/progres/"
    assert f'hx-get="{fragment_url}"' in page

    assert f'hx-get="{fragment_url}"' in client.get(reported.get_absolute_url()).text

    response = _fragment(client, reported)
    assert response.status_code == 200
    text = response.text
    assert reported.document.title in text or str(reported.document) in text
    assert "50.000.000" in text  # Rp spent in Q1–Q2
    assert '<td class="num">1</td><td class="num">50</td>' in text  # 1 of 2 aplikasi: 50 %
    assert "<html" not in text  # a fragment, not a page


@pytest.mark.django_db
def test_a_renstra_item_shows_the_progress_of_the_renja_items_carrying_it_out(
    client, people, reported, cascade
):
    renstra_sub = reported.source_item
    assert renstra_sub.document_id == cascade.renstra.pk
    text = _fragment(client, renstra_sub).text
    assert "50.000.000" in text


@pytest.mark.django_db
def test_nothing_reported_yet_says_so(client, people, renja_items, renja):
    PlanDocument.objects.filter(pk=renja.pk).update(state=DocumentState.RANCANGAN)
    text = _fragment(client, renja_items["subs"][1]).text
    assert 'class="item-progress"' in text
    assert "50.000.000" not in text


@pytest.mark.django_db
def test_a_working_draft_stays_inside(client, people, renja_items):
    sub = renja_items["subs"][0]
    assert _fragment(client, sub).status_code == 404  # anonymous: the Renja is a draft
    client.force_login(people.planner)
    assert _fragment(client, sub).status_code == 200
