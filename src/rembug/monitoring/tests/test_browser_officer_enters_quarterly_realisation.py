"""An agency officer enters a quarter's realisation from the keyboard: a refused value is shown
in place, Enter saves and moves down the column; the pages pass axe-core."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from rembug.monitoring.models import IndicatorRealisation, ItemRealisation
from rembug.planning.models import PlanDocument
from rembug.testing.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_enters_quarterly_realisation(page, people, password, renja, periods, renja_items):
    PlanDocument.objects.filter(pk=renja.pk).update(state="rancangan")
    page.goto("/akun/masuk/")
    page.fill("input[name=username]", people.officer.username)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.goto(f"/kota-serang/monitoring/renja/{renja.pk}/triwulan/1/")
    assert_accessible(page)

    first = page.locator("input.grid-input[data-col=k]").first
    first.fill("banyak")
    first.press("Tab")
    page.locator(".cell-error").wait_for()
    assert not IndicatorRealisation.objects.exists()

    first = page.locator("input.grid-input[data-col=k]").first
    first.fill("12,5")
    first.press("Enter")
    page.locator(".cell-saved").wait_for()
    second = page.locator("input.grid-input[data-col=k]").nth(1)
    assert second.evaluate("el => el === document.activeElement")
    assert IndicatorRealisation.objects.get().value == Decimal("12.5")

    # Rupiah down the column from the keyboard, then Tab across to the obstacles.
    amounts = page.locator("input.grid-input[data-col=amount]")
    amounts.first.click()
    page.keyboard.type("1.250.000")
    page.keyboard.press("Enter")
    assert amounts.nth(1).evaluate("el => el === document.activeElement")
    page.keyboard.type("2.000.000")
    page.keyboard.press("Tab")
    page.keyboard.type("Penyedia terlambat")
    page.keyboard.press("Tab")
    page.locator("input[data-col=obstacles] + .cell-saved").wait_for()
    expect(page.locator("input[data-col=amount] + .cell-saved")).to_have_count(2)
    spent = sorted(r.amount for r in ItemRealisation.objects.all() if r.amount is not None)
    assert spent == [Decimal(1_250_000), Decimal(2_000_000)]
    assert ItemRealisation.objects.filter(obstacles="Penyedia terlambat").count() == 1

    page.goto(f"/kota-serang/monitoring/renja/{renja.pk}/")
    assert_accessible(page)
    page.goto("/kota-serang/monitoring/")
    assert_accessible(page)
