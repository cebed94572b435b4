import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rembug.core.audit import audit_history, audit_verify
from rembug.core.models import AuditEntry
from rembug.governments.services import agency_update


@pytest.fixture
def changes(people):
    agency_update(agency=people.agency, by=people.officer, name="Diskominfo Serang")
    agency_update(agency=people.agency, by=people.coordinator, urusan_codes=["2.16"])
    agency_update(agency=people.agency, by=people.coordinator, urusan_codes=["2.16"])  # no change
    return people


def test_it_records_old_and_new_values_and_skips_no_op_updates(changes):
    history = list(audit_history(changes.agency))
    assert [e.changes for e in history] == [
        {"urusan_codes": [["2.16", "2.20", "2.21"], ["2.16"]]},
        {"name": ["Dinas Komunikasi dan Informatika", "Diskominfo Serang"]},
    ]
    assert [e.actor for e in history] == [changes.coordinator, changes.officer]


def test_the_chain_is_intact_after_normal_writes(changes, capsys):
    assert list(audit_verify()) == []
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out


def test_it_detects_an_edited_entry(changes):
    entry = AuditEntry.objects.order_by("id").first()
    AuditEntry.objects.filter(pk=entry.pk).update(changes={"name": ["x", "y"]})
    problems = list(audit_verify())
    assert [p.entry_id for p in problems] == [entry.pk]
    with pytest.raises(CommandError, match="tampered"):
        call_command("audit", "verify")


def test_it_detects_a_deleted_entry(changes):
    agency_update(agency=changes.agency, by=changes.officer, short_name="Kominfo")
    _first, second, *_ = AuditEntry.objects.order_by("id")
    second.delete()
    problems = list(audit_verify())
    assert problems and "link broken" in problems[0].reason


@pytest.mark.django_db
def test_administrator_reads_a_records_history(client, changes):
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(changes.agency)
    client.force_login(changes.administrator)
    response = client.get(f"/kota-serang/riwayat/{ct.pk}/{changes.agency.pk}/")
    assert response.status_code == 200
    assert "Diskominfo Serang" in response.text
    client.force_login(changes.outsider)
    assert client.get(f"/kota-serang/riwayat/{ct.pk}/{changes.agency.pk}/").status_code == 403


def test_it_detects_deleted_last_entries(changes):
    """The tail has no successor to break a link: the sealed head notices it is gone."""
    last = AuditEntry.objects.order_by("-id").first()
    last.delete()
    problems = list(audit_verify())
    assert problems and "tail deleted" in problems[-1].reason
    with pytest.raises(CommandError, match="tampered"):
        call_command("audit", "verify")


def test_it_detects_deleted_tail_when_the_head_was_rewritten_without_the_key(changes):
    from rembug.core.models import AuditHead

    keep = AuditEntry.objects.order_by("id").first()
    AuditEntry.objects.filter(id__gt=keep.pk).delete()
    AuditHead.objects.update(entry_count=1, last_entry_id=keep.pk, last_hash=keep.hash)
    reasons = [p.reason for p in audit_verify()]
    assert any("secret key" in r for r in reasons)


def test_it_detects_a_deleted_head(changes):
    from rembug.core.models import AuditHead

    AuditHead.objects.all().delete()
    assert any("head missing" in p.reason for p in audit_verify())


def test_an_anchor_kept_off_site_catches_a_rewrite_made_with_the_key(changes, capsys):
    """Whoever holds the secret key can truncate the chain and reseal the head; an anchor printed
    earlier still finds that its entry is gone."""
    from rembug.core.audit import _head_seal
    from rembug.core.models import AuditHead

    call_command("audit", "anchor")
    anchor = capsys.readouterr().out.strip()
    count, _sep, head_hash = anchor.partition(":")
    assert int(count) == AuditEntry.objects.count() and len(head_hash) == 64
    call_command("audit", "verify", "--anchor", anchor)

    keep = AuditEntry.objects.order_by("id").first()
    AuditEntry.objects.filter(id__gt=keep.pk).delete()
    AuditHead.objects.update(
        entry_count=1,
        last_entry_id=keep.pk,
        last_hash=keep.hash,
        seal=_head_seal(1, keep.pk, keep.hash),
    )
    assert list(audit_verify()) == []  # the rewrite fooled the head...
    with pytest.raises(CommandError, match="tampered"):  # ...not the anchor
        call_command("audit", "verify", "--anchor", anchor)
    assert "is gone from the chain" in capsys.readouterr().err


def test_a_malformed_anchor_is_refused(changes):
    with pytest.raises(CommandError, match="Bukan jangkar"):
        call_command("audit", "verify", "--anchor", "12:abc")


def test_writes_after_a_verified_chain_keep_it_verified(changes):
    agency_update(agency=changes.agency, by=changes.officer, short_name="Kominfo")
    assert list(audit_verify()) == []
