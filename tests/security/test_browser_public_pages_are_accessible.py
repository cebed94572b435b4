"""Accessibility of every public page type (issue 8, point 6), derived from the URL policy: each
page anonymous may GET, with a real object, passes axe-core (no serious or critical violation)
and, at 640 px wide (1280 px at 200 % zoom), scrolls only vertically. A resident also reports a
complaint with the keyboard alone."""

import pytest

from rembug.testing.browser import assert_accessible
from rembug.testing.url_matrix import rules_of, url_entries, url_of
from rembug.testing.world import world_build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    (entry, rule)
    for entry in url_entries()
    for rule in rules_of(entry)
    if rule.page and "anonymous" in rule.get
]


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return world_build()


def test_the_sweep_covers_the_public_pages():
    keys = {entry.key for entry, _rule in PUBLIC_PAGES}
    assert {"portal:home", "complaints:new", "complaints:detail", "forums:detail"} <= keys
    assert len(PUBLIC_PAGES) >= 30


def test_every_public_page_type_passes_axe_and_fits_at_200_percent_zoom(page, world):
    failures = []
    for entry, rule in PUBLIC_PAGES:
        url = url_of(entry, rule, world.a, world)
        page.set_viewport_size({"width": 1280, "height": 900})
        response = page.goto(url)
        if response is None or response.status >= 400:
            failures.append(f"{url}: answered {response and response.status}")
            continue
        try:
            assert_accessible(page)
        except AssertionError as error:
            failures.append(str(error))
        page.set_viewport_size({"width": 640, "height": 900})
        wide = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if wide[0] > wide[1]:
            failures.append(f"{url}: scrolls sideways at 640 px ({wide[0]} > {wide[1]} px)")
    assert not failures, "\n".join(failures)


def test_a_resident_reports_with_the_keyboard_alone(page, world):
    from rembug.complaints.models import Complaint

    page.goto("/kota-serang/aduan/baru/")
    before = Complaint.objects.count()

    def tab_to(selector, limit=60):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"() => document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#id_title")
    page.keyboard.type("Lampu jalan padam di gang kami")
    tab_to("#id_text")
    page.keyboard.type("Sudah seminggu lampu jalan padam, gang gelap pada malam hari.")
    tab_to("#id_kecamatan")
    page.keyboard.press("ArrowDown")  # the first kecamatan
    tab_to("input[name=privacy]")  # the group's checked radio: public by default
    assert page.evaluate("() => document.activeElement.value") == "publik"
    tab_to("#id_contact_name")
    page.keyboard.type("Rina")
    tab_to("main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=tracking-code]")
    assert Complaint.objects.count() == before + 1
    assert_accessible(page)
