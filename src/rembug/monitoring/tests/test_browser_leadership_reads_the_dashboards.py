"""The head of the region reads the year on one screen (1366 × 768, no vertical scroll); a
visitor downloads a dashboard chart as CSV and as PNG; the dashboards pass axe-core."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image

from rembug.complaints.tests.factories import ComplaintFactory
from rembug.monitoring.charts import PNG_SCALE
from rembug.monitoring.services import indicator_realisation_set, item_realisation_set
from rembug.planning.models import PlanDocument
from rembug.testing.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reported(renja, periods, renja_items, people):
    PlanDocument.objects.filter(pk=renja.pk).update(state="rancangan")
    for n, sub in enumerate(renja_items["subs"]):
        indicator_realisation_set(
            period=periods[2],
            indicator=sub.indicators.get(),
            value=Decimal("0.1") * (n + 1),  # far behind at Triwulan III: red
            by=people.officer,
        )
        item_realisation_set(
            period=periods[2],
            item=sub,
            amount=Decimal(10_000_000),
            obstacles="Penyedia terlambat" if n == 0 else "",
            by=people.officer,
        )
    for _n in range(4):
        ComplaintFactory(government=people.government, verified_at=timezone.now())
    return renja


def test_leadership_reads_the_year_on_one_screen(page, people, reported):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto("/kota-serang/monitoring/pimpinan/")
    page.locator(".tiles").wait_for()
    height = page.evaluate("() => document.documentElement.scrollHeight")
    assert height <= 768, f"the leadership view is {height} px high"
    assert_accessible(page)
    page.goto("/kota-serang/monitoring/dprd/")
    page.locator("text=Penyedia terlambat").wait_for()
    assert_accessible(page)


def test_visitor_downloads_a_chart_as_csv_and_png(page, people, reported):
    page.goto("/kota-serang/monitoring/")
    assert_accessible(page)
    figure = page.locator("section.figure", has=page.locator("#fig-agencies"))
    with page.expect_download() as csv_download:
        figure.get_by_role("link", name="CSV").click()
    text = Path(csv_download.value.path()).read_text(encoding="utf-8")
    assert "Diskominfo" in text and len(text.splitlines()) == 2
    with page.expect_download() as png_download:
        figure.get_by_role("link", name="PNG").click()
    image = Image.open(io.BytesIO(Path(png_download.value.path()).read_bytes()))
    svg = figure.locator("svg")
    width, height = int(svg.get_attribute("width")), int(svg.get_attribute("height"))
    assert image.format == "PNG" and image.size == (width * PNG_SCALE, height * PNG_SCALE)
    page.goto(f"/kota-serang/monitoring/renja/{reported.pk}/")
    page.locator("#fig-programs").wait_for()
    assert_accessible(page)
