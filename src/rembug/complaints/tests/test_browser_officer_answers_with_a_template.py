"""User story: an agency officer opens a report from the agency queue, starts from an answer
template, answers, and the reporter following the code sees the answer and rates it."""

import pytest

from rembug.complaints.models import AnswerTemplate, Status
from rembug.complaints.tests.factories import verified
from rembug.testing.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, username, password):
    page.goto("/akun/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")


def test_officer_answers_with_a_template_and_the_reporter_rates_it(page, people, password):
    complaint = verified(
        government=people.government,
        agency=people.agency,
        status=Status.DISPATCHED,
        title="WiFi taman kota mati",
    )
    AnswerTemplate.objects.create(
        government=people.government,
        agency=people.agency,
        title="Sudah diperbaiki",
        text="Perangkat WiFi sudah kami ganti dan kembali aktif.",
    )
    login(page, people.officer.username, password)
    page.goto("/kota-serang/aduan/perangkat-daerah/")
    page.click("text=WiFi taman kota mati")
    assert_accessible(page)
    page.click("details:has(form[action$='aksi/jawab/']) summary")
    page.select_option("#id_jawab-template", label="Sudah diperbaiki")
    assert (
        page.input_value("#id_jawab-text") == "Perangkat WiFi sudah kami ganti dan kembali aktif."
    )
    page.click("form[action$='aksi/jawab/'] button[type=submit]")
    page.wait_for_selector(".kind-answer")
    complaint.refresh_from_db()
    assert complaint.status == Status.ANSWERED

    page.context.clear_cookies()
    page.goto(f"/kota-serang/aduan/lacak/{complaint.tracking_code}/")
    assert "Perangkat WiFi sudah kami ganti" in page.text_content(".timeline")
    page.click("details:has(form[action$='aksi/nilai/']) summary")
    page.check("input[name=nilai-score][value='5']")
    page.click("form[action$='aksi/nilai/'] button[type=submit]")
    page.wait_for_selector("text=5 / 5")
    assert_accessible(page)
