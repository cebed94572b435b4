"""An agency officer enters a quarter's realisation from the keyboard: a refused value is shown
in place, Enter saves and moves down the column; the pages pass axe-core.

The test never sleeps and never reads the database before the page has its answer: each
keystroke that leaves a cell is wrapped in ``expect_response`` for that cell's POST, and
the officer types on into the next cell while earlier saves are still under way, as a
quick officer does. The timeouts are ceilings for a loaded machine, not targets.
"""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from rembug.monitoring.models import IndicatorRealisation, ItemRealisation
from rembug.planning.models import PlanDocument
from rembug.testing.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CEILING = 60_000  # ms; a shared machine under load answers slowly, never wrongly


def _saves(page, what):
    """Wait for the POST of one grid cell (``what``: "indikator" or "item") and its swap."""
    return page.expect_response(
        lambda r: r.request.method == "POST" and f"/{what}/" in r.url, timeout=CEILING
    )


def test_officer_enters_quarterly_realisation(page, people, password, renja, periods, renja_items):
    page.set_default_timeout(CEILING)
    PlanDocument.objects.filter(pk=renja.pk).update(state="rancangan")
    page.goto("/akun/masuk/")
    page.fill("input[name=username]", people.officer.username)
    page.fill("input[name=password]", password)
    # Wait until the sign-in's answer has come back (and set the session) before leaving.
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.goto(f"/kota-serang/monitoring/renja/{renja.pk}/triwulan/1/")
    assert_accessible(page)

    first = page.locator("input.grid-input[data-col=k]").first
    first.fill("banyak")
    with _saves(page, "indikator") as refused:
        first.press("Tab")
    assert refused.value.status == 422
    expect(page.locator(".cell-error")).to_have_count(1, timeout=CEILING)
    assert not IndicatorRealisation.objects.exists()

    first = page.locator("input.grid-input[data-col=k]").first
    expect(first).to_have_attribute("aria-invalid", "true", timeout=CEILING)
    first.fill("12,5")
    with _saves(page, "indikator") as saved:
        first.press("Enter")
    assert saved.value.status == 200
    expect(page.locator(".cell-saved")).to_have_count(1, timeout=CEILING)
    expect(page.locator("input.grid-input[data-col=k]").nth(1)).to_be_focused(timeout=CEILING)
    assert IndicatorRealisation.objects.get().value == Decimal("12.5")

    # Rupiah down the column from the keyboard, then Tab across to the obstacles, typing on
    # while the earlier cells' saves are under way.
    amounts = page.locator("input.grid-input[data-col=amount]")
    amounts.first.click()
    page.keyboard.type("1.250.000")
    with _saves(page, "butir") as first_amount:
        page.keyboard.press("Enter")
    expect(amounts.nth(1)).to_be_focused(timeout=CEILING)
    page.keyboard.type("2.000.000")
    with _saves(page, "butir") as second_amount:
        page.keyboard.press("Tab")
    expect(page.locator("input.grid-input[data-col=obstacles]").nth(1)).to_be_focused(
        timeout=CEILING
    )
    page.keyboard.type("Penyedia terlambat")
    with _saves(page, "butir") as obstacles:
        page.keyboard.press("Tab")
    assert [r.value.status for r in (first_amount, second_amount, obstacles)] == [200] * 3
    expect(page.locator("input[data-col=amount] + .cell-saved")).to_have_count(2, timeout=CEILING)
    expect(page.locator("input[data-col=obstacles] + .cell-saved")).to_have_count(
        1, timeout=CEILING
    )
    spent = sorted(r.amount for r in ItemRealisation.objects.all() if r.amount is not None)
    assert spent == [Decimal(1_250_000), Decimal(2_000_000)]
    assert ItemRealisation.objects.filter(obstacles="Penyedia terlambat").count() == 1
    # Each cell was saved once: leaving a cell saves it, Enter does not post a second time.
    assert ItemRealisation.objects.count() == 2

    page.goto(f"/kota-serang/monitoring/renja/{renja.pk}/")
    assert_accessible(page)
    page.goto("/kota-serang/monitoring/")
    assert_accessible(page)
