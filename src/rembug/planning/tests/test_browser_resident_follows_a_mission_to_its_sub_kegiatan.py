"""User story: a resident opens the plans, follows an RPJPD mission down to a sub kegiatan,
reads its indicators and pagu, and sees the check report — every page accessible."""

import pytest

from rembug.testing.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_follows_a_mission_down_and_reads_a_sub_kegiatan(page, cascade):
    page.goto("/kota-serang/")
    page.click("nav.government-nav a[href='/kota-serang/rencana/']")
    assert_accessible(page)
    page.click(f"a[href='/kota-serang/rencana/butir/{cascade.rpjpd_misi.pk}/rantai/']")
    assert_accessible(page)
    sub = cascade.subs[1]
    page.click(f"a[href='{sub.get_absolute_url()}']")
    assert sub.code in page.text_content("h1")
    assert "Rp 100.000.000" in page.text_content("#funding")
    assert_accessible(page)
    page.goto(f"/kota-serang/rencana/dokumen/{cascade.renstra.pk}/periksa/")
    assert_accessible(page)
