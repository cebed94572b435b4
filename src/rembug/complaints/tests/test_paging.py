"""Report lists and queues paged by key: next and previous links reach every report exactly once,
in order, with the filters kept; counts are capped; each list page runs the same number of
queries, page 1 and page 2, whatever the number of reports."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rembug.complaints import paging
from rembug.complaints.models import Classification, Complaint, Status
from rembug.complaints.tests.factories import (
    CategoryFactory,
    ComplaintFactory,
    serang_regions,
    verified,
)

pytestmark = pytest.mark.django_db
LIST = "/kota-serang/aduan/"
QUEUE = "/kota-serang/aduan/koordinator/"
LINK = re.compile(r'<a href="([^"]+)" rel="(next|prev)"')


def _links(response: Any) -> dict[str, str]:
    return {
        rel: href.replace("&amp;", "&") for href, rel in LINK.findall(response.content.decode())
    }


def _walk(client: Any, url: str, rel: str = "next") -> list[list[int]]:
    """Follow ``rel`` links from ``url``; the report ids of every page."""
    pages = []
    while True:
        response = client.get(url)
        assert response.status_code == 200, url
        rows = response.context.get("page")
        if rows is None:
            rows = response.context["sections"][0][2]
        pages.append([row.pk for row in rows])
        found = _links(response).get(rel)
        if not found:
            return pages
        url = url.split("?")[0] + found
        assert len(pages) < 100, "the links go round in circles"


def test_next_links_reach_every_public_report_once_in_order_and_previous_links_walk_back(
    client, people, settings
):
    moment = timezone.now() - dt.timedelta(days=3)
    # 58 reports, some submitted at the very same moment (the id breaks the tie).
    for n in range(58):
        verified(government=people.government, submitted_at=moment - dt.timedelta(hours=n // 3))
    ComplaintFactory(government=people.government)  # not verified: never listed
    expected = list(
        Complaint.objects.filter(government=people.government)
        .public()
        .order_by("-submitted_at", "-id")
        .values_list("pk", flat=True)
    )
    pages = _walk(client, LIST)
    assert [len(page) for page in pages] == [25, 25, 8]
    assert [pk for page in pages for pk in page] == expected

    # From the last page back to the first, the same pages in reverse.
    last = client.get(LIST)
    for _ in range(2):
        last = client.get(LIST + _links(last)["next"])
    back = _walk(client, LIST + _links(last)["prev"], rel="prev")
    assert back == pages[:2][::-1]
    assert "1–25 dari 58" in client.get(LIST).content.decode()
    assert "51–58 dari 58" in last.content.decode()


def test_a_report_arriving_between_pages_neither_repeats_nor_hides_one(client, people):
    for n in range(30):
        verified(
            government=people.government,
            submitted_at=timezone.now() - dt.timedelta(hours=n + 1),
        )
    first = client.get(LIST)
    seen = [c.pk for c in first.context["page"]]
    verified(government=people.government)  # newest: goes to the top of page 1
    second = client.get(LIST + _links(first)["next"])
    seen += [c.pk for c in second.context["page"]]
    assert len(seen) == len(set(seen)) == 30


def test_the_page_links_keep_the_filters(client, people):
    regions = serang_regions()
    category = CategoryFactory(government=people.government)
    wanted = [
        verified(
            government=people.government,
            kecamatan=regions["Kasemen"],
            category=category,
            agency=people.agency,
            classification=Classification.ASPIRASI,
            status=Status.DISPATCHED,
            submitted_at=timezone.now() - dt.timedelta(hours=n + 1),
        )
        for n in range(27)
    ]
    verified(government=people.government, kecamatan=regions["Serang"], category=category)
    verified(government=people.government, kecamatan=regions["Kasemen"])
    query = (
        f"?kecamatan={regions['Kasemen'].pk}&category={category.pk}&agency={people.agency.pk}"
        f"&classification=aspirasi&status=dispatched"
    )
    pages = _walk(client, LIST + query)
    assert [pk for page in pages for pk in page] == [c.pk for c in wanted]


def test_the_period_filter_takes_whole_days_in_the_governments_time_zone(client, people):
    wib = dt.timezone(dt.timedelta(hours=7))
    inside = verified(
        government=people.government,
        submitted_at=dt.datetime(2026, 3, 1, 0, 30, tzinfo=wib),  # 28 Feb 17:30 UTC
    )
    verified(
        government=people.government,
        submitted_at=dt.datetime(2026, 2, 28, 23, 30, tzinfo=wib),
    )
    verified(
        government=people.government,
        submitted_at=dt.datetime(2026, 4, 1, 0, 0, tzinfo=wib),
    )
    response = client.get(LIST, {"since": "2026-03-01", "until": "2026-03-31"})
    assert list(response.context["page"]) == [inside]


def test_a_period_ending_before_it_starts_is_explained_and_the_list_still_shows(client, people):
    report = verified(government=people.government)
    response = client.get(LIST, {"since": "2026-05-01", "until": "2026-04-01"})
    assert response.status_code == 200
    assert "lebih awal dari awalnya" in response.content.decode()  # Indonesian first
    assert list(response.context["page"]) == [report]


@pytest.mark.parametrize(
    "cursor",
    ["bm90LWpzb24", "W1siMjAyNi0wMS0wMSIsIng"],  # not JSON; JSON cut short
)
def test_a_made_up_page_link_is_a_bad_request_not_an_error(client, people, cursor):
    verified(government=people.government)
    for name in ("setelah", "sebelum"):
        response = client.get(LIST, {name: cursor})
        assert response.status_code == 400


def test_a_cursor_with_the_wrong_shape_is_refused():
    queryset = Complaint.objects.all()
    for values in ([["x", 1], 1], [[1], 1], [[None, 1], 1], [["2026-01-01T00:00:00", "1"], 1]):
        cursor = paging._encode(values[0], values[1])
        with pytest.raises(paging.BadRequest):
            paging.keyset_page(queryset, ("-submitted_at", "-id"), {"setelah": cursor}, size=5)


def test_counts_are_capped(client, people, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 10)
    for _ in range(12):
        verified(government=people.government)
    text = client.get(LIST).content.decode()
    assert "Lebih dari 10 laporan" in text  # "More than 10 reports"
    assert "1–12 dari" not in text


def test_the_agency_queue_pages_through_every_report_once_with_emergencies_first(client, people):
    now = timezone.now()
    rows = []
    for n in range(55):
        rows.append(
            verified(
                government=people.government,
                agency=people.agency,
                status=Status.DISPATCHED,
                is_emergency=n % 20 == 0,
                # a few without a due time (imported): they come last
                due_at=None if n % 11 == 0 else now + dt.timedelta(hours=n % 7),
            )
        )
    client.force_login(people.officer)
    pages = _walk(client, "/kota-serang/aduan/perangkat-daerah/")
    assert [len(p) for p in pages] == [50, 5]
    far = now + dt.timedelta(days=3650)
    expected = sorted(rows, key=lambda c: (not c.is_emergency, c.due_at or far, c.pk))
    assert [pk for page in pages for pk in page] == [c.pk for c in expected]
    # and back
    response = client.get("/kota-serang/aduan/perangkat-daerah/")
    response = client.get("/kota-serang/aduan/perangkat-daerah/" + _links(response)["next"])
    assert (
        _walk(client, "/kota-serang/aduan/perangkat-daerah/" + _links(response)["prev"])[0]
        == pages[0]
    )


def test_a_coordinator_section_shows_all_its_reports_page_by_page(client, people):
    now = timezone.now()
    overdue = [
        verified(
            government=people.government,
            agency=people.agency,
            status=Status.DISPATCHED,
            due_at=now - dt.timedelta(hours=n + 1),
        )
        for n in range(53)
    ]
    client.force_login(people.coordinator)
    whole = client.get("/kota-serang/aduan/koordinator/")
    text = whole.content.decode()
    assert "?antrian=overdue" in text
    sections = {key: rows for key, _label, rows in whole.context["sections"]}
    assert len(sections["overdue"]) == 50 and sections["overdue"].count == 53
    pages = _walk(client, "/kota-serang/aduan/koordinator/?antrian=overdue")
    expected = sorted(overdue, key=lambda c: (c.due_at, c.pk))
    assert [pk for page in pages for pk in page] == [c.pk for c in expected]
    assert client.get("/kota-serang/aduan/koordinator/?antrian=nothing").status_code == 404


def test_my_reports_pages_through_my_reports_only(client, people):
    mine = [
        verified(
            government=people.government,
            reporter=people.resident,
            submitted_at=timezone.now() - dt.timedelta(hours=n + 1),
        )
        for n in range(27)
    ]
    verified(government=people.government)
    client.force_login(people.resident)
    pages = _walk(client, "/kota-serang/aduan/laporan-saya/")
    assert [pk for page in pages for pk in page] == [c.pk for c in mine]


def _queries(client: Any, url: str) -> tuple[int, str | None]:
    client.get(url)  # warm: sessions, content types
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context), _links(response).get("next")


def _counts(client: Any, urls: list[str]) -> dict[str, int]:
    """Queries of each page and of its next page."""
    out = {}
    for url in urls:
        out[url], following = _queries(client, url)
        assert following, f"{url} has no next page"
        out[f"{url} → next"], _ = _queries(client, url.split("?")[0] + following)
    return out


def test_every_list_page_and_its_next_page_run_the_same_queries_at_three_times_the_reports(
    client, people
):
    regions = serang_regions()
    category = CategoryFactory(government=people.government)
    now = timezone.now()

    def grow(n: int) -> None:
        for k in range(n):
            verified(
                government=people.government,
                kecamatan=regions["Kasemen"],
                kelurahan=regions["Kasemen/Banten"],
                category=category,
                agency=people.agency,
                classification=Classification.ASPIRASI,
                status=Status.DISPATCHED,
                reporter=people.resident,
                due_at=now - dt.timedelta(hours=k + 1),
                submitted_at=now - dt.timedelta(days=2, hours=k),
            )
            ComplaintFactory(government=people.government, due_at=now + dt.timedelta(days=1))

    period = (now - dt.timedelta(days=40)).date().isoformat()
    public = [
        LIST,
        f"{LIST}?status=dispatched",
        f"{LIST}?category={category.pk}",
        f"{LIST}?kecamatan={regions['Kasemen'].pk}",
        f"{LIST}?agency={people.agency.pk}",
        f"{LIST}?classification=aspirasi",
        f"{LIST}?since={period}",
        f"{LIST}?status=dispatched&kecamatan={regions['Kasemen'].pk}",
    ]
    staff: list[tuple[Any, list[str]]] = [
        (
            people.coordinator,
            [f"{QUEUE}?antrian=overdue", f"{QUEUE}?antrian=new"],
        ),
        (people.officer, ["/kota-serang/aduan/perangkat-daerah/"]),
        (people.resident, ["/kota-serang/aduan/laporan-saya/"]),
    ]  # fmt: skip
    whole_queue = "/kota-serang/aduan/koordinator/"

    def measure() -> dict[str, int]:
        client.logout()
        counts = _counts(client, public)
        for user, urls in staff:
            client.force_login(user)
            counts |= _counts(client, urls)
        client.force_login(people.coordinator)
        counts[whole_queue], _ = _queries(client, whole_queue)
        return counts

    grow(60)
    small = measure()
    grow(120)
    large = measure()
    assert small == large
    assert len(small) == 2 * (len(public) + 4) + 1


def test_every_list_order_is_served_by_an_index_on_postgresql(people):
    """The plans at a few rows say nothing about speed; what matters is that an index can give
    each list its order (checked on PostgreSQL: ``EXPLAIN`` with sequential scans and sorts
    discouraged must not sort)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner")
    from rembug.complaints import lists, selectors

    verified(government=people.government, agency=people.agency)
    government = people.government
    queues = selectors.coordinator_queues(government)
    cases: list[tuple[str, Any, tuple[str, ...]]] = [
        ("public", lists.public_list(government, {}), lists.NEWEST_FIRST),
        (
            "public by agency",
            lists.public_list(government, {"agency": people.agency}),
            lists.NEWEST_FIRST,
        ),
        (
            "public by status",
            lists.public_list(government, {"status": "closed"}),
            lists.NEWEST_FIRST,
        ),
        ("overdue", queues["overdue"], lists.BY_DUE),
        ("new", queues["new"], lists.BY_DUE),
        ("agency", selectors.agency_queue(government, {people.agency.pk}), lists.AGENCY_ORDER),
        ("mine", selectors.reporter_complaints(government, people.resident), lists.NEWEST_FIRST),
    ]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        for label, queryset, keys in cases:
            ordered = queryset.order_by(*(paging.Key.parse(k).order() for k in keys))[:26]
            plan = ordered.explain()
            # A full sort node reads every matching row; an incremental sort only orders the
            # rows sharing the first keys (ties): cheap.
            assert not re.search(r"(^|->)\s*Sort\s+\(cost", plan, re.MULTILINE), (label, plan)
