"""Seal the head of an audit chain written before the head existed, so that verify does not
report it missing. (The same seal as ``rembug.core.audit``; migrations do not import app code.)"""

from django.db import migrations
from django.utils.crypto import salted_hmac


def seal_head(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    AuditHead = apps.get_model("core", "AuditHead")
    last = AuditEntry.objects.order_by("-id").first()
    if last is None or AuditHead.objects.filter(pk=1).exists():
        return
    count = AuditEntry.objects.count()
    value = f"{count}:{last.pk}:{last.hash}"
    seal = salted_hmac("rembug.core.audit.head", value, algorithm="sha256").hexdigest()
    AuditHead.objects.create(
        pk=1, entry_count=count, last_entry_id=last.pk, last_hash=last.hash, seal=seal
    )


def drop_head(apps, schema_editor):
    apps.get_model("core", "AuditHead").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_head")]

    operations = [migrations.RunPython(seal_head, drop_head)]
