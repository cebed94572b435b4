import datetime as dt

import pytest
from django.utils import timezone

from rembug.complaints.models import ComplaintRating, Privacy, Status
from rembug.complaints.selectors import service_statistics
from rembug.complaints.tests.factories import CategoryFactory, serang_regions, verified
from rembug.testing.fixtures import count_queries

NOW = timezone.now().replace(microsecond=0)


def _answered(people, hours, *, due_in_hours=48, **fields):
    return verified(
        government=people.government,
        status=Status.ANSWERED,
        submitted_at=NOW - dt.timedelta(hours=100),
        first_answered_at=NOW - dt.timedelta(hours=100 - hours),
        due_at=NOW - dt.timedelta(hours=100 - due_in_hours),
        **fields,
    )


@pytest.mark.django_db
def test_it_computes_each_figure_by_agency(people):
    fast = _answered(people, 2, agency=people.agency)
    _answered(people, 10, agency=people.agency)
    _answered(people, 60, agency=people.agency)  # past its 48-hour service level
    verified(  # not answered yet and not due: not judged
        government=people.government,
        agency=people.agency,
        status=Status.DISPATCHED,
        due_at=NOW + dt.timedelta(days=3),
    )
    _answered(people, 5, agency=people.agency_b, privacy=Privacy.CONFIDENTIAL)
    ComplaintRating.objects.create(government=people.government, complaint=fast, score=5)
    rows = {row.key: row for row in service_statistics(people.government, now=NOW)}
    mine = rows[people.agency.pk]
    assert (mine.label, mine.received, mine.answered) == (people.agency.name, 4, 3)
    assert mine.median_hours_to_first_answer == pytest.approx(10)
    assert mine.within_service_level == pytest.approx(2 / 3)
    assert (mine.satisfaction, mine.ratings) == (5.0, 1)
    other = rows[people.agency_b.pk]
    assert other.median_hours_to_first_answer == pytest.approx(5)
    assert (other.satisfaction, other.ratings) == (None, 0)


@pytest.mark.django_db
def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two(people):
    for hours in (1, 3, 7, 100):
        _answered(people, hours, agency=people.agency)
    [row] = service_statistics(people.government, now=NOW)
    assert row.median_hours_to_first_answer == pytest.approx(5)


@pytest.mark.django_db
def test_it_groups_by_category_kecamatan_and_month(people):
    regions = serang_regions()
    roads = CategoryFactory(government=people.government, name="Jalan")
    _answered(people, 4, category=roads, kecamatan=regions["Kasemen"])
    _answered(people, 8, category=roads, kecamatan=regions["Serang"])
    _answered(people, 20, kecamatan=regions["Kasemen"])
    by_category = {r.label: r for r in service_statistics(people.government, by="category")}
    assert by_category["Jalan"].received == 2
    assert by_category["Jalan"].median_hours_to_first_answer == pytest.approx(6)
    assert by_category[""].received == 1
    by_kecamatan = {r.key: r for r in service_statistics(people.government, by="kecamatan")}
    assert by_kecamatan["36.73.02"].received == 2 and by_kecamatan["36.73.02"].label == "Kasemen"
    assert by_kecamatan["36.73.02"].median_hours_to_first_answer == pytest.approx(12)
    months = service_statistics(people.government, by="month")
    assert sum(r.received for r in months) == 3 and all(len(r.label) == 7 for r in months)


@pytest.mark.django_db
def test_it_filters_by_period_and_agency(people):
    _answered(people, 4, agency=people.agency)
    _answered(people, 4, agency=people.agency_b)
    assert service_statistics(people.government, since=NOW) == []
    rows = service_statistics(people.government, agency=people.agency_b)
    assert [row.key for row in rows] == [people.agency_b.pk]


@pytest.mark.django_db
def test_it_keeps_to_the_government(people):
    verified(government=people.other_government, status=Status.ANSWERED)
    assert service_statistics(people.government, by="month") == []


@pytest.mark.django_db
@pytest.mark.parametrize("by", ["agency", "category", "kecamatan", "month"])
def test_its_query_count_does_not_grow_with_the_reports(people, by):
    _answered(people, 3, agency=people.agency)
    with count_queries() as before:
        service_statistics(people.government, by=by)
    for hours in range(40):
        _answered(people, hours, agency=[people.agency, people.agency_b][hours % 2])
    with count_queries() as after:
        service_statistics(people.government, by=by)
    assert len(after) == len(before) <= 4


def test_it_refuses_an_unknown_grouping():
    with pytest.raises(ValueError):
        service_statistics(None, by="year")  # type: ignore[arg-type]


# ---------------------------------------------------------------- by kecamatan and the map

MAP_URL = "/kota-serang/aduan/per-kecamatan/"


@pytest.mark.django_db
def test_by_kecamatan_shows_table_bars_and_points_with_filters(client, people):
    from decimal import Decimal

    regions = serang_regions()
    roads = CategoryFactory(government=people.government, name="Jalan")
    for n in range(3):
        verified(
            government=people.government,
            kecamatan=regions["Kasemen"],
            category=roads,
            latitude=Decimal("-6.0401") + n * Decimal("0.0001"),
            longitude=Decimal("106.1701"),
        )
    verified(government=people.government, kecamatan=regions["Serang"])
    verified(
        government=people.government,
        kecamatan=regions["Serang"],
        privacy=Privacy.CONFIDENTIAL,
        latitude=Decimal("-6.1"),
        longitude=Decimal("106.1"),
    )
    response = client.get(MAP_URL)
    assert response.status_code == 200
    rows = {
        row["kecamatan"].name: row["total"] for row in response.context["rows"] if row["kecamatan"]
    }
    assert rows == {"Kasemen": 3, "Serang": 1}
    [point] = response.context["points"]  # three reports in one 1 km cell; confidential left out
    assert point.count == 3
    html = response.content.decode()
    assert "<svg" in html and html.count("<circle") == 1
    filtered = client.get(MAP_URL, {"category": roads.pk})
    rows = {r["kecamatan"].name: r["total"] for r in filtered.context["rows"] if r["kecamatan"]}
    assert rows == {"Kasemen": 3, "Serang": 0}


@pytest.mark.django_db
def test_by_kecamatan_without_coordinates_says_so(client, people):
    verified(government=people.government)
    response = client.get(MAP_URL)
    assert response.context["points"] == []
    assert "<circle" not in response.content.decode()


@pytest.mark.django_db
def test_by_kecamatan_query_count_does_not_grow(client, people):
    from decimal import Decimal

    from rembug.testing.fixtures import assert_query_count_constant

    regions = serang_regions()

    def grow():
        for n in range(20):
            verified(
                government=people.government,
                kecamatan=regions["Kasemen"],
                latitude=Decimal("-6.0") - n * Decimal("0.02"),
                longitude=Decimal("106.1") + n * Decimal("0.02"),
            )

    assert_query_count_constant(lambda: client.get(MAP_URL), grow, label="per kecamatan")
