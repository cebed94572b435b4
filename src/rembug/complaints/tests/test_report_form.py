import pytest
from django.core import mail

from rembug.complaints.models import Complaint, ComplaintAttachment, Privacy, Status
from rembug.complaints.tests.factories import CategoryFactory, photo_upload, serang_regions

pytestmark = pytest.mark.django_db
URL = "/kota-serang/aduan/baru/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def form_data(**overrides):
    data = {
        "title": "Sampah menumpuk di pinggir jalan",
        "text": "Sampah di depan pasar sudah tiga hari tidak diangkut dan berbau.",
        "classification": "pengaduan",
        "privacy": "publik",
        "contact_name": "Dedi",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("who", ["anonymous", "resident", "outsider", "officer"])
def test_it_shows_the_form_to_everyone(client, people, who):
    user = people.all_roles()[who]
    if user:
        client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="photos"' in response.text


def test_it_takes_a_report_without_an_account_and_shows_the_tracking_code(
    client, people, django_capture_on_commit_callbacks
):
    regions = serang_regions()
    category = CategoryFactory(government=people.government, name="Kebersihan")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL,
            form_data(
                kecamatan=regions["Kasemen"].pk,
                kelurahan=regions["Kasemen/Banten"].pk,
                category=category.pk,
                contact_email="dedi@contoh.id",
                photos=[photo_upload(), photo_upload("b.png", "PNG")],
            ),
        )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert response["Location"] == f"/kota-serang/aduan/lacak/{complaint.tracking_code}/"
    assert complaint.reporter is None and complaint.kelurahan.name == "Banten"
    assert ComplaintAttachment.objects.filter(complaint=complaint).count() == 2
    page = client.get(response["Location"])
    assert complaint.tracking_code in page.text
    assert len(mail.outbox) == 1 and complaint.tracking_code in mail.outbox[0].body


def test_a_signed_in_reporter_owns_the_report(client, people):
    client.force_login(people.resident)
    client.post(URL, form_data())
    complaint = Complaint.objects.get()
    assert complaint.reporter == people.resident
    mine = client.get("/kota-serang/aduan/laporan-saya/")
    assert complaint.title in mine.text


def test_it_rejects_a_file_that_is_not_a_photo_and_stores_nothing(client, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("foto.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = client.post(URL, form_data(photos=[fake]))
    assert response.status_code == 422
    assert not Complaint.objects.exists()


def test_it_rejects_more_than_five_photos(client, people):
    response = client.post(URL, form_data(photos=[photo_upload() for _ in range(6)]))
    assert response.status_code == 422
    assert not Complaint.objects.exists()


def test_it_rejects_a_kelurahan_of_another_kecamatan(client, people):
    regions = serang_regions()
    response = client.post(
        URL, form_data(kecamatan=regions["Kasemen"].pk, kelurahan=regions["Serang/Cipare"].pk)
    )
    assert response.status_code == 422
    assert not Complaint.objects.exists()


def test_it_requires_title_and_text(client, people):
    response = client.post(URL, form_data(title="", text=""))
    assert response.status_code == 422


def test_wrong_method(client, people):
    assert client.put(URL).status_code == 405


def test_the_kelurahan_picker_lists_the_villages_of_a_kecamatan(client, people):
    regions = serang_regions()
    response = client.get(
        "/kota-serang/aduan/baru/kelurahan/", {"kecamatan": regions["Kasemen"].pk}
    )
    assert "Banten" in response.text and "Cipare" not in response.text


def test_the_emergency_check_shows_112_for_an_emergency_only(client, people):
    url = "/kota-serang/aduan/baru/cek-darurat/"
    alarm = client.post(
        url, {"title": "", "text": "Tolong ada kebakaran rumah di Kasemen sekarang"}
    )
    assert 'href="tel:112"' in alarm.text
    calm = client.post(url, {"title": "", "text": "Mohon informasi jadwal pelayanan KTP"})
    assert "tel:112" not in calm.text
    assert client.get(url).status_code == 405


def test_an_emergency_report_lands_in_the_emergency_queue(client, people):
    client.post(
        URL,
        form_data(title="Kebakaran", text="Tolong, ada kebakaran rumah warga sekarang, api besar!"),
    )
    complaint = Complaint.objects.get()
    assert complaint.is_emergency
    client.force_login(people.coordinator)
    queue = client.get("/kota-serang/aduan/koordinator/")
    assert queue.context["sections"][0][0] == "emergency"
    assert list(queue.context["sections"][0][2]) == [complaint]


def test_anonymous_privacy_is_kept(client, people):
    client.post(URL, form_data(privacy=Privacy.ANONYMOUS, contact_name="Rahasia Sekali"))
    complaint = Complaint.objects.get()
    assert complaint.privacy == Privacy.ANONYMOUS and complaint.status == Status.SUBMITTED


def test_without_javascript_every_kelurahan_of_the_city_is_offered(client, people):
    serang_regions()
    response = client.get(URL)
    assert "Banten (Kasemen)" in response.text and "Cipare (Serang)" in response.text
