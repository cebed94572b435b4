"""User story: a reader finds the nomenclature a plan must use and reads a version's tree."""

from pathlib import Path

import pytest

from rembug.nomenclature.services import nomenclature_import
from rembug.testing.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "nomenklatur_2019_kabkota_2.16.csv"


def test_reader_opens_a_version_and_reads_its_tree(page):
    nomenclature_import(path=SAMPLE, version_name="Permendagri 90/2019 (sampel 2.16)")
    page.goto("/nomenklatur/")
    assert_accessible(page)
    page.click("text=Permendagri 90/2019 (sampel 2.16)")
    page.wait_for_selector("ul.nomenclature-tree")
    assert page.locator("ul.nomenclature-tree li").count() == 32
    assert page.is_visible("text=Pengelolaan Pusat Data Pemerintahan Daerah")
    assert_accessible(page)
