import pytest
from django.utils import timezone, translation

from rembug.ppid.models import InformationRequest, PublicInformation, RefusalGround, Status
from rembug.ppid.tests.factories import SENTINEL, information_request

pytestmark = pytest.mark.django_db

BASE = "/kota-serang/ppid/"


def _form(people, **overrides):
    data = {
        "agency": people.agency.pk,
        "information": "Daftar titik WiFi publik tahun 2025",
        "purpose": "Penelitian skripsi",
        "access_mode": "salinan_soft",
        "delivery": "email",
        "name": SENTINEL["name"],
        "id_kind": "nik",
        "id_number": SENTINEL["id_number"],
        "address": SENTINEL["address"],
        "phone": SENTINEL["phone"],
        "email": SENTINEL["email"],
    }
    data.update(overrides)
    return data


def test_it_takes_a_request_without_an_account_and_shows_the_code(client, people):
    response = client.post(f"{BASE}minta/", _form(people))
    made = InformationRequest.objects.get()
    assert response.status_code == 302
    assert response.url == f"{BASE}lacak/{made.tracking_code}/"
    page = client.get(response.url)
    assert made.tracking_code in page.text
    assert SENTINEL["name"] in page.text  # the requester holding the code sees their own data


def test_a_bad_nik_is_refused_with_a_message_and_nothing_saved(client, people):
    response = client.post(f"{BASE}minta/", _form(people, id_number="123"))
    assert response.status_code == 422
    assert "16" in response.text
    assert not InformationRequest.objects.exists()


def test_the_form_refuses_an_agency_of_another_government(client, people):
    from rembug.testing.factories import AgencyFactory

    foreign = AgencyFactory(government=people.other_government)
    response = client.post(f"{BASE}minta/", _form(people, agency=foreign.pk))
    assert response.status_code == 422
    assert not InformationRequest.objects.exists()


def test_the_detail_by_id_is_for_the_ppid_and_the_superior_only(client, people):
    made = information_request(people.agency)
    url = f"{BASE}permohonan/{made.pk}/"
    expected = {
        "resident": 403,
        "officer": 200,
        "officer_b": 403,
        "coordinator": 200,
        "leadership": 200,
        "outsider": 403,
    }
    for name, status in expected.items():
        client.force_login(getattr(people, name))
        response = client.get(url)
        assert response.status_code == status, name
        if name == "leadership":
            assert made.name not in response.text
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_the_officer_answers_and_the_requester_sees_it(client, people):
    made = information_request(people.agency)
    client.force_login(people.officer)
    response = client.post(
        f"{BASE}permohonan/{made.pk}/aksi/jawab/",
        {"jawab-outcome": "ditolak", "jawab-answer": "Dikecualikan", "jawab-refusal_ground": ""},
    )
    assert response.status_code == 422
    response = client.post(
        f"{BASE}permohonan/{made.pk}/aksi/jawab/",
        {
            "jawab-outcome": "ditolak",
            "jawab-answer": "Informasi memuat rahasia pribadi.",
            "jawab-refusal_ground": RefusalGround.P17H,
        },
    )
    assert response.status_code == 302
    client.logout()
    page = client.get(f"{BASE}lacak/{made.tracking_code}/")
    assert "Informasi memuat rahasia pribadi." in page.text
    with translation.override("id"):
        assert str(RefusalGround.P17H.label) in page.text


def test_another_agencys_officer_cannot_answer(client, people):
    made = information_request(people.agency)
    client.force_login(people.officer_b)
    response = client.post(
        f"{BASE}permohonan/{made.pk}/aksi/jawab/",
        {"jawab-outcome": "dipenuhi", "jawab-answer": "x"},
    )
    assert response.status_code == 403
    made.refresh_from_db()
    assert made.status == Status.SUBMITTED


def test_the_requester_cannot_answer_their_own_request_by_code(client, people):
    made = information_request(people.agency)
    response = client.post(
        f"{BASE}lacak/{made.tracking_code}/aksi/jawab/",
        {"jawab-outcome": "dipenuhi", "jawab-answer": "x"},
    )
    assert response.status_code == 403


def test_the_queue_marks_overdue_requests(client, people):
    information_request(people.agency)  # submitted in March 2025: long overdue
    client.force_login(people.officer)
    response = client.get(f"{BASE}antrean/")
    assert response.status_code == 200
    assert "overdue" in response.text or "lewat" in response.text
    client.force_login(people.resident)
    assert client.get(f"{BASE}antrean/").status_code == 403


def test_the_register_never_shows_personal_data(client, people):
    made = information_request(people.agency, **SENTINEL)
    response = client.get(BASE)
    assert response.status_code == 200
    assert "Salinan DPA Dinas Kominfo" in response.text
    # The tracking code opens the requester's objection form: never published.
    assert made.tracking_code not in response.text
    for value in SENTINEL.values():
        assert value not in response.text


def test_the_statistics_page_counts_the_year(client, people):
    information_request(people.agency)
    response = client.get(f"{BASE}statistik/?tahun=2025")
    assert response.status_code == 200
    assert "Dinas Komunikasi dan Informatika" in response.text


def test_the_agencys_ppid_keeps_its_list_of_public_information(client, people):
    from rembug.core.audit import audit_history

    url = f"{BASE}daftar-informasi/{people.agency.slug}/"
    entry = {
        "title": "Renstra Diskominfo 2025–2029",
        "summary": "Rencana strategis lima tahun",
        "responsible": "Sekretaris Dinas",
        "format": "PDF",
        "retention": "Permanen",
        "category": "berkala",
        "year": "2025",
    }
    client.force_login(people.resident)
    assert client.post(url, entry).status_code == 403
    client.force_login(people.officer_b)
    assert client.post(url, entry).status_code == 403
    client.force_login(people.officer)
    assert client.post(url, entry).status_code == 302
    client.logout()
    assert "Renstra Diskominfo 2025–2029" in client.get(url).text
    assert "Renstra Diskominfo 2025–2029" in client.get(f"{BASE}daftar-informasi/").text
    added = PublicInformation.objects.get()
    edit = f"{url}{added.pk}/ubah/"
    assert client.get(edit).status_code == 302  # to the login page
    client.force_login(people.officer_b)
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"ubah-title": "Diganti"}).status_code == 403

    client.force_login(people.officer)
    assert "ubah/" in client.get(url).text  # the keeper sees the link to change each entry
    changed = {f"ubah-{name}": value for name, value in entry.items()}
    changed["ubah-retention"] = "10 tahun"
    assert client.post(edit, changed).status_code == 302
    added.refresh_from_db()
    assert added.retention == "10 tahun"
    change = audit_history(added).first()
    assert change.actor == people.officer
    assert change.changes == {"retention": ["Permanen", "10 tahun"]}
    page = client.get(edit)
    assert "10 tahun" in page.text and str(people.officer) in page.text  # the history

    retire = f"{url}{added.pk}/tarik/"
    response = client.post(retire, {"tarik-reason": ""})
    assert response.status_code == 422
    added.refresh_from_db()
    assert added.retired_at is None
    assert client.post(retire, {"tarik-reason": "Diganti Renstra perubahan"}).status_code == 302
    added.refresh_from_db()
    assert added.is_retired and added.retired_reason == "Diganti Renstra perubahan"
    assert audit_history(added).first().note == "Diganti Renstra perubahan"
    assert "Diganti Renstra perubahan" in client.get(url).text  # the keeper's retired list
    assert client.post(edit, changed).status_code == 403  # a retired entry stays as it was
    client.logout()
    assert "Renstra Diskominfo 2025–2029" not in client.get(url).text
    assert "Renstra Diskominfo 2025–2029" not in client.get(f"{BASE}daftar-informasi/").text


def test_exempt_information_needs_its_pasal_17_ground_and_consequence_test(client, people):
    url = f"{BASE}daftar-informasi/{people.agency.slug}/"
    entry = {
        "title": "Data pribadi pelapor aduan",
        "summary": "Identitas pelapor pada kanal aduan",
        "responsible": "PPID Pelaksana",
        "format": "Basis data",
        "retention": "5 tahun",
        "category": "dikecualikan",
    }
    client.force_login(people.officer)
    response = client.post(url, entry)
    assert response.status_code == 422
    assert "Pasal 17" in response.text
    assert not PublicInformation.objects.exists()
    entry["exemption_ground"] = "pasal17h"
    entry["exemption_reason"] = "Membuka identitas pelapor membahayakan pelapor."
    assert client.post(url, entry).status_code == 302
    saved = PublicInformation.objects.get()
    assert saved.exemption_ground == "pasal17h"
    client.logout()
    page = client.get(f"{BASE}daftar-informasi/")
    assert "Pasal 17 huruf h" in page.text  # the public list names the ground of the exemption


def test_public_pages_refuse_post_and_other_governments_see_nothing(client, people):
    information_request(people.agency)
    assert client.post(BASE).status_code == 405
    response = client.get("/kota-tangerang-selatan/ppid/")
    assert "Salinan DPA" not in response.text


def test_register_query_count_does_not_grow(client, people):
    from rembug.testing.fixtures import assert_query_count_constant

    information_request(people.agency)
    assert_query_count_constant(
        lambda: client.get(BASE),
        lambda: [information_request(people.agency_b) for _ in range(3)],
        label="ppid register",
    )


def test_the_requester_objects_by_code_and_the_superior_answers(client, people):
    import datetime as dt

    from rembug.ppid import services
    from rembug.ppid.tests.factories import MONDAY
    from rembug.ppid.workflow import PPID

    made = information_request(people.agency)
    services.request_answer(
        request=made,
        outcome=Status.REFUSED,
        answer="Dikecualikan",
        refusal_ground=RefusalGround.P17H,
        actors=frozenset({PPID}),
        by=people.officer,
        at=MONDAY + dt.timedelta(days=1),
    )
    # Answered in March 2025: the 30 working days to object are long gone. The requester is
    # told so, with the day the window closed (4 March + 30 working days, past Lebaran 2025).
    closed = services.objection_window_end(made)
    page = client.get(f"{BASE}lacak/{made.tracking_code}/")
    assert "keberatan-text" not in page.text
    shown = services._local_day(made, closed)
    assert shown in page.text
    response = client.post(
        f"{BASE}lacak/{made.tracking_code}/aksi/keberatan/",
        {"keberatan-reason": "a", "keberatan-text": "Saya keberatan"},
    )
    assert response.status_code == 422
    assert f"berakhir pada {shown}" in response.text
    made.refresh_from_db()
    assert made.status == Status.REFUSED
    made.answered_at = timezone.now() - dt.timedelta(days=2)
    made.save(update_fields=["answered_at"])
    response = client.post(
        f"{BASE}lacak/{made.tracking_code}/aksi/keberatan/",
        {"keberatan-reason": "a", "keberatan-text": "Saya keberatan"},
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == Status.OBJECTED
    client.force_login(people.officer)
    assert client.get(f"{BASE}antrean/").status_code == 200
    response = client.post(
        f"{BASE}permohonan/{made.pk}/aksi/jawab-keberatan/",
        {"jawab-keberatan-outcome": "diterima", "jawab-keberatan-answer": "Berikan salinannya"},
    )
    assert response.status_code == 403
    client.force_login(people.coordinator)
    queue = client.get(f"{BASE}antrean/")
    assert made.tracking_code in queue.text
    response = client.post(
        f"{BASE}permohonan/{made.pk}/aksi/jawab-keberatan/",
        {"jawab-keberatan-outcome": "diterima", "jawab-keberatan-answer": "Berikan salinannya"},
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == Status.OBJECTION_ANSWERED


def test_a_signed_in_requester_finds_their_requests(client, people):
    client.force_login(people.resident)
    client.post(f"{BASE}minta/", _form(people))
    made = InformationRequest.objects.get()
    assert made.requester == people.resident
    mine = client.get(f"{BASE}permohonan-saya/")
    assert made.tracking_code in mine.text
    assert client.get(made.get_absolute_url()).status_code == 200
    client.force_login(people.stakeholder)
    assert made.tracking_code not in client.get(f"{BASE}permohonan-saya/").text


def test_a_bot_filling_the_hidden_field_is_refused(client, people):
    response = client.post(f"{BASE}minta/", _form(people, website="http://spam.example"))
    assert response.status_code == 422
    assert not InformationRequest.objects.exists()


def test_requests_from_one_address_are_rate_limited_and_nothing_is_saved(client, people, settings):
    settings.RATE_LIMITS = {"ppid_request": "2/h"}
    for _ in range(2):
        assert client.post(f"{BASE}minta/", _form(people)).status_code == 302
    response = client.post(f"{BASE}minta/", _form(people))
    assert response.status_code == 422
    assert "Terlalu banyak" in response.text
    assert InformationRequest.objects.count() == 2


def test_objections_are_rate_limited(client, people, settings):
    import datetime as dt

    from rembug.ppid import services
    from rembug.ppid.workflow import PPID

    settings.RATE_LIMITS = {"ppid_objection": "1/h"}
    made = [
        information_request(people.agency, at=timezone.now() - dt.timedelta(hours=1))
        for _ in range(2)
    ]
    for each in made:
        services.request_answer(
            request=each,
            outcome=Status.GRANTED,
            answer="Terlampir",
            actors=frozenset({PPID}),
            by=people.officer,
            at=timezone.now() - dt.timedelta(minutes=30),
        )
    data = {"keberatan-reason": "d", "keberatan-text": "Bukan yang saya minta"}
    first = client.post(f"{BASE}lacak/{made[0].tracking_code}/aksi/keberatan/", data)
    assert first.status_code == 302
    second = client.post(f"{BASE}lacak/{made[1].tracking_code}/aksi/keberatan/", data)
    assert second.status_code == 422
    assert "Terlalu banyak" in second.text
    made[1].refresh_from_db()
    assert made[1].status == Status.GRANTED
