"""UU 27/2022: a person downloads everything Rembug holds about them, and deletes their account
(their reports stay, anonymised; the login is gone; audited; the audit chain stays intact)."""

import json

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model

from rembug.complaints.models import Complaint, Privacy
from rembug.complaints.services import complaint_submit, complaint_verify
from rembug.core.audit import audit_history, audit_verify
from rembug.forums.models import ForumInput, Participant, Support
from rembug.forums.tests.factories import (
    ForumFactory,
    ForumInputFactory,
    ParticipantFactory,
    ReactionFactory,
    SupportFactory,
)
from rembug.ppid.models import InformationRequest
from rembug.ppid.tests.factories import information_request

PAGE = "/akun/data/"
DOWNLOAD = "/akun/data/unduh/"
DELETE = "/akun/data/hapus-akun/"


@pytest.fixture
def footprint(people):
    """The resident reported twice, proposed, supported, reacted and asked for information."""
    resident = people.resident
    resident.full_name, resident.phone = "Siti Rahmawati", "0812-1111-2222"
    resident.save()
    public = complaint_submit(
        government=people.government,
        title="Lampu jalan padam",
        text="Lampu penerangan jalan di gang kami padam sejak seminggu.",
        contact_email="siti@contoh.id",
        contact_phone="0812-1111-2222",
        by=resident,
    )
    complaint_verify(complaint=public, by=people.coordinator, note="Diteruskan ke dinas")
    confidential = complaint_submit(
        government=people.government,
        title="Pungutan liar",
        text="Ada pungutan di loket pelayanan kelurahan tanpa kuitansi.",
        privacy=Privacy.CONFIDENTIAL,
        by=resident,
    )
    forum = ForumFactory(government=people.government, organiser=people.agency)
    ForumInputFactory(
        forum=forum,
        proposer=resident,
        proposer_name="Siti Rahmawati",
        proposer_email="siti@contoh.id",
        title="Wifi gratis di taman",
    )
    participant = ParticipantFactory(forum=forum, user=resident, name="Siti Rahmawati")
    SupportFactory(input=ForumInputFactory(forum=forum), user=resident)
    ReactionFactory(statement__forum=forum, participant=participant)
    information_request(people.agency, by=resident, name="Siti Rahmawati")
    return public, confidential


def test_it_downloads_everything_about_me_as_json(client, people, footprint):
    client.force_login(people.resident)
    assert "Unduh" in client.get(PAGE).text
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["full_name"] == "Siti Rahmawati"
    assert data["profile"]["roles"] == [
        {"government": "kota-serang", "role": "resident", "agency": None}
    ]
    reports = {r["title"]: r for r in data["reports"]}
    assert set(reports) == {"Lampu jalan padam", "Pungutan liar"}
    assert reports["Lampu jalan padam"]["contact"]["email"] == "siti@contoh.id"
    assert [e["to"] for e in reports["Lampu jalan padam"]["timeline"]][-1] == "verified"
    assert [i["title"] for i in data["forums"]["inputs"]] == ["Wifi gratis di taman"]
    assert len(data["forums"]["supports"]) == 1
    assert len(data["forums"]["reactions"]) == 1
    assert data["forums"]["participations"][0]["name"] == "Siti Rahmawati"
    assert data["information_requests"][0]["identity"]["id_number"] == "3673010101900001"


def test_the_download_holds_only_my_data(client, people, footprint):
    client.force_login(people.stakeholder)
    data = json.loads(client.get(DOWNLOAD).content)
    assert data["reports"] == [] and data["information_requests"] == []
    assert data["forums"]["inputs"] == [] and "Siti" not in json.dumps(data)


def test_my_data_needs_a_login(client, db):
    for url in (PAGE, DOWNLOAD):
        assert client.get(url)["Location"].startswith("/akun/masuk/")
    assert client.post(DELETE)["Location"].startswith("/akun/masuk/")


def test_deleting_needs_the_password_and_the_confirmation(client, people, footprint, password):
    client.force_login(people.resident)
    assert client.post(DELETE, {"password": "salah", "confirm": "on"}).status_code == 422
    assert client.post(DELETE, {"password": password}).status_code == 422
    assert client.get(DELETE).status_code == 405
    assert get_user_model().objects.filter(pk=people.resident.pk).exists()


def test_deleting_my_account_keeps_my_reports_anonymised(client, people, footprint, password):
    public, confidential = footprint
    resident_id = people.resident.pk
    client.force_login(people.resident)
    response = client.post(DELETE, {"password": password, "confirm": "on"})
    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    assert "terhapus" in client.get(response["Location"]).text
    assert not get_user_model().objects.filter(pk=resident_id).exists()

    public.refresh_from_db()
    confidential.refresh_from_db()
    assert (public.contact_name, public.contact_email, public.contact_phone) == (
        "Pelapor anonim",
        "",
        "",
    )
    assert public.reporter_id is None and public.privacy == Privacy.ANONYMOUS
    assert confidential.privacy == Privacy.ANONYMOUS_CONFIDENTIAL
    assert public.text.startswith("Lampu penerangan")  # what was reported stays
    assert Complaint.objects.filter(pk=public.pk).exists()

    proposal = ForumInput.objects.get(title="Wifi gratis di taman")
    assert (proposal.proposer_name, proposal.proposer_email, proposal.proposer_id) == (
        "Pengusul anonim",
        "",
        None,
    )
    assert not Participant.objects.filter(name="Siti Rahmawati").exists()
    assert not Support.objects.filter(user_id=resident_id).exists()
    request = InformationRequest.objects.get()
    assert (request.name, request.id_number, request.email, request.requester_id) == (
        "Pemohon anonim",
        "",
        "",
        None,
    )

    erased = audit_history(public).first()
    assert "personal_data" in erased.changes
    assert "siti" not in json.dumps(erased.changes).lower()
    assert list(audit_verify()) == []  # deleting an actor does not break the chain


def test_the_coordinator_sees_an_anonymous_reporter_after_deletion(
    client, people, footprint, password
):
    public, _ = footprint
    client.force_login(people.resident)
    client.post(DELETE, {"password": password, "confirm": "on"})
    client.force_login(people.coordinator)
    page = client.get(f"/kota-serang/aduan/{public.pk}/")
    assert page.status_code == 200
    assert "Pelapor anonim" in page.text
    assert "Siti Rahmawati" not in page.text and "siti@contoh.id" not in page.text
