import io

import pytest
from django.core.management import call_command

from rembug.ppid.models import InformationRequest, PublicInformation, Status

pytestmark = pytest.mark.django_db


def test_the_demo_has_requests_in_every_state_for_both_cities(client):
    call_command("demo", no_serve=True, stdout=io.StringIO())
    for slug in ("kota-serang", "kota-tangerang-selatan"):
        rows = InformationRequest.objects.filter(government__slug=slug)
        assert rows.filter(extended_at__isnull=False).exists(), slug
        assert rows.filter(outcome=Status.REFUSED).exclude(refusal_ground="").exists(), slug
        assert rows.filter(objected_at__isnull=False).exists(), slug
        assert PublicInformation.objects.filter(government__slug=slug).exists(), slug
    assert InformationRequest.objects.filter(status=Status.OBJECTION_ANSWERED).exists()
    assert InformationRequest.objects.filter(status=Status.SUBMITTED).exists()
    register = client.get("/kota-serang/ppid/")
    assert "WiFi publik" in register.text
    assert "Rizky Maulana" not in register.text
    statistics = client.get("/kota-tangerang-selatan/ppid/statistik/")
    assert statistics.status_code == 200
