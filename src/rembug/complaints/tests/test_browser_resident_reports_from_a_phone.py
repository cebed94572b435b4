"""User story: a resident reports a complaint from a phone, with a photo, and follows it by its
tracking code."""

import pytest
from playwright.sync_api import expect

from rembug.complaints.models import Complaint, ComplaintAttachment, Status
from rembug.complaints.tests.factories import photo_bytes, serang_regions
from rembug.testing.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_resident_reports_with_a_photo_and_follows_it_by_code(page, people):
    serang_regions()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/kota-serang/")
    page.click("a.nav-report")
    assert page.url.endswith("/kota-serang/aduan/baru/")
    assert_accessible(page)

    page.fill("#id_title", "Lampu jalan padam di Jalan Raya Banten")
    page.fill("#id_text", "Sudah dua minggu lampu penerangan jalan padam, jalan gelap dan rawan.")
    page.select_option("#id_kecamatan", label="Kasemen")
    # htmx narrows the list to Kasemen's kelurahan (named without their kecamatan).
    # A locator wait: our CSP forbids the eval that a wait_for_function predicate needs.
    expect(page.locator("#id_kelurahan option", has_text="Cipare")).to_have_count(0)
    page.select_option("#id_kelurahan", label="Banten")
    page.fill("#id_address", "Depan masjid, RT 02 RW 03")
    page.set_input_files(
        "#id_photos",
        files=[{"name": "lampu.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}],
    )
    page.check("input[name=privacy][value=publik]")
    page.fill("#id_contact_name", "Rina")
    assert not page.is_visible(".emergency-alert")
    page.click("main form button[type=submit]")

    code = page.text_content("[data-testid=tracking-code]").strip()
    complaint = Complaint.objects.get()
    assert code == complaint.tracking_code
    assert complaint.kelurahan.name == "Banten"
    assert ComplaintAttachment.objects.filter(complaint=complaint).count() == 1
    assert_accessible(page)

    # Later, from another visit: follow it by the code.
    page.goto("/kota-serang/aduan/lacak/")
    page.fill("#id_code", code.lower().replace("-", ""))
    page.click("main form button[type=submit]")
    assert page.text_content("[data-testid=status]").strip()
    assert "Lampu jalan padam" in page.text_content("h1")
    assert page.locator(".photo-list img").count() == 1
    assert complaint.status == Status.SUBMITTED


def test_resident_typing_an_emergency_sees_the_112_call_link(page, people):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/kota-serang/aduan/baru/")
    page.fill("#id_title", "Tolong")
    page.locator("#id_text").press_sequentially(
        "Ada kebakaran rumah di Kasemen sekarang, api besar", delay=5
    )
    alert = page.wait_for_selector(".emergency-alert")
    assert alert.is_visible()
    assert page.get_attribute(".emergency-alert a.emergency-call", "href") == "tel:112"
    assert_accessible(page)
