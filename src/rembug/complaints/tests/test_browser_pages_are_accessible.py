"""The complaints pages pass axe-core (no serious or critical violation), for the public and
for the coordinator, on a phone-sized screen."""

import pytest

from rembug.complaints.models import Status
from rembug.complaints.tests.factories import (
    CategoryFactory,
    ComplaintFactory,
    serang_regions,
    verified,
)
from rembug.testing.browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reports(people):
    regions = serang_regions()
    category = CategoryFactory(government=people.government, name="Jalan")
    verified(
        government=people.government,
        kecamatan=regions["Kasemen"],
        category=category,
        agency=people.agency,
        status=Status.DISPATCHED,
    )
    ComplaintFactory(government=people.government, is_emergency=True, title="Kebakaran di pasar")
    return regions


def test_public_pages(page, reports):
    page.set_viewport_size({"width": 390, "height": 844})
    for path in [
        "/kota-serang/aduan/",
        "/kota-serang/aduan/per-kecamatan/",
        "/kota-serang/aduan/statistik/",
        "/kota-serang/aduan/lacak/",
        "/kota-serang/aduan/kalender/",
    ]:
        page.goto(path)
        assert_accessible(page)


def test_coordinator_pages(page, people, password, reports):
    sign_in(page, people.coordinator, password)  # the coordinator's role requires a code too
    for path in [
        "/kota-serang/aduan/koordinator/",
        "/kota-serang/aduan/darurat/",
        "/kota-serang/aduan/kalender/",
    ]:
        page.goto(path)
        assert_accessible(page)
    page.goto("/kota-serang/aduan/koordinator/")
    page.click("text=Kebakaran di pasar")
    for summary in page.locator("details summary").all():
        summary.click()
    assert_accessible(page)
