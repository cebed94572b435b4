from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LaporConfig(AppConfig):
    name = "rembug.lapor"
    verbose_name = _("LAPOR! import")
