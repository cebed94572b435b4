import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from rembug.complaints.models import Complaint
from rembug.core.audit import audit_history
from rembug.moderation.models import Decision, ModeratedItem, Reason, State
from rembug.moderation.selectors import withheld_counts, withheld_ids
from rembug.moderation.services import (
    account_block,
    appeal_reject,
    appeal_submit,
    content_flag,
    content_moderate,
    item_decide,
    moderation_policy_set,
)

pytestmark = pytest.mark.django_db(transaction=False)


def _flag(report, by, *, address="", reason=Reason.SPAM):
    return content_flag(
        government=report.government, content=report, reason=reason, by=by, address=address
    )


def test_it_hides_after_three_distinct_flags_and_tells_the_author(
    people, report, flaggers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _flag(report, flaggers[0])
        _flag(report, flaggers[1])
        item = _flag(report, None, address="addr-1")
    assert item.state == State.HIDDEN
    assert item.flag_count == 3
    assert [d.action for d in item.decisions.all()] == [Decision.Action.AUTO_HIDDEN]
    assert len(mail.outbox) == 1
    assert report.reporter.email in mail.outbox[0].to
    assert "spam" in mail.outbox[0].body.lower()


def test_the_same_person_or_address_counts_once(people, report, flaggers):
    _flag(report, flaggers[0])
    with pytest.raises(ValidationError):
        _flag(report, flaggers[0])
    _flag(report, None, address="addr-1")
    with pytest.raises(ValidationError):
        _flag(report, None, address="addr-1")
    item = ModeratedItem.objects.get()
    assert item.flag_count == 2
    assert item.state == State.VISIBLE


def test_the_threshold_is_set_per_government(people, report, flaggers):
    moderation_policy_set(government=people.government, hide_after_flags=1, by=people.coordinator)
    assert _flag(report, flaggers[0]).state == State.HIDDEN


def test_an_author_cannot_flag_their_own_content_nor_anyone_unpublished(people, report):
    with pytest.raises(ValidationError):
        _flag(report, people.resident)
    report.verified_at = None
    report.save()
    with pytest.raises(ValidationError):
        _flag(report, people.officer)
    assert not ModeratedItem.objects.exists()


def test_a_hidden_report_leaves_public_lists_but_not_the_agency(people, report, flaggers):
    moderation_policy_set(government=people.government, hide_after_flags=1, by=people.coordinator)
    _flag(report, flaggers[0])
    public = Complaint.objects.public().exclude(pk__in=withheld_ids(people.government, Complaint))
    assert report not in public
    assert report in Complaint.objects.filter(government=people.government, agency=people.agency)
    assert withheld_counts(people.government, Complaint) == {"hidden": 1, "blocked": 0}


def test_moderator_decisions_follow_the_table_and_are_audited(people, report):
    item = content_moderate(
        government=people.government,
        content=report,
        to=State.BLOCKED,
        by=people.coordinator,
        reason=Reason.SARA,
        note="Ujaran kebencian",
    )
    assert item.state == State.BLOCKED
    with pytest.raises(ValidationError):
        item_decide(item=item, to=State.BLOCKED, by=people.coordinator, reason=Reason.SARA)
    item_decide(item=item, to=State.VISIBLE, by=people.coordinator)
    history = list(audit_history(item))
    assert len(history) == 2
    assert history[0].changes["state"] == ["blocked", "visible"]
    assert history[0].actor == people.coordinator


def test_hiding_needs_a_reason(people, report):
    with pytest.raises(ValidationError):
        content_moderate(
            government=people.government,
            content=report,
            to=State.HIDDEN,
            by=people.coordinator,
            reason="",
        )
    assert not ModeratedItem.objects.filter(state=State.HIDDEN).exists()


def test_the_author_appeals_once_and_restoring_upholds_it(people, report):
    item = content_moderate(
        government=people.government,
        content=report,
        to=State.HIDDEN,
        by=people.coordinator,
        reason=Reason.OFF_TOPIC,
    )
    with pytest.raises(ValidationError):
        appeal_submit(item=item, by=people.officer, text="bukan saya")
    appeal = appeal_submit(item=item, by=people.resident, text="Laporan saya relevan.")
    with pytest.raises(ValidationError):
        appeal_submit(item=item, by=people.resident, text="Sekali lagi")
    item_decide(item=item, to=State.VISIBLE, by=people.coordinator)
    appeal.refresh_from_db()
    assert appeal.outcome == "upheld"


def test_a_rejected_appeal_needs_a_reason_and_is_recorded(people, report):
    item = content_moderate(
        government=people.government,
        content=report,
        to=State.BLOCKED,
        by=people.coordinator,
        reason=Reason.ABUSE,
    )
    appeal_submit(item=item, by=people.resident, text="Mohon ditinjau ulang.")
    with pytest.raises(ValidationError):
        appeal_reject(item=item, by=people.coordinator, note="")
    appeal = appeal_reject(item=item, by=people.coordinator, note="Bahasa kasar tetap ada.")
    assert appeal.outcome == "rejected"
    assert item.decisions.last().action == Decision.Action.APPEAL_REJECTED


def test_blocking_a_spam_account_blocks_all_it_published_here_only(people, report):
    from rembug.complaints.tests.factories import verified

    second = verified(government=people.government, reporter=people.resident, title="Promo")
    elsewhere = verified(government=people.other_government, reporter=people.resident)
    account_block(
        government=people.government,
        user=people.resident,
        by=people.coordinator,
        reason=Reason.SPAM,
        remove_content=True,
    )
    blocked = set(
        ModeratedItem.objects.filter(state=State.BLOCKED).values_list("object_id", flat=True)
    )
    assert blocked == {report.pk, second.pk}
    assert elsewhere.pk not in blocked
    with pytest.raises(ValidationError):
        account_block(
            government=people.government,
            user=people.coordinator,
            by=people.coordinator,
            reason=Reason.SPAM,
        )
