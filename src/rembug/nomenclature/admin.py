from django.contrib import admin

from rembug.nomenclature.models import NomenclatureItem, NomenclatureVersion


@admin.register(NomenclatureVersion)
class NomenclatureVersionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "regulation", "code_format", "imported_at"]


@admin.register(NomenclatureItem)
class NomenclatureItemAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name", "level", "version", "is_listed"]
    list_filter = ["version", "level", "is_listed"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
