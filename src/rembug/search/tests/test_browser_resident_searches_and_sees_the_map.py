"""A resident searches the portal from a phone with the keyboard, and looks at where reports
were made: both pages pass axe-core (no serious or critical violation), load no script of
their own and break no CSP rule (the ``page`` fixture fails on any console error)."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from rembug.complaints.tests.factories import serang_regions, verified
from rembug.testing.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reports(people):
    regions = serang_regions()
    verified(
        government=people.government,
        title="Jalan rusak diperbaiki setengah",
        text="Jalan di depan pasar Rau rusak, baru diperbaiki sebagian.",
        kecamatan=regions["Kasemen"],
        latitude=Decimal("-6.0401"),
        longitude=Decimal("106.1701"),
    )
    verified(
        government=people.government,
        title="Lampu taman mati",
        text="Lampu taman mati sejak Senin.",
        kecamatan=regions["Serang"],
        latitude=Decimal("-6.1201"),
        longitude=Decimal("106.1501"),
    )
    return regions


def test_a_resident_searches_with_the_keyboard(page, reports, settings):
    settings.SEARCH_REFRESH_SECONDS = 0
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/kota-serang/cari/")
    assert_accessible(page)
    page.get_by_label("Kata yang dicari").fill("perbaikan jalan")
    page.keyboard.press("Enter")
    result = page.locator(".search-results a").first
    expect(result).to_have_text("Jalan rusak diperbaiki setengah")
    assert page.locator(".search-results li").count() == 1
    assert_accessible(page)
    result.click()
    expect(page.locator("h1")).to_contain_text("Jalan rusak diperbaiki setengah")


def test_a_resident_sees_reports_by_kecamatan_and_on_the_plot(page, reports):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/kota-serang/aduan/per-kecamatan/")
    expect(page.locator("table caption")).to_be_visible()
    assert page.locator("svg.point-plot circle").count() == 2
    assert page.locator("svg.bar-chart rect").count() >= 2
    assert_accessible(page)
