from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "rembug.forums"
    verbose_name = _("Forums")

    def ready(self) -> None:
        from rembug.forums import moderation

        moderation.register()
