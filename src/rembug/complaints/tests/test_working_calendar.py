import datetime as dt

import pytest

from rembug.core.models import AuditEntry, GovernmentDayOff

pytestmark = pytest.mark.django_db
URL = "/kota-serang/aduan/kalender/"


def test_it_lists_national_holidays_and_the_citys_days_off(client, people):
    GovernmentDayOff.objects.create(
        government=people.government, date=dt.date(2026, 8, 10), name="HUT Kota"
    )
    response = client.get(URL, {"tahun": "2026"})
    assert response.status_code == 200
    names = [day["name"] for day in response.context["days"]]
    assert "HUT Kota" in names and len(names) > 15
    assert "Add a day off" not in response.text and "Tambah" not in response.text


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("resident", 403),
        ("officer", 403),
        ("outsider", 403),
        ("coordinator", 302),
    ],
)
def test_only_the_coordinator_adds_a_day_off(client, people, who, status):
    user = people.all_roles()[who]
    if user:
        client.force_login(user)
    response = client.post(
        URL, {"date": "2026-12-28", "name": "Cuti bersama daerah", "kind": "cuti_bersama"}
    )
    assert response.status_code == status
    assert GovernmentDayOff.objects.exists() is (who == "coordinator")


def test_a_second_day_off_on_the_same_date_is_refused(client, people):
    client.force_login(people.coordinator)
    data = {"date": "2026-12-28", "name": "Cuti", "kind": "cuti_bersama"}
    client.post(URL, data)
    assert client.post(URL, data).status_code == 422
    assert client.post(URL, {"date": "", "name": "", "kind": "x"}).status_code == 422
    assert GovernmentDayOff.objects.count() == 1
    assert AuditEntry.objects.filter(action="create").count() == 1


def test_the_coordinator_removes_a_day_off(client, people):
    day = GovernmentDayOff.objects.create(
        government=people.government, date=dt.date(2026, 12, 28), name="Cuti"
    )
    other = GovernmentDayOff.objects.create(
        government=people.other_government, date=dt.date(2026, 12, 28), name="Cuti"
    )
    client.force_login(people.officer)
    assert client.post(f"{URL}{day.pk}/hapus/").status_code == 403
    client.force_login(people.coordinator)
    assert client.post(f"{URL}{other.pk}/hapus/").status_code == 404
    assert client.get(f"{URL}{day.pk}/hapus/").status_code == 405
    assert client.post(f"{URL}{day.pk}/hapus/").status_code == 302
    assert not GovernmentDayOff.objects.filter(pk=day.pk).exists()


def test_the_coordinator_sets_and_removes_a_service_level_in_hours(client, people):
    from rembug.complaints.models import ServiceLevel

    url = f"{URL}layanan/"
    data = {"classification": "pengaduan", "severity": "ringan", "amount": "24", "unit": "hours"}
    client.force_login(people.officer)
    assert client.post(url, data).status_code == 403
    client.force_login(people.coordinator)
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "amount": "48"}).status_code == 302
    level = ServiceLevel.objects.get()
    assert (level.hours, level.working_days) == (48, None)
    assert client.post(url, {**data, "amount": "0"}).status_code == 422
    assert client.get(url).status_code == 405
    assert "48" in client.get(URL).text
    assert client.post(f"{url}{level.pk}/hapus/").status_code == 302
    assert not ServiceLevel.objects.exists()
