"""The monitoring pages: dashboard, Renja realisation, the quarterly grid and its cells, the
period actions — normal path, anonymous, outsider, read-only role, wrong method."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from rembug.monitoring.models import IndicatorRealisation, ItemRealisation, ReportingPeriod
from rembug.monitoring.services import indicator_realisation_set, item_realisation_set
from rembug.monitoring.summary import summaries_rebuild
from rembug.planning.models import PlanDocument
from rembug.planning.services import renja_create_from_renstra
from rembug.planning.tests.factories import complete_renstra
from rembug.testing.factories import AgencyFactory
from rembug.testing.fixtures import assert_query_count_constant


@pytest.fixture
def public(renja, periods):
    PlanDocument.objects.filter(pk=renja.pk).update(state="rancangan")
    renja.refresh_from_db()
    return renja


def _url(name, people, **kwargs):
    return reverse(f"monitoring:{name}", kwargs={"government": people.government.slug, **kwargs})


def test_it_shows_the_dashboard_to_anyone_with_a_table_behind_the_chart(
    client, public, periods, renja_items, people
):
    sub = renja_items["subs"][0]
    indicator_realisation_set(
        period=periods[0], indicator=sub.indicators.get(), value=Decimal(1), by=people.officer
    )
    response = client.get(_url("dashboard", people))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body and "<table" in body and "Dinas Komunikasi dan Informatika" in body
    assert "style=" not in body.split("<main", 1)[1]  # nothing inline under our CSP


def test_it_runs_a_constant_number_of_queries_on_the_dashboard_and_the_renja_page(
    client, public, people, government
):
    def grow():
        agency = AgencyFactory(government=government, urusan_codes=["2.16"])
        cascade = complete_renstra(government, agency, subs=4)
        more = renja_create_from_renstra(renstra=cascade.renstra, year=2025, by=people.planner)
        PlanDocument.objects.filter(pk=more.pk).update(state="rancangan")
        summaries_rebuild(documents=[more])  # as the realisation services and the refresh do

    assert_query_count_constant(
        lambda: client.get(_url("dashboard", people)), grow, label="dashboard"
    )

    def grow_items():
        from rembug.planning.models import PlanItem

        kegiatan = PlanItem.objects.filter(document=public, kind="kegiatan").first()
        for n in range(5):
            PlanItem.objects.create(
                government=government,
                document=public,
                parent=kegiatan,
                kind="sub_kegiatan",
                text=f"Tambahan {n}",
                code=f"9.{n}",
            )

    assert_query_count_constant(
        lambda: client.get(_url("renja", people, pk=public.pk)), grow_items, label="renja page"
    )


def test_it_shows_the_renja_page_to_the_public_and_hides_a_draft(client, renja, people):
    assert client.get(_url("renja", people, pk=renja.pk)).status_code == 404
    PlanDocument.objects.filter(pk=renja.pk).update(state="rancangan")
    response = client.get(_url("renja", people, pk=renja.pk))
    assert response.status_code == 200 and "E.81" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("officer", 200),
        ("planner", 200),
        ("officer_b", 403),
        ("resident", 403),
        ("outsider", 403),
        ("leadership", 403),
    ],
)
def test_it_opens_the_grid_to_the_agency_and_the_planner(client, public, people, who, status):
    client.force_login(people.all_roles()[who])
    assert client.get(_url("grid", people, pk=public.pk, quarter=1)).status_code == status


def test_it_sends_anonymous_visitors_of_the_grid_to_log_in(client, public, people):
    response = client.get(_url("grid", people, pk=public.pk, quarter=1))
    assert response.status_code == 302 and "/akun/" in response["Location"]


def test_it_renders_an_editable_grid(client, public, periods, renja_items, people):
    client.force_login(people.officer)
    body = client.get(_url("grid", people, pk=public.pk, quarter=2)).content.decode()
    sub = renja_items["subs"][0]
    assert f'id="ind-{sub.indicators.get().pk}"' in body and f'id="item-{sub.pk}-amount"' in body
    assert 'hx-trigger="change"' in body


def test_it_saves_a_cell(client, public, periods, renja_items, people):
    client.force_login(people.officer)
    indicator = renja_items["subs"][0].indicators.get()
    response = client.post(
        _url("indicator_cell", people, period_id=periods[0].pk, indicator_id=indicator.pk),
        {"value": "1,5"},
    )
    assert response.status_code == 200 and "1,5" in response.content.decode()
    assert IndicatorRealisation.objects.get().value == Decimal("1.5")
    sub = renja_items["subs"][0]
    response = client.post(
        _url("item_cell", people, period_id=periods[0].pk, item_id=sub.pk, field="amount"),
        {"amount": "1.250.000"},
    )
    assert response.status_code == 200
    assert ItemRealisation.objects.get().amount == Decimal(1_250_000)


def test_it_refuses_an_invalid_value_with_422_and_changes_nothing(
    client, public, periods, renja_items, people
):
    client.force_login(people.officer)
    indicator = renja_items["subs"][0].indicators.get()
    url = _url("indicator_cell", people, period_id=periods[0].pk, indicator_id=indicator.pk)
    response = client.post(url, {"value": "banyak"})
    assert response.status_code == 422 and 'aria-invalid="true"' in response.content.decode()
    assert client.post(url, {"value": "-3"}).status_code == 422
    assert not IndicatorRealisation.objects.exists()


def test_it_refuses_cells_to_others_and_other_methods(client, public, periods, renja_items, people):
    indicator = renja_items["subs"][0].indicators.get()
    url = _url("indicator_cell", people, period_id=periods[0].pk, indicator_id=indicator.pk)
    assert client.post(url, {"value": "1"}).status_code == 302  # anonymous → log in
    client.force_login(people.officer_b)
    assert client.post(url, {"value": "1"}).status_code == 403
    client.force_login(people.outsider)
    assert client.post(url, {"value": "1"}).status_code == 403
    client.force_login(people.officer)
    assert client.get(url).status_code == 405
    assert not IndicatorRealisation.objects.exists()


def _act(client, people, period, action, data=None):
    return client.post(
        _url("period_action", people, period_id=period.pk, action=action), data or {}
    ).status_code


def test_it_submits_approves_and_reopens_periods(client, public, periods, people, head):
    q1 = periods[0]
    client.force_login(people.officer)
    assert _act(client, people, q1, "submit") == 302
    assert _act(client, people, q1, "approve") == 403  # never one's own submission
    for other in (people.officer_b, people.planner, people.coordinator):  # the agency has a head
        client.force_login(other)
        assert _act(client, people, q1, "approve") == 403
        assert _act(client, people, q1, "return", {"note": "x"}) == 403
    assert ReportingPeriod.objects.get(pk=q1.pk).status == "submitted"
    client.force_login(head)
    assert _act(client, people, q1, "approve") == 302
    assert ReportingPeriod.objects.get(pk=q1.pk).status == "approved"
    client.force_login(people.officer)
    assert _act(client, people, q1, "reopen", {"until": "2099-01-01", "note": "x"}) == 403
    client.force_login(people.coordinator)
    assert _act(client, people, q1, "reopen", {"until": "", "note": "x"}) == 422
    assert ReportingPeriod.objects.get(pk=q1.pk).status == "approved"
    assert _act(client, people, q1, "reopen", {"until": "2099-01-01", "note": "Koreksi"}) == 302
    assert ReportingPeriod.objects.get(pk=q1.pk).status == "open"


def test_the_head_returns_a_quarter_with_a_reason(client, public, periods, people, head):
    q1 = periods[0]
    client.force_login(people.officer)
    _act(client, people, q1, "submit")
    client.force_login(head)
    assert _act(client, people, q1, "return", {"note": " "}) == 422
    assert ReportingPeriod.objects.get(pk=q1.pk).status == "submitted"
    assert _act(client, people, q1, "return", {"note": "Lampirkan bukti"}) == 302
    assert ReportingPeriod.objects.get(pk=q1.pk).status == "open"
    assert q1.events.get(to_status="open").note == "Lampirkan bukti"


def test_the_page_says_who_approves_and_shows_the_buttons_to_the_head_only(
    client, public, periods, people, head
):
    q1 = periods[0]
    client.force_login(people.officer)
    _act(client, people, q1, "submit")
    page = client.get(_url("renja", people, pk=public.pk)).text
    assert "Kepala Dinas Kominfo" in page
    approve = _url("period_action", people, period_id=q1.pk, action="approve")
    assert approve not in page and 'id="who-approves"' in page
    client.force_login(head)
    assert approve in client.get(_url("renja", people, pk=public.pk)).text


def test_without_a_head_the_planner_approves_on_the_heads_behalf(client, public, periods, people):
    q1, q2 = periods[0], periods[1]
    client.force_login(people.officer)
    _act(client, people, q1, "submit")
    client.force_login(people.officer_b)
    assert _act(client, people, q1, "approve") == 403
    client.force_login(people.planner)
    page = client.get(_url("renja", people, pk=public.pk)).text
    assert _url("period_action", people, period_id=q1.pk, action="approve") in page
    assert _act(client, people, q1, "approve") == 302
    event = q1.events.get(to_status="approved")
    assert event.by == people.planner and event.note  # recorded as on the head's behalf
    # The planner who entered and submitted a quarter does not approve it either.
    _act(client, people, q2, "submit")
    assert _act(client, people, q2, "approve") == 403
    assert ReportingPeriod.objects.get(pk=q2.pk).status == "submitted"


def test_when_the_head_submitted_the_planner_approves_on_their_behalf(
    client, public, periods, people, head
):
    q1 = periods[0]
    client.force_login(head)
    assert _act(client, people, q1, "submit") == 302
    refused = client.post(_url("period_action", people, period_id=q1.pk, action="approve"))
    assert refused.status_code == 403
    assert "tidak dapat menyetujui atau mengembalikan ajuan Anda sendiri" in refused.text
    client.force_login(people.planner)
    assert _act(client, people, q1, "approve") == 302
    assert ReportingPeriod.objects.get(pk=q1.pk).approved_by == people.planner


def test_item_realisation_keeps_notes(public, periods, renja_items, people):
    row = item_realisation_set(
        period=periods[0], item=renja_items["subs"][0], obstacles="Hujan", by=people.officer
    )
    assert row.obstacles == "Hujan" and row.amount is None


def test_it_downloads_the_dashboard_tables_as_csv(client, public, periods, renja_items, people):
    sub = renja_items["subs"][0]
    item_realisation_set(period=periods[0], item=sub, amount=Decimal(50_000_000), by=people.officer)
    body = client.get(_url("dashboard", people) + "?format=csv").content.decode()
    assert body.splitlines()[0] == "perangkat_daerah,triwulan,capaian_persen,pagu_rp,serapan_persen"
    assert "Diskominfo,1,,200000000.00,25.00" in body
    body = client.get(_url("renja", people, pk=public.pk) + "?format=csv").content.decode()
    assert f"{sub.code}," in body and "50000000" in body
