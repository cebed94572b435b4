"""User story: a resident asks Diskominfo for information, gets a tracking code; the agency's
PPID answers from the queue; the public register shows the request answered, without the
resident's identity. axe checks every public page on the way."""

import pytest

from rembug.ppid.models import InformationRequest, Status
from rembug.testing.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, username, password):
    page.goto("/akun/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")


def test_resident_asks_for_information_and_the_ppid_answers(page, people, password):
    # The first request builds the URL resolver and templates: slow on a loaded machine.
    page.goto("/kota-serang/ppid/minta/", timeout=60_000)
    assert_accessible(page)
    page.select_option("#id_agency", label="Diskominfo")
    page.fill("#id_information", "Daftar titik WiFi publik di taman kota tahun 2025")
    page.fill("#id_purpose", "Tugas kuliah tentang akses internet publik")
    page.check("input[name=access_mode][value=salinan_soft]")
    page.select_option("#id_delivery", value="email")
    page.fill("#id_name", "Euis Komariah")
    page.fill("#id_id_number", "3673024107900003")
    page.fill("#id_address", "Kp. Kasemen RT 01 RW 02")
    page.fill("#id_email", "euis.komariah@contoh.id")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".tracking-code")
    code = page.text_content(".tracking-code").strip()
    made = InformationRequest.objects.get()
    assert code == made.tracking_code
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, people.officer.username, password)
    page.goto("/kota-serang/ppid/antrean/")
    assert_accessible(page)
    page.click(f"text={code}")
    page.click("details:has(form[action$='aksi/jawab/']) summary")
    page.select_option("#id_jawab-outcome", value="dipenuhi")
    page.fill("#id_jawab-answer", "Daftar 48 titik WiFi publik kami kirim melalui surel.")
    page.click("form[action$='aksi/jawab/'] button[type=submit]")
    page.wait_for_selector("text=Daftar 48 titik WiFi publik kami kirim")
    made.refresh_from_db()
    assert made.status == Status.GRANTED

    page.context.clear_cookies()
    page.goto("/kota-serang/ppid/")
    row = page.locator(".ppid-register tbody tr", has_text="Daftar titik WiFi publik")
    assert row.count() == 1
    # The register lists the request's number: its tracking code opens the objection form.
    assert row.locator("td").first.text_content() == str(made.pk)
    assert code not in page.content()
    assert "Euis Komariah" not in page.content()
    assert_accessible(page)
    for path in (
        "/kota-serang/ppid/statistik/",
        "/kota-serang/ppid/daftar-informasi/",
        "/kota-serang/ppid/lacak/",
        f"/kota-serang/ppid/lacak/{code}/",
        "/kota-serang/data/",
        "/kota-serang/perangkat-daerah/diskominfo/",
        "/kota-serang/",
    ):
        page.goto(path)
        assert_accessible(page)
