from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rembug.governments.models import Government


class TriageModel(models.Model):
    """One trained routing model of a government: versioned, with its metrics; one is active.

    Rolling back is activating an older version. ``artifact`` holds the pickled router, written
    only by ``triage_model_train``.
    """

    government = models.ForeignKey(
        Government,
        verbose_name=_("government"),
        on_delete=models.CASCADE,
        related_name="triage_models",
    )
    version = models.PositiveIntegerField(_("version"))
    trained_at = models.DateTimeField(_("trained at"), auto_now_add=True)
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trained by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    metrics = models.JSONField(_("metrics"), default=dict, blank=True)
    artifact = models.BinaryField(_("artifact"))
    is_active = models.BooleanField(_("active"), default=False)

    class Meta:
        verbose_name = _("triage model")
        verbose_name_plural = _("triage models")
        ordering = ["government", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "version"], name="triage_model_government_version_unique"
            ),
            models.UniqueConstraint(
                fields=["government"],
                condition=models.Q(is_active=True),
                name="triage_model_one_active_per_government",
            ),
        ]
        indexes = [
            models.Index(fields=["government", "is_active"], name="triage_model_government_active")
        ]

    def __str__(self) -> str:
        return f"{self.government} v{self.version}"
