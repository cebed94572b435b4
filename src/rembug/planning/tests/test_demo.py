"""The demo's plans pass the check; a deliberately broken copy does not."""

import pytest

from rembug.demo import foundation, planning
from rembug.demo.context import DemoContext
from rembug.planning.checks import plan_check
from rembug.planning.models import Indicator, IndicatorTarget, PlanDocument, PlanItem
from rembug.planning.services import plan_document_amend
from rembug.testing.factories import RegionFactory, region_chain

DISTRICTS = {
    "36.73": ["Serang", "Kasemen", "Walantaka", "Curug", "Cipocok Jaya", "Taktakan"],
    "36.74": [
        "Serpong",
        "Serpong Utara",
        "Pondok Aren",
        "Ciputat",
        "Ciputat Timur",
        "Pamulang",
        "Setu",
    ],
}


@pytest.fixture
def ctx(db):
    for code, name in [("36.73", "Kota Serang"), ("36.74", "Kota Tangerang Selatan")]:
        city = region_chain(code, name)
        for n, district in enumerate(DISTRICTS[code], start=1):
            RegionFactory(code=f"{code}.{n:02d}", name=district, level=3, parent=city)
    context = DemoContext()
    foundation.load(context)
    planning.load(context)
    return context


def test_every_demo_document_passes_the_check(ctx):
    documents = list(PlanDocument.objects.select_related("government", "agency"))
    assert {d.title for d in documents} >= {
        "RPJPD Kota Tangerang Selatan 2025–2045",
        "RPJMD Kota Tangerang Selatan 2025–2029",
        "Renstra Diskominfo 2025–2029",
        "Renstra Diskominfo 2019–2023",
        "Renja Diskominfo 2022",
        "Renja Diskominfo 2026",
    }
    for document in documents:
        report = plan_check(document)
        assert report.errors == [], (document, [f.message for f in report.errors])
        expected = "rancangan_awal" if document.title == "Renja Diskominfo 2026" else "ditetapkan"
        assert document.state == expected


def test_the_tangsel_cascade_is_as_the_story_tells(ctx):
    tangsel = ctx.governments["kota-tangerang-selatan"]
    rpjpd = PlanDocument.objects.get(government=tangsel, kind="rpjpd")
    assert rpjpd.items.filter(kind="misi").count() == 4
    renstra = PlanDocument.objects.get(government=tangsel, kind="renstra")
    names = set(Indicator.objects.filter(item__document=renstra).values_list("name", flat=True))
    assert "Indeks SPBE Kota Tangerang Selatan" in names
    assert "Persentase kelurahan yang terhubung jaringan fiber optik" in names
    assert "Persentase permohonan informasi publik yang dijawab tepat waktu" in names
    assert "Persentase pengaduan masyarakat yang ditindaklanjuti tepat waktu" in names
    version_codes = set(renstra.nomenclature_version.items.values_list("code", flat=True))
    assert set(renstra.items.exclude(code="").values_list("code", flat=True)) <= version_codes
    assert IndicatorTarget.objects.filter(
        indicator__item__document=renstra, year=2029
    ).count() == len(Indicator.objects.filter(item__document=renstra))


def test_the_serang_renja_answers_the_forum_renja(ctx):
    serang = ctx.governments["kota-serang"]
    renja = PlanDocument.objects.get(government=serang, kind="renja", period_start=2022)
    for code in planning.SERANG_FORUM_RENJA_2022.values():
        sub = renja.items.get(code=code)
        assert sub.note.startswith("Menjawab Forum Renja")
        assert sub.source_item.document == renja.based_on
    assert plan_check(renja).findings == []


def test_a_broken_copy_fails_the_check(ctx):
    tangsel = ctx.governments["kota-tangerang-selatan"]
    renstra = PlanDocument.objects.get(government=tangsel, kind="renstra")
    broken = plan_document_amend(document=renstra, reason="Uji: salinan yang dirusak", by=None)
    sasaran = PlanItem.objects.filter(document=broken, kind="sasaran").first()
    Indicator.objects.filter(item=sasaran).delete()
    IndicatorTarget.objects.filter(indicator__item__document=broken, year=2027).first().delete()
    report = plan_check(broken)
    assert {"sasaran_no_indicator", "indicator_missing_target"} <= {f.code for f in report.errors}
    assert plan_check(renstra).passed


def test_loading_again_changes_nothing(ctx):
    count = PlanItem.objects.count()
    planning.load(ctx)
    assert PlanItem.objects.count() == count


def test_the_renja_still_passes_once_monitoring_binds_its_live_indicator(ctx):
    from rembug.demo.monitoring import LIVE_INDICATOR, _load_live_indicator

    _load_live_indicator(ctx)
    renja = PlanDocument.objects.get(title="Renja Diskominfo 2026")
    assert renja.items.filter(indicators__name=LIVE_INDICATOR).exists()
    report = plan_check(renja)
    assert report.errors == [], [f.message for f in report.errors]
