"""User stories: a resident flags a report, the third distinct flag hides it pending review, the
coordinator restores it from the moderation queue; a resident writing a report sees before
sending that the NIK they typed will be hidden from the public."""

import pytest

from rembug.moderation.models import ModeratedItem, Reason, State
from rembug.moderation.services import content_flag
from rembug.testing.browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_third_flag_hides_the_report_and_the_moderator_restores_it(page, people, report, password):
    for user in (people.officer_b, people.stakeholder):
        content_flag(
            government=people.government, content=report, reason=Reason.SPAM, by=user, address=""
        )
    page.goto(report.get_absolute_url())
    assert "[NIK/KK disembunyikan]" in page.text_content(".complaint-text")
    page.click("text=Laporkan konten ini")
    assert_accessible(page)
    page.select_option("#id_reason", "spam")
    page.click("form.flag-form button[type=submit]")
    page.wait_for_selector(".moderation-notice")
    assert "Disembunyikan" in page.text_content("h1")
    assert ModeratedItem.objects.get().state == State.HIDDEN
    page.goto("/kota-serang/aduan/")
    assert report.title not in page.text_content("main")

    sign_in(page, people.coordinator, password, next="/kota-serang/moderasi/?tab=hidden")
    page.goto("/kota-serang/moderasi/?tab=hidden")
    assert_accessible(page)
    page.click(f"text={report.title}")
    assert "3673012501850003" in page.text_content("main")  # the moderator reads the original
    page.select_option("#id_to", "visible")
    page.fill("#id_note", "Laporan sesuai topik, ditampilkan kembali.")
    page.click("form.decision-form button[type=submit]")
    page.wait_for_selector("#moderation-state")
    assert ModeratedItem.objects.get().state == State.VISIBLE

    page.context.clear_cookies()
    page.goto("/kota-serang/aduan/")
    assert report.title in page.text_content("main")


def test_the_reporter_sees_that_a_nik_will_be_hidden_before_sending(page, people):
    page.goto("/kota-serang/aduan/baru/")
    page.fill("[name=text]", "Mohon bantuan, NIK saya 3673012501850003 belum terdaftar.")
    page.wait_for_selector("[data-pii-preview]:not([hidden])")
    preview = page.text_content("[data-pii-preview-text]")
    assert "3673012501850003" not in preview
    assert "[NIK/KK disembunyikan]" in preview
    assert_accessible(page)
