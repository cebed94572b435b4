from pathlib import Path

import pytest

from rembug.nomenclature.selectors import (
    nomenclature_item_get,
    nomenclature_items_for_urusan,
    nomenclature_tree,
    nomenclature_versions,
)
from rembug.nomenclature.services import nomenclature_import

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "nomenklatur_2019_kabkota_2.16.csv"


@pytest.fixture
def version(db):
    return nomenclature_import(path=SAMPLE, version_name="sampel").version


def test_it_finds_an_item_by_version_and_code(version):
    item = nomenclature_item_get(version=version, code="2.16.03.2.02.09")
    assert item is not None
    assert (
        item.name == "Pengembangan dan Pengelolaan Ekosistem Kabupaten/Kota Cerdas dan Kota Cerdas"
    )
    assert nomenclature_item_get(version=version.pk, code="2.16.03.2.02.99") is None


def test_it_lists_the_items_of_an_agencys_urusan(version):
    items = nomenclature_items_for_urusan(version=version, urusan_codes=["2.16", "2.20", "2.21"])
    assert items.count() == 32
    subs = nomenclature_items_for_urusan(
        version=version, urusan_codes=["2.16"], levels=["sub_kegiatan"]
    )
    assert subs.count() == 26
    assert list(nomenclature_items_for_urusan(version=version, urusan_codes=["1.03"])) == []
    # 2.1 is not a prefix of 2.16: matching is by whole segments.
    assert list(nomenclature_items_for_urusan(version=version, urusan_codes=["2.1"])) == []


def test_unlisted_items_are_left_out_unless_asked_for(version):
    version.items.filter(code="2.16.03.2.02.11").update(is_listed=False)
    assert nomenclature_items_for_urusan(version=version, urusan_codes=["2.16"]).count() == 31
    assert (
        nomenclature_items_for_urusan(
            version=version, urusan_codes=["2.16"], listed_only=False
        ).count()
        == 32
    )


def test_the_tree_nests_items_in_code_order(version, django_assert_num_queries):
    with django_assert_num_queries(1):
        roots = nomenclature_tree(version=version)
    assert [r.item.code for r in roots] == ["2.16"]
    programs = roots[0].children
    assert [p.item.code for p in programs] == ["2.16.02", "2.16.03"]
    assert [k.item.code for k in programs[1].children] == ["2.16.03.2.01", "2.16.03.2.02"]
    assert len(programs[1].children[1].children) == 11


def test_versions_carry_their_counts(version):
    listed = nomenclature_versions().get()
    assert (listed.item_count, listed.sub_count) == (32, 26)
