import datetime as dt

import pytest
from django.utils import timezone

from rembug.core.models import AuditEntry
from rembug.governments.models import Government
from rembug.governments.services import agency_update


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("zone", "shown"),
    [("Asia/Jakarta", "10:30"), ("Asia/Makassar", "11:30"), ("Asia/Jayapura", "12:30")],
)
def test_times_are_stored_in_utc_and_shown_in_the_governments_zone(client, people, zone, shown):
    Government.objects.filter(pk=people.government.pk).update(timezone=zone)
    agency_update(agency=people.agency, by=people.officer, name="Diskominfo Kota Serang")
    entry = AuditEntry.objects.get(action="update")
    utc_time = dt.datetime(2026, 11, 23, 3, 30, tzinfo=dt.UTC)
    AuditEntry.objects.filter(pk=entry.pk).update(at=utc_time)
    assert AuditEntry.objects.get(pk=entry.pk).at == utc_time
    client.force_login(people.administrator)
    response = client.get("/kota-serang/riwayat/")
    assert f"2026 {shown}</time>" in response.text
    assert timezone.get_current_timezone_name() == "Asia/Jakarta"  # deactivated after the request
