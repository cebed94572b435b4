"""Audit entries are written pending and sealed into the chain later (``core.audit``): each gets
its position in the chain (``seq``) and an HMAC of its content (``mac``). Entries written before
were chained at once in id order, so their position is their rank by id; they keep no ``mac``."""

from django.conf import settings
from django.db import migrations, models

BATCH = 2000


def number_existing(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    batch = []
    ids = AuditEntry.objects.order_by("id").values_list("id", flat=True)
    for position, pk in enumerate(ids.iterator(chunk_size=BATCH), start=1):
        batch.append(AuditEntry(pk=pk, seq=position))
        if len(batch) == BATCH:
            AuditEntry.objects.bulk_update(batch, ["seq"])
            batch = []
    if batch:
        AuditEntry.objects.bulk_update(batch, ["seq"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0005_audit_actor_kept_when_account_deleted"),
        ("governments", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="mac",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="seq",
            field=models.PositiveBigIntegerField(blank=True, null=True, unique=True),
        ),
        migrations.RunPython(number_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(blank=True, max_length=64, null=True, unique=True),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(
                condition=models.Q(("seq__isnull", True)), fields=["id"], name="audit_pending"
            ),
        ),
    ]
