"""Audit entries are written pending (no lock, no shared row) and sealed into the chain later:
what the sealer does, and what verify still detects before and after sealing."""

import pytest
from django.core.management import call_command
from django.db.models import Max
from django_tasks_db.models import DBTaskResult

from rembug.core import audit
from rembug.core.audit import audit_pending_count, audit_seal, audit_verify
from rembug.core.models import AuditEntry, AuditHead
from rembug.core.tasks import audit_seal_task
from rembug.governments.services import agency_update


@pytest.fixture
def deferred(settings, monkeypatch):
    """The production setting: a task backend that runs work later (the database queue)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(audit, "_seal_queued_until", None)


def rename(people, name):
    agency_update(agency=people.agency, by=people.officer, name=name)


def sealed_count():
    head = AuditHead.objects.filter(pk=1).first()
    return head.entry_count if head else 0


def reasons():
    return [problem.reason for problem in audit_verify()]


def test_a_write_leaves_a_pending_entry_and_queues_one_seal(people, deferred, capsys):
    sealed_before = sealed_count()
    rename(people, "Diskominfo Serang")
    rename(people, "Diskominfo Kota Serang")
    pending = list(AuditEntry.objects.filter(seq__isnull=True).order_by("id"))
    assert len(pending) == 2
    assert all(len(e.mac) == 64 and e.hash is None and e.prev_hash == "" for e in pending)
    # Both writes within SEAL_DELAY: one run queued, for later.
    queued = DBTaskResult.objects.filter(task_path=audit_seal_task.module_path)
    assert queued.count() == 1 and queued.get().run_after is not None
    assert sealed_count() == sealed_before  # writers never touch the head

    assert reasons() == []
    call_command("audit", "verify")
    assert "2 not yet sealed" in capsys.readouterr().out

    assert audit_seal() == 2
    assert audit_pending_count() == 0
    head = AuditHead.objects.get()
    assert head.entry_count == AuditEntry.objects.count() == sealed_before + 2
    assert head.last_entry_id == pending[-1].pk
    assert list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True)) == list(
        range(1, head.entry_count + 1)
    )
    assert reasons() == []
    assert audit_seal() == 0


def test_the_queued_task_seals(people, deferred):
    rename(people, "Diskominfo Serang")
    assert audit_seal_task.call() == 1
    assert audit_pending_count() == 0 and reasons() == []


def test_an_entry_edited_before_sealing_is_detected_then_and_after(people, deferred):
    rename(people, "Diskominfo Serang")
    entry = AuditEntry.objects.get(seq__isnull=True)
    AuditEntry.objects.filter(pk=entry.pk).update(changes={"name": ["x", "y"]})
    assert reasons() == ["content changed or forged before it was sealed"]
    audit_seal()  # sealing does not launder it: the mac still disagrees
    assert reasons() == ["content changed after it was written"]


def test_a_pending_entry_forged_without_the_key_is_detected(people, deferred):
    rename(people, "Diskominfo Serang")
    entry = AuditEntry.objects.get(seq__isnull=True)
    entry.pk = None
    entry.note = "forged"
    entry.save()
    assert reasons() == ["content changed or forged before it was sealed"]
    AuditEntry.objects.filter(pk=entry.pk).update(mac="")
    assert reasons() == ["content changed or forged before it was sealed"]


def test_reordering_sealed_entries_is_detected(people):
    rename(people, "Diskominfo Serang")
    rename(people, "Diskominfo Kota Serang")
    first, second = AuditEntry.objects.order_by("-seq")[:2][::-1]
    AuditEntry.objects.filter(pk=second.pk).update(seq=None)
    AuditEntry.objects.filter(pk=first.pk).update(seq=second.seq)
    AuditEntry.objects.filter(pk=second.pk).update(seq=first.seq)
    found = reasons()
    assert found and "link broken" in found[0]


def test_a_sealed_entry_taken_out_of_the_chain_is_detected(people):
    rename(people, "Diskominfo Serang")
    last = AuditEntry.objects.order_by("-seq").first()
    AuditEntry.objects.filter(pk=last.pk).update(seq=None)
    found = reasons()
    assert "taken out of the chain after it was sealed" in found
    assert any("tail deleted" in r for r in found)


def test_an_entry_committed_after_a_later_id_was_sealed_takes_the_next_position(people, deferred):
    """Ids are handed out at insert, commits land in any order: the late one is chained
    after what was already sealed, and the chain holds."""
    rename(people, "Diskominfo Serang")
    audit_seal()
    rename(people, "Diskominfo Kota Serang")
    late = AuditEntry.objects.get(seq__isnull=True)
    lowest = AuditEntry.objects.order_by("id").first().pk
    AuditEntry.objects.filter(pk=late.pk).update(id=lowest - 100)
    assert audit_seal() == 1
    late = AuditEntry.objects.get(pk=lowest - 100)
    assert late.seq == AuditEntry.objects.aggregate(Max("seq"))["seq__max"]
    assert reasons() == []


def test_sealing_in_batches_advances_the_head_per_batch(people, deferred):
    for number in range(5):
        rename(people, f"Diskominfo {number}")
    assert audit_seal(batch=2) == 5
    head = AuditHead.objects.get()
    assert head.entry_count == AuditEntry.objects.count()
    assert reasons() == []


def test_seal_and_anchor_commands_seal_pending_entries(people, deferred, capsys):
    rename(people, "Diskominfo Serang")
    call_command("audit", "anchor")
    count, _sep, _hash = capsys.readouterr().out.strip().partition(":")
    assert int(count) == AuditEntry.objects.count() and audit_pending_count() == 0
    rename(people, "Diskominfo Kota Serang")
    call_command("audit", "seal")
    assert "1 entries" in capsys.readouterr().out
    call_command("audit", "verify", "--anchor", f"{count}:{_hash}")


def test_with_an_immediate_task_backend_each_write_is_sealed_at_once(people):
    rename(people, "Diskominfo Serang")
    assert audit_pending_count() == 0
    assert AuditHead.objects.get().entry_count == AuditEntry.objects.count()
