import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from rembug.complaints import services
from rembug.complaints.models import (
    Classification,
    Complaint,
    ComplaintEvent,
    ComplaintRating,
    Privacy,
    ServiceLevel,
    Severity,
    Status,
)
from rembug.complaints.tests.factories import ComplaintFactory, serang_regions
from rembug.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def submit(people, **kwargs):
    kwargs.setdefault("title", "Jalan berlubang di Jalan Ki Mas Jong")
    kwargs.setdefault("text", "Lubang besar di tengah jalan, sudah dua motor jatuh minggu ini.")
    kwargs.setdefault("by", None)
    kwargs.setdefault("contact_name", "Ahmad")
    return services.complaint_submit(government=people.government, **kwargs)


def test_submit_sets_the_due_time_by_working_days_and_writes_timeline_and_audit(people):
    complaint = submit(people, classification=Classification.PERMINTAAN_INFORMASI)
    assert complaint.status == Status.SUBMITTED
    assert len(complaint.tracking_code) == 11
    assert complaint.due_at > complaint.submitted_at + dt.timedelta(days=4)
    event = complaint.events.get()
    assert (event.from_status, event.to_status) == ("", Status.SUBMITTED)
    assert AuditEntry.objects.filter(object_id=str(complaint.pk), action="create").exists()


def test_submit_flags_an_emergency_with_a_due_time_in_minutes(people):
    complaint = submit(
        people, title="Kebakaran rumah", text="Tolong, ada kebakaran rumah di Kasemen sekarang!"
    )
    assert complaint.is_emergency
    assert complaint.emergency_kind
    assert complaint.due_at - complaint.submitted_at <= dt.timedelta(minutes=30)


def test_submit_refuses_a_kelurahan_outside_the_kecamatan(people):
    regions = serang_regions()
    with pytest.raises(ValidationError):
        submit(people, kecamatan=regions["Kasemen"], kelurahan=regions["Serang/Cipare"])


def test_hours_service_level_by_severity(people):
    ServiceLevel.objects.create(
        government=people.government, classification="pengaduan", severity=Severity.LIGHT, hours=24
    )
    friday = dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    due = services.service_level_due(
        government=people.government, classification="pengaduan", severity="ringan", start=friday
    )
    assert due == dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    default = services.service_level_due(
        government=people.government, classification="pengaduan", severity="berat", start=friday
    )
    assert default.date() == dt.date(2026, 12, 10)  # 14 working days


def test_the_full_path_to_closed(people):
    complaint = submit(people)
    services.complaint_verify(complaint=complaint, by=people.coordinator)
    services.complaint_dispatch(complaint=complaint, agency=people.agency_b, by=people.coordinator)
    services.complaint_start(complaint=complaint, by=people.officer_b)
    answer = services.complaint_answer(
        complaint=complaint, text="Sudah ditambal.", by=people.officer_b
    )
    assert answer.within_service_level
    complaint.refresh_from_db()
    assert complaint.status == Status.ANSWERED and complaint.first_answered_at
    services.complaint_close(complaint=complaint, by=None, holds_code=True)
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED and complaint.resolved_by == "reporter"
    assert list(complaint.events.values_list("to_status", flat=True)) == [
        "submitted",
        "verified",
        "dispatched",
        "in_progress",
        "answered",
        "closed",
    ]
    assert AuditEntry.objects.filter(object_id=str(complaint.pk), action="transition").count() == 5


def test_officer_of_another_agency_cannot_answer(people):
    complaint = submit(people)
    services.complaint_verify(complaint=complaint, by=people.coordinator)
    services.complaint_dispatch(complaint=complaint, agency=people.agency_b, by=people.coordinator)
    with pytest.raises(PermissionDenied):
        services.complaint_answer(complaint=complaint, text="x", by=people.officer)
    with pytest.raises(PermissionDenied):
        services.complaint_verify(complaint=complaint, by=people.officer_b)


def test_a_step_outside_the_table_is_refused(people):
    complaint = submit(people)
    with pytest.raises(PermissionDenied):
        services.complaint_dispatch(
            complaint=complaint, agency=people.agency, by=people.coordinator
        )
    assert Complaint.objects.get(pk=complaint.pk).status == Status.SUBMITTED


def test_request_info_and_the_reporters_reply_send_it_back_to_the_agency(people):
    complaint = submit(people, by=people.resident)
    services.complaint_verify(complaint=complaint, by=people.coordinator)
    services.complaint_dispatch(complaint=complaint, agency=people.agency, by=people.coordinator)
    services.complaint_request_info(
        complaint=complaint, question="Di RT berapa?", by=people.officer
    )
    services.complaint_reply(complaint=complaint, text="RT 03 RW 02.", by=people.resident)
    complaint.refresh_from_db()
    assert complaint.status == Status.DISPATCHED


def test_return_to_coordinator_clears_the_agency_and_keeps_the_reason_internal(people):
    complaint = submit(people)
    services.complaint_verify(complaint=complaint, by=people.coordinator)
    services.complaint_dispatch(complaint=complaint, agency=people.agency, by=people.coordinator)
    services.complaint_return_to_coordinator(
        complaint=complaint, reason="Urusan DPUPR.", by=people.officer
    )
    complaint.refresh_from_db()
    assert complaint.status == Status.VERIFIED and complaint.agency is None
    assert complaint.events.last().is_internal


def test_reopen_on_objection_and_rate_once(people):
    complaint = submit(people, by=people.resident)
    services.complaint_verify(complaint=complaint, by=people.coordinator)
    services.complaint_dispatch(complaint=complaint, agency=people.agency, by=people.coordinator)
    services.complaint_answer(complaint=complaint, text="Sudah.", by=people.officer)
    services.complaint_reopen(complaint=complaint, reason="Belum diperbaiki.", by=people.resident)
    assert complaint.status == Status.REOPENED
    services.complaint_answer(complaint=complaint, text="Sekarang sudah.", by=people.officer)
    services.complaint_rate(complaint=complaint, score=4, by=people.resident)
    with pytest.raises(ValidationError):
        services.complaint_rate(complaint=complaint, score=5, by=people.resident)
    with pytest.raises(PermissionDenied):
        services.complaint_rate(complaint=complaint, score=1, by=people.stakeholder)
    assert ComplaintRating.objects.get().score == 4


def test_mark_duplicate_points_to_the_original(people):
    original = submit(people)
    copy = submit(people)
    services.complaint_mark_duplicate(complaint=copy, original=original, by=people.coordinator)
    copy.refresh_from_db()
    assert copy.status == Status.DUPLICATE and copy.duplicate_of == original


def test_autoclose_closes_answers_older_than_ten_days_only(people):
    old = ComplaintFactory(
        government=people.government,
        status=Status.ANSWERED,
        answered_at=timezone.now() - dt.timedelta(days=11),
    )
    fresh = ComplaintFactory(
        government=people.government,
        status=Status.ANSWERED,
        answered_at=timezone.now() - dt.timedelta(days=3),
    )
    assert services.complaints_autoclose() == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, old.resolved_by) == (Status.CLOSED, "system")
    assert fresh.status == Status.ANSWERED


def test_escalate_overdue_once(people):
    late = ComplaintFactory(
        government=people.government,
        status=Status.DISPATCHED,
        agency=people.agency,
        due_at=timezone.now() - dt.timedelta(hours=1),
    )
    assert services.complaints_escalate_overdue() == 1
    assert services.complaints_escalate_overdue() == 0
    late.refresh_from_db()
    assert late.escalated_at is not None
    assert late.events.get().kind == ComplaintEvent.Kind.ESCALATION


def test_reporter_may_withdraw_a_submitted_report_by_code(people):
    complaint = submit(people, privacy=Privacy.ANONYMOUS)
    services.complaint_archive(complaint=complaint, reason="other", by=None, holds_code=True)
    assert (complaint.status, complaint.archive_reason) == (Status.ARCHIVED, "withdrawn")


def test_the_coordinator_dismisses_a_false_emergency_alarm(people):
    complaint = submit(people, title="Kebakaran", text="Tolong ada kebakaran rumah sekarang!")
    assert complaint.is_emergency
    with pytest.raises(PermissionDenied):
        services.complaint_emergency_set(complaint=complaint, is_emergency=False, by=people.officer)
    services.complaint_emergency_set(complaint=complaint, is_emergency=False, by=people.coordinator)
    complaint.refresh_from_db()
    assert not complaint.is_emergency
    assert complaint.due_at > complaint.submitted_at + dt.timedelta(days=3)
    assert complaint.events.last().is_internal


def test_the_reporter_hears_of_the_answer_and_of_questions(
    people, django_capture_on_commit_callbacks, mailoutbox
):
    complaint = submit(people, contact_email="warga@contoh.id")
    services.complaint_verify(complaint=complaint, by=people.coordinator)
    services.complaint_dispatch(complaint=complaint, agency=people.agency, by=people.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_request_info(
            complaint=complaint, question="Di RT berapa?", by=people.officer
        )
    services.complaint_reply(complaint=complaint, text="RT 01", by=None, holds_code=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_answer(complaint=complaint, text="Sudah diperbaiki.", by=people.officer)
    assert [m.to for m in mailoutbox] == [["warga@contoh.id"], ["warga@contoh.id"]]
    assert (
        "Di RT berapa?" in mailoutbox[0].body and complaint.tracking_code in mailoutbox[1].subject
    )


def test_the_clock_stops_while_waiting_for_the_reporter(people):
    complaint = submit(people)
    services.complaint_request_info(
        complaint=complaint, question="Di mana tepatnya?", by=people.coordinator
    )
    due = complaint.due_at
    ComplaintEvent.objects.filter(complaint=complaint, to_status=Status.NEEDS_INFO).update(
        at=timezone.now() - dt.timedelta(days=3)
    )
    services.complaint_reply(complaint=complaint, text="Depan SDN 1.", by=None, holds_code=True)
    complaint.refresh_from_db()
    assert complaint.status == Status.SUBMITTED
    assert dt.timedelta(days=3) <= complaint.due_at - due < dt.timedelta(days=3, minutes=1)


def test_a_reopened_report_gets_a_fresh_due_time(people):
    complaint = ComplaintFactory(
        government=people.government,
        status=Status.ANSWERED,
        agency=people.agency,
        due_at=timezone.now() - dt.timedelta(days=5),
        escalated_at=timezone.now(),
    )
    services.complaint_reopen(complaint=complaint, reason="Masih rusak.", by=None, holds_code=True)
    complaint.refresh_from_db()
    assert complaint.due_at > timezone.now() and complaint.escalated_at is None
