"""User stories of the coordinator's desk: the call centre sees a resident's emergency on top of
its own queue with a due time in minutes (the resident got the 112 link at once); the coordinator
sets the government's service level and a cuti bersama day in the UI, and new reports are due
accordingly; the coordinator issues an Open311 key in the UI that a client then uses."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rembug.api.models import Open311Client
from rembug.complaints import services
from rembug.complaints.models import (
    EMERGENCY_DUE_MINUTES,
    Classification,
    Complaint,
    ServiceLevel,
    Source,
)
from rembug.complaints.tests.factories import CategoryFactory, serang_regions, verified
from rembug.core.calendar import WorkingCalendar
from rembug.core.models import GovernmentDayOff
from rembug.testing.browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
# Long journeys on a shared, loaded machine: generous waits (nothing here is timed).
WAIT_MS = 45_000


def test_the_call_centre_sees_the_emergency_on_top_with_minutes_to_act(
    page, browser, live_server, people, password
):
    serang_regions()
    older = verified(government=people.government, title="Lampu taman mati", agency=people.agency)
    page.set_default_timeout(WAIT_MS)
    page.set_viewport_size(PHONE)
    page.goto("/kota-serang/aduan/baru/")
    page.fill("#id_title", "Kebakaran rumah warga")
    page.fill("#id_text", "Ada kebakaran rumah di Kasemen sekarang, api besar dan asap tebal.")
    page.select_option("#id_kecamatan", label="Kasemen")
    page.fill("#id_contact_phone", "081234567890")
    page.click("main form button[type=submit]")
    # At once, on the page that gives the tracking code: the tap-to-call link.
    expect(page.locator(".emergency-alert a.emergency-call")).to_have_attribute("href", "tel:112")
    assert page.locator("[data-testid=tracking-code]").is_visible()
    report = Complaint.objects.get(title="Kebakaran rumah warga")
    assert report.is_emergency
    assert report.due_at - report.submitted_at == dt.timedelta(minutes=EMERGENCY_DUE_MINUTES)

    staff = browser.new_context(base_url=live_server.url, locale="id-ID")
    staff.set_default_timeout(WAIT_MS)
    desk = staff.new_page()
    sign_in(desk, people.coordinator, password)
    desk.goto("/kota-serang/aduan/koordinator/")
    sections = desk.locator("section.queue")
    expect(sections.first).to_have_class("queue queue-emergency")
    assert "Kebakaran rumah warga" in sections.first.text_content()
    assert older.title not in sections.first.text_content()
    desk.click(".actions a.button.danger")  # the emergency queue of the call centre
    assert desk.url.endswith("/kota-serang/aduan/darurat/")
    card = desk.locator(".emergency-card").first
    assert "Kebakaran rumah warga" in card.text_content()
    assert card.locator("a[href='tel:081234567890']").count() == 1
    minutes = card.locator("[data-testid=minutes-left]").text_content()
    assert "menit" in minutes or "minute" in minutes
    assert_accessible(desk)
    staff.close()


def test_the_coordinator_sets_service_levels_and_issues_an_open311_key(page, people, password):
    page.set_default_timeout(WAIT_MS)
    sign_in(page, people.coordinator, password)
    page.goto("/kota-serang/aduan/kalender/")
    # Rabeg-style: complaints answered within 3 working days, not LAPOR!'s 14.
    page.select_option("#id_classification", value=Classification.PENGADUAN)
    page.fill("#id_amount", "3")
    page.select_option("#id_unit", value="days")
    page.click("form[action$='kalender/layanan/'] button[type=submit]")
    page.wait_for_load_state("load")
    level = ServiceLevel.objects.get(government=people.government)
    assert (level.classification, level.working_days, level.hours) == ("pengaduan", 3, None)

    # A cuti bersama day next week.
    today = timezone.localdate()
    monday = today + dt.timedelta(days=7 - today.weekday())
    page.fill("#id_date", (monday + dt.timedelta(days=1)).isoformat())
    page.fill("#id_name", "Cuti bersama uji")
    page.select_option("#id_kind", value=GovernmentDayOff.Kind.CUTI_BERSAMA)
    page.click("main form:not([action]) button[type=submit]")
    page.wait_for_load_state("load")
    assert GovernmentDayOff.objects.filter(government=people.government, name="Cuti bersama uji")
    assert "Cuti bersama uji" in page.content()
    assert_accessible(page)

    # A report received on that Monday is due at the end of the 3rd working day after it,
    # skipping the cuti bersama Tuesday: Friday.
    start = timezone.make_aware(dt.datetime.combine(monday, dt.time(9)))
    due = services.service_level_due(
        government=people.government, classification=Classification.PENGADUAN, start=start
    )
    calendar = WorkingCalendar.for_government(people.government)
    assert calendar.local_date(due) == monday + dt.timedelta(days=4)

    # An Open311 key, shown once, that a client then uses unchanged.
    CategoryFactory(government=people.government, name="Jalan Rusak", slug="jalan-rusak")
    page.goto("/kota-serang/open311/")
    page.fill("#id_name", "Aplikasi Serang Siaga")
    page.click("main form button[type=submit]")
    key = page.text_content("code.secret").strip()
    assert key.startswith("o311_")
    assert Open311Client.objects.get().name == "Aplikasi Serang Siaga"
    page.reload()
    assert key not in page.content()
    answer = page.request.post(
        "/open311/v2/requests.json",
        form={
            "jurisdiction_id": "36.73",
            "api_key": key,
            "service_code": "jalan-rusak",
            "lat": "-6.1104",
            "long": "106.1640",
            "description": "Jalan berlubang besar di depan pasar Rau, membahayakan pengendara.",
        },
    )
    assert answer.status == 201, answer.text()
    made = Complaint.objects.get(source=Source.OPEN311)
    assert str(made.pk) == answer.json()[0]["service_request_id"]
