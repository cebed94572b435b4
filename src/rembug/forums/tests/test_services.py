from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from rembug.core.models import AuditEntry
from rembug.forums.models import Disposition, Forum, ForumInput, Participant, Reaction, Support
from rembug.forums.phases import ActionRefused
from rembug.forums.services import (
    InputFields,
    forum_attendance_mark,
    forum_attendance_register,
    forum_input_dispose,
    forum_input_submit,
    forum_input_support,
    input_score_set,
    participant_add,
    statement_add,
    statement_react,
)
from rembug.forums.tests.factories import (
    ForumFactory,
    ForumInputFactory,
    ScoringCriterionFactory,
    StatementFactory,
)
from rembug.testing.factories import AgencyFactory

Phase = Forum.Phase


@pytest.fixture
def forum(people):
    return ForumFactory(
        government=people.government, organiser=people.agency, phase=Phase.INPUT_OPEN
    )


def fields(**extra):
    values = {
        "title": "Internet gratis",
        "text": "Akses internet gratis di fasilitas publik",
        "proposer_name": "Ahmad",
        "institution": "Kecamatan Kasemen",
        "institution_kind": "kecamatan",
    }
    values.update(extra)
    return InputFields(**values)


@pytest.mark.django_db
def test_it_records_an_online_input_with_its_proposer(forum, people):
    item = forum_input_submit(
        forum=forum,
        by=people.resident,
        fields=fields(
            urusan_code="2.16",
            target_agency=people.agency,
            volume=Decimal(12),
            unit="titik",
            estimated_cost=Decimal(150_000_000),
        ),
    )
    assert item.proposer == people.resident
    assert item.source == ForumInput.Source.ONLINE
    assert item.government == people.government
    assert AuditEntry.objects.filter(
        action="create", object_id=str(item.pk), actor=people.resident
    ).exists()


@pytest.mark.django_db
def test_a_facilitator_captures_an_input_for_someone_else(forum, people):
    forum.phase = Phase.FORUM_DAY
    forum.save()
    item = forum_input_submit(forum=forum, by=people.officer, fields=fields(), captured=True)
    assert item.proposer is None
    assert item.captured_by == people.officer
    assert item.source == ForumInput.Source.CAPTURED


@pytest.mark.django_db
def test_submitting_outside_the_phase_is_refused(forum, people):
    forum.phase = Phase.DELIBERATION
    forum.save()
    with pytest.raises(ActionRefused):
        forum_input_submit(forum=forum, by=people.resident, fields=fields())
    assert not ForumInput.objects.exists()


@pytest.mark.django_db
def test_the_phase_is_read_from_the_database_not_the_stale_object(forum, people):
    Forum.objects.filter(pk=forum.pk).update(phase=Phase.DISPOSITION)
    with pytest.raises(ActionRefused):
        forum_input_submit(forum=forum, by=people.resident, fields=fields())


@pytest.mark.django_db
def test_an_agency_of_another_government_is_refused(forum, people):
    stranger = AgencyFactory(government=people.other_government)
    with pytest.raises(ValidationError):
        forum_input_submit(forum=forum, by=people.resident, fields=fields(target_agency=stranger))


@pytest.mark.django_db
def test_one_support_per_person(forum, people):
    item = ForumInputFactory(forum=forum)
    _support, created = forum_input_support(input=item, by=people.resident)
    _again, created_again = forum_input_support(input=item, by=people.resident)
    forum_input_support(input=item, by=people.stakeholder)
    item.refresh_from_db()
    assert (created, created_again) == (True, False)
    assert Support.objects.filter(input=item).count() == 2
    assert item.support_count == 2


@pytest.mark.django_db
def test_supporting_in_the_announcement_phase_is_refused(forum, people):
    item = ForumInputFactory(forum=forum)
    Forum.objects.filter(pk=forum.pk).update(phase=Phase.ANNOUNCEMENT)
    with pytest.raises(ActionRefused):
        forum_input_support(input=item, by=people.resident)


@pytest.mark.django_db
def test_one_reaction_per_participant_and_statement(forum, people):
    statement = StatementFactory(forum=forum)
    _r, created = statement_react(statement=statement, by=people.resident, value=1)
    _r2, created_again = statement_react(statement=statement, by=people.resident, value=-1)
    assert (created, created_again) == (True, False)
    assert list(Reaction.objects.values_list("value", flat=True)) == [1]
    participant = Participant.objects.get(forum=forum, user=people.resident)
    assert participant.institution_kind == "public"
    assert not participant.is_invited


@pytest.mark.django_db
def test_a_reaction_must_be_agree_disagree_or_pass(forum, people):
    statement = StatementFactory(forum=forum)
    with pytest.raises(ValidationError):
        statement_react(statement=statement, by=people.resident, value=2)


@pytest.mark.django_db
def test_statements_are_added_while_commenting_is_on(forum, people):
    statement = statement_add(
        forum=forum, by=people.stakeholder, text="  Internet publik harus gratis "
    )
    assert statement.text == "Internet publik harus gratis"
    Forum.objects.filter(pk=forum.pk).update(phase=Phase.DELIBERATION)
    with pytest.raises(ActionRefused):
        statement_add(forum=forum, by=people.stakeholder, text="Terlambat")


@pytest.mark.django_db
def test_attendance_by_code_and_by_tick(forum, people):
    Forum.objects.filter(pk=forum.pk).update(phase=Phase.FORUM_DAY)
    forum.refresh_from_db()
    guest = participant_add(
        forum=forum,
        by=people.coordinator,
        name="Dr. Rina",
        institution="Untirta",
        institution_kind="university",
    )
    other = participant_add(
        forum=forum,
        by=people.coordinator,
        name="Budi",
        institution="DPRD Komisi 1",
        institution_kind="dprd",
    )
    assert len(guest.attendance_code) == 6
    assert guest.attendance_code != other.attendance_code
    registered = forum_attendance_register(
        forum=forum, code=guest.attendance_code.lower(), by=people.stakeholder
    )
    assert registered.user == people.stakeholder
    assert registered.attended_at is not None
    with pytest.raises(ValidationError):
        forum_attendance_register(forum=forum, code=guest.attendance_code, by=people.resident)
    with pytest.raises(ValidationError):
        forum_attendance_register(forum=forum, code="ZZZZZZ", by=people.resident)
    ticked = forum_attendance_mark(participant=other, by=people.coordinator)
    assert ticked.attended_at is not None


@pytest.mark.django_db
def test_attendance_is_only_taken_on_the_forum_day(forum, people):
    guest = participant_add(
        forum=forum, by=people.coordinator, name="Dr. Rina", institution_kind="university"
    )
    with pytest.raises(ActionRefused):
        forum_attendance_mark(participant=guest, by=people.coordinator)


@pytest.mark.django_db
def test_scores_are_kept_one_per_criterion(forum, people):
    Forum.objects.filter(pk=forum.pk).update(phase=Phase.DELIBERATION)
    item = ForumInputFactory(forum=forum)
    criterion = ScoringCriterionFactory(forum=forum, weight=2)
    input_score_set(input=item, criterion=criterion, score=7, by=people.coordinator)
    row = input_score_set(input=item, criterion=criterion, score=9, by=people.coordinator)
    assert row.score == 9
    assert item.scores.count() == 1
    with pytest.raises(ValidationError):
        input_score_set(input=item, criterion=criterion, score=11, by=people.coordinator)


@pytest.fixture
def disposing(forum):
    Forum.objects.filter(pk=forum.pk).update(phase=Phase.DISPOSITION)
    forum.refresh_from_db()
    return forum


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("outcome", "extra"),
    [
        ("accepted", {}),
        ("merged", {}),
        ("deferred", {}),
        ("deferred", {"deferred_to_year": 1900}),
        ("forwarded", {}),
        ("rejected", {"reason": "   "}),
        ("maybe", {}),
    ],
)
def test_each_outcome_needs_what_it_says(disposing, people, outcome, extra):
    item = ForumInputFactory(forum=disposing)
    with pytest.raises(ValidationError):
        forum_input_dispose(input=item, by=people.coordinator, outcome=outcome, **extra)
    assert not Disposition.objects.exists()


@pytest.mark.django_db
def test_it_answers_each_input_exactly_once_and_tells_no_one_before_publishing(
    disposing, people, django_capture_on_commit_callbacks
):
    item = ForumInputFactory(forum=disposing, proposer_email="ahmad@contoh.id", title="Fiber optik")
    other = ForumInputFactory(forum=disposing)
    with django_capture_on_commit_callbacks(execute=True):
        forum_input_dispose(input=item, by=people.coordinator, outcome="merged", merged_into=other)
    with django_capture_on_commit_callbacks(execute=True):
        forum_input_dispose(
            input=item,
            by=people.planner,
            outcome="forwarded",
            forwarded_to=people.agency_b,
            reason="Kewenangan Dinas PUPR",
        )
    disposition = Disposition.objects.get(input=item)
    assert disposition.outcome == "forwarded"
    assert disposition.merged_into is None
    assert disposition.forwarded_to == people.agency_b
    assert disposition.decided_by == people.planner
    assert mail.outbox == []  # the answers are drafts until the results are published
    assert AuditEntry.objects.filter(action="update", object_id=str(disposition.pk)).exists()


@pytest.mark.django_db
def test_accepted_carries_the_plan_item(disposing, people):
    item = ForumInputFactory(forum=disposing)
    disposition = forum_input_dispose(
        input=item,
        by=people.coordinator,
        outcome="accepted",
        plan_item_label="Renja 2023: akses internet publik",
    )
    assert disposition.plan_item_label == "Renja 2023: akses internet publik"


@pytest.mark.django_db
def test_merging_into_a_merged_input_is_refused(disposing, people):
    a, b, c = ForumInputFactory.create_batch(3, forum=disposing)
    forum_input_dispose(input=b, by=people.coordinator, outcome="merged", merged_into=c)
    with pytest.raises(ValidationError):
        forum_input_dispose(input=a, by=people.coordinator, outcome="merged", merged_into=b)
    with pytest.raises(ValidationError):
        forum_input_dispose(input=a, by=people.coordinator, outcome="merged", merged_into=a)


@pytest.mark.django_db
def test_the_database_refuses_a_rejection_without_reason(disposing, people):
    from django.db import IntegrityError
    from django.utils import timezone

    item = ForumInputFactory(forum=disposing)
    with pytest.raises(IntegrityError):
        Disposition.objects.create(
            government=item.government, input=item, outcome="rejected", decided_at=timezone.now()
        )
