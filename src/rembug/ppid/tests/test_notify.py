"""The PPID's e-mails: who hears of which step, in Indonesian, with the tracking link, sent by a
background task once the step has committed."""

import datetime as dt

import pytest
from django.core import mail
from django.test import override_settings

from rembug.ppid import services
from rembug.ppid.models import ObjectionOutcome, RefusalGround, Status
from rembug.ppid.tests.factories import MONDAY, SENTINEL, information_request
from rembug.ppid.workflow import PPID, REQUESTER, SUPERIOR

pytestmark = pytest.mark.django_db

SITE = "https://rembug.serangkota.go.id"


def _by_address():
    found: dict[str, list] = {}
    for message in mail.outbox:
        for address in message.to:
            found.setdefault(address, []).append(message)
    return found


def _submit(people, django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        return information_request(people.agency, site=SITE, **overrides)


def test_the_requester_gets_the_code_and_the_ppid_hears_of_the_request(
    people, django_capture_on_commit_callbacks
):
    made = _submit(people, django_capture_on_commit_callbacks)
    sent = _by_address()
    assert set(sent) == {"budi@contoh.id", people.officer.email}  # not officer_b, not others
    to_requester = sent["budi@contoh.id"][0]
    assert to_requester.subject == f"Permohonan informasi {made.tracking_code} diterima"
    assert f"{SITE}/kota-serang/ppid/lacak/{made.tracking_code}/" in to_requester.body
    assert "17 Maret 2025" in to_requester.body  # 10 working days after Monday 3 March
    assert "Kode pelacakan" in to_requester.body  # written in Indonesian
    to_officer = sent[people.officer.email][0]
    assert made.tracking_code in to_officer.subject
    assert f"{SITE}/kota-serang/ppid/permohonan/{made.pk}/" in to_officer.body
    # The requester's identity stays on the request's page, out of the officers' mail.
    for value in ("Budi Santoso", "3673010101900001", "081234567890", "budi@contoh.id"):
        assert value not in to_officer.body


def test_nothing_is_sent_before_the_transaction_commits(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        information_request(people.agency)
    assert mail.outbox == []  # queued on commit, never inside the request
    assert len(callbacks) == 2


def test_a_requester_without_an_address_is_not_written_to(
    people, django_capture_on_commit_callbacks
):
    _submit(people, django_capture_on_commit_callbacks, email="", phone="081234567890")
    assert set(_by_address()) == {people.officer.email}


@override_settings(SITE_URL="https://ppid.example.go.id/")
def test_the_configured_site_address_wins_over_the_request_address(
    people, django_capture_on_commit_callbacks
):
    made = _submit(people, django_capture_on_commit_callbacks)
    body = _by_address()["budi@contoh.id"][0].body
    assert f"https://ppid.example.go.id/kota-serang/ppid/lacak/{made.tracking_code}/" in body


def test_the_requester_hears_of_the_extension_with_its_reason_and_new_date(
    people, django_capture_on_commit_callbacks
):
    made = information_request(people.agency)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_extend(
            request=made,
            reason="Dokumen masih di arsip Bappeda",
            actors=frozenset({PPID}),
            by=people.officer,
            at=MONDAY + dt.timedelta(days=2),
            site=SITE,
        )
    [message] = mail.outbox
    assert message.to == ["budi@contoh.id"]
    assert "diperpanjang" in message.subject
    assert "Dokumen masih di arsip Bappeda" in message.body
    assert "26 Maret 2025" in message.body  # 17 March + 7 working days
    assert made.tracking_code in message.body


def test_a_refusal_is_sent_with_its_legal_ground_and_the_last_day_to_object(
    people, django_capture_on_commit_callbacks
):
    made = information_request(people.agency)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_answer(
            request=made,
            outcome=Status.REFUSED,
            answer="Dokumen memuat data pribadi",
            refusal_ground=RefusalGround.P17H,
            actors=frozenset({PPID}),
            by=people.officer,
            at=MONDAY + dt.timedelta(days=1),
            site=SITE,
        )
    [message] = mail.outbox
    assert message.subject == f"Permohonan informasi {made.tracking_code} ditolak"
    assert "Pasal 17 huruf h" in message.body
    assert "Dokumen memuat data pribadi" in message.body
    until = services._local_day(made, services.objection_window_end(made))
    assert until in message.body
    assert f"{SITE}/kota-serang/ppid/lacak/{made.tracking_code}/" in message.body


def test_a_granted_answer_is_sent_to_the_account_of_a_signed_in_requester(
    people, django_capture_on_commit_callbacks
):
    made = information_request(people.agency, by=people.resident, email="", phone="0812")
    with django_capture_on_commit_callbacks(execute=True):
        services.request_answer(
            request=made,
            outcome=Status.GRANTED,
            answer="Salinan terlampir di tautan berikut",
            actors=frozenset({PPID}),
            by=people.officer,
            site=SITE,
        )
    [message] = mail.outbox
    assert message.to == [people.resident.email]
    assert "Salinan terlampir" in message.body


def test_an_objection_reaches_the_ppid_and_the_superiors_and_its_outcome_the_requester(
    people, django_capture_on_commit_callbacks
):
    made = information_request(people.agency)
    now = MONDAY + dt.timedelta(days=1)
    services.request_answer(
        request=made,
        outcome=Status.REFUSED,
        answer="Ditolak",
        refusal_ground=RefusalGround.NOT_CONTROLLED,
        actors=frozenset({PPID}),
        by=people.officer,
        at=now,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.request_object(
            request=made,
            reason="a",
            text="Informasi itu ada di Diskominfo",
            actors=frozenset({REQUESTER}),
            by=None,
            at=now + dt.timedelta(days=3),
            site=SITE,
        )
    sent = _by_address()
    assert set(sent) == {
        people.officer.email,
        people.coordinator.email,
        people.administrator.email,
    }
    for [message] in sent.values():
        assert len(message.to) == 1  # nobody learns the others' addresses
        assert "Informasi itu ada di Diskominfo" in message.body
        assert f"{SITE}/kota-serang/ppid/permohonan/{made.pk}/" in message.body
        assert "Budi Santoso" not in message.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.objection_answer(
            request=made,
            outcome=ObjectionOutcome.UPHELD,
            answer="PPID wajib memberikan salinan",
            actors=frozenset({SUPERIOR}),
            by=people.coordinator,
            site=SITE,
        )
    [message] = mail.outbox
    assert message.to == ["budi@contoh.id"]
    assert "PPID wajib memberikan salinan" in message.body
    assert "Komisi Informasi" in message.body
    assert made.tracking_code in message.subject


# The worker closes its database connections: on PostgreSQL the test needs real commits.
@pytest.mark.django_db(transaction=True)
def test_the_step_queues_the_mail_in_the_database_and_the_worker_sends_it(
    people, django_capture_on_commit_callbacks, settings
):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from rembug.ppid.tasks import ppid_notify

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        made = information_request(people.agency, site=SITE)
    assert mail.outbox == []  # the request only queued the work
    queued = DBTaskResult.objects.filter(task_path=ppid_notify.module_path)
    assert sorted(row.args_kwargs["kwargs"]["event"] for row in queued) == [
        "new_request",
        "registered",
    ]
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    assert sorted(address for m in mail.outbox for address in m.to) == sorted(
        ["budi@contoh.id", people.officer.email]
    )
    assert made.tracking_code in mail.outbox[0].body


def test_the_sentinels_identity_never_reaches_staff_mail(
    people, django_capture_on_commit_callbacks
):
    _submit(people, django_capture_on_commit_callbacks, **SENTINEL)
    for message in _by_address()[people.officer.email]:
        for value in SENTINEL.values():
            assert value not in message.body and value not in message.subject
