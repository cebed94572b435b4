"""A visitor finds their government, its page and one of its agencies; every page is accessible."""

import pytest

from rembug.testing.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_goes_from_the_list_to_a_government_and_an_agency(page, people):
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Rembug"
    assert_accessible(page)

    page.get_by_role("link", name="Pemerintah Kota Serang").click()
    page.wait_for_url("**/kota-serang/")
    assert page.get_by_role("heading", level=1).inner_text() == "Pemerintah Kota Serang"
    assert page.title() == "Pemerintah Kota Serang · Rembug"
    assert_accessible(page)

    page.get_by_role("main").get_by_role("link", name="Dinas Komunikasi dan Informatika").click()
    page.wait_for_url("**/kota-serang/perangkat-daerah/diskominfo/")
    assert page.get_by_role("heading", level=1).inner_text() == "Dinas Komunikasi dan Informatika"
    assert page.get_by_text("2.16, 2.20, 2.21").is_visible()
    assert page.title() == "Dinas Komunikasi dan Informatika · Pemerintah Kota Serang · Rembug"
    assert_accessible(page)


def test_visitor_reads_the_list_of_agencies(page, people):
    page.goto("/kota-serang/")
    page.get_by_role("navigation", name="Menu pemerintah daerah").get_by_role(
        "link", name="Perangkat Daerah"
    ).click()
    page.wait_for_url("**/kota-serang/perangkat-daerah/")
    table = page.get_by_role("table")
    assert table.get_by_role("link", name="Dinas Pekerjaan Umum dan Penataan Ruang").is_visible()
    assert page.title() == "Perangkat Daerah · Pemerintah Kota Serang · Rembug"
    assert_accessible(page)


def test_the_login_password_and_error_pages_are_accessible(page, db):
    for url in ["/akun/masuk/", "/akun/sandi/lupa/", "/halaman-yang-tidak-ada/"]:
        page.goto(url)
        assert_accessible(page)


@pytest.mark.parametrize(
    "url", ["/", "/kota-serang/", "/kota-serang/perangkat-daerah/", "/akun/masuk/"]
)
def test_pages_reflow_on_a_small_phone_without_sideways_scrolling(page, people, url):
    # WCAG 1.4.10: content fits 320 CSS pixels; wide tables scroll inside their own box.
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(url)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
