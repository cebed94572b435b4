"""User story: Diskominfo's PPID adds an exempt entry to its Daftar Informasi Publik, corrects
it and retires it, by keyboard; the public list follows, the history says who did what. axe
checks the keeper's pages, and the edit page fits 640 px (200 % zoom)."""

import pytest

from rembug.ppid.models import PublicInformation
from rembug.testing.browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIST = "/kota-serang/ppid/daftar-informasi/diskominfo/"


def test_the_ppid_adds_corrects_and_retires_an_entry_by_keyboard(page, people, password):
    page.set_default_timeout(30_000)  # a shared, loaded machine
    # The first request builds the URL resolver and templates: slow on a loaded machine.
    page.goto("/akun/masuk/", timeout=90_000)
    sign_in(page, people.officer, password)
    page.goto(LIST)
    assert_accessible(page)
    page.fill("#id_title", "Rekaman CCTV ruang server")
    page.fill("#id_summary", "Rekaman kamera pengawas pusat data")
    page.fill("#id_responsible", "Kepala Bidang Persandian")
    page.fill("#id_format", "Berkas video")
    page.fill("#id_retention", "90 hari")
    page.select_option("#id_category", value="dikecualikan")
    page.focus("#id_year")
    page.keyboard.press("Enter")  # submits without a ground: the form says what is missing
    page.wait_for_selector(".field-invalid")
    assert "Pasal 17" in page.text_content("main")
    assert_accessible(page)
    page.select_option("#id_exemption_ground", value="pasal17c")
    page.fill("#id_exemption_reason", "Membuka rekaman membahayakan keamanan pusat data.")
    page.focus("#id_year")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("table.ppid-dip >> text=Rekaman CCTV ruang server")
    entry = PublicInformation.objects.get()
    assert entry.exemption_ground == "pasal17c"

    link = page.locator(f"#entri-{entry.pk} a")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#id_ubah-retention")
    assert_accessible(page)
    page.fill("#id_ubah-retention", "30 hari")
    page.focus("#id_ubah-retention")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{LIST}")
    entry.refresh_from_db()
    assert entry.retention == "30 hari"

    page.goto(f"{LIST}{entry.pk}/ubah/")
    assert "90 hari" in page.text_content("main") and "30 hari" in page.text_content("main")
    page.set_viewport_size({"width": 640, "height": 900})
    wide = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert wide[0] <= wide[1], f"the edit page scrolls sideways at 640 px: {wide}"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.fill("#id_tarik-reason", "Rekaman tidak lagi disimpan")
    page.focus("#id_tarik-reason")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the focused "Retire" button
    page.wait_for_url(f"**{LIST}")
    entry.refresh_from_db()
    assert entry.is_retired
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto(LIST)
    assert "Rekaman CCTV ruang server" not in page.text_content("main")
