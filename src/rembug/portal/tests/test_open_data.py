import csv
import io
import json

import pytest
from openpyxl import load_workbook

from rembug.complaints.models import Complaint, Privacy
from rembug.complaints.tests.factories import verified
from rembug.forums.tests.factories import ForumInputFactory
from rembug.planning.models import DocumentKind, DocumentState, PlanItem
from rembug.planning.tests.factories import PlanDocumentFactory, indicator, item
from rembug.portal.opendata import DATASETS
from rembug.ppid.models import InformationRequest
from rembug.ppid.tests.factories import SENTINEL, information_request
from rembug.testing.fixtures import assert_query_count_constant

pytestmark = pytest.mark.django_db

BASE = "/kota-serang/data/"
FORMATS = ("csv", "json", "xlsx")

REPORTER = {
    "contact_name": "Pelapor Rahasia Sentinel",
    "contact_email": "pelapor.sentinel@contoh.id",
    "contact_phone": "081399990002",
}
NIK_IN_TEXT = "3673020202900002"


def _text(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("application/vnd.openxml"):
        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            " ".join("" if cell is None else str(cell) for cell in row)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    return body.decode("utf-8-sig")


@pytest.fixture
def published(people):
    """One public record in every dataset, each carrying sentinel personal data."""
    document = PlanDocumentFactory(
        government=people.government,
        agency=people.agency,
        kind=DocumentKind.RENSTRA,
        title="Renstra Diskominfo 2025–2029",
        state=DocumentState.DITETAPKAN,
    )
    program = item(document, PlanItem.Kind.PROGRAM, text="Program Aplikasi Informatika")
    indicator(program, years=[2025, 2026], name="Persentase layanan publik daring")
    draft = PlanDocumentFactory(government=people.government, title="Draf rahasia internal")
    indicator(item(draft, PlanItem.Kind.PROGRAM, text="x"), years=[2025], name="Indikator draf")
    verified(
        government=people.government,
        agency=people.agency,
        privacy=Privacy.ANONYMOUS,
        title="Jalan berlubang di Kasemen",
        text=f"Jalan berlubang, hubungi saya. NIK {NIK_IN_TEXT}, {REPORTER['contact_email']}",
        address="Jl. Rumah Pelapor Sentinel 7",
        **REPORTER,
    )
    verified(
        government=people.government,
        privacy=Privacy.CONFIDENTIAL,
        title="Laporan rahasia tentang pungli",
        **REPORTER,
    )
    ForumInputFactory(
        forum__government=people.government,
        forum__organiser=people.agency,
        title="WiFi gratis di taman",
        proposer_name="Pengusul Sentinel Pribadi",
        proposer_email="pengusul.sentinel@contoh.id",
    )
    information_request(people.agency, **SENTINEL)
    return people


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_dataset_ever_contains_personal_data(client, published, fmt):
    secrets = [
        *SENTINEL.values(),
        *REPORTER.values(),
        NIK_IN_TEXT,
        "Jl. Rumah Pelapor Sentinel 7",
        "Pengusul Sentinel Pribadi",
        "pengusul.sentinel@contoh.id",
        "Laporan rahasia tentang pungli",
        "Draf rahasia internal",
        # Tracking codes let their holder act as the reporter or requester.
        *Complaint.objects.values_list("tracking_code", flat=True),
        *InformationRequest.objects.values_list("tracking_code", flat=True),
    ]
    for name in DATASETS:
        response = client.get(f"{BASE}{name}.{fmt}")
        assert response.status_code == 200, name
        text = _text(response)
        for secret in secrets:
            assert secret not in text, f"{secret!r} in {name}.{fmt}"


def test_every_dataset_carries_its_public_records(client, published):
    expected = {
        "rencana-indikator-target": "Persentase layanan publik daring",
        "laporan-publik": "Jalan berlubang di Kasemen",
        "masukan-forum": "WiFi gratis di taman",
        "register-ppid": "Salinan DPA Dinas Kominfo",
        "statistik-layanan": "Dinas Komunikasi dan Informatika",
    }
    for name, needle in expected.items():
        for fmt in FORMATS:
            assert needle in _text(client.get(f"{BASE}{name}.{fmt}")), (name, fmt)


def test_csv_and_json_agree_and_stream(client, published):
    csv_response = client.get(f"{BASE}laporan-publik.csv")
    json_response = client.get(f"{BASE}laporan-publik.json")
    assert csv_response.streaming and json_response.streaming
    rows = list(csv.DictReader(io.StringIO(_text(csv_response))))
    items = json.loads(_text(json_response))
    assert len(rows) == len(items) == 1
    assert rows[0]["nomor"] == str(items[0]["nomor"])
    assert "[NIK]" in items[0]["isi"] or NIK_IN_TEXT not in items[0]["isi"]
    assert csv_response["Content-Disposition"] == (
        'attachment; filename="kota-serang-laporan-publik.csv"'
    )


def test_other_governments_data_stay_out(client, published):
    for name in DATASETS:
        text = _text(client.get(f"/kota-tangerang-selatan/data/{name}.json"))
        assert "Jalan berlubang" not in text and "Salinan DPA" not in text


def test_unknown_dataset_or_format_is_404(client, people):
    assert client.get(f"{BASE}tidak-ada.csv").status_code == 404
    assert client.get(f"{BASE}laporan-publik.pdf").status_code == 404
    assert client.post(f"{BASE}laporan-publik.csv").status_code == 405


def test_the_catalogue_shows_dcat_metadata(client, published):
    response = client.get(BASE)
    assert response.status_code == 200
    assert "CC BY 4.0" in response.text
    assert "36.73" in response.text
    assert f'href="{BASE}laporan-publik.xlsx"' in response.text


def test_data_json_is_a_dcat_catalog(client, published):
    catalog = client.get(f"{BASE}data.json").json()
    assert catalog["@type"] == "dcat:Catalog"
    names = {d["identifier"].rsplit("/", 1)[-1] for d in catalog["dataset"]}
    assert names == set(DATASETS)
    plans = next(
        d for d in catalog["dataset"] if d["identifier"].endswith("rencana-indikator-target")
    )
    assert plans["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert plans["publisher"]["name"] == "Pemerintah Kota Serang"
    assert plans["temporal"] == "2025-01-01/2026-12-31"
    assert {d["format"] for d in plans["distribution"]} == {"CSV", "JSON", "XLSX"}
    assert plans["modified"]


def test_the_report_download_query_count_does_not_grow(client, published):
    assert_query_count_constant(
        lambda: _text(client.get(f"{BASE}laporan-publik.csv")),
        lambda: [verified(government=published.government) for _ in range(5)],
        label="report dataset",
    )


def test_withheld_content_and_draft_answers_stay_out(client, people):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from rembug.complaints.models import Complaint
    from rembug.forums.models import Disposition, Forum
    from rembug.moderation.models import ModeratedItem, State

    hidden = verified(government=people.government, title="Laporan disembunyikan moderator")
    ModeratedItem.objects.create(
        government=people.government,
        kind="complaint",
        content_type=ContentType.objects.get_for_model(Complaint),
        object_id=hidden.pk,
        title=hidden.title,
        state=State.HIDDEN,
    )
    draft = ForumInputFactory(
        forum__government=people.government,
        forum__organiser=people.agency,
        forum__phase=Forum.Phase.DELIBERATION,
        title="Usulan dengan jawaban draf",
    )
    Disposition.objects.create(
        government=people.government,
        input=draft,
        outcome=Disposition.Outcome.REJECTED,
        reason="Alasan draf yang belum diumumkan",
        decided_at=timezone.now(),
    )
    reports = _text(client.get(f"{BASE}laporan-publik.json"))
    assert "Laporan disembunyikan moderator" not in reports
    inputs = json.loads(_text(client.get(f"{BASE}masukan-forum.json")))
    row = next(r for r in inputs if r["judul"] == "Usulan dengan jawaban draf")
    assert row["keputusan"] is None and row["alasan"] is None
    draft.forum.phase = Forum.Phase.PUBLISHED
    draft.forum.save(update_fields=["phase"])
    inputs = json.loads(_text(client.get(f"{BASE}masukan-forum.json")))
    row = next(r for r in inputs if r["judul"] == "Usulan dengan jawaban draf")
    assert (row["keputusan"], row["alasan"]) == ("rejected", "Alasan draf yang belum diumumkan")


def test_the_quick_check_never_skips_a_text_that_pii_mask_would_change():
    from rembug.core.pii import pii_mask
    from rembug.core.pii_eval import case_parse, cases_load
    from rembug.portal.opendata import masked

    texts = [case_parse(line)[0] for line in cases_load()]
    assert len(texts) > 600
    for text in texts:
        assert masked(text) == pii_mask(text), text


@pytest.mark.parametrize("zone, offset", [("Asia/Jakarta", "+07:00"), ("Asia/Makassar", "+08:00")])
def test_times_are_iso_8601_in_the_governments_own_zone(client, people, zone, offset):
    """Formatted by the database (SQLite and PostgreSQL alike), in the zone of the government
    whose data it is, also while the response streams after the request's zone is gone."""
    import datetime as dt

    people.government.timezone = zone
    people.government.save(update_fields=["timezone"])
    report = verified(government=people.government, title="Jembatan retak")
    utc = dt.datetime(2026, 3, 1, 23, 59, 59, 999999, tzinfo=dt.UTC)
    type(report).objects.filter(pk=report.pk).update(submitted_at=utc, closed_at=None)
    rows = list(csv.DictReader(io.StringIO(_text(client.get(f"{BASE}laporan-publik.csv")))))
    [row] = [r for r in rows if r["judul"] == "Jembatan retak"]
    local = utc.astimezone(dt.timezone(dt.timedelta(hours=int(offset[1:3]))))
    assert row["tanggal_masuk"] == local.isoformat(timespec="seconds")
    assert row["tanggal_masuk"].endswith(offset) and row["tanggal_masuk"][:10] == "2026-03-02"
    assert row["ditutup"] == ""
    [item] = json.loads(_text(client.get(f"{BASE}laporan-publik.json")))
    assert item["tanggal_masuk"] == row["tanggal_masuk"] and item["ditutup"] is None


def test_a_download_larger_than_one_batch_keeps_every_row_once(client, people):
    from rembug.portal import formats

    for n in range(7):
        verified(government=people.government, title=f"Laporan nomor {n}")
    batch, formats.BATCH = formats.BATCH, 3
    try:
        rows = list(csv.DictReader(io.StringIO(_text(client.get(f"{BASE}laporan-publik.csv")))))
        items = json.loads(_text(client.get(f"{BASE}laporan-publik.json")))
    finally:
        formats.BATCH = batch
    assert [r["judul"] for r in rows] == [f"Laporan nomor {n}" for n in range(7)]
    assert [i["judul"] for i in items] == [r["judul"] for r in rows]
