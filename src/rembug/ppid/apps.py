from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PpidConfig(AppConfig):
    name = "rembug.ppid"
    verbose_name = _("Public information (PPID)")
