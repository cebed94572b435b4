import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rembug.core.models import AuditEntry
from rembug.ppid import services
from rembug.ppid.models import (
    InformationRequest,
    ObjectionOutcome,
    RefusalGround,
    RequestEvent,
    Status,
)
from rembug.ppid.tests.factories import MONDAY, WIB, information_request
from rembug.ppid.workflow import PPID, REQUESTER, SUPERIOR, TRANSITIONS

pytestmark = pytest.mark.django_db


def test_it_is_due_at_the_end_of_the_tenth_working_day(people):
    made = information_request(people.agency)
    assert made.due_at == dt.datetime(2025, 3, 17, 23, 59, 59, tzinfo=WIB)
    assert made.status == Status.SUBMITTED
    assert made.tracking_code.startswith("P-")
    assert RequestEvent.objects.filter(request=made, to_status=Status.SUBMITTED).count() == 1


def test_its_audit_entry_carries_no_personal_data(people):
    made = information_request(people.agency, name="Nama Sangat Pribadi")
    entry = AuditEntry.objects.get(object_id=str(made.pk), action=AuditEntry.Action.CREATE)
    assert "Nama Sangat Pribadi" not in str(entry.changes)
    assert "3673010101900001" not in str(entry.changes)


def test_it_refuses_a_bad_nik_and_a_request_without_contact(people):
    with pytest.raises(ValidationError):
        information_request(people.agency, id_number="12345")
    with pytest.raises(ValidationError):
        information_request(people.agency, phone="", email="")
    assert not InformationRequest.objects.exists()


def test_it_refuses_an_agency_of_another_government(people):
    from rembug.testing.factories import AgencyFactory

    foreign = AgencyFactory(government=people.other_government)
    with pytest.raises(ValidationError):
        services.request_submit(
            government=people.government,
            agency=foreign,
            name="A",
            id_kind="nik",
            id_number="3673010101900001",
            address="x",
            phone="0812",
            information="x",
            purpose="x",
            access_mode="melihat",
            by=None,
        )


def test_it_extends_once_by_seven_working_days_with_a_reason(people):
    made = information_request(people.agency)
    with pytest.raises(ValidationError):
        services.request_extend(
            request=made, reason=" ", actors=frozenset({PPID}), by=people.officer
        )
    services.request_extend(
        request=made, reason="Dokumen di arsip gudang", actors=frozenset({PPID}), by=people.officer
    )
    made.refresh_from_db()
    assert made.status == Status.EXTENDED
    assert made.due_at == dt.datetime(2025, 3, 26, 23, 59, 59, tzinfo=WIB)
    with pytest.raises(ValidationError):
        services.request_extend(
            request=made, reason="lagi", actors=frozenset({PPID}), by=people.officer
        )
    assert AuditEntry.objects.filter(
        object_id=str(made.pk), action=AuditEntry.Action.TRANSITION
    ).exists()


def test_only_the_ppid_answers(people):
    made = information_request(people.agency)
    with pytest.raises(PermissionDenied):
        services.request_answer(
            request=made,
            outcome=Status.GRANTED,
            answer="Terlampir",
            actors=frozenset({REQUESTER, SUPERIOR}),
            by=people.coordinator,
        )
    made.refresh_from_db()
    assert made.status == Status.SUBMITTED


def test_a_refusal_needs_a_legal_ground(people):
    made = information_request(people.agency)
    with pytest.raises(ValidationError):
        services.request_answer(
            request=made, outcome=Status.REFUSED, answer="Tidak", actors=frozenset({PPID}), by=None
        )
    services.request_answer(
        request=made,
        outcome=Status.REFUSED,
        answer="Informasi dikecualikan",
        refusal_ground=RefusalGround.P17H,
        actors=frozenset({PPID}),
        by=people.officer,
        at=MONDAY + dt.timedelta(days=2),
    )
    made.refresh_from_db()
    assert (made.status, made.outcome, made.refusal_ground) == (
        Status.REFUSED,
        Status.REFUSED,
        RefusalGround.P17H,
    )
    assert made.answered_on_time is True


def test_the_requester_objects_only_after_the_due_time_when_unanswered(people):
    made = information_request(people.agency)
    with pytest.raises(ValidationError):
        services.request_object(
            request=made,
            reason="c",
            text="Belum dijawab",
            actors=frozenset({REQUESTER}),
            by=None,
            at=MONDAY + dt.timedelta(days=3),
        )
    late = dt.datetime(2025, 3, 18, 9, 0, tzinfo=WIB)
    services.request_object(
        request=made,
        reason="c",
        text="Belum dijawab",
        actors=frozenset({REQUESTER}),
        by=None,
        at=late,
    )
    made.refresh_from_db()
    assert made.status == Status.OBJECTED
    assert made.objection_due_at is not None and made.objection_due_at > late


def test_an_objection_comes_within_thirty_working_days_of_the_answer(people):
    made = information_request(people.agency)
    services.request_answer(
        request=made,
        outcome=Status.GRANTED,
        answer="Terlampir",
        actors=frozenset({PPID}),
        by=people.officer,
        at=MONDAY + dt.timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        services.request_object(
            request=made,
            reason="d",
            text="Tidak sesuai",
            actors=frozenset({REQUESTER}),
            by=None,
            at=MONDAY + dt.timedelta(days=90),
        )
    services.request_object(
        request=made,
        reason="d",
        text="Tidak sesuai",
        actors=frozenset({REQUESTER}),
        by=None,
        at=MONDAY + dt.timedelta(days=10),
    )
    with pytest.raises(PermissionDenied):
        services.objection_answer(
            request=made, outcome="diterima", answer="x", actors=frozenset({PPID}), by=None
        )
    services.objection_answer(
        request=made,
        outcome=ObjectionOutcome.UPHELD,
        answer="PPID wajib memberikan salinan lengkap",
        actors=frozenset({SUPERIOR}),
        by=people.coordinator,
    )
    made.refresh_from_db()
    assert made.status == Status.OBJECTION_ANSWERED
    assert made.outcome == Status.GRANTED
    assert [
        e.to_status for e in RequestEvent.objects.filter(request=made).order_by("at", "id")
    ] == [
        Status.SUBMITTED,
        Status.GRANTED,
        Status.OBJECTED,
        Status.OBJECTION_ANSWERED,
    ]


def test_the_transition_table_names_only_known_statuses_and_actors():
    for source, targets in TRANSITIONS.items():
        assert source in Status.values
        for target, actors in targets.items():
            assert target in Status.values
            assert actors <= {PPID, REQUESTER, SUPERIOR}
    assert TRANSITIONS[Status.OBJECTION_ANSWERED] == {}
