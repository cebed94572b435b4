import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from rembug.complaints.models import ComplaintRating, Privacy, Status
from rembug.complaints.tests.factories import (
    CategoryFactory,
    ComplaintFactory,
    serang_regions,
    verified,
)
from rembug.testing.fixtures import assert_query_count_constant

pytestmark = pytest.mark.django_db
LIST = "/kota-serang/aduan/"


def login(client, people, who):
    user = people.all_roles()[who]
    if user:
        client.force_login(user)


def test_the_public_list_shows_public_reports_only(client, people):
    public = verified(government=people.government, title="Jalan rusak di Taktakan")
    verified(government=people.government, title="Laporan rahasia", privacy=Privacy.CONFIDENTIAL)
    ComplaintFactory(government=people.government, title="Belum diverifikasi")
    verified(government=people.government, title="Diarsipkan", status=Status.ARCHIVED)
    verified(government=people.other_government, title="Laporan kota lain")
    response = client.get(LIST)
    assert response.status_code == 200
    assert list(response.context["page"]) == [public]


def test_the_public_list_filters_by_kecamatan_category_and_status(client, people):
    regions = serang_regions()
    category = CategoryFactory(government=people.government)
    match = verified(government=people.government, kecamatan=regions["Kasemen"], category=category)
    verified(government=people.government, kecamatan=regions["Serang"], category=category)
    verified(government=people.government, kecamatan=regions["Kasemen"])
    response = client.get(
        LIST, {"kecamatan": regions["Kasemen"].pk, "category": category.pk, "status": "verified"}
    )
    assert list(response.context["page"]) == [match]


def test_the_public_list_query_count_does_not_grow(client, people):
    regions = serang_regions()
    category = CategoryFactory(government=people.government)

    def grow():
        for _ in range(15):
            verified(
                government=people.government,
                kecamatan=regions["Kasemen"],
                kelurahan=regions["Kasemen/Banten"],
                category=category,
                agency=people.agency,
                status=Status.DISPATCHED,
            )

    verified(government=people.government)
    assert_query_count_constant(lambda: client.get(LIST), grow, label="public list")


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("resident", 403),
        ("officer", 403),
        ("outsider", 403),
        ("leadership", 403),
        ("coordinator", 200),
        ("administrator", 200),
    ],
)
def test_coordinator_queue_access(client, people, who, status):
    login(client, people, who)
    assert client.get("/kota-serang/aduan/koordinator/").status_code == status


def test_coordinator_queue_sections_and_query_count(client, people):
    client.force_login(people.coordinator)
    now = timezone.now()

    def grow():
        for _ in range(4):
            ComplaintFactory(government=people.government, due_at=now + dt.timedelta(days=3))
            verified(
                government=people.government,
                agency=people.agency,
                status=Status.DISPATCHED,
                due_at=now - dt.timedelta(days=1),
            )
            ComplaintFactory(
                government=people.government,
                is_emergency=True,
                due_at=now + dt.timedelta(minutes=10),
            )

    grow()
    assert_query_count_constant(
        lambda: client.get("/kota-serang/aduan/koordinator/"), grow, label="coordinator queue"
    )
    sections = {
        key: rows
        for key, _label, rows in client.get("/kota-serang/aduan/koordinator/").context["sections"]
    }
    assert (
        len(sections["emergency"]) == 8
        and len(sections["overdue"]) == 8
        and len(sections["new"]) == 8
    )


def test_coordinator_queue_refuses_wrong_method(client, people):
    client.force_login(people.coordinator)
    assert client.post("/kota-serang/aduan/koordinator/").status_code == 405


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("resident", 403),
        ("coordinator", 403),
        ("outsider", 403),
        ("officer", 200),
    ],
)
def test_agency_queue_access(client, people, who, status):
    login(client, people, who)
    assert client.get("/kota-serang/aduan/perangkat-daerah/").status_code == status


def test_agency_queue_shows_only_the_officers_agency(client, people):
    mine = verified(government=people.government, agency=people.agency, status=Status.DISPATCHED)
    verified(government=people.government, agency=people.agency_b, status=Status.DISPATCHED)
    client.force_login(people.officer)

    def grow():
        for _ in range(5):
            verified(government=people.government, agency=people.agency, status=Status.IN_PROGRESS)

    assert_query_count_constant(
        lambda: client.get("/kota-serang/aduan/perangkat-daerah/"), grow, label="agency queue"
    )
    rows = client.get("/kota-serang/aduan/perangkat-daerah/").context["sections"][0][2]
    assert mine in rows and len(rows) == 6
    assert all(row.agency == people.agency for row in rows)


def test_my_reports_access_and_content(client, people):
    mine = ComplaintFactory(government=people.government, reporter=people.resident)
    ComplaintFactory(government=people.government, reporter=people.stakeholder)
    assert client.get("/kota-serang/aduan/laporan-saya/").status_code == 302
    client.force_login(people.resident)
    response = client.get("/kota-serang/aduan/laporan-saya/")
    assert list(response.context["page"]) == [mine]


def test_statistics_are_computed_from_the_data(client, people):
    now = timezone.now()
    fast = verified(
        government=people.government,
        agency=people.agency,
        status=Status.ANSWERED,
        submitted_at=now - dt.timedelta(hours=10),
        first_answered_at=now - dt.timedelta(hours=8),
        due_at=now + dt.timedelta(days=1),
    )
    verified(
        government=people.government,
        agency=people.agency,
        status=Status.ANSWERED,
        submitted_at=now - dt.timedelta(days=20),
        first_answered_at=now - dt.timedelta(days=1),
        due_at=now - dt.timedelta(days=5),
    )
    verified(
        government=people.government,
        agency=people.agency,
        status=Status.DISPATCHED,
        submitted_at=now - dt.timedelta(hours=1),
        due_at=now + dt.timedelta(days=5),
    )
    ComplaintRating.objects.create(
        government=people.government, complaint=fast, agency=people.agency, score=4
    )
    response = client.get("/kota-serang/aduan/statistik/")
    assert response.status_code == 200
    row = next(r for r in response.context["rows"] if r.agency == people.agency)
    assert row.received == 3 and row.answered == 2
    assert row.within_service_level == 0.5
    assert row.median_hours_to_first_answer == pytest.approx((2 + 19 * 24) / 2, rel=0.01)
    assert row.satisfaction == 4.0


def test_by_kecamatan_counts_public_reports(client, people):
    regions = serang_regions()
    verified(government=people.government, kecamatan=regions["Kasemen"], status=Status.CLOSED)
    verified(government=people.government, kecamatan=regions["Kasemen"], status=Status.DISPATCHED)
    verified(
        government=people.government, kecamatan=regions["Kasemen"], privacy=Privacy.CONFIDENTIAL
    )
    response = client.get("/kota-serang/aduan/per-kecamatan/")
    kasemen = next(
        r for r in response.context["rows"] if r["kecamatan"] and r["kecamatan"].name == "Kasemen"
    )
    assert (kasemen["total"], kasemen["open"], kasemen["done"]) == (2, 1, 1)


def test_answer_templates_for_officers(client, people):
    assert client.get("/kota-serang/aduan/template-jawaban/").status_code == 302
    client.force_login(people.coordinator)
    assert client.get("/kota-serang/aduan/template-jawaban/").status_code == 403
    client.force_login(people.officer)
    data = {"title": "Terima kasih", "text": "Terima kasih atas laporan Anda."}
    assert client.post("/kota-serang/aduan/template-jawaban/", data).status_code == 302
    assert client.post("/kota-serang/aduan/template-jawaban/", data).status_code == 422
    complaint = verified(
        government=people.government, agency=people.agency, status=Status.DISPATCHED
    )
    page = client.get(f"/kota-serang/aduan/{complaint.pk}/")
    assert "Terima kasih atas laporan Anda." in page.text


def test_the_cron_command_closes_and_escalates(people, capsys):
    verified(
        government=people.government,
        status=Status.ANSWERED,
        answered_at=timezone.now() - dt.timedelta(days=12),
    )
    verified(
        government=people.government,
        status=Status.DISPATCHED,
        agency=people.agency,
        due_at=timezone.now() - dt.timedelta(days=1),
    )
    call_command("complaints", "tick")
    out = capsys.readouterr().out
    assert "1" in out.splitlines()[0] and "1" in out.splitlines()[1]


def test_services_and_views_see_only_the_government_of_the_url(client, people):
    other = verified(government=people.other_government, agency=None)
    client.force_login(people.coordinator)
    assert client.get(f"/kota-serang/aduan/{other.pk}/").status_code == 404
    assert (
        client.post(
            f"/kota-serang/aduan/{other.pk}/aksi/catatan/", {"catatan-note": "x"}
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("resident", 403),
        ("officer", 403),
        ("outsider", 403),
        ("coordinator", 200),
    ],
)
def test_emergency_queue_access(client, people, who, status):
    login(client, people, who)
    assert client.get("/kota-serang/aduan/darurat/").status_code == status


def test_emergency_queue_lists_open_emergencies_and_refreshes_as_a_fragment(client, people):
    fire = ComplaintFactory(
        government=people.government,
        is_emergency=True,
        emergency_kind="kebakaran",
        due_at=timezone.now() + dt.timedelta(minutes=20),
    )
    ComplaintFactory(government=people.government, is_emergency=True, status=Status.CLOSED)
    ComplaintFactory(government=people.government)
    client.force_login(people.coordinator)

    def grow():
        for _ in range(3):
            ComplaintFactory(
                government=people.government,
                is_emergency=True,
                due_at=timezone.now() + dt.timedelta(hours=1),
            )

    assert_query_count_constant(
        lambda: client.get("/kota-serang/aduan/darurat/"), grow, label="emergency queue"
    )
    page = client.get("/kota-serang/aduan/darurat/")
    assert page.context["rows"][0] == fire and len(page.context["rows"]) == 4
    fragment = client.get("/kota-serang/aduan/darurat/", headers={"HX-Request": "true"})
    assert "<html" not in fragment.text and fire.title in fragment.text
    assert client.post("/kota-serang/aduan/darurat/").status_code == 405


def test_the_coordinator_dismisses_an_emergency_on_the_report_page(client, people):
    alarm = ComplaintFactory(government=people.government, is_emergency=True, due_at=timezone.now())
    client.force_login(people.officer)
    assert client.post(f"/kota-serang/aduan/{alarm.pk}/aksi/bukan-darurat/", {}).status_code == 404
    client.force_login(people.coordinator)
    assert "bukan-darurat" in client.get(f"/kota-serang/aduan/{alarm.pk}/").text
    response = client.post(
        f"/kota-serang/aduan/{alarm.pk}/aksi/bukan-darurat/", {"bukan-darurat-note": "Salah ketik"}
    )
    assert response.status_code == 302
    alarm.refresh_from_db()
    assert not alarm.is_emergency


def test_statistics_and_by_kecamatan_query_counts_do_not_grow(client, people):
    regions = serang_regions()

    def grow():
        for agency in (people.agency, people.agency_b):
            for _ in range(4):
                verified(
                    government=people.government,
                    agency=agency,
                    kecamatan=regions["Serang"],
                    status=Status.ANSWERED,
                    first_answered_at=timezone.now(),
                    due_at=timezone.now(),
                )

    grow()
    assert_query_count_constant(
        lambda: client.get("/kota-serang/aduan/statistik/"), grow, label="statistics"
    )
    assert_query_count_constant(
        lambda: client.get("/kota-serang/aduan/per-kecamatan/"), grow, label="by kecamatan"
    )


def test_my_reports_query_count_does_not_grow(client, people):
    regions = serang_regions()
    client.force_login(people.resident)

    def grow():
        for _ in range(5):
            ComplaintFactory(
                government=people.government,
                reporter=people.resident,
                kecamatan=regions["Kasemen"],
                agency=people.agency,
            )

    grow()
    assert_query_count_constant(
        lambda: client.get("/kota-serang/aduan/laporan-saya/"), grow, label="my reports"
    )
