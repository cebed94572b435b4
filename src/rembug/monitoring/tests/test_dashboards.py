"""The dashboards' charts and their downloads, the leadership and DPRD views, binding a live
indicator — normal path, access, wrong method, bad input."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from rembug.complaints.tests.factories import ComplaintFactory
from rembug.monitoring.charts import PNG_SCALE
from rembug.monitoring.dashboards import complaints_by, service_level_by_month
from rembug.monitoring.models import IndicatorSetting
from rembug.monitoring.services import indicator_realisation_set, item_realisation_set
from rembug.planning.models import PlanDocument
from rembug.regions.models import Region


@pytest.fixture
def public(renja, periods):
    PlanDocument.objects.filter(pk=renja.pk).update(state="rancangan")
    renja.refresh_from_db()
    return renja


def _url(view, people, **kwargs):
    return reverse(f"monitoring:{view}", kwargs={"government": people.government.slug, **kwargs})


def _behind(periods, renja_items, people):
    """The first sub kegiatan far behind in Triwulan III, with an obstacle noted."""
    sub = renja_items["subs"][0]
    indicator_realisation_set(
        period=periods[2], indicator=sub.indicators.get(), value=Decimal("0.1"), by=people.officer
    )
    item_realisation_set(
        period=periods[2],
        item=sub,
        amount=Decimal(1_000_000),
        obstacles="Lelang gagal dua kali",
        follow_up="Penunjukan langsung",
        by=people.officer,
    )
    return sub


def test_it_counts_complaints_by_category_and_kecamatan(people, government):
    kecamatan = Region.objects.filter(parent_id=government.region_id).first()
    for _n in range(3):
        ComplaintFactory(government=government, kecamatan=kecamatan, verified_at=timezone.now())
    ComplaintFactory(government=people.other_government, verified_at=timezone.now())
    [row] = complaints_by(government, "kecamatan")
    assert (row.label, row.received) == (kecamatan.name if kecamatan else "", 3)
    assert sum(r.received for r in complaints_by(government, "category")) == 3


def test_it_judges_the_service_level_by_month_of_submission(people, government):
    now = dt.datetime(2025, 3, 20, 12, tzinfo=dt.UTC)
    start = dt.datetime(2025, 3, 2, 9, tzinfo=dt.UTC)
    due = start + dt.timedelta(days=3)
    common = {"government": government, "submitted_at": start, "verified_at": start, "due_at": due}
    ComplaintFactory(**common, first_answered_at=start + dt.timedelta(days=1))  # in time
    ComplaintFactory(**common, first_answered_at=start + dt.timedelta(days=5))  # late
    ComplaintFactory(**common)  # past due, unanswered: late
    ComplaintFactory(**{**common, "due_at": now + dt.timedelta(days=1)})  # not judged yet
    months = service_level_by_month(government, months=3, now=now)
    assert [m for m, _row in months] == ["2025-01", "2025-02", "2025-03"]
    assert months[0][1] is None
    march = months[-1][1]
    assert (march.received, march.answered) == (4, 2)
    assert march.within_service_level == pytest.approx(1 / 3)


def test_it_shows_every_chart_with_its_table_and_downloads(
    client, public, periods, renja_items, people
):
    _behind(periods, renja_items, people)
    for page in (_url("dashboard", people), _url("renja", people, pk=public.pk)):
        body = client.get(page).content.decode()
        for title in ("Aduan menurut kecamatan", "Aduan menurut kategori", "batas waktu layanan"):
            assert title in body
        assert body.count("<svg") == body.count("<details>") >= 6
        assert ".png" in body and ".csv" in body


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [("chart", {}), ("renja_chart", {"pk": None})],
)
def test_it_downloads_a_chart_as_csv_and_as_a_png_of_its_size(
    client, public, periods, renja_items, people, name, kwargs
):
    _behind(periods, renja_items, people)
    kwargs = {key: public.pk for key in kwargs}
    slug = "agencies" if name == "chart" else "programs"
    csv = client.get(_url(name, people, name=slug, fmt="csv", **kwargs))
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode().splitlines()
    assert len(lines) == 2 and "Capaian (%)" in lines[0]
    response = client.get(_url(name, people, name=slug, fmt="png", **kwargs))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    body = client.get(_url("dashboard", people)).content.decode()
    assert image.size == (650 * PNG_SCALE, (28 + 26 + 8) * PNG_SCALE)  # one bar
    assert f'width="650" height="{28 + 26 + 8}"' in body
    assert client.get(_url(name, people, name="nothing", fmt="png", **kwargs)).status_code == 404
    assert client.get(_url(name, people, name=slug, fmt="gif", **kwargs)).status_code == 404
    assert client.post(_url(name, people, name=slug, fmt="csv", **kwargs)).status_code == 405


def test_it_hides_the_charts_of_a_draft_renja(client, renja, people):
    url = _url("renja_chart", people, pk=renja.pk, name="programs", fmt="csv")
    assert client.get(url).status_code == 404


def test_the_dprd_sees_programs_behind_with_their_obstacles(
    client, public, periods, renja_items, people
):
    _behind(periods, renja_items, people)
    body = client.get(_url("dprd", people)).content.decode()
    program = renja_items["program"]
    assert program.text in body and "Lelang gagal dua kali" in body
    assert "Penunjukan langsung" in body and "ew-red" in body
    assert "<form" not in body.split("<main", 1)[1]  # read-only


def test_the_leadership_view_summarises_the_year(client, public, periods, renja_items, people):
    _behind(periods, renja_items, people)
    response = client.get(_url("leadership", people))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Diskominfo" in body and "ew-red" in body
    assert client.post(_url("leadership", people)).status_code == 405


@pytest.mark.parametrize(
    ("who", "status"),
    [("planner", 302), ("coordinator", 302), ("officer", 403), ("resident", 403)],
)
def test_it_lets_the_planner_and_the_coordinator_bind_a_live_indicator(
    client, public, renja_items, people, who, status
):
    indicator = renja_items["program"].indicators.get()
    client.force_login(people.all_roles()[who])
    response = client.post(
        _url("bind", people, pk=public.pk),
        {"indicator": indicator.pk, "metric": "complaints_on_time", "scope": "government"},
    )
    assert response.status_code == status
    bound = IndicatorSetting.objects.filter(indicator=indicator, live_metric="complaints_on_time")
    assert bound.exists() == (status == 302)
    if status == 302:
        assert bound.get().live_scope == "government"
        body = client.get(_url("renja", people, pk=public.pk)).content.decode()
        assert "Belum dihitung" in body


def test_it_refuses_an_unknown_metric_and_anonymous_binding(client, public, renja_items, people):
    indicator = renja_items["program"].indicators.get()
    url = _url("bind", people, pk=public.pk)
    assert client.post(url, {"indicator": indicator.pk, "metric": "x"}).status_code == 302
    client.force_login(people.planner)
    response = client.post(url, {"indicator": indicator.pk, "metric": "horoscope"})
    assert response.status_code == 422 and "horoscope" in response.content.decode()
    assert client.get(url).status_code == 405
    assert not IndicatorSetting.objects.exists()


def test_absorption_by_quarter_stops_at_the_last_quarter_reported(
    client, public, periods, renja_items, people
):
    """Reported through Triwulan III: Triwulan IV is empty, not a copy of III's share."""
    _behind(periods, renja_items, people)
    for name, kwargs in (("chart", {}), ("renja_chart", {"pk": public.pk})):
        csv = client.get(_url(name, people, name="absorption", fmt="csv", **kwargs))
        rows = [line.split(",") for line in csv.content.decode().splitlines()[1:]]
        assert [row[0] for row in rows] == [f"Triwulan {q}" for q in (1, 2, 3, 4)]
        assert rows[2][3] != "" and rows[3][1:] == ["", "", ""]
