import re

import pytest
from django.core import mail

from rembug.testing.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Banten-Serang-Madani-77"


def test_resident_forgets_the_password_and_sets_a_new_one(page, people):
    page.goto("/akun/masuk/")
    page.get_by_role("link", name="Lupa kata sandi?").click()
    page.get_by_label("Email").fill(people.resident.email)
    page.get_by_role("button", name="Kirim tautan").click()
    page.get_by_role("heading", name="Periksa email Anda").wait_for()

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/akun/sandi/atur/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    page.get_by_role("heading", name="Buat kata sandi baru").wait_for()
    assert_accessible(page)
    page.get_by_label("Sandi baru", exact=False).first.fill(NEW_PASSWORD)
    page.get_by_label("Konfirmasi sandi baru").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Simpan kata sandi").click()
    page.get_by_role("heading", name="Kata sandi Anda sudah diubah").wait_for()

    page.get_by_role("main").get_by_role("link", name="Masuk").click()
    page.get_by_label("Nama pengguna").fill("warga")
    page.get_by_label("Sandi").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("banner").get_by_role("link", name=people.resident.display_name).wait_for()

    # The link from the e-mail is spent.
    page.goto(link)
    page.get_by_role("heading", name="Tautan ini sudah tidak berlaku").wait_for()
