from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from rembug.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):  # type: ignore[type-arg]
    fieldsets = (*BaseUserAdmin.fieldsets, ("Rembug", {"fields": ("full_name", "phone")}))  # type: ignore[misc]
    list_display = ["username", "full_name", "email", "is_staff", "is_active"]
    search_fields = ["username", "full_name", "email"]
