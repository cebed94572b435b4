"""A coordinator takes a recurring theme of reports (same category, same kecamatan) to a forum:
one input, linked both ways, each report's public timeline telling where it went."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rembug.complaints import themes
from rembug.complaints.models import ComplaintEvent, Privacy, Status
from rembug.complaints.tests.factories import CategoryFactory, serang_regions, verified
from rembug.forums.models import Forum, ForumInput, ForumInputReport
from rembug.forums.tests.factories import ForumFactory
from rembug.planning.models import PlanItemInput

pytestmark = pytest.mark.django_db

LIST = "/kota-serang/aduan/tema/"
PROMOTE = "/kota-serang/aduan/tema/ke-forum/"


@pytest.fixture
def theme(people):
    """Four road reports in Kasemen (one confidential, one anonymous), plus reports that do
    not count: a duplicate, an archived one, one in another kecamatan, one too old."""
    regions = serang_regions()
    kasemen = regions["Kasemen"]
    roads = CategoryFactory(government=people.government, name="Jalan Rusak", slug="jalan")
    made = {
        "public": verified(
            government=people.government,
            category=roads,
            kecamatan=kasemen,
            title="Jalan berlubang di Pasar Kasemen",
        ),
        "anonymous": verified(
            government=people.government,
            category=roads,
            kecamatan=kasemen,
            privacy=Privacy.ANONYMOUS,
            contact_name="Nama Pelapor Rahasia",
            title="Aspal Jalan Sultan rusak",
        ),
        "confidential": verified(
            government=people.government,
            category=roads,
            kecamatan=kasemen,
            privacy=Privacy.CONFIDENTIAL,
            title="Isi rahasia tentang jalan",
        ),
        "submitted": verified(
            government=people.government,
            category=roads,
            kecamatan=kasemen,
            status=Status.SUBMITTED,
            verified_at=None,
        ),
    }
    for status in (Status.DUPLICATE, Status.ARCHIVED):
        verified(government=people.government, category=roads, kecamatan=kasemen, status=status)
    verified(government=people.government, category=roads, kecamatan=regions["Serang"])
    old = verified(government=people.government, category=roads, kecamatan=kasemen)
    old.submitted_at = timezone.now() - dt.timedelta(days=400)
    old.save(update_fields=["submitted_at"])
    return roads, kasemen, made


@pytest.fixture
def forum(people):
    return ForumFactory(
        government=people.government,
        organiser=people.agency,
        phase=Forum.Phase.INPUT_OPEN,
        title="Forum Perangkat Daerah DPUPR 2027",
    )


def promote_data(theme, forum, **extra):
    roads, kasemen, _ = theme
    return {
        "kategori": roads.pk,
        "kecamatan": kasemen.pk,
        "forum": forum.pk,
        "title": "Jalan rusak di Kasemen",
        "text": "Warga berulang kali melaporkan jalan rusak di Kasemen.",
        **extra,
    }


def test_it_finds_the_theme_counting_only_live_recent_reports_of_one_place(people, theme):
    roads, kasemen, _ = theme
    found = themes.recurring_themes(people.government)
    assert [(t.category, t.kecamatan, t.count) for t in found] == [(roads, kasemen, 4)]
    assert themes.recurring_themes(people.government, min_reports=5) == []
    assert themes.recurring_themes(people.other_government) == []


def test_it_shows_the_themes_to_the_coordinator_only(client, people, theme):
    roads, kasemen, _ = theme
    client.force_login(people.coordinator)
    response = client.get(LIST)
    assert response.status_code == 200
    assert f'data-theme="{roads.pk}-{kasemen.pk}"' in response.text
    for who in (people.officer, people.resident, people.leadership, people.outsider):
        client.force_login(who)
        assert client.get(LIST).status_code in {403, 404}


def test_the_themes_page_costs_the_same_queries_with_more_reports(client, people, theme):
    _, kasemen, _ = theme
    client.force_login(people.coordinator)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    other = CategoryFactory(government=people.government, name="Sampah", slug="sampah")
    for _n in range(6):
        verified(government=people.government, category=other, kecamatan=kasemen)
    with CaptureQueriesContext(connection) as more:
        response = client.get(LIST)
    assert response.text.count("data-theme=") == 2
    assert len(more) == len(few)


def test_the_draft_quotes_public_reports_only_and_names_nobody(client, people, theme, forum):
    _, _, made = theme
    client.force_login(people.coordinator)
    roads, kasemen, _ = theme
    response = client.get(f"{PROMOTE}?kategori={roads.pk}&kecamatan={kasemen.pk}")
    assert response.status_code == 200
    assert "Jalan berlubang di Pasar Kasemen" in response.text
    draft = themes.theme_summary(people.government, category=roads, kecamatan=kasemen)
    assert draft.startswith("4 ")
    assert "Isi rahasia" not in draft and "Nama Pelapor Rahasia" not in draft
    assert f"#{made['public'].pk} " in draft and f"#{made['confidential'].pk} " not in draft


def test_it_takes_the_theme_to_the_forum_linked_both_ways(client, people, theme, forum):
    _, _, made = theme
    client.force_login(people.coordinator)
    response = client.post(PROMOTE, promote_data(theme, forum))
    item = ForumInput.objects.get()
    assert response.status_code == 302 and response.url == item.get_absolute_url()
    assert item.forum == forum and item.source == ForumInput.Source.CAPTURED
    assert item.captured_by == people.coordinator and item.kecamatan.name == "Kasemen"
    linked = set(ForumInputReport.objects.values_list("complaint_id", flat=True))
    assert linked == {c.pk for c in made.values()}

    # Each report's public timeline says where it went.
    event = ComplaintEvent.objects.get(complaint=made["public"], kind=ComplaintEvent.Kind.NOTE)
    assert not event.is_internal and forum.title in event.note

    # Both ways: the input lists the reports, the report names the input.
    client.logout()
    page = client.get(item.get_absolute_url()).text
    assert f'/kota-serang/aduan/{made["public"].pk}/"' in page
    assert "Nama Pelapor Rahasia" not in page and "Isi rahasia" not in page
    report_page = client.get(made["public"].get_absolute_url()).text
    assert item.get_absolute_url() in report_page and forum.title in report_page


def test_the_report_page_names_the_plan_item_that_carries_the_input(client, people, theme, forum):
    from rembug.planning.tests.factories import PlanItemFactory

    _, _, made = theme
    item = themes.complaint_theme_promote(
        government=people.government,
        category=theme[0],
        kecamatan=theme[1],
        forum=forum,
        title="Jalan rusak di Kasemen",
        text="Warga melaporkan jalan rusak.",
        by=people.coordinator,
    )
    plan_item = PlanItemFactory(document__government=people.government)
    PlanItemInput.objects.create(
        government=people.government,
        item=plan_item,
        source_kind=PlanItemInput.SourceKind.FORUM_INPUT,
        source_id=item.pk,
    )
    page = client.get(made["public"].get_absolute_url()).text
    url = reverse("planning:item", kwargs={"government": "kota-serang", "pk": plan_item.pk})
    assert url in page


@pytest.mark.parametrize("who", ["officer", "resident", "leadership", "outsider"])
def test_nobody_else_takes_a_theme_to_a_forum(client, people, theme, forum, who):
    client.force_login(getattr(people, who))
    response = client.post(PROMOTE, promote_data(theme, forum))
    assert response.status_code in {403, 404}
    assert not ForumInput.objects.exists() and not ForumInputReport.objects.exists()


def test_a_forum_not_taking_inputs_is_refused_and_nothing_is_written(client, people, theme):
    closed = ForumFactory(
        government=people.government, organiser=people.agency, phase=Forum.Phase.DISPOSITION
    )
    client.force_login(people.coordinator)
    response = client.post(PROMOTE, promote_data(theme, closed))
    assert response.status_code == 422
    assert not ForumInput.objects.exists() and not ForumInputReport.objects.exists()
    assert not ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.NOTE).exists()


def test_a_theme_of_another_government_is_not_found(client, people, theme, forum):
    elsewhere = CategoryFactory(government=people.other_government, slug="jalan-lain")
    client.force_login(people.coordinator)
    data = promote_data(theme, forum, kategori=elsewhere.pk)
    assert client.post(PROMOTE, data).status_code == 404
    assert not ForumInput.objects.exists()


def test_too_few_reports_are_not_a_theme(client, people, forum):
    kasemen = serang_regions()["Kasemen"]
    roads = CategoryFactory(government=people.government, slug="jalan")
    for _n in range(2):
        verified(government=people.government, category=roads, kecamatan=kasemen)
    client.force_login(people.coordinator)
    response = client.post(
        PROMOTE,
        {
            "kategori": roads.pk,
            "kecamatan": kasemen.pk,
            "forum": forum.pk,
            "title": "Jalan",
            "text": "Jalan rusak.",
        },
    )
    assert response.status_code == 422
    assert "at least 3" in response.text or "paling sedikit 3" in response.text
    assert not ForumInput.objects.exists()


def test_an_empty_form_says_what_is_missing(client, people, theme, forum):
    roads, kasemen, _ = theme
    client.force_login(people.coordinator)
    response = client.post(PROMOTE, {"kategori": roads.pk, "kecamatan": kasemen.pk})
    assert response.status_code == 422
    assert response.text.count('class="error"') >= 3
    assert not ForumInput.objects.exists()
