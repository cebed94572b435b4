"""The demo's monitoring (issue 7, point 6), loaded by ``rembug demo`` itself: Kota Serang's
Diskominfo Renja 2022 reported through Triwulan III with sub kegiatan on track and behind,
evidence and obstacles, the workflow as it was; Tangerang Selatan's live indicator fed by the
demo complaints, with its provenance. Read through the pages a visitor opens."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from rembug.monitoring.models import (
    Evidence,
    IndicatorRealisation,
    ItemRealisation,
    PeriodEvent,
    PeriodStatus,
    ReportingPeriod,
)
from rembug.monitoring.selectors import renja_progress
from rembug.planning.models import DocumentKind, PlanDocument, PlanItem

S = PeriodStatus


@pytest.fixture
def demo(db):
    call_command("demo", no_serve=True, stdout=StringIO())


def _renja(slug: str, year: int) -> PlanDocument:
    return PlanDocument.objects.get(
        government__slug=slug,
        kind=DocumentKind.RENJA,
        period_start=year,
        agency__short_name="Diskominfo",
    )


def test_the_demo_reports_through_the_third_quarter_and_feeds_a_live_indicator(demo, client):
    """One test: loading the demo takes minutes on a loaded machine."""
    _serang_reports_its_renja_through_the_third_quarter(client)
    _tangsel_has_a_live_indicator_fed_by_the_demo_complaints(client)


def _serang_reports_its_renja_through_the_third_quarter(client):
    renja = _renja("kota-serang", 2022)
    periods = {p.quarter: p for p in ReportingPeriod.objects.filter(document=renja)}
    assert {q: periods[q].status for q in periods} == {
        1: S.LOCKED,
        2: S.LOCKED,
        3: S.LOCKED,
        4: S.OPEN,
    }
    # Approved by the head of Diskominfo, not by the officer who entered; Q3 only submitted.
    assert periods[1].approved_by.username == "kepala.diskominfo.serang"
    assert periods[2].submitted_by.username == "petugas.kominfo.serang"
    assert periods[3].approved_by is None
    reopened = PeriodEvent.objects.get(period=periods[4], to_status=S.OPEN)
    assert reopened.by is not None and reopened.note
    assert not IndicatorRealisation.objects.filter(period=periods[4]).exists()

    progress = renja_progress(renja)
    assert progress.last_reported == 3
    subs = [n for n in progress.walk() if n.item.kind == PlanItem.Kind.SUB_KEGIATAN]
    colours = {progress.colour(n.capaian(3), 3) for n in subs}
    assert {"green", "red"} <= colours  # on track and behind
    assert 0 < progress.absorption(3) < 100
    behind = ItemRealisation.objects.filter(period=periods[3]).exclude(obstacles="")
    assert behind.exists() and all(r.follow_up for r in behind)
    assert Evidence.objects.filter(period=periods[3]).count() == 2

    page = client.get(f"/kota-serang/monitoring/renja/{renja.pk}/")
    assert page.status_code == 200
    grid = client.get(f"/kota-serang/monitoring/renja/{renja.pk}/triwulan/3/")
    assert grid.status_code in (302, 403)  # the grid is the officers' and planners' page
    for url in ("/kota-serang/monitoring/", "/kota-serang/monitoring/pimpinan/"):
        assert client.get(url).status_code == 200
    dprd = client.get("/kota-serang/monitoring/dprd/")
    assert "Pengadaan barang/jasa melalui e-katalog mundur" in dprd.text


def _tangsel_has_a_live_indicator_fed_by_the_demo_complaints(client):
    renja = _renja("kota-tangerang-selatan", 2026)
    live = IndicatorRealisation.objects.filter(period__document=renja).exclude(source="")
    row = live.get()
    assert row.value is not None
    assert row.source.startswith("Rembug: ") and "aduan" in row.source.lower()
    page = client.get(f"/kota-tangerang-selatan/monitoring/renja/{renja.pk}/")
    assert page.status_code == 200
    assert row.source.split(";")[0] in page.text
