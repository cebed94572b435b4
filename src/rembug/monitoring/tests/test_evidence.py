"""Evidence attached to a sub kegiatan's realisation: upload, refusal, download, access."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rembug.monitoring.models import Evidence
from rembug.planning.models import PlanDocument


@pytest.fixture
def public(renja, periods, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    PlanDocument.objects.filter(pk=renja.pk).update(state="rancangan")
    return renja


def _upload(client, people, period, item, name="bukti.pdf", title="Berita acara serah terima"):
    url = reverse(
        "monitoring:evidence_upload",
        kwargs={"government": people.government.slug, "period_id": period.pk},
    )
    return client.post(
        url, {"item": item.pk, "title": title, "file": SimpleUploadedFile(name, b"%PDF-1.4 bukti")}
    )


def test_it_attaches_evidence_and_serves_it(client, public, periods, renja_items, people):
    client.force_login(people.officer)
    sub = renja_items["subs"][0]
    response = _upload(client, people, periods[0], sub)
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.item == sub and evidence.uploaded_by == people.officer
    grid = client.get(
        reverse(
            "monitoring:grid",
            kwargs={"government": people.government.slug, "pk": public.pk, "quarter": 1},
        )
    )
    assert "Berita acara serah terima" in grid.content.decode()
    client.logout()
    download = client.get(
        reverse(
            "monitoring:evidence", kwargs={"government": people.government.slug, "pk": evidence.pk}
        )
    )
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 bukti"


def test_it_refuses_other_files_and_other_people(client, public, periods, renja_items, people):
    sub = renja_items["subs"][0]
    client.force_login(people.officer)
    assert _upload(client, people, periods[0], sub, name="skrip.exe").status_code == 422
    assert _upload(client, people, periods[0], sub, title=" ").status_code == 422
    client.force_login(people.officer_b)
    assert _upload(client, people, periods[0], sub).status_code == 403
    assert not Evidence.objects.exists()
