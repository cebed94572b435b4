import pytest

from rembug.complaints import services
from rembug.complaints.models import ComplaintAttachment, Privacy, Status
from rembug.complaints.photos import CleanFile
from rembug.complaints.tests.factories import ComplaintFactory, photo_bytes, verified

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(complaint, suffix=""):
    return f"/kota-serang/aduan/{complaint.pk}/{suffix}"


def login(client, people, who):
    user = people.all_roles()[who]
    if user:
        client.force_login(user)
    return user


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 200),
        ("resident", 200),
        ("outsider", 200),
        ("officer_b", 200),
        ("coordinator", 200),
    ],
)
def test_a_public_report_is_readable_by_all(client, people, who, status):
    complaint = verified(government=people.government)
    login(client, people, who)
    assert client.get(url(complaint)).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 404),
        ("resident", 404),
        ("outsider", 404),
        ("officer_b", 404),
        ("officer", 200),
        ("coordinator", 200),
        ("leadership", 200),
    ],
)
def test_a_confidential_report_is_never_public(client, people, who, status):
    complaint = verified(
        government=people.government,
        privacy=Privacy.CONFIDENTIAL,
        agency=people.agency,
        status=Status.DISPATCHED,
        title="Pungutan liar di kantor kelurahan",
    )
    login(client, people, who)
    response = client.get(url(complaint))
    assert response.status_code == status


def test_an_unverified_report_is_not_public(client, people):
    complaint = ComplaintFactory(government=people.government)
    assert client.get(url(complaint)).status_code == 404


def test_a_report_of_another_government_is_404(client, people):
    complaint = verified(government=people.other_government)
    login(client, people, "outsider")
    assert client.get(url(complaint)).status_code == 404


@pytest.mark.parametrize(
    ("who", "sees"),
    [("coordinator", True), ("officer", False), ("anonymous", False), ("leadership", False)],
)
def test_an_anonymous_reporters_name_is_only_for_the_coordinator(client, people, who, sees):
    complaint = verified(
        government=people.government,
        privacy=Privacy.ANONYMOUS,
        contact_name="Nama Pelapor Rahasia",
        contact_email="pelapor@contoh.id",
        agency=people.agency,
        status=Status.DISPATCHED,
    )
    login(client, people, who)
    response = client.get(url(complaint))
    assert response.status_code == 200
    assert ("Nama Pelapor Rahasia" in response.text) is sees
    assert ("pelapor@contoh.id" in response.text) is sees


def test_internal_notes_are_hidden_from_the_public(client, people):
    complaint = verified(
        government=people.government, agency=people.agency, status=Status.DISPATCHED
    )
    services.complaint_note_add(
        complaint=complaint, note="Catatan dalam: cek anggaran", by=people.officer
    )
    assert "cek anggaran" not in client.get(url(complaint)).text
    client.force_login(people.officer)
    assert "cek anggaran" in client.get(url(complaint)).text


def test_tracking_by_code_shows_the_public_timeline_without_internal_notes(client, people):
    complaint = ComplaintFactory(government=people.government, privacy=Privacy.CONFIDENTIAL)
    services.complaint_verify(complaint=complaint, by=people.coordinator, note="Catatan verifikasi")
    services.complaint_note_add(complaint=complaint, note="rahasia internal", by=people.coordinator)
    response = client.get(
        f"/kota-serang/aduan/lacak/{complaint.tracking_code.lower().replace('-', '')}/"
    )
    assert response.status_code == 200
    assert complaint.title in response.text
    assert "rahasia internal" not in response.text
    assert client.get("/kota-serang/aduan/lacak/XXXXX-YYYYY/").status_code == 404


def test_track_lookup_redirects_to_the_report(client, people):
    complaint = ComplaintFactory(government=people.government)
    response = client.get("/kota-serang/aduan/lacak/", {"code": complaint.tracking_code})
    assert response.status_code == 302
    assert client.get("/kota-serang/aduan/lacak/", {"code": "nope"}).status_code == 404


def test_coordinator_verifies_and_dispatches_in_one_step(client, people):
    complaint = ComplaintFactory(government=people.government)
    client.force_login(people.coordinator)
    response = client.post(
        url(complaint, "aksi/verifikasi/"),
        {
            "verifikasi-agency": people.agency_b.pk,
            "verifikasi-severity": "ringan",
            "verifikasi-note": "",
        },
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.agency, complaint.severity) == (
        Status.DISPATCHED,
        people.agency_b,
        "ringan",
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("resident", 403), ("officer", 403), ("planner", 403), ("outsider", 403)],
)
def test_only_the_coordinator_verifies(client, people, who, status):
    complaint = verified(government=people.government)
    complaint.status = Status.SUBMITTED
    complaint.save()
    login(client, people, who)
    response = client.post(url(complaint, "aksi/verifikasi/"), {"verifikasi-note": ""})
    assert response.status_code == status
    complaint.refresh_from_db()
    assert complaint.status == Status.SUBMITTED


def test_officer_answers_with_an_attachment_and_the_reporter_rates_by_code(client, people):
    complaint = verified(
        government=people.government, agency=people.agency, status=Status.DISPATCHED
    )
    client.force_login(people.officer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        url(complaint, "aksi/jawab/"),
        {
            "jawab-text": "Lampu sudah diganti oleh petugas kami.",
            "jawab-attachments": [
                SimpleUploadedFile("bukti.jpg", photo_bytes(), content_type="image/jpeg")
            ],
        },
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.ANSWERED
    attachment = ComplaintAttachment.objects.get(complaint=complaint)
    client.logout()
    assert client.get(url(complaint, f"lampiran/{attachment.pk}/")).status_code == 200
    code_url = f"/kota-serang/aduan/lacak/{complaint.tracking_code}/"
    assert client.post(code_url + "aksi/nilai/", {"nilai-score": "5"}).status_code == 302
    assert complaint.ratings.get().score == 5
    assert client.post(code_url + "aksi/tutup/", {"tutup-note": ""}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED


def test_an_invalid_action_form_is_422_and_changes_nothing(client, people):
    complaint = verified(
        government=people.government, agency=people.agency, status=Status.DISPATCHED
    )
    client.force_login(people.officer)
    response = client.post(url(complaint, "aksi/jawab/"), {"jawab-text": ""})
    assert response.status_code == 422
    complaint.refresh_from_db()
    assert complaint.status == Status.DISPATCHED


def test_officer_of_another_agency_cannot_act(client, people):
    complaint = verified(
        government=people.government, agency=people.agency, status=Status.DISPATCHED
    )
    client.force_login(people.officer_b)
    assert client.post(url(complaint, "aksi/jawab/"), {"jawab-text": "x"}).status_code == 403


def test_the_officer_sends_a_report_back_with_a_reason(client, people):
    complaint = verified(
        government=people.government, agency=people.agency, status=Status.DISPATCHED
    )
    client.force_login(people.officer)
    response = client.post(
        url(complaint, "aksi/kembalikan/"), {"kembalikan-note": "Ini kewenangan DPUPR."}
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.VERIFIED and complaint.agency is None


def test_the_reporter_objects_by_code(client, people):
    complaint = verified(government=people.government, agency=people.agency, status=Status.ANSWERED)
    code_url = f"/kota-serang/aduan/lacak/{complaint.tracking_code}/"
    response = client.post(code_url + "aksi/keberatan/", {"keberatan-note": "Lampunya masih mati."})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.REOPENED


def test_a_code_does_not_act_for_a_report_with_an_account(client, people):
    complaint = verified(
        government=people.government,
        agency=people.agency,
        status=Status.ANSWERED,
        reporter=people.resident,
    )
    code_url = f"/kota-serang/aduan/lacak/{complaint.tracking_code}/"
    assert client.post(code_url + "aksi/keberatan/", {"keberatan-note": "x"}).status_code == 403


def test_unknown_action_is_404_and_get_is_405(client, people):
    complaint = verified(
        government=people.government, agency=people.agency, status=Status.DISPATCHED
    )
    client.force_login(people.coordinator)
    assert client.post(url(complaint, "aksi/terbang/"), {}).status_code == 404
    assert client.get(url(complaint, "aksi/jawab/")).status_code == 405


def test_confidential_attachments_are_not_public(client, people):
    complaint = ComplaintFactory(government=people.government, privacy=Privacy.CONFIDENTIAL)
    services.complaint_verify(complaint=complaint, by=people.coordinator)
    from rembug.complaints.services import _attach

    attachment = _attach(
        complaint, [CleanFile(photo_bytes(), "image/jpeg", "jpg", 40, 30)], by=None
    )[0]
    assert client.get(url(complaint, f"lampiran/{attachment.pk}/")).status_code == 404
    code_url = f"/kota-serang/aduan/lacak/{complaint.tracking_code}/lampiran/{attachment.pk}/"
    assert client.get(code_url).status_code == 200


def test_the_reporter_withdraws_a_report_not_yet_verified(client, people):
    complaint = ComplaintFactory(government=people.government)
    code_url = f"/kota-serang/aduan/lacak/{complaint.tracking_code}/"
    assert "aksi/tarik/" in client.get(code_url).text
    assert client.post(code_url + "aksi/tarik/", {"tarik-note": ""}).status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.archive_reason, complaint.resolved_by) == (
        Status.ARCHIVED,
        "withdrawn",
        "reporter",
    )
    assert "aksi/tarik/" not in client.get(code_url).text


def test_the_coordinator_sees_routing_suggestions_and_the_top_one_is_preselected(client, people):
    complaint = ComplaintFactory(
        government=people.government,
        title="WiFi publik di kantor kelurahan mati",
        text="Internet gratis di kantor kelurahan tidak bisa dipakai sejak minggu lalu.",
    )
    client.force_login(people.coordinator)
    response = client.get(url(complaint))
    suggestions = response.context["suggestions"]
    assert suggestions and suggestions[0].agency == people.agency
    verify_form = next(
        item["form"] for item in response.context["action_forms"] if item["name"] == "verifikasi"
    )
    assert verify_form.fields["agency"].initial == people.agency.pk


def test_the_coordinator_sees_a_similar_report_and_it_is_preset_as_the_original(client, people):
    text = "Lampu penerangan jalan di gang Melati RT 03 padam sejak seminggu, gelap malam hari."
    original = verified(
        government=people.government, title="Lampu jalan gang Melati padam", text=text
    )
    ComplaintFactory(
        government=people.government, title="Sampah di pasar", text="Sampah menumpuk di pasar."
    )
    copy = ComplaintFactory(
        government=people.government, title="Lampu jalan gang Melati padam", text=text
    )
    client.force_login(people.coordinator)
    response = client.get(url(copy))
    assert [item.complaint for item in response.context["similar"]] == [original]
    form = next(
        item["form"] for item in response.context["action_forms"] if item["name"] == "duplikat"
    )
    assert form.fields["original"].initial == original.pk


def test_a_report_taken_up_in_the_plan_shows_the_plan_item(client, people):
    from rembug.planning.services import plan_item_input_link
    from rembug.planning.tests.factories import complete_renstra

    cascade = complete_renstra(people.government, people.agency)
    complaint = verified(government=people.government, agency=people.agency, status=Status.CLOSED)
    plan_item_input_link(
        item=cascade.subs[0], source_kind="complaint", source_id=complaint.pk, by=None
    )
    response = client.get(url(complaint))
    assert response.context["plan_items"] == [cascade.subs[0]]
    assert "/kota-serang/rencana/" in response.text and cascade.renstra.title in response.text
