from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "rembug.complaints"
    verbose_name = _("Complaints")

    def ready(self) -> None:
        from rembug.complaints import moderation, summary

        moderation.register()
        summary.connect()
