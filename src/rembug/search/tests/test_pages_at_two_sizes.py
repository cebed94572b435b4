"""Issue 8's performance rule, the part a test can hold: the portal home, the public report list
and search answer in the same number of queries with few public reports and with many (the
times at 1,000,000 are measured by ``bench/search_scale.py``)."""

import pytest

from rembug.complaints.models import Complaint, Privacy, Status
from rembug.complaints.tests.factories import serang_regions, verified
from rembug.testing.fixtures import assert_query_count_constant


def _many(people, regions, count):
    """``count`` more public reports in one insert (statuses, kecamatan and words varied)."""
    from django.utils import timezone

    statuses = [Status.VERIFIED, Status.DISPATCHED, Status.ANSWERED, Status.CLOSED]
    Complaint.objects.bulk_create(
        Complaint(
            government=people.government,
            title=f"Jalan rusak {n}",
            text="Jalan berlubang dan rusak parah, mohon segera diperbaiki.",
            status=statuses[n % 4],
            privacy=[Privacy.PUBLIC, Privacy.ANONYMOUS][n % 2],
            kecamatan=regions[["Kasemen", "Serang"][n % 2]],
            agency=[people.agency, people.agency_b][n % 2],
            verified_at=timezone.now(),
        )
        for n in range(count)
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/kota-serang/",
        "/kota-serang/aduan/",
        "/kota-serang/aduan/?page=2",
        "/kota-serang/cari/?q=perbaikan+jalan",
        "/kota-serang/cari/?q=jalan&kind=report&kecamatan=36.73.02",
        "/api/v1/governments/kota-serang/reports",
        "/api/v1/governments/kota-serang/search?q=jalan",
    ],
)
def test_the_query_count_is_the_same_with_30_and_330_public_reports(client, people, url):
    regions = serang_regions()
    verified(government=people.government, title="Jalan rusak", kecamatan=regions["Kasemen"])
    _many(people, regions, 30)

    def grow():
        _many(people, regions, 300)
        client.get(url)  # search catches up on the new reports outside the measured request

    assert_query_count_constant(lambda: client.get(url), grow, label=url)
    assert client.get(url).status_code == 200
