from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from rembug.core.audit import audit_record, audit_snapshot
from rembug.core.models import AuditEntry


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Admin pages write the same audit trail as the services do."""

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        before = audit_snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        action = AuditEntry.Action.UPDATE if change else AuditEntry.Action.CREATE
        audit_record(instance=obj, by=request.user, action=action, before=before)

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        audit_record(
            instance=obj,
            by=request.user,
            action=AuditEntry.Action.DELETE,
            before=audit_snapshot(obj),
        )
        super().delete_model(request, obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["at", "actor_label", "action", "content_type", "object_repr", "government"]
    list_filter = ["action", "content_type", "government"]
    search_fields = ["object_repr", "actor_label", "object_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
