from django.contrib import admin

from rembug.complaints.models import (
    AnswerTemplate,
    Category,
    Complaint,
    ComplaintEvent,
    ServiceLevel,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin[Category]):
    list_display = ["name", "government", "default_agency", "is_active"]
    list_filter = ["government", "is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ServiceLevel)
class ServiceLevelAdmin(admin.ModelAdmin[ServiceLevel]):
    list_display = ["government", "classification", "severity", "working_days", "hours"]
    list_filter = ["government", "classification"]


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(admin.ModelAdmin[AnswerTemplate]):
    list_display = ["title", "agency", "government", "is_active"]
    list_filter = ["government"]


EVENT_FIELDS = (
    "at",
    "kind",
    "actor",
    "actor_role",
    "from_status",
    "to_status",
    "note",
    "is_internal",
)


class EventInline(admin.TabularInline[ComplaintEvent, Complaint]):
    model = ComplaintEvent
    extra = 0
    can_delete = False
    fields = EVENT_FIELDS
    readonly_fields = EVENT_FIELDS

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin[Complaint]):
    """Read-only: reports change only through the workflow services (timeline and audit)."""

    list_display = ["tracking_code", "title", "government", "status", "agency", "submitted_at"]
    list_filter = ["government", "status", "classification", "is_emergency"]
    search_fields = ["tracking_code", "lapor_tracking_id", "title"]
    inlines = [EventInline]

    def get_readonly_fields(self, request: object, obj: Complaint | None = None) -> list[str]:
        return [field.name for field in Complaint._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
