import pytest

from rembug.testing.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_logs_in_and_sees_their_name(page, people, password):
    page.goto("/kota-serang/")
    page.get_by_role("banner").get_by_role("link", name="Masuk").click()
    page.wait_for_url("**/akun/masuk/**")
    page.get_by_label("Nama pengguna").fill("warga")
    page.get_by_label("Sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()

    # Back where they came from, with their name in the header.
    page.wait_for_url("**/kota-serang/")
    name = people.resident.display_name
    page.get_by_role("banner").get_by_role("link", name=name).click()
    page.wait_for_url("**/akun/saya/")
    assert page.get_by_role("heading", name="Akun saya").is_visible()
    assert page.get_by_role("main").get_by_text("Pemerintah Kota Serang").is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Keluar").click()
    page.get_by_role("banner").get_by_role("link", name="Masuk").wait_for()


def test_a_wrong_password_is_announced(page, people):
    page.goto("/akun/masuk/")
    page.get_by_label("Nama pengguna").fill("warga")
    page.get_by_label("Sandi").fill("salah-sekali")
    page.get_by_role("button", name="Masuk").click()
    assert page.get_by_role("alert").first.is_visible()
    assert_accessible(page)
