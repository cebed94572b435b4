"""User story: an agency officer edits the Renstra tree inline — expands a branch, adds a sub
kegiatan from the nomenclature, renames it, moves it up and removes it — without the page ever
reloading."""

import pytest

from rembug.planning.models import PlanItem
from rembug.planning.tests.factories import nomenclature
from rembug.testing.browser import assert_accessible
from rembug.testing.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, username):
    page.goto("/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_officer_edits_the_tree_inline(page, people, cascade):
    log_in(page, people.officer.username)
    page.goto(cascade.renstra.get_absolute_url())
    assert_accessible(page)
    page.evaluate("window.__sameDocument = true")

    # The sasaran's children (the program) load on demand.
    sasaran = f"#row-{cascade.sasaran.pk}"
    assert not page.is_visible("text=PROGRAM APLIKASI INFORMATIKA")
    page.click(f"{sasaran} .tree-toggle")
    page.wait_for_selector("text=PROGRAM APLIKASI INFORMATIKA")
    page.click(f"#row-{cascade.program.pk} .tree-toggle")
    kegiatan = f"#row-{cascade.kegiatan.pk}"
    page.wait_for_selector(kegiatan)
    page.click(f"{kegiatan} .tree-toggle")
    page.wait_for_selector(f"#row-{cascade.subs[0].pk}")

    # Add a sub kegiatan: an empty submit shows the error in place, then a code is chosen.
    page.click(f"{kegiatan} [data-action=add]")
    form = f"#form-slot-{cascade.kegiatan.pk} form"
    page.wait_for_selector(form)
    page.click(f"{form} button[type=submit]")
    page.wait_for_selector(f"{form} .error")
    code = nomenclature("2.16.03.2.02.07")
    page.select_option(
        f"{form} #id_nomenclature_item",
        label=f"{code.code} {code.name}",
    )
    page.click(f"{form} button[type=submit]")
    page.wait_for_selector("text=Pengembangan Aplikasi dan Proses Bisnis")
    added = PlanItem.objects.get(document=cascade.renstra, code="2.16.03.2.02.07")
    assert added.parent_id == cascade.kegiatan.pk

    # Rename it inline.
    row = f"#row-{added.pk}"
    page.click(f"{row} [data-action=edit]")
    page.wait_for_selector(f"form{row}")
    page.fill(f"form{row} textarea[name=text]", "Aplikasi perjalanan dinas dan promosi UMKM")
    page.click(f"form{row} button[type=submit]")
    page.wait_for_selector(f"div{row} >> text=Aplikasi perjalanan dinas")
    assert page.locator(f"#node-{added.pk}").count() == 1
    assert page.locator(row).count() == 1

    # Move it to the top of its siblings.
    for _ in range(2):
        page.click(f"{row} button[value=naik]")
        page.wait_for_timeout(300)
    # A selector wait: our CSP forbids the eval that a wait_for_function predicate needs.
    page.wait_for_selector(f"#children-{cascade.kegiatan.pk} > li#node-{added.pk}:first-child")
    assert PlanItem.objects.get(pk=added.pk).position == 1

    # Remove it, confirming the question.
    page.once("dialog", lambda dialog: dialog.accept())
    page.click(f"{row} [data-action=remove]")
    page.wait_for_selector(row, state="detached")
    assert not PlanItem.objects.filter(pk=added.pk).exists()

    # The page was never reloaded.
    assert page.evaluate("window.__sameDocument") is True
    assert_accessible(page)
