from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from rembug.core.models import AuditEntry
from rembug.demo.foundation import USERS
from rembug.governments.models import Agency, Government, Membership, Role
from rembug.regions.models import Region


def run_demo() -> str:
    out = StringIO()
    call_command("demo", no_serve=True, stdout=out)
    return out.getvalue()


def snapshot() -> tuple[int, ...]:
    return (
        Region.objects.count(),
        Government.objects.count(),
        Agency.objects.count(),
        get_user_model().objects.count(),
        Membership.objects.count(),
        AuditEntry.objects.count(),
    )


@pytest.mark.django_db
def test_the_demo_prepares_both_cities_their_agencies_and_every_role(client):
    output = run_demo()
    assert Region.objects.filter(level=4).count() == 83_762

    home = client.get("/")
    assert "Pemerintah Kota Serang" in home.text
    assert "Pemerintah Kota Tangerang Selatan" in home.text
    for slug in ["kota-serang", "kota-tangerang-selatan"]:
        agencies = client.get(f"/{slug}/perangkat-daerah/")
        assert agencies.status_code == 200
        assert "Dinas Komunikasi dan Informatika" in agencies.text
        assert "DPUPR" in agencies.text
        government = Government.objects.get(slug=slug)
        roles = set(Membership.objects.filter(government=government).values_list("role", flat=True))
        assert roles == set(Role.values)
    assert client.get("/kota-serang/").text.count("Kecamatan ") >= 6

    for spec in USERS:
        assert spec.login in output
        assert get_user_model().objects.filter(username=spec.login).exists()
    assert "rembug-demo-2026" in output


@pytest.mark.django_db
def test_a_second_run_changes_nothing():
    run_demo()
    before = snapshot()
    output = run_demo()
    assert snapshot() == before
    assert "already loaded" in output
    assert "koordinator.serang" in output  # the logins are still shown
