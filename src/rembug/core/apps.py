from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

# Models holding a government's settings that ``core.calendar`` caches per process: a change
# touches the government so that every process reloads them.
GOVERNMENT_SETTINGS_MODELS = ("core.GovernmentDayOff", "complaints.ServiceLevel")


class CoreConfig(AppConfig):
    name = "rembug.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from rembug.core.calendar import government_setting_saved

        for model in GOVERNMENT_SETTINGS_MODELS:
            post_save.connect(
                government_setting_saved, sender=model, dispatch_uid=f"settings-save-{model}"
            )
            post_delete.connect(
                government_setting_saved, sender=model, dispatch_uid=f"settings-delete-{model}"
            )
