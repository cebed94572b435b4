"""User story: a resident reports anonymously from a phone, without an account, giving an e-mail
and the coordinates of the place. The coordinator (who alone sees the name) verifies and
dispatches it; the agency officer (who does not) asks for information; the resident replies with
the tracking code; the officer answers with an attachment; the resident objects; the officer
sends it back to the coordinator with a reason. Every step is on the timeline; the public sees
the timeline without internal notes and never the name — on the page, in the API and in
Open311 (open data: ``test_public_identity``)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from rembug.complaints.models import Complaint, ComplaintEvent, Privacy, Status
from rembug.complaints.tests.factories import serang_regions
from rembug.testing.browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Hendra Saputra Anonim"
PHONE = {"width": 360, "height": 740}
WAIT_MS = 45_000


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def open_action(page, action):
    page.click(f"details:has(form[action$='aksi/{action}/']) summary")


def submit_action(page, action):
    page.click(f"form[action$='aksi/{action}/'] button[type=submit]")
    page.wait_for_load_state("load")


def status_of(complaint):
    complaint.refresh_from_db()
    return complaint.status


def test_an_anonymous_report_goes_through_the_workflow(
    page, browser, live_server, people, password
):
    serang_regions()
    resident = page
    resident.set_viewport_size(PHONE)
    # A long journey on a shared, loaded machine: waits are generous (nothing here is timed).
    resident.set_default_timeout(WAIT_MS)

    # The resident, on a phone, without an account.
    resident.goto("/kota-serang/aduan/baru/")
    assert resident.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    resident.fill("#id_title", "Pungutan liar di loket kelurahan")
    resident.fill(
        "#id_text", "Petugas loket meminta uang Rp50.000 tanpa kuitansi untuk surat pengantar."
    )
    resident.select_option("#id_kecamatan", label="Kasemen")
    expect(resident.locator("#id_kelurahan option", has_text="Cipare")).to_have_count(0)
    resident.select_option("#id_kelurahan", label="Banten")
    resident.fill("#id_latitude", "-6.034512")
    resident.fill("#id_longitude", "106.158731")
    resident.check("input[name=privacy][value=anonim]")
    resident.fill("#id_contact_name", NAME)
    resident.fill("#id_contact_email", "hendra@contoh.id")
    resident.click("main form button[type=submit]")
    code = resident.text_content("[data-testid=tracking-code]").strip()
    complaint = Complaint.objects.get()
    assert complaint.privacy == Privacy.ANONYMOUS and complaint.tracking_code == code
    assert str(complaint.latitude) == "-6.034512"
    assert [m.to for m in mail.outbox] == [["hendra@contoh.id"]] and code in mail.outbox[0].body
    assert_accessible(resident)

    # The coordinator sees the name, verifies and dispatches in one step.
    staff = browser.new_context(base_url=live_server.url, locale="id-ID")
    staff.set_default_timeout(WAIT_MS)
    desk = staff.new_page()
    sign_in(desk, people.coordinator, password)
    desk.goto("/kota-serang/aduan/koordinator/")
    desk.click("text=Pungutan liar di loket kelurahan")
    assert NAME in desk.text_content("dl.facts")
    open_action(desk, "verifikasi")
    desk.select_option("#id_verifikasi-agency", label="Diskominfo")
    submit_action(desk, "verifikasi")
    assert status_of(complaint) == Status.DISPATCHED
    open_action(desk, "catatan")
    desk.fill("#id_catatan-note", "Catatan internal: cek CCTV loket.")
    submit_action(desk, "catatan")
    staff.clear_cookies()

    # The agency officer does not see the name; asks for information.
    officer = staff.new_page()
    sign_in(officer, people.officer, password)
    officer.goto("/kota-serang/aduan/perangkat-daerah/")
    officer.click("text=Pungutan liar di loket kelurahan")
    assert NAME not in officer.content()
    assert "hendra@contoh.id" not in officer.content()
    open_action(officer, "minta-info")
    officer.fill("#id_minta-info-note", "Pada hari dan jam berapa kejadiannya?")
    submit_action(officer, "minta-info")
    assert status_of(complaint) == Status.NEEDS_INFO
    assert "Pada hari dan jam berapa" in mail.outbox[-1].body

    # The resident replies with the code: the report goes back to the agency.
    resident.goto(f"/kota-serang/aduan/lacak/{code}/")
    assert "Pada hari dan jam berapa" in resident.text_content(".timeline")
    open_action(resident, "balas")
    resident.fill("#id_balas-note", "Senin pagi sekitar jam 9.")
    submit_action(resident, "balas")
    assert status_of(complaint) == Status.DISPATCHED

    # The officer answers with an attachment.
    officer.reload()
    open_action(officer, "jawab")
    officer.fill("#id_jawab-text", "Petugas sudah ditegur dan uang dikembalikan.")
    officer.set_input_files(
        "#id_jawab-attachments",
        files=[
            {
                "name": "berita-acara.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
            }
        ],
    )
    submit_action(officer, "jawab")
    assert status_of(complaint) == Status.ANSWERED
    assert complaint.attachments.filter(event__isnull=False).count() == 1

    # The resident objects: reopened.
    resident.goto(f"/kota-serang/aduan/lacak/{code}/")
    assert "Petugas sudah ditegur" in resident.text_content(".timeline")
    open_action(resident, "keberatan")
    resident.fill("#id_keberatan-note", "Uangnya belum dikembalikan kepada saya.")
    submit_action(resident, "keberatan")
    assert status_of(complaint) == Status.REOPENED

    # The officer sends it back to the coordinator with a reason.
    officer.reload()
    open_action(officer, "kembalikan")
    officer.fill("#id_kembalikan-note", "Pungutan di loket adalah kewenangan Inspektorat.")
    submit_action(officer, "kembalikan")
    assert status_of(complaint) == Status.VERIFIED
    assert complaint.agency is None or complaint.status == Status.VERIFIED

    # Every step is on the timeline, with who and when.
    events = list(ComplaintEvent.objects.filter(complaint=complaint).order_by("id"))
    # A reply or an answer that moves the report is one entry of its own kind, with the move.
    moves = [(e.from_status, e.to_status) for e in events if e.to_status]
    for step in [
        ("submitted", "verified"),
        ("verified", "dispatched"),
        ("dispatched", "needs_info"),
        ("needs_info", "dispatched"),
        ("dispatched", "answered"),
        ("answered", "reopened"),
        ("reopened", "verified"),
    ]:
        assert step in moves
    assert all(e.at and e.actor_role for e in events)

    # The public: the timeline without the internal note, never the name — page, API, Open311.
    visitor = browser.new_context(base_url=live_server.url, locale="id-ID", viewport=PHONE)
    visitor.set_default_timeout(WAIT_MS)
    public = visitor.new_page()
    public.goto(f"/kota-serang/aduan/{complaint.pk}/")
    timeline = public.text_content(".timeline")
    assert "Senin pagi" in timeline or "Petugas sudah ditegur" in timeline
    assert "Catatan internal" not in public.content()
    assert NAME not in public.content() and code not in public.content()
    assert_accessible(public)
    for url in [
        "/api/v1/governments/kota-serang/reports",
        f"/api/v1/governments/kota-serang/reports/{complaint.pk}",
        "/open311/v2/requests.json?jurisdiction_id=36.73",
        "/open311/v2/requests.xml?jurisdiction_id=36.73",
        f"/open311/v2/requests/{complaint.pk}.xml?jurisdiction_id=36.73",
    ]:
        response = public.request.get(url)
        body = response.text()
        assert response.status == 200, url
        assert "Pungutan liar" in body or str(complaint.pk) in body, url
        assert NAME not in body and "hendra@contoh.id" not in body and code not in body, url
        assert not re.search(r"Catatan internal", body), url
    visitor.close()
    staff.close()
