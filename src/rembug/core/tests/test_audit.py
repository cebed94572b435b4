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
