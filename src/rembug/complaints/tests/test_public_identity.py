"""What leaves Rembug in bulk never names an anonymous reporter nor carries a tracking code:
the code lets its holder act as the reporter of a report made without an account (reply, object,
set the e-mail), so a published code would hand that report to anyone."""

import pytest

from rembug.complaints.models import Privacy
from rembug.complaints.tests.factories import verified

pytestmark = pytest.mark.django_db

NAME = "Hendra Saputra Anonim"
OPEN_DATA = [f"/kota-serang/data/laporan-publik.{fmt}" for fmt in ("csv", "json", "xlsx")] + [
    "/kota-serang/data/statistik-layanan.csv"
]


@pytest.fixture
def reports(people):
    return [
        verified(
            government=people.government,
            title="Pungutan liar di loket kelurahan",
            privacy=Privacy.ANONYMOUS,
            contact_name=NAME,
            contact_email="hendra@contoh.id",
            contact_phone="081299990000",
        ),
        verified(government=people.government, title="Lampu jalan padam di Kasemen"),
    ]


def _body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize("url", OPEN_DATA)
def test_open_data_carries_neither_the_name_nor_a_tracking_code(client, reports, url):
    response = client.get(url)
    assert response.status_code == 200
    body = _body(response)
    for report in reports:
        assert report.tracking_code.encode() not in body, url
    for secret in (NAME, "hendra@contoh.id", "081299990000"):
        assert secret.encode() not in body, url


def test_the_public_reports_dataset_numbers_the_reports(client, reports):
    text = _body(client.get("/kota-serang/data/laporan-publik.csv")).decode("utf-8-sig")
    header, *rows = text.splitlines()
    assert header.split(",")[0] == "nomor"
    assert sorted(row.split(",")[0] for row in rows) == sorted(str(r.pk) for r in reports)
