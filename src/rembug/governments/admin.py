from django.contrib import admin

from rembug.core.admin import AuditedAdmin
from rembug.governments.models import Agency, Government, Membership


@admin.register(Government)
class GovernmentAdmin(AuditedAdmin):
    list_display = ["name", "region", "slug", "kind", "timezone", "is_active"]
    search_fields = ["name", "slug", "region__code"]
    raw_id_fields = ["region"]


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    list_display = ["name", "short_name", "government", "kind", "is_active"]
    list_filter = ["government", "kind"]
    search_fields = ["name", "short_name"]
    raw_id_fields = ["region"]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "government", "role", "agency", "is_head", "institution"]
    list_filter = ["government", "role", "is_head"]
    search_fields = ["user__username", "user__full_name", "institution"]
    raw_id_fields = ["user", "agency"]
