"""User story: on the forum day a facilitator captures what speakers propose on a phone, ticks
who is present, and later answers an input — every page accessible."""

import pytest

from rembug.forums.models import Disposition, Forum, ForumInput
from rembug.forums.tests.factories import ParticipantFactory
from rembug.testing.browser import assert_accessible
from rembug.testing.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_facilitator_captures_ticks_and_answers(page, people, forum):
    Forum.objects.filter(pk=forum.pk).update(phase=Forum.Phase.FORUM_DAY)
    guest = ParticipantFactory(forum=forum, name="Camat Kasemen", institution="Kecamatan Kasemen")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/akun/masuk/?next=/kota-serang/forum/{forum.pk}/catat/")
    page.fill("input[name=username]", "petugas")
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/forum/{forum.pk}/catat/")
    assert_accessible(page)

    page.fill("#id_text", "Pengembangan layanan digital PATEN di Kecamatan Kasemen")
    page.fill("#id_proposer_name", "Camat Kasemen")
    page.fill("#id_institution", "Kecamatan Kasemen")
    page.select_option("#id_institution_kind", "kecamatan")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".message")
    assert page.input_value("#id_institution") == "Kecamatan Kasemen"
    item = ForumInput.objects.get()
    assert item.source == "captured"

    page.goto(f"/kota-serang/forum/{forum.pk}/kelola/")
    assert_accessible(page)
    page.click(f"#peserta-{guest.pk} button")
    page.wait_for_selector(f"#peserta-{guest.pk} .badge-ok")

    page.select_option("#id_to", "deliberation")
    page.click("#fase ~ form button[type=submit]")
    page.wait_for_selector(".message")
    page.goto(f"/kota-serang/forum/{forum.pk}/usulan/{item.pk}/jawab/")
    assert_accessible(page)
    page.check("input[name=outcome][value=deferred]")
    assert page.is_visible("#id_deferred_to_year")
    assert not page.is_visible("#id_merged_into")  # forums.js shows what the outcome needs
    page.fill("#id_deferred_to_year", "2027")
    page.click("form[data-disposition-form] button[type=submit]")
    page.wait_for_url(f"**/forum/{forum.pk}/kelola/")
    assert Disposition.objects.get(input=item).deferred_to_year == 2027
